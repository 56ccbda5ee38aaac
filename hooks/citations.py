"""Citations: check every key, format them all in one pandoc run, finish the footnotes.

mkdocs-bibtex turns each ``[@key]`` into "(Author, Year)" plus a footnote holding
the full reference, but it runs pandoc once per page and only *warns* about an
unknown key. This hook:

1. as soon as the configuration is loaded, reads every page's Markdown and hands
   mkdocs-bibtex's pandoc registry every citation of the site plus every entry of
   the bibliography in one call, in a background thread (pages are then served
   from its cache: one pandoc run per build and language; the first language's build
   also formats the other language's citations on the other core); before any page
   renders, fails (file and line) on a key that ``references.bib`` lacks;
   (``pypandoc`` would first ask pandoc for its lists of formats, two more processes;
   mkdocs-bibtex always converts markdown to markdown, so that check is skipped for
   this one call), and keeps the formatted result in ``.cache/citations/`` keyed by
   the hash of the bibliography, the style and the citations, so that a rebuild with
   nothing changed runs pandoc not at all;
2. after mkdocs-bibtex, gives a definition to a footnote written by hand against a
   bibliography key (``(Andayani, 2019)[^andayani2021]``, used where the article's
   words differ from its reference list and must stay as published), links each
   reference footnote to its entry on the Daftar Pustaka page, and places the
   page's references under a heading at its end.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import re
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import bahasa
from bib_teks import bib_path

BIBLIOGRAPHY_PAGE = "daftar-pustaka.md"
FOOTNOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.MULTILINE)
EN_DASH_RE = re.compile(r"(?<=\d)--(?=\d)")
REFERENCES_HEADING = "## {0} {{#referensi}}"
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


class _Formatting:
    """pandoc's one run, started in on_config so that it overlaps MkDocs' own start-up."""

    thread: threading.Thread | None = None
    error: BaseException | None = None
    prefetch: dict[str, threading.Thread] = {}


def _pages_markdown(docs_dir: Path) -> dict[str, str]:
    return {p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs_dir.rglob("*.md"))}


@event_priority(-10)  # after mkdocs-bibtex has built its registry
def on_config(config):
    from mkdocs_bibtex.citation import Citation, CitationBlock

    reg = registry(config)
    keys = set(reg.bib_data.entries)
    blocks = [block for md in _pages_markdown(Path(config.docs_dir)).values() for _, block in citation_blocks(md)]
    blocks = [b for b in blocks if all(c.key in keys for c in b.citations)]  # unknown keys: reported in on_files
    blocks += [CitationBlock(citations=[Citation(key=key)]) for key in sorted(keys)]
    bib_file = bib_path(config)
    cache_dir = Path(config.config_file_path).parent / ".cache" / "citations"
    language = bahasa.current(config)

    prefetch = _Formatting.prefetch.pop(language, None)
    if prefetch is not None:
        prefetch.join()  # started by the first language's build: its result is in the disk cache

    def work():
        try:
            format_all(reg, blocks, bib_file, cache_dir)
        except BaseException as exc:  # noqa: BLE001 - re-raised in on_files, on the main thread
            _Formatting.error = exc

    _Formatting.error = None
    _Formatting.thread = threading.Thread(target=work, name="pandoc-citations", daemon=True)
    _Formatting.thread.start()
    if language == bahasa.DEFAULT and config.plugins.get("i18n") is not None:
        for other in bahasa.LANGUAGES:
            if other != language:
                _Formatting.prefetch[other] = start_prefetch(other, blocks, bib_file, cache_dir)
    return config


def start_prefetch(language: str, blocks, bib_file: Path, cache_dir: Path) -> threading.Thread:
    """Format another language's citations on the other core while this build goes on (it only fills the
    disk cache; that language's build reads it, and formats them itself if anything went wrong here)."""
    from mkdocs_bibtex.registry import PandocRegistry

    from gaya_apa import LOCALES, localized_style

    def work():
        try:
            csl = localized_style(locale=LOCALES[language])
            format_all(PandocRegistry([str(bib_file)], str(csl), None), blocks, bib_file, cache_dir)
        except Exception:  # noqa: BLE001 - best effort: the language's own build formats and reports
            pass

    thread = threading.Thread(target=work, name=f"pandoc-citations-{language}", daemon=True)
    thread.start()
    return thread


def on_files(files, config):
    reg = registry(config)
    keys = set(reg.bib_data.entries)
    problems = []
    for file in files.documentation_pages():
        problems += citation_problems(file.content_string, file.src_uri, keys)  # before i18n: real paths
    if problems:
        raise PluginError("citations refer to nothing:\n  " + "\n  ".join(problems))
    if _Formatting.thread is not None:
        _Formatting.thread.join()
    if _Formatting.error is not None:
        raise PluginError(f"hooks/citations.py: formatting the citations failed: {_Formatting.error}")
    reg.validate_citation_blocks(  # a page added after on_config (mkdocs serve): formatted now
        [block for file in files.documentation_pages() for _, block in citation_blocks(file.content_string)]
    )
    missing = sorted(keys - set(reg._reference_cache))
    if missing:
        raise PluginError(f"references.bib: pandoc produced no reference for: {', '.join(missing)}")
    for key, text in reg._reference_cache.items():
        reg._reference_cache[key] = EN_DASH_RE.sub("\u2013", text)
    return files


def format_all(reg, blocks, bib_file: Path, cache_dir: Path) -> None:
    """Fill the registry's caches for every block: from disk if unchanged, else one pandoc run."""
    import pypandoc

    bib_text = bib_file.read_text(encoding="utf-8")
    csl_text = Path(reg.csl_file).read_text(encoding="utf-8")
    digest = hashlib.sha256(
        "\0".join([bib_text, csl_text, pypandoc.get_pandoc_version(), *sorted({str(b) for b in blocks})]).encode()
    ).hexdigest()[:20]
    locale = re.search(r'default-locale="([^"]+)"', csl_text)
    prefix = locale.group(1) if locale else "csl"
    cached = cache_dir / f"{prefix}-{digest}.json"
    if cached.is_file():
        data = json.loads(cached.read_text(encoding="utf-8"))
        reg._inline_cache.update(data["inline"])
        reg._reference_cache.update(data["references"])
        return
    reg.__dict__["bib_data_bibtex"] = bib_text  # pandoc reads the file as written; no round trip
    convert_text = pypandoc.convert_text
    pypandoc.convert_text = functools.partial(convert_text, verify_format=False)
    try:
        reg.validate_citation_blocks(blocks)  # one pandoc run for the whole site
    finally:
        pypandoc.convert_text = convert_text
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob(f"{prefix}-*.json"):  # one cache per language
        old.unlink()
    cached.write_text(
        json.dumps({"inline": reg._inline_cache, "references": reg._reference_cache}, ensure_ascii=False),
        encoding="utf-8",
    )


def bibliography_link(page) -> str:
    """Relative Markdown path from this page's source to the Daftar Pustaka page."""
    here = posixpath.dirname(bahasa.source(page.file))
    return posixpath.relpath(BIBLIOGRAPHY_PAGE, here or ".")


@event_priority(-10)  # after mkdocs-bibtex has written its footnotes
def on_page_markdown(markdown, page, config, files):
    if bahasa.source(page.file) == BIBLIOGRAPHY_PAGE:
        return markdown
    from mkdocs_bibtex.citation import Citation

    language = bahasa.of(page.file)
    reg = registry(config)
    keys = reg.bib_data.entries
    defined = {m.group(1) for m in FOOTNOTE_DEF_RE.finditer(markdown)}
    by_hand = [n for n in dict.fromkeys(FOOTNOTE_REF_RE.findall(markdown)) if n in keys and n not in defined]
    if by_hand:
        markdown += "\n\n" + "\n".join(f"[^{key}]: {reg.reference_text(Citation(key=key))}" for key in by_hand)

    target = bibliography_link(page)

    def link(match: re.Match) -> str:
        key, text = match.group(1), match.group(2)
        if key not in keys:
            return match.group(0)
        label, title = bahasa.t(language, "bibliography"), bahasa.t(language, "bibliography_entry")
        return f'[^{key}]: {text} [{label}]({target}#ref-{key}){{ .ke-daftar-pustaka title="{title}" }}'

    markdown = FOOTNOTE_DEF_RE.sub(link, markdown)
    if FOOTNOTE_DEF_RE.search(markdown):
        markdown += f"\n\n{REFERENCES_HEADING.format(bahasa.t(language, 'references'))}\n\n{PLACE_MARKER}\n"
    return markdown

