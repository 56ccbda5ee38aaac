"""Point mkdocs-bibtex at the APA 7 style in the locale of the language being built.

``id-ID`` for the original, ``en-US`` for the English translation (the localized copy
of the packaged style is made by ``gaya_apa.py``); mkdocs-bibtex is made to rebuild its
registry when the language changes between builds.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import bahasa
from gaya_apa import LOCALES, localized_style


@event_priority(100)  # before mkdocs-bibtex builds its pandoc registry in on_config
def on_config(config):
    plugin = config.plugins.get("bibtex")
    if plugin is None:
        raise PluginError("mkdocs.yml: the bibtex plugin is not configured")
    csl = str(localized_style(locale=LOCALES[bahasa.current(config)]))
    if plugin.config.csl_file != csl:
        plugin.config.csl_file = csl
        plugin.last_configured = None  # mkdocs-bibtex keeps its registry unless told the style changed
    return config
