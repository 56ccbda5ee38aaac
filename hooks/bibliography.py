"""Render the full reference list on the Daftar Pustaka page.

mkdocs-bibtex's ``\\full_bibliography`` renders footnotes whose back-links point to
anchors that do not exist. Instead, the page holds the marker below, and this hook
replaces it with every entry of ``references.bib`` in APA order (author, then
year, as formatted), each in an element with the stable ID ``ref-<key>``.
"""

from __future__ import annotations

import re
import unicodedata

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

MARKER = "<!-- daftar-pustaka-lengkap -->"
PAGE = "daftar-pustaka.md"


def sort_key(text: str) -> str:
    """APA order: the formatted reference, without markup, accents or case."""
    plain = re.sub(r"[*_<>\[\]\\]", "", text)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return plain.casefold()


def entries_html(references: dict[str, str]) -> str:
    """One ``div.csl-entry#ref-<key>`` per reference, in APA order."""
    rows = sorted(references.items(), key=lambda item: sort_key(item[1]))
    lines = ['<div class="daftar-pustaka csl-bib-body" markdown>']
    for key, text in rows:
        lines.append(f'<div class="csl-entry" id="ref-{key}" data-kunci="{key}" markdown="span">{text}</div>')
    lines.append("</div>")
    return "\n".join(lines)


@event_priority(-20)  # after mkdocs-bibtex and hooks/citations.py
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        if MARKER in markdown:
            raise PluginError(f"docs/{page.file.src_uri}: {MARKER} belongs on docs/{PAGE} only")
        return markdown
    if markdown.count(MARKER) != 1:
        raise PluginError(f"docs/{PAGE}: needs the marker {MARKER} exactly once")
    reg = config.plugins["bibtex"].registry
    references = {key: reg._reference_cache[key] for key in reg.bib_data.entries}
    return markdown.replace(MARKER, entries_html(references))
