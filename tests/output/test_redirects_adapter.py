"""The assumptions hooks/edition/output/redirects_adapter.py makes about mkdocs-redirects.

Each test names one assumption and drives the installed plugin itself, as MkDocs would (its events called by
hand on two pages, no site built); when a new version breaks an assumption, the failure says which."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files
from mkdocs_redirects.plugin import RedirectPlugin

from edition.output import redirects, redirects_adapter


@pytest.fixture
def plugin():
    """The plugin, configured as mkdocs.yml would: one page moved (lama.md -> baru.md)."""
    found = RedirectPlugin()
    errors, _ = found.load_config({"redirect_maps": {"lama.md": "baru.md#bagian"}})
    assert not errors, errors
    return found


def pages(tmp_path, *sources) -> Files:
    return Files([File(source, str(tmp_path / "docs"), str(tmp_path / "site"), True) for source in sources])


def test_declared_map_is_its_configuration(plugin):
    """Assumption: the plugin keeps mkdocs.yml's redirect_maps as plugin.config["redirect_maps"]."""
    config = SimpleNamespace(plugins={redirects_adapter.PLUGIN: plugin})
    assert redirects_adapter.declared(config) == {"lama.md": "baru.md#bagian"}
    assert redirects_adapter.declared(SimpleNamespace(plugins={})) == {}


def test_what_it_is_handed_after_its_on_files_is_what_it_writes(plugin, tmp_path):
    """Assumption: on_files reads the map into plugin.redirects and the pages into plugin.doc_pages (src_uri ->
    File); on_post_build writes a stub for each redirect to the url of its target's File there: so a translation's
    redirects handed over after on_files (edition.output.redirects.localize) land on the translated page."""
    site = tmp_path / "site"
    build_config = {"site_dir": str(site), "use_directory_urls": True}
    plugin.on_files(pages(tmp_path, "baru.md", "baru.en.md"), build_config)
    assert isinstance(plugin.redirects, dict) and isinstance(plugin.doc_pages, dict), "its state moved"
    translated = pages(tmp_path, "baru.en.md")
    translated.documentation_pages()[0].url = "en/baru/"  # where mkdocs-static-i18n publishes it
    config = SimpleNamespace(plugins={redirects_adapter.PLUGIN: plugin})
    redirects_adapter.hand_over(config, redirects.localized(redirects_adapter.declared(config), "en"), translated)
    plugin.on_post_build(build_config)
    stub = (site / "en" / "lama" / "index.html").read_text(encoding="utf-8")
    assert "../baru/#bagian" in stub, stub
    assert not (site / "lama" / "index.html").exists(), "it wrote a redirect it was not handed"
