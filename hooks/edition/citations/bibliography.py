"""Render the full reference list on the Daftar Pustaka page.

mkdocs-bibtex's ``\\full_bibliography`` renders footnotes whose back-links point to
anchors that do not exist. Instead, the page holds ``<!-- insert: bibliography -->``,
and ``entries_html`` replaces it with every entry of ``references.bib`` in APA order (author, then
year, as formatted), each in an element with the stable ID ``ref-<key>`` and the
list of sections that cite it (backlinks, read from the pages' Markdown: the one heading parser,
edition.inputs.heading_ids, and the one reader of citations, edition.citations.formatting).
"""

from __future__ import annotations

import re
import unicodedata

from edition import pages
from edition.citations import formatting
from edition.inputs import heading_ids, markers
from edition.inputs.languages import Languages


def sort_key(text: str) -> str:
    """APA order: the formatted reference, without markup, accents or case."""
    plain = re.sub(r"[*_<>\[\]\\]", "", text)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return plain.casefold()


def citing_sections(files, language: str, languages: Languages) -> dict[str, list[tuple[str, str, str]]]:
    """key -> [(source file, heading id, heading title)] of every section citing it, in reading order (a citation
    before the page's first heading with an ID is in no section)."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for file in files.documentation_pages():
        source = languages.neutral(file.src_uri)
        if source == pages.BIBLIOGRAPHY or languages.of(file.src_uri) != language:
            continue
        markdown = file.content_string
        starts = [(h.line, (source, h.id, h.title.replace("*", ""))) for h in heading_ids.headings(markdown) if h.id]
        for line, key in formatting.citations(markdown):
            places = found.setdefault(key, [])
            section = next((s for start, s in reversed(starts) if start <= line), None)
            if section and section not in places:
                places.append(section)
    return found


def entries_html(references: dict[str, str], cited: dict[str, list[tuple[str, str, str]]], strings: dict) -> str:
    """One ``p.csl-entry#ref-<key>`` per reference, in APA order, with its backlinks. A paragraph, not a div:
    Readability (Firefox Reader View) weighs every div alone and drops one whose text is mostly links (an entry
    that is a title and a long address), while it keeps paragraphs."""
    rows = sorted(references.items(), key=lambda item: sort_key(item[1]))
    lines = ['<div class="bibliography csl-bib-body" markdown>']
    for key, text in rows:
        places = cited.get(key, [])
        links = ", ".join(f"[{title}]({src}#{anchor})" for src, anchor, title in places)
        back = f"{strings['cited_in']} {links}" if links else strings["not_cited"]
        lines.append(f'<p class="csl-entry" id="ref-{key}" data-key="{key}" markdown="span">{text}'
                     f' <span class="cited-in">{back}</span></p>')
    lines.append("</div>")
    return "\n".join(lines)


def fill(markdown: str, references: dict[str, str], files, language: str, languages: Languages, strings: dict) -> str:
    """The page with its ``bibliography`` marker (the Daftar Pustaka page's) as the whole list (``references``: key
    -> the formatted reference; ``files``: the build's, whose pages' citations make the backlinks)."""
    return markers.fill(markdown, "bibliography", lambda _: entries_html(
        references, citing_sections(files, language, languages), strings))
