"""mkdocs-static-i18n, used where its public surface does not reach: the one module that knows its internals.

Every assumption about the plugin lives here, and ``tests/inputs/test_i18n_adapter.py`` fails naming the
assumption when a new version breaks it:

* its configuration (mkdocs.yml's ``plugins: - i18n:``) lists the languages, each with its ``locale`` and
  whether it is the ``default`` one; the plugin object keeps it as ``plugin.config.languages``, items readable
  as mappings; ``docs_structure: suffix`` names a translation's files ``<page>.<locale>.md`` and leaves
  ``File.src_uri`` as written (edition.inputs.languages reads a file's language from it);
* ``plugin.current_language`` is the language being built: None before the plugin's own ``on_config`` has run
  once (the original's build), then the locale it builds;
* ``plugin.building`` is true while its ``on_post_build`` builds the other languages, nested inside the
  original's build, and false again once they are all built (when the original's last ``on_post_build`` steps
  run);
* under ``mkdocs serve`` with one language (edition.inputs.environment.served_languages): ``current_language`` set
  before the plugin's first ``on_config`` is the language it builds first, in its place (a translation under
  ``<locale>/``); with ``fallback_to_default`` the files of the original's that are not pages (the stylesheet, the
  scripts, the favicon, which the translation's pages load from the site's root) go with a translation built alone,
  while each page is still the translation's own; a language whose ``build`` is false when the plugin's
  ``on_post_build`` runs is not built after the first, while its language switcher, each page's alternates and the
  search setup, made at its ``on_config`` and ``on_files``, still name every language.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import yaml_load

PLUGIN = "i18n"
STRUCTURE = "suffix"  # docs_structure: a translation beside its original, <page>.<locale>.md


def plugin(config):
    """The configured mkdocs-static-i18n plugin."""
    found = config.plugins.get(PLUGIN)
    if found is None:
        raise PluginError("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is not configured: the edition's "
                          "languages are declared under plugins: - i18n: languages:")
    return found


def declared(options, where: str) -> list[tuple[str, bool]]:
    """(locale, default) of every language the plugin's options build (``options``: its configuration, as the
    plugin holds it or as mkdocs.yml writes it), in their order; fails naming ``where`` unless the translations
    are named <page>.<locale>.md."""
    structure = options.get("docs_structure") or STRUCTURE
    if structure != STRUCTURE:
        raise PluginError(f"{where}: i18n docs_structure is '{structure}': the edition names a translation "
                          f"<page>.<locale>.md ('{STRUCTURE}')")
    return [(str(item["locale"]), bool(item.get("default"))) for item in options.get("languages") or []
            if item.get("build", True) is not False and item["locale"] != "null"]  # "null": a link, not built


def languages(config) -> list[tuple[str, bool]]:
    """(locale, default) of every language the configured plugin builds, in mkdocs.yml's order."""
    return declared(plugin(config).config, Path(config.config_file_path).name)


def languages_in(config_file: Path) -> list[tuple[str, bool]]:
    """The same, read from a configuration file (outside a build: edition.output.versioned_site)."""
    with open(config_file, encoding="utf-8") as handle:
        config = yaml_load(handle) or {}
    for item in config.get("plugins") or []:
        if isinstance(item, dict) and PLUGIN in item:
            return declared(item[PLUGIN] or {}, Path(config_file).name)
    raise PluginError(f"{Path(config_file).name}: no i18n plugin under plugins: (the edition's languages)")


def current_language(config) -> str | None:
    """The language being built; None in the original's build before the plugin's on_config has run."""
    return getattr(plugin(config), "current_language", None)


def building_other_languages(config) -> bool:
    """True inside the nested builds of the other languages (false in the original's, once they are done)."""
    return bool(getattr(plugin(config), "building", False))


def build_first(config, language: str, original: str) -> None:
    """Build ``language`` first (before the plugin's first on_config): the original is built first anyway; a
    translation first and alone, under <locale>/, with the original's files that are not pages at the site's root
    (fallback_to_default, which lets no page stand in for a missing translation: edition.inputs.twins fails on one
    before the plugin sees the files)."""
    if language == original:
        return
    found = plugin(config)
    found.current_language = language
    found.config.fallback_to_default = True


def build_no_other_language(config, built: tuple[str, ...]) -> None:
    """Build no language outside ``built`` after the one being built (before the plugin's on_post_build, which
    builds the others): their ``build`` made false, read by nothing of the edition after its on_config."""
    for item in plugin(config).config.languages:
        if item["locale"] not in built:
            item["build"] = False
