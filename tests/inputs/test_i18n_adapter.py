"""The assumptions hooks/edition/inputs/i18n_adapter.py makes about mkdocs-static-i18n.

Each test names one assumption and drives the installed plugin itself, as MkDocs would (mkdocs.yml loaded, its
events called by hand, no site built); when a new version breaks an assumption, the failure says which."""

from __future__ import annotations

import mkdocs_static_i18n.plugin
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files

from support import ROOT

from edition.inputs import i18n_adapter, languages


@pytest.fixture
def config():
    """mkdocs.yml as MkDocs loads it (a fresh plugin object each time)."""
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def test_languages_are_read_from_its_configuration(config):
    """Assumption: the plugin keeps mkdocs.yml's languages as plugin.config.languages, items readable as mappings
    (locale, default, build); the adapter reads the same from the plugin and from the file."""
    declared = i18n_adapter.languages(config)
    assert declared == i18n_adapter.languages_in(ROOT / "mkdocs.yml")
    assert declared[0] == ("id", True) and ("en", False) in declared
    edition_languages, _ = languages.read(declared)
    assert edition_languages.codes == ("id", "en") and edition_languages.default == "id"


def test_current_language_before_and_after_its_on_config(config):
    """Assumption: plugin.current_language is None until the plugin's own on_config (the original's build, whose
    first steps run before it), then the locale it builds."""
    assert i18n_adapter.current_language(config) is None
    i18n_adapter.plugin(config).on_config(config)
    assert i18n_adapter.current_language(config) == "id"


def test_a_translation_keeps_its_file_name(config):
    """Assumption: with docs_structure suffix, a translation's build holds its pages as written (src_uri
    <page>.en.md), published under en/; edition.inputs.languages reads the language and the page from the name."""
    plugin = i18n_adapter.plugin(config)
    plugin.on_config(config)
    plugin.current_language = "en"  # as its on_post_build sets it before building the translation
    config = plugin.on_config(config)
    pages = plugin.on_files(get_files(config), config).documentation_pages()
    edition_languages, _ = languages.read(i18n_adapter.languages(config))
    assert len(pages) >= 14
    wrong = [(page.src_uri, page.url) for page in pages
             if not page.src_uri.endswith(".en.md") or not page.url.startswith("en/")
             or edition_languages.of(page.src_uri) != "en"
             or page.norm_src_uri != edition_languages.neutral(page.src_uri)]
    assert not wrong, f"translated pages not named or placed as assumed: {wrong}"


def test_building_is_true_only_inside_the_other_languages_builds(config, monkeypatch):
    """Assumption: the plugin's on_post_build builds each other language (mkdocs' build, with current_language set
    to it) with plugin.building true, skips itself when called inside one of them, and leaves building false and
    current_language the last language built."""
    plugin = i18n_adapter.plugin(config)
    plugin.on_config(config)
    seen = []

    def nested_build(config, dirty=False):
        seen.append((i18n_adapter.building_other_languages(config), i18n_adapter.current_language(config)))
        plugin.on_post_build(config)  # the nested build's own on_post_build: returns at once

    monkeypatch.setattr(mkdocs_static_i18n.plugin, "build", nested_build)
    monkeypatch.setattr(plugin, "extend_search_entries", lambda config: None)  # its search index: not this test's
    monkeypatch.setattr(plugin, "reconfigure_search_index", lambda config: None)
    assert not i18n_adapter.building_other_languages(config)
    plugin.on_post_build(config)
    assert seen == [(True, "en")], "the other languages are not built as assumed"
    assert not i18n_adapter.building_other_languages(config)
    assert i18n_adapter.current_language(config) == "en", "current_language is reset after the nested builds"


def test_the_suffix_structure_is_required(tmp_path):
    """The adapter refuses a configuration whose translations are not named <page>.<locale>.md."""
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("plugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
                           "        - {locale: id, default: true}\n", encoding="utf-8")
    with pytest.raises(PluginError, match="docs_structure is 'folder'"):
        i18n_adapter.languages_in(config_file)


def built_after(plugin, config, built: tuple[str, ...], monkeypatch) -> list[str]:
    """The languages the plugin's on_post_build builds (a nested build each, stubbed to note its language) once the
    adapter has limited the build to ``built``."""
    seen = []
    monkeypatch.setattr(mkdocs_static_i18n.plugin, "build", lambda config, dirty=False: seen.append(
        i18n_adapter.current_language(config)))
    monkeypatch.setattr(plugin, "extend_search_entries", lambda config: None)  # its search index: not this test's
    monkeypatch.setattr(plugin, "reconfigure_search_index", lambda config: None)
    i18n_adapter.build_no_other_language(config, built)
    plugin.on_post_build(config)
    return seen


def test_a_translation_is_built_first_and_alone(config, monkeypatch):
    """Assumptions (mkdocs serve with SERVE_LANGUAGE=en): current_language set before the plugin's first on_config is
    the language it builds, under en/; with fallback_to_default the original's files that are not pages (its
    stylesheet, scripts, favicon) come along at the site's root while every page is the translation's own; once
    the others' build is false, its on_post_build builds no other language, and its language switcher still names
    every language."""
    i18n_adapter.build_first(config, "en", "id")
    plugin = i18n_adapter.plugin(config)
    config = plugin.on_config(config)
    assert i18n_adapter.current_language(config) == "en"
    files = plugin.on_files(get_files(config), config)
    pages = files.documentation_pages()
    edition_languages, _ = languages.read(i18n_adapter.languages(config))
    assert len(pages) >= 14 and all(page.src_uri.endswith(".en.md") and page.url.startswith("en/") for page in pages), \
        [(page.src_uri, page.url) for page in pages]
    assets = {file.dest_uri for file in files if file.src_uri.startswith("assets/") and not file.is_documentation_page()}
    assert {"assets/edition.css", "assets/favicon.svg", "assets/sidenotes.js"} <= assets, sorted(assets)
    assert [item["lang"] for item in config.extra["alternate"]] == list(edition_languages.codes)
    seen = built_after(plugin, config, ("en",), monkeypatch)
    assert seen == [], f"built after the translation: {seen}"


def test_the_original_alone_builds_no_translation(config, monkeypatch):
    """Assumption (mkdocs serve, SERVE_LANGUAGE unset): building the original first changes nothing of the plugin's
    own choice; once the translations' build is false, its on_post_build builds none of them, and its switcher made
    at on_config still names every language."""
    i18n_adapter.build_first(config, "id", "id")
    plugin = i18n_adapter.plugin(config)
    config = plugin.on_config(config)
    assert i18n_adapter.current_language(config) == "id" and plugin.config.fallback_to_default is False
    seen = built_after(plugin, config, ("id",), monkeypatch)
    assert seen == [], f"built after the original: {seen}"
    assert [item["lang"] for item in config.extra["alternate"]] == ["id", "en"]
