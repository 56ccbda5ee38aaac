"""The assumptions hooks/edition/citations/bibtex_adapter.py makes about mkdocs-bibtex and pypandoc.

Each test names one assumption; when a new version of either package breaks it, the failure says
which, before any page renders wrong."""

from __future__ import annotations

import inspect
from types import SimpleNamespace

import pypandoc
import pytest
from mkdocs_bibtex.plugin import BibTexPlugin
from mkdocs_bibtex.registry import PandocRegistry

from support import ROOT

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
