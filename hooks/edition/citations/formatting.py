"""Citations: check every key, format them all in one pandoc run, finish the footnotes.

mkdocs-bibtex turns each ``[@key]`` into "(Author, Year)" plus a footnote holding the
full reference, but it runs pandoc once per page and only *warns* about an unknown
key. Here:

1. ``start`` (as soon as the configuration is loaded) collects every citation block of
   the site plus one block per bibliography entry and formats them in one pandoc run
   in a background thread, or reads the result from ``.cache/citations/`` (keyed by
   the hash of the bibliography, the style and the citations); ``prefetch`` does the
   same for the other languages on the other core;
2. ``unknown_keys`` (before any page renders) lists every key ``references.bib``
   lacks, with file and line;
3. ``finish`` waits for the result and hands it to mkdocs-bibtex's registry, so that
   its own page step runs no pandoc;
4. ``link_footnotes`` (after mkdocs-bibtex) gives a definition to a footnote written
   by hand against a key (``(Andayani, 2019)[^andayani2021]``, where the article's
   words differ from its reference list), links each reference footnote to its entry
   on the Daftar Pustaka page, and puts the page's references under a heading.

``citations`` (and ``cited_keys``) is the one reader of what a page cites: every key of its ``[@...]`` blocks
(as mkdocs-bibtex reads them) and of its hand-written ``[^key]`` footnotes, in order.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pypandoc
from mkdocs.exceptions import PluginError

from edition import pages
from edition.citations import bibtex_adapter as bibtex

FOOTNOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.MULTILINE)
EN_DASH_RE = re.compile(r"(?<=\d)--(?=\d)")
REFERENCES_ID = "referensi"
REFERENCES_HEADING = "## {0} {{#" + REFERENCES_ID + "}}"
PLACE_MARKER = "///Footnotes Go Here///"  # where mkdocs-bibtex puts the footnotes


def citations(markdown: str) -> list[tuple[int, str]]:
    """(line, key) of every citation of a Markdown text, in order: each key of a ``[@...]`` block and each
    hand-written footnote ``[^key]`` (which the caller keeps if it is a key of references.bib)."""
    found = [(match.start(), citation.key) for match, block in bibtex.citation_block_matches(markdown)
             for citation in block.citations]
    found += [(match.start(), match.group(1)) for match in FOOTNOTE_REF_RE.finditer(markdown)]
    return [(markdown.count("\n", 0, start) + 1, key) for start, key in sorted(found, key=lambda item: item[0])]


def cited_keys(markdown: str) -> list[str]:
    """The keys a Markdown text cites, each once, in the order of their first citation."""
    return list(dict.fromkeys(key for _, key in citations(markdown)))


def unknown_keys(markdown: str, src: str, keys) -> list[str]:
    """Unknown keys in ``[@...]`` blocks and hand-written ``[^key]`` footnotes, one line each."""
    problems = []
    for line, block in bibtex.citation_blocks(markdown):
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


def site_blocks(docs_dir: Path, keys) -> list:
    """Every citation block of every page (known keys only), plus one block per entry."""
    blocks = [block for path in sorted(docs_dir.rglob("*.md"))
              for _, block in bibtex.citation_blocks(path.read_text(encoding="utf-8"))
              if all(c.key in keys for c in block.citations)]
    return blocks + [bibtex.CitationBlock(citations=[bibtex.Citation(key=key)]) for key in sorted(keys)]


def formatted(blocks: list, bib_file: Path, csl_file: str, cache_dir: Path) -> tuple[dict, dict]:
    """(inline texts, references) for every block: from the disk cache if unchanged, else one pandoc run."""
    csl_text = Path(csl_file).read_text(encoding="utf-8")
    digest = hashlib.sha256("\0".join([bib_file.read_text(encoding="utf-8"), csl_text, pypandoc.get_pandoc_version(),
                                       *sorted({str(b) for b in blocks})]).encode()).hexdigest()[:20]
    locale = re.search(r'default-locale="([^"]+)"', csl_text)
    prefix = locale.group(1) if locale else "csl"
    cached = cache_dir / f"{prefix}-{digest}.json"
    if cached.is_file():
        data = json.loads(cached.read_text(encoding="utf-8"))
        return data["inline"], data["references"]
    inline, refs = bibtex.run_pandoc(blocks, bib_file, csl_file)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob(f"{prefix}-*.json"):  # one cache per language
        old.unlink(missing_ok=True)
    # written whole, then renamed: a build running beside this one never reads half a file
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps({"inline": inline, "references": refs}, ensure_ascii=False), encoding="utf-8")
    partial.replace(cached)
    return inline, refs


def in_background(function, *args) -> Future:
    """Run ``function(*args)`` on another thread; the Future re-raises its error on ``result()``."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pandoc-citations")
    future = executor.submit(function, *args)
    executor.shutdown(wait=False)
    return future


def prefetch(blocks: list, bib_file: Path, csl_files: dict[str, str], cache_dir: Path) -> dict[str, Future]:
    """Format the other languages' citations in the background (language -> its CSL style), on the other core."""
    return {language: in_background(formatted, blocks, bib_file, csl_file, cache_dir)
            for language, csl_file in csl_files.items()}


def start(blocks: list, bib_file: Path, csl_file: str, cache_dir: Path, prefetched: Future | None) -> Future:
    """Format this language's citations in the background (after the prefetch of them, if one ran)."""
    if prefetched is not None:
        try:
            prefetched.result()  # it filled the disk cache; the run below reads it
        except Exception as exc:  # noqa: BLE001 - said loudly, not swallowed
            raise PluginError(f"formatting the citations ahead of this language's build failed: {exc}") from exc
    return in_background(formatted, blocks, bib_file, csl_file, cache_dir)


def finish(config, future: Future, pages_markdown: list[str]) -> None:
    """Hand the formatted citations to mkdocs-bibtex; fail if an entry produced no reference."""
    try:
        inline, refs = future.result()
    except Exception as exc:  # noqa: BLE001 - one line naming what failed
        raise PluginError(f"formatting the citations with pandoc failed: {exc}") from exc
    reg = bibtex.registry(config)
    bibtex.fill(reg, inline, {key: EN_DASH_RE.sub("\u2013", text) for key, text in refs.items()})
    # a page added after the configuration was read (mkdocs serve) is formatted now
    reg.validate_citation_blocks([block for markdown in pages_markdown for _, block in bibtex.citation_blocks(markdown)])
    missing = sorted(set(reg.bib_data.entries) - set(bibtex.references(reg)))
    if missing:
        raise PluginError(f"references.bib: pandoc produced no reference for: {', '.join(missing)}")


def bibliography_link(source: str) -> str:
    """Relative Markdown path from a page's source (language-neutral) to the Daftar Pustaka page."""
    here = posixpath.dirname(source)
    return posixpath.relpath(pages.BIBLIOGRAPHY, here or ".")


def link_footnotes(markdown: str, source: str, config, strings: dict) -> str:
    """Definitions for hand-written footnotes, a link to the list from each reference, a heading above them
    (``source``: the page's language-neutral source below docs/)."""
    if source == pages.BIBLIOGRAPHY:
        return markdown
    reg = bibtex.registry(config)
    keys = reg.bib_data.entries
    defined = {m.group(1) for m in FOOTNOTE_DEF_RE.finditer(markdown)}
    by_hand = [n for n in dict.fromkeys(FOOTNOTE_REF_RE.findall(markdown)) if n in keys and n not in defined]
    if by_hand:
        markdown += "\n\n" + "\n".join(f"[^{key}]: {reg.reference_text(bibtex.Citation(key=key))}" for key in by_hand)
    target = bibliography_link(source)

    def link(match: re.Match) -> str:
        key, text = match.group(1), match.group(2)
        if key not in keys:
            return match.group(0)
        return (f'[^{key}]: {text} [{strings["bibliography"]}]({target}#ref-{key})'
                f'{{ .to-bibliography title="{strings["bibliography_entry"]}" }}')

    markdown = FOOTNOTE_DEF_RE.sub(link, markdown)
    if FOOTNOTE_DEF_RE.search(markdown):
        markdown += f"\n\n{REFERENCES_HEADING.format(strings['references'])}\n\n{PLACE_MARKER}\n"
    return markdown
