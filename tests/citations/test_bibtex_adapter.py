"""The assumptions hooks/edition/citations/bibtex_adapter.py makes about mkdocs-bibtex and pypandoc, and its own
citation step measured against the plugin's.

Each test names one assumption; when a new version of either package breaks it, the failure says
which, before any page renders wrong. The last tests hold the edition's own step (a build without mkdocs-bibtex)
to what the plugin does, page text by page text; tests/citations/test_without_mkdocs_bibtex.py builds the
whole site that way and diffs it."""

from __future__ import annotations

import inspect
from types import SimpleNamespace

import pypandoc
import pytest
from mkdocs.exceptions import PluginError
from mkdocs_bibtex.citation import CitationBlock as PluginCitationBlock
from mkdocs_bibtex.plugin import BibTexPlugin
from mkdocs_bibtex.registry import PandocRegistry

from support import ROOT, docs_markdown

from edition.citations import bibtex_adapter as bibtex
from edition.citations import style

BIB = ROOT / "references.bib"


@pytest.fixture(scope="module")
def registry() -> PandocRegistry:
    """A pandoc registry of the project's bibliography in the Indonesian APA style."""
    return PandocRegistry([str(BIB)], str(style.localized_style("id-ID")), None)


def test_registry_caches_are_dicts(registry):
    """Assumption: PandocRegistry keeps formatted text in the dicts _inline_cache and _reference_cache."""
    assert isinstance(getattr(registry, "_inline_cache", None), dict), "PandocRegistry._inline_cache is gone"
    assert isinstance(getattr(registry, "_reference_cache", None), dict), "PandocRegistry._reference_cache is gone"


def test_filled_caches_are_what_pages_get(registry):
    """Assumption: inline_text and reference_text answer from those caches (so no pandoc runs per page)."""
    block = bibtex.CitationBlock.from_markdown("[@hutabarat2021]")[0]
    bibtex.fill(registry, {str(block): "(PENANDA, 1999)"}, {"hutabarat2021": "REFERENSI PENANDA"})
    assert registry.inline_text(block).startswith("(PENANDA, 1999)"), "inline_text no longer reads _inline_cache"
    assert registry.reference_text(bibtex.Citation(key="hutabarat2021")) == "REFERENSI PENANDA"


def test_plugin_rebuilds_registry_when_told():
    """Assumption: the plugin keeps its registry in .registry, keeps it while the .bib is unchanged, and builds a
    new one (with the style it is given) once last_configured is None."""
    plugin = BibTexPlugin()
    errors, warnings = plugin.load_config({"bib_file": str(BIB), "csl_file": str(style.localized_style("id-ID"))})
    assert not errors, errors
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))  # all on_config reads of it
    plugin.on_config(config)
    first = plugin.registry
    assert isinstance(first, PandocRegistry), "BibTexPlugin.registry is no longer a PandocRegistry"
    plugin.on_config(config)
    assert plugin.registry is first, "BibTexPlugin rebuilt its registry although nothing changed"
    plugin.config.csl_file = str(style.localized_style("en-US"))
    plugin.last_configured = None  # what bibtex_adapter.use_style does
    plugin.on_config(config)
    assert plugin.registry is not first and plugin.registry.csl_file.endswith("en-US.csl"), \
        "BibTexPlugin no longer rebuilds its registry when last_configured is None"


def test_one_run_matches_mkdocs_bibtex(registry):
    """Assumption: run_pandoc formats exactly as PandocRegistry._process_with_pandoc (same document, same parse)."""
    blocks = [bibtex.CitationBlock.from_markdown(text)[0]
              for text in ("[@hutabarat2021]", "[@archer2001; @hutabarat2021]", "[@iomindonesia2022]")]
    assert hasattr(registry, "_process_with_pandoc"), "PandocRegistry._process_with_pandoc is gone"
    expected_inline, expected_refs = registry._process_with_pandoc(blocks)
    inline, refs = bibtex.run_pandoc(blocks, BIB, registry.csl_file)
    assert inline == expected_inline
    assert {k: refs[k] for k in expected_refs} == expected_refs


def test_pypandoc_accepts_verify_format():
    """Assumption: pypandoc.convert_text takes verify_format (one pandoc process instead of three)."""
    assert "verify_format" in inspect.signature(pypandoc.convert_text).parameters


def test_citation_blocks_name_their_line():
    """The adapter finds every citation block of a text with its line number."""
    found = [(line, str(block)) for line, block in bibtex.citation_blocks("a\n\nb [@x2020].\nc [@y2021; @z2022]")]
    assert [line for line, _ in found] == [3, 4]
    assert "x2020" in found[0][1] and "z2022" in found[1][1]


# ---------------------------------------------------------------- the edition's own step, against the plugin's

# Texts where the grammar's corners show: several keys, prefix and suffix, a repeated block, an e-mail address, a
# bracket inside a bracket, a link, a footnote, a block over two lines (not one), a page's own \\bibliography.
TRICKY = [
    "Two [@archer2001; @hutabarat2021] and again [@archer2001; @hutabarat2021].",
    "See [see @archer2001, p. 5; also @iomindonesia2022, pp. 3-4] and [@archer2001].",
    "Mail [eriston@student.uir.ac.id] or [eriston@student.uir.ac.id; @archer2001].",
    "Nested [a [@archer2001] b], a [link](https://example.org/@x), a note[^archer2001], [@ not a key].",
    "Over two lines [@archer2001\n; @hutabarat2021] stays text.",
    "Text [@hutabarat2021].\n\n\\bibliography\n\nAfter the list.",
    "No citation at all.",
]


# Parsed alike, but not pages that build (unknown keys): an address after a word is read as a citation of
# "student"; a key may hold capitals, underscores and non-ASCII letters, and ends before a dot.
PARSE_ONLY = {"address-after-a-word": "[write eriston@student.uir.ac.id; @archer2001]",
              "other-keys": "[@Archer_2001] [@müller-2020] [@a.b] [@-x]"}


def samples() -> dict[str, str]:
    """Every page of docs/ and the tricky texts, by name."""
    return {**docs_markdown(), **{f"tricky-{i}": text for i, text in enumerate(TRICKY)}}


@pytest.mark.parametrize("name", [*samples(), *PARSE_ONLY])
def test_plugin_finds_the_same_citation_blocks(name):
    """Assumption: mkdocs-bibtex finds the blocks citation_blocks finds, with the same text (its caches' key) and
    keys, in every page and in the grammar's corners."""
    text = {**samples(), **PARSE_ONLY}[name]
    ours = [(str(block), [c.key for c in block.citations]) for block in bibtex.CitationBlock.from_markdown(text)]
    theirs = [(str(block), [c.key for c in block.citations]) for block in PluginCitationBlock.from_markdown(text)]
    assert ours == theirs


def formatted_texts(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Marker texts for every block and key of ``text`` (so that neither side runs pandoc)."""
    blocks = bibtex.CitationBlock.from_markdown(text)
    inline = {str(block): f"(PENANDA {index})" for index, block in enumerate(blocks)}
    keys = {c.key for block in blocks for c in block.citations} | {"archer2001"}
    return inline, {key: f"REFERENSI {key.upper()}" for key in keys}


@pytest.mark.parametrize("name", list(samples()))
def test_own_step_writes_a_page_as_the_plugin_does(registry, name):
    """The edition's render (no plugin in mkdocs.yml) turns a page's text into exactly what mkdocs-bibtex's
    on_page_markdown makes of it, given the same formatted texts: "(Author, Year)[^key]", footnotes at the end."""
    text = samples()[name]
    inline, refs = formatted_texts(text)
    plugin = BibTexPlugin()
    errors, _ = plugin.load_config({"bib_file": str(BIB), "enable_inline_citations": False, "bib_by_default": True})
    assert not errors, errors
    plugin.registry = registry
    registry._inline_cache.clear()
    registry._reference_cache.clear()
    bibtex.fill(registry, inline, refs)
    expected = plugin.on_page_markdown(text, page=None, config=None, files=None)
    config = SimpleNamespace(plugins={}, config_file_path=str(ROOT / "mkdocs.yml"))  # no bibtex plugin
    bibtex.use_style(config, registry.csl_file)
    bibtex.fill(bibtex.registry(config), inline, refs)
    assert bibtex.render(text, name, config) == expected


def test_own_step_fails_on_an_unknown_key_and_on_the_plugins_full_bibliography():
    """Without the plugin, an unknown key or mkdocs-bibtex's \\full_bibliography stops the build naming the page."""
    config = SimpleNamespace(plugins={}, config_file_path=str(ROOT / "mkdocs.yml"))
    bibtex.use_style(config, str(style.localized_style("id")))
    with pytest.raises(PluginError, match=r"docs/halaman.md: unknown citation key\(s\): tidakada2020"):
        bibtex.render("Teks [@tidakada2020].", "halaman.md", config)
    with pytest.raises(PluginError, match=r"docs/halaman.md: \\full_bibliography is mkdocs-bibtex's"):
        bibtex.render("\\full_bibliography", "halaman.md", config)


def test_with_the_plugin_the_own_step_does_nothing():
    """With the plugin enabled, render leaves the page to it (it ran first, at the same priority)."""
    config = SimpleNamespace(plugins={"bibtex": BibTexPlugin()}, config_file_path=str(ROOT / "mkdocs.yml"))
    assert bibtex.render("Teks [@archer2001].", "halaman.md", config) == "Teks [@archer2001]."


def test_plugin_must_read_the_bibliography_a_build_without_it_reads(tmp_path):
    """The plugin's bib_file and the edition's own (BIB_FILE) are one file, or the build stops naming both."""
    plugin = BibTexPlugin()
    plugin.load_config({"bib_file": "lain.bib"})
    config = SimpleNamespace(plugins={"bibtex": plugin}, config_file_path=str(ROOT / "mkdocs.yml"))
    with pytest.raises(PluginError, match=r"plugins.bibtex.bib_file is 'lain.bib', but a build without the plugin "
                                          r"reads 'references.bib'"):
        bibtex.use_style(config, str(style.localized_style("id")))
