"""Declared redirects hold in both languages.

A moved page is declared once in mkdocs.yml (``redirects: redirect_maps: {old.md: new.md}``).
mkdocs-redirects knows only the files of the build it runs in; in the English build
(mkdocs-static-i18n) those are ``new.en.md`` published under ``en/``. This hook rewrites
the map for that build, so ``/en/old/`` redirects to ``/en/new/`` as ``/old/`` does to ``/new/``.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

import bahasa


@event_priority(-200)  # after mkdocs-redirects has read its map and mkdocs-static-i18n its files
def on_files(files, config):
    plugin = config.plugins.get("redirects")
    language = bahasa.current(config)
    if plugin is None or language == bahasa.DEFAULT:
        return files
    declared = plugin.config.get("redirect_maps") or {}
    plugin.redirects = {f"{language}/{old}": new.replace(".md", f".{language}.md", 1) if ".md" in new else new
                        for old, new in declared.items()}
    return files
