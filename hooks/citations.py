"""Citations: check every key, format them all in one pandoc run, finish the footnotes.

mkdocs-bibtex turns each ``[@key]`` into "(Author, Year)" plus a footnote holding
the full reference, but it runs pandoc once per page and only *warns* about an
unknown key. This hook:

1. before any page renders, reads every page's Markdown, fails (file and line) on
   a key that ``references.bib`` lacks, and hands mkdocs-bibtex's pandoc registry
   every citation of the site plus every entry of the bibliography in one call,
   so pages are then served from its cache (one pandoc run per build);
2. after mkdocs-bibtex, gives a definition to a footnote written by hand against a
   bibliography key (``(Andayani, 2019)[^andayani2021]``, used where the article's
   words differ from its reference list and must stay as published), links each
   reference footnote to its entry on the Daftar Pustaka page, and places the
   page's references under a heading at its end.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

BIBLIOGRAPHY_PAGE = "daftar-pustaka.md"
FOOTNOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.MULTILINE)
EN_DASH_RE = re.compile(r"(?<=\d)--(?=\d)")
REFERENCES_HEADING = "## Referensi {#referensi}"
PLACE_MARKER = "///Footnotes Go Here///"


def registry(config):
    """mkdocs-bibtex's pandoc registry (built in its on_config)."""
    plugin = config.plugins.get("bibtex")
    if plugin is None or plugin.registry is None:
        raise PluginError("hooks/citations.py: the bibtex plugin has no registry (is it configured?)")
    return plugin.registry


def citation_blocks(markdown: str):
    """``(line, block)`` for every ``[@...]`` citation block of a Markdown text."""
    from mkdocs_bibtex.citation import CITATION_BLOCK_REGEX, CitationBlock

    for match in CITATION_BLOCK_REGEX.finditer(markdown):
        for block in CitationBlock.from_markdown(match.group(0)):
            yield markdown.count("\n", 0, match.start()) + 1, block


def citation_problems(markdown: str, src: str, keys) -> list[str]:
    """Unknown keys in ``[@...]`` blocks and hand-written ``[^key]`` footnotes."""
    problems = []
    for line, block in citation_blocks(markdown):
        for citation in block.citations:
            if citation.key not in keys:
                problems.append(f"docs/{src}:{line}: unknown citation key '{citation.key}' in {block}")
    defined = {m.group(1) for m in FOOTNOTE_DEF_RE.finditer(markdown)}
    for match in FOOTNOTE_REF_RE.finditer(markdown):
        name = match.group(1)
        if name not in keys and name not in defined:
            line = markdown.count("\n", 0, match.start()) + 1
            problems.append(f"docs/{src}:{line}: footnote [^{name}] is neither a bibliography key nor defined")
    return problems


def on_files(files, config):
    reg = registry(config)
    keys = set(reg.bib_data.entries)
    problems, blocks = [], []
    for file in files.documentation_pages():
        markdown = file.content_string
        problems += citation_problems(markdown, file.src_uri, keys)
        blocks += [block for _, block in citation_blocks(markdown)]
    if problems:
        raise PluginError("citations refer to nothing:\n  " + "\n  ".join(problems))

    from mkdocs_bibtex.citation import Citation, CitationBlock

    blocks += [CitationBlock(citations=[Citation(key=key)]) for key in sorted(keys)]
    reg.validate_citation_blocks(blocks)  # one pandoc run for the whole site
    missing = sorted(keys - set(reg._reference_cache))
    if missing:
        raise PluginError(f"references.bib: pandoc produced no reference for: {', '.join(missing)}")
    for key, text in reg._reference_cache.items():
        reg._reference_cache[key] = EN_DASH_RE.sub("\u2013", text)
    return files


def bibliography_link(page) -> str:
    """Relative Markdown path from this page's source to the Daftar Pustaka page."""
    here = posixpath.dirname(page.file.src_uri)
    return posixpath.relpath(BIBLIOGRAPHY_PAGE, here or ".")


@event_priority(-10)  # after mkdocs-bibtex has written its footnotes
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == BIBLIOGRAPHY_PAGE:
        return markdown
    reg = registry(config)
    keys = reg.bib_data.entries
    defined = {m.group(1) for m in FOOTNOTE_DEF_RE.finditer(markdown)}
    by_hand = [n for n in dict.fromkeys(FOOTNOTE_REF_RE.findall(markdown)) if n in keys and n not in defined]
    if by_hand:
        markdown += "\n\n" + "\n".join(f"[^{key}]: {reg.reference_text(_Key(key))}" for key in by_hand)

    target = bibliography_link(page)

    def link(match: re.Match) -> str:
        key, text = match.group(1), match.group(2)
        if key not in keys:
            return match.group(0)
        return f'[^{key}]: {text} [Daftar Pustaka]({target}#ref-{key}){{ .ke-daftar-pustaka title="Entri di Daftar Pustaka" }}'

    markdown = FOOTNOTE_DEF_RE.sub(link, markdown)
    if FOOTNOTE_DEF_RE.search(markdown):
        markdown += f"\n\n{REFERENCES_HEADING}\n\n{PLACE_MARKER}\n"
    return markdown


class _Key:
    """The minimal citation object mkdocs-bibtex's registry looks up by key."""

    def __init__(self, key: str):
        self.key = key
