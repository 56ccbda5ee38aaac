"""Render the full reference list on the Daftar Pustaka page.

mkdocs-bibtex's ``\\full_bibliography`` renders footnotes whose back-links point to
anchors that do not exist. Instead, the page holds ``<!-- insert: bibliography -->``,
and ``entries_html`` replaces it with every entry of ``references.bib`` in APA order (author, then
year, as formatted), each in an element with the stable ID ``ref-<key>`` and the
list of sections that cite it (backlinks, read from the pages' Markdown).
"""

from __future__ import annotations

import re
import unicodedata

from edition import languages
HEADING_RE = re.compile(r"^#{1,6}\s+(?P<title>.*?)\s*\{[^}]*#(?P<id>[a-z0-9-]+)[^}]*\}\s*$")
CITE_RE = re.compile(r"\[[^\]\n]*?@([a-z0-9-]+)[^\]\n]*\]|\[\^([a-z0-9-]+)\](?!:)")
PAGE = "daftar-pustaka.md"


def sort_key(text: str) -> str:
    """APA order: the formatted reference, without markup, accents or case."""
    plain = re.sub(r"[*_<>\[\]\\]", "", text)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return plain.casefold()


def citing_sections(files, language: str) -> dict[str, list[tuple[str, str, str]]]:
    """key -> [(source file, heading id, heading title)] of every section citing it, in reading order."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for file in files.documentation_pages():
        if languages.source(file) == PAGE or languages.of(file) != language:
            continue
        section = None
        for line in file.content_string.splitlines():
            heading = HEADING_RE.match(line)
            if heading:
                section = (languages.source(file), heading.group("id"), heading.group("title").replace("*", ""))
                continue
            for a, b in CITE_RE.findall(line):
                places = found.setdefault(a or b, [])
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

