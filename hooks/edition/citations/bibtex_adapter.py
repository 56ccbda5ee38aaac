"""mkdocs-bibtex and pypandoc, used where their public surface does not reach; and the edition's own
citation step, which does what mkdocs-bibtex does on a page, for a build without it.

**Who renders the citations is chosen in one place, mkdocs.yml.** With the ``- bibtex:`` plugin enabled (the
default), mkdocs-bibtex turns each ``[@key]`` into "(Author, Year)[^key]" and appends the page's reference
footnotes. With it disabled (``MKDOCS_BIBTEX=false``, which its ``enabled:`` reads) or its block deleted (then
the package can be uninstalled: nothing here imports it), ``render`` does the same, byte for byte
(tests/citations/test_without_mkdocs_bibtex.py builds the site without the package and diffs it; MAINTAINING.md).
Everything else was already the edition's own: reading and checking references.bib, one pandoc run for the
whole site, unknown keys, the footnotes' links to the list, the list itself (edition.citations.formatting,
bibliography). Without the plugin, ``plugin(config)`` is a stand-in with the same three attributes the other
steps read (``config.bib_file``, ``config.csl_file``, ``registry``), and ``registry(config)`` the edition's own
``Citations``, with the surface of mkdocs-bibtex's ``PandocRegistry`` those steps use.

Every assumption about another package's internals lives here, and
``tests/citations/test_bibtex_adapter.py`` fails naming the assumption when a new
version breaks it:

* the bibtex plugin keeps its pandoc registry in ``plugin.registry`` and rebuilds it
  only when ``plugin.last_configured`` is ``None`` or older than the .bib file;
* ``PandocRegistry`` serves formatted text from the dicts ``_inline_cache`` (citation
  block -> "(Author, Year)") and ``_reference_cache`` (key -> full reference);
* the document it sends pandoc and the way it parses the answer are those of
  ``PandocRegistry._process_with_pandoc`` (reproduced in ``run_pandoc``, so that the
  whole site is formatted in one call, without pypandoc's two format-listing runs and
  without writing the bibliography back through pybtex);
* the plugin finds the same citation blocks as ``citation_blocks`` here, with the same text (the key of its
  caches), and ``render`` writes a page as its ``on_page_markdown`` does.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pypandoc
from mkdocs.exceptions import PluginError
from pybtex.database import parse_file

try:  # the plugin's registry; mkdocs-bibtex may be uninstalled once mkdocs.yml no longer lists it
    from mkdocs_bibtex.registry import PandocRegistry
except ImportError:
    PandocRegistry = None

__all__ = ["Citation", "CitationBlock", "Citations", "PandocRegistry", "plugin", "registry", "entries", "use_style",
           "citation_blocks", "citation_block_matches", "run_pandoc", "fill", "references", "render"]

BIB_FILE = "references.bib"  # relative to mkdocs.yml; the plugin's bib_file must name the same file
OWN_ATTRIBUTE = "edition_citations"  # where the stand-in lives on the configuration object (one per build)
BIBLIOGRAPHY_COMMAND = "\\bibliography"  # where the page's reference footnotes go (mkdocs-bibtex's bib_command)
FULL_BIBLIOGRAPHY_COMMAND = "\\full_bibliography"  # mkdocs-bibtex's; this edition uses <!-- insert: bibliography -->
AUTHOR_DATE = 'citation-format="author-date"'  # in the CSL file: "(Author, Year)" in the text, not only a footnote

# Pandoc's citation syntax as mkdocs-bibtex reads it: a bracketed span on one line (up to its first "]"), split on
# ";"; a part counts when its first "@" starts a key of word characters and hyphens (what precedes it is a prefix,
# what follows ", " a suffix); a part that starts with an e-mail address does not. A block is kept when one part
# counts, and it is known by its bracketed text as written (the key of the formatted-text caches).
BLOCK_RE = re.compile(r"\[([^\]\n]*)\]")
KEY_RE = re.compile(r"@([\w-]+)")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# pandoc's answer (PandocRegistry._process_with_pandoc's parse)
INLINE_RE = re.compile(r"(\d+)\.\s+(.*?)(?=(?:\n\d+\.|$))", re.DOTALL)
REFERENCE_MARGIN_RE = re.compile(r"::: \{#ref-(?P<key>[^\s]+) .csl-entry\}\r?\n\[.*?\]\{\.csl-left-margin\}"
                                 r"\[(?P<citation>.*?)\]\{\.csl-right-inline\}", re.DOTALL)
REFERENCE_RE = re.compile(r"::: \{#ref-(?P<key>[^\s]+) .csl-entry\}\r?\n(?P<citation>.*?)(?=:::|$)", re.DOTALL)


@dataclass
class Citation:
    """One ``@key`` of a citation block, with the words around it (not used in the output: the block's text is)."""

    key: str
    prefix: str = ""
    suffix: str = ""

    def __str__(self) -> str:
        return " ".join(part for part in (self.prefix, f"@{self.key}", self.suffix) if part)


@dataclass
class CitationBlock:
    """One ``[...]`` holding citations; ``str()`` is its text as written (or, made here, its citations joined)."""

    citations: list[Citation] = field(default_factory=list)
    raw: str = ""

    def __str__(self) -> str:
        return f"[{self.raw}]" if self.raw else "[" + "; ".join(str(c) for c in self.citations) + "]"

    @classmethod
    def from_markdown(cls, markdown: str) -> list[CitationBlock]:
        """Every citation block of a text, in order."""
        return [block for _, block in citation_blocks(markdown)]


def parse_citations(inner: str) -> list[Citation]:
    """The citations of a bracketed span's text (see BLOCK_RE)."""
    found = []
    for part in inner.split(";"):
        at = part.find("@")
        key = KEY_RE.match(part, at) if at >= 0 and not EMAIL_RE.match(part) else None
        if key is not None:
            rest = part[key.end():]
            found.append(Citation(key=key.group(1), prefix=part[:at].rstrip(),
                                  suffix=rest[1:].lstrip() if rest.startswith(",") else ""))
    return found


class Citations:
    """The edition's own registry, for a build without mkdocs-bibtex: the entries of references.bib, and the
    formatted text of every citation block and entry (filled by edition.citations.formatting.finish)."""

    def __init__(self, bib_file: Path, csl_file: str):
        self.bib_file, self.csl_file = Path(bib_file), csl_file
        self.bib_data = parse_file(str(bib_file))
        self.author_date = AUTHOR_DATE in Path(csl_file).read_text(encoding="utf-8")
        self._inline_cache: dict[str, str] = {}
        self._reference_cache: dict[str, str] = {}

    def inline_text(self, block: CitationBlock) -> str:
        """"(Author, Year)" then, with no space, a footnote for each entry: ``(A, 2020)[^a] [^b]``."""
        notes = " ".join(f"[^{c.key}]" for c in block.citations if c.key in self._reference_cache)
        return (self._inline_cache.get(str(block), str(block)) if self.author_date else "") + notes

    def reference_text(self, citation: Citation) -> str:
        return self._reference_cache[citation.key]

    def validate_citation_blocks(self, blocks: list[CitationBlock]) -> None:
        """Format, in one pandoc run, the blocks not formatted yet (a page added under ``mkdocs serve``)."""
        todo = [block for block in blocks if str(block) not in self._inline_cache]
        if todo:
            fill(self, *run_pandoc(todo, self.bib_file, self.csl_file))


@dataclass
class OwnSettings:
    bib_file: str = BIB_FILE
    csl_file: str | None = None


@dataclass
class OwnCitations:
    """Stands in for the bibtex plugin when mkdocs.yml does not enable it: its settings and registry."""

    config: OwnSettings = field(default_factory=OwnSettings)
    registry: Citations | None = None


def plugin(config):
    """The enabled bibtex plugin, or, when mkdocs.yml does not enable it, the edition's stand-in for it."""
    found = config.plugins.get("bibtex")
    if found is not None:
        return found
    own = getattr(config, OWN_ATTRIBUTE, None)
    if own is None:
        own = OwnCitations()
        setattr(config, OWN_ATTRIBUTE, own)
    return own


def registry(config):
    """The plugin's pandoc registry (built in its on_config), or the edition's own (built by ``use_style``)."""
    found = plugin(config)
    reg = getattr(found, "registry", None)
    if isinstance(found, OwnCitations):
        if reg is None:
            raise PluginError("citations: no registry yet (edition.citations.bibtex_adapter.use_style runs first)")
        return reg
    if PandocRegistry is None or not isinstance(reg, PandocRegistry):
        raise PluginError("mkdocs.yml: the bibtex plugin has no pandoc registry (is csl_file set?)")
    return reg


def entries(config) -> dict:
    """The parsed bibliography: key -> pybtex Entry."""
    return registry(config).bib_data.entries


def use_style(config, csl_file: str) -> None:
    """Point the plugin at a CSL file; it rebuilds its registry when the style changed (the edition's own registry
    is rebuilt here). The plugin must read the same bibliography the edition's step would (BIB_FILE)."""
    found = plugin(config)
    if isinstance(found, OwnCitations):
        if found.registry is None or found.registry.csl_file != csl_file:
            found.config.csl_file = csl_file
            found.registry = Citations(Path(config.config_file_path).parent / found.config.bib_file, csl_file)
        return
    project = Path(config.config_file_path).parent
    if found.config.bib_file and (project / found.config.bib_file).resolve() != (project / BIB_FILE).resolve():
        raise PluginError(f"mkdocs.yml: plugins.bibtex.bib_file is {found.config.bib_file!r}, but a build without "
                          f"the plugin reads {BIB_FILE!r} (edition.citations.bibtex_adapter.BIB_FILE): name one file")
    if found.config.csl_file != csl_file:
        found.config.csl_file = csl_file
        found.last_configured = None


def citation_block_matches(markdown: str):
    """``(match, block)`` for every ``[@...]`` citation block of a Markdown text, as mkdocs-bibtex reads them
    (BLOCK_RE, parse_citations): the one parser of citation blocks."""
    for match in BLOCK_RE.finditer(markdown):
        citations = parse_citations(match.group(1))
        if citations:
            yield match, CitationBlock(citations=citations, raw=match.group(1))


def citation_blocks(markdown: str):
    """``(line, block)`` for every ``[@...]`` citation block of a Markdown text."""
    for match, block in citation_block_matches(markdown):
        yield markdown.count("\n", 0, match.start()) + 1, block


def render(markdown: str, src: str, config) -> str:
    """Without the plugin: each citation block as "(Author, Year)[^key]", and the page's reference footnotes (one per
    key, in order of first citation) at its end, as mkdocs-bibtex writes them. With the plugin: the page as it is
    (the plugin, at the same priority, has already done it)."""
    found = plugin(config)
    if not isinstance(found, OwnCitations):
        return markdown
    if FULL_BIBLIOGRAPHY_COMMAND in markdown:
        raise PluginError(f"docs/{src}: {FULL_BIBLIOGRAPHY_COMMAND} is mkdocs-bibtex's; the reference list is "
                          "<!-- insert: bibliography -->")
    reg = registry(config)
    blocks = [block for _, block in citation_blocks(markdown)]
    unknown = sorted({c.key for block in blocks for c in block.citations if c.key not in reg.bib_data.entries})
    if unknown:
        raise PluginError(f"docs/{src}: unknown citation key(s): {', '.join(unknown)}")
    reg.validate_citation_blocks(blocks)
    for block in blocks:
        markdown = markdown.replace(str(block), reg.inline_text(block))
    if BIBLIOGRAPHY_COMMAND not in markdown:
        markdown += "\n" + BIBLIOGRAPHY_COMMAND
    keys = dict.fromkeys(c.key for block in blocks for c in block.citations)
    notes = "\n".join(f"[^{key}]: {reg.reference_text(Citation(key=key))}" for key in keys)
    return markdown.replace(BIBLIOGRAPHY_COMMAND, notes)


def run_pandoc(blocks: list, bib_file: Path, csl_file: str) -> tuple[dict[str, str], dict[str, str]]:
    """Format every block and every entry in one pandoc run: (inline texts, references)."""
    document = "\n---\nlink-citations: false\n---\n\n"
    document += "\n\n".join(f"{index}. {block}" for index, block in enumerate(blocks))
    document += "\n\n# References\n\n"
    with tempfile.TemporaryDirectory() as folder:
        bib_copy = Path(folder) / "temp.bib"
        bib_copy.write_text(bib_file.read_text(encoding="utf-8"), encoding="utf-8")
        output = pypandoc.convert_text(document, to="markdown-citations", format="markdown",
                                       extra_args=["--citeproc", "--bibliography", str(bib_copy), "--csl", csl_file],
                                       verify_format=False)
    if "# References" not in output:
        raise PluginError(f"pandoc's output has no '# References' part:\n{output[:500]}")
    inline_part, reference_part = output.split("# References", 1)
    inline = {str(blocks[int(m.group(1))]): " ".join(m.group(2).split())
              for m in INLINE_RE.finditer(inline_part.strip())}
    refs = {m.group("key").strip(): m.group("citation").replace("\n", " ").strip()
            for m in REFERENCE_MARGIN_RE.finditer(reference_part)}
    if not refs:
        refs = {m.group("key").strip(): m.group("citation").replace("\n", " ").strip()
                for m in REFERENCE_RE.finditer(reference_part)}
    return inline, refs


def fill(reg, inline: dict[str, str], refs: dict[str, str]) -> None:
    """Give the registry formatted text, so that mkdocs-bibtex runs no pandoc of its own."""
    reg._inline_cache.update(inline)
    reg._reference_cache.update(refs)


def references(reg) -> dict[str, str]:
    """key -> the formatted full reference (a live view: changes reach mkdocs-bibtex's footnotes)."""
    return reg._reference_cache

