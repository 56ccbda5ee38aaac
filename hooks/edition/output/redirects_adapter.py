"""mkdocs-redirects, used where its public surface does not reach: the one module that knows its internals.

Every assumption about the plugin lives here, and ``tests/output/test_redirects_adapter.py`` fails naming the
assumption when a new version breaks it:

* its configuration (mkdocs.yml's ``redirects: redirect_maps:``, old page -> new) is ``plugin.config
  ["redirect_maps"]``;
* its ``on_files`` copies that map into ``plugin.redirects`` and the build's pages into ``plugin.doc_pages``
  (``File.src_uri`` -> ``File``); its ``on_post_build`` writes a stub for each item of ``plugin.redirects``,
  pointing at the ``url`` of the target's ``File`` in ``plugin.doc_pages``: so what it is handed after its own
  ``on_files`` is what it writes.
"""

from __future__ import annotations

PLUGIN = "redirects"


def plugin(config):
    """The configured mkdocs-redirects plugin, or None (no page has moved)."""
    return config.plugins.get(PLUGIN)


def declared(config) -> dict:
    """The redirects mkdocs.yml declares, old page -> new ({} without the plugin)."""
    found = plugin(config)
    return (found.config.get("redirect_maps") or {}) if found is not None else {}


def hand_over(config, redirects: dict, files) -> None:
    """Have the plugin write these redirects (old page -> new), to the build's pages as they are finally placed
    (``files``: after every other plugin's on_files)."""
    found = plugin(config)
    if found is None:
        return
    found.doc_pages = {file.src_uri: file for file in files.documentation_pages()}
    found.redirects = redirects
