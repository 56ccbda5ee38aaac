"""Declared redirects hold in both languages.

A moved page is declared once in mkdocs.yml (``redirects: redirect_maps: {old.md: new.md}``).
mkdocs-redirects knows only the files of the build it runs in; in the English build
(mkdocs-static-i18n) those are ``new.en.md`` published under ``en/``; ``localize`` rewrites the map for that build, so ``/en/old/`` redirects to ``/en/new/`` as ``/old/`` does to ``/new/``.
It also hands the plugin that build's pages as mkdocs-static-i18n finally placed them: the plugin
collected them before (``doc_pages``), with the addresses they had then (``new.en/``), and its English
stubs pointed there.
"""

from __future__ import annotations

from edition import languages


def localize(config, files, language: str) -> None:
    """Give mkdocs-redirects the language's map (``en/old.md`` -> ``new.en.md``) and its pages' final addresses."""
    plugin = config.plugins.get("redirects")
    if plugin is None or language == languages.DEFAULT:
        return
    plugin.doc_pages = {file.src_uri: file for file in files.documentation_pages()}
    declared = plugin.config.get("redirect_maps") or {}
    plugin.redirects = {f"{language}/{old}": new.replace(".md", f".{language}.md", 1) if ".md" in new else new
                        for old, new in declared.items()}
