"""mkdocs-bibtex and pypandoc, used where their public surface does not reach.

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
  without writing the bibliography back through pybtex).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pypandoc
from mkdocs.exceptions import PluginError
from mkdocs_bibtex.citation import CITATION_BLOCK_REGEX, Citation, CitationBlock
from mkdocs_bibtex.registry import PandocRegistry

__all__ = ["Citation", "CitationBlock", "PandocRegistry", "plugin", "registry", "entries", "use_style",
           "citation_blocks", "citation_block_matches", "run_pandoc", "fill", "references"]

INLINE_RE = re.compile(r"(\d+)\.\s+(.*?)(?=(?:\n\d+\.|$))", re.DOTALL)
REFERENCE_MARGIN_RE = re.compile(r"::: \{#ref-(?P<key>[^\s]+) .csl-entry\}\r?\n\[.*?\]\{\.csl-left-margin\}"
                                 r"\[(?P<citation>.*?)\]\{\.csl-right-inline\}", re.DOTALL)
REFERENCE_RE = re.compile(r"::: \{#ref-(?P<key>[^\s]+) .csl-entry\}\r?\n(?P<citation>.*?)(?=:::|$)", re.DOTALL)


def plugin(config):
    """The configured bibtex plugin."""
    found = config.plugins.get("bibtex")
    if found is None:
        raise PluginError("mkdocs.yml: the bibtex plugin is not configured")
    return found


def registry(config) -> PandocRegistry:
    """The plugin's pandoc registry (built in its on_config)."""
    reg = getattr(plugin(config), "registry", None)
    if not isinstance(reg, PandocRegistry):
        raise PluginError("mkdocs.yml: the bibtex plugin has no pandoc registry (is csl_file set?)")
    return reg


def entries(config) -> dict:
    """The parsed bibliography: key -> pybtex Entry."""
    return registry(config).bib_data.entries


def use_style(config, csl_file: str) -> None:
    """Point the plugin at a CSL file; it rebuilds its registry when the style changed."""
    found = plugin(config)
    if found.config.csl_file != csl_file:
        found.config.csl_file = csl_file
        found.last_configured = None


def citation_block_matches(markdown: str):
    """``(match, block)`` for every ``[@...]`` citation block of a Markdown text, as mkdocs-bibtex reads them."""
    for match in CITATION_BLOCK_REGEX.finditer(markdown):
        for block in CitationBlock.from_markdown(match.group(0)):
            yield match, block


def citation_blocks(markdown: str):
    """``(line, block)`` for every ``[@...]`` citation block of a Markdown text."""
    for match, block in citation_block_matches(markdown):
        yield markdown.count("\n", 0, match.start()) + 1, block


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


def fill(reg: PandocRegistry, inline: dict[str, str], refs: dict[str, str]) -> None:
    """Give the registry formatted text, so that mkdocs-bibtex runs no pandoc of its own."""
    reg._inline_cache.update(inline)
    reg._reference_cache.update(refs)


def references(reg: PandocRegistry) -> dict[str, str]:
    """key -> the formatted full reference (a live view: changes reach mkdocs-bibtex's footnotes)."""
    return reg._reference_cache

