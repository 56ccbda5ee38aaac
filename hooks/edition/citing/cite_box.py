"""'Kutip bagian ini': the citation of each section, in APA 7, BibTeX and RIS, and the whole work's downloads.

Everything is written from the record of the work the page describes (edition.citing.record: the
original on Indonesian pages, the English translation on English ones) by the one APA, BibTeX and RIS
writer. ``page_cite_box`` gives each page the citation of every section it holds
(``overrides/partials/cite_box.html`` shows the page's own section and lets the reader, or
``docs/assets/scripts/cite-box.js`` following the address bar, pick another); the home page gives the
whole work. ``whole_work`` is also published, per language, as ``unduh/artikel.bib`` and
``unduh/artikel.ris`` (``en/unduh/`` for the translation). No access date: a reference manager records
when the reader saves.
"""

from __future__ import annotations

import html

from edition import pages
from edition.citations.formatting import REFERENCES_ID
from edition.citing import record as records
from edition.citing import writers
from edition.citing.record import Work
from edition.inputs.languages import Languages


def entry(record: Work, url: str, section: str | None, key: str, strings: dict, languages: Languages) -> dict:
    """One citation in every format; the whole work's (no section) carries the abstract and keywords."""
    text, markup = records.apa(record, url, section, strings)
    cited = records.citation(record, url, section, key, strings, languages)
    return {"apa": text, "apa_html": markup, "bibtex": writers.bibtex(cited), "ris": writers.ris(cited)}


def flatten(toc) -> list:
    items = []
    for item in toc:
        items.append(item)
        items += flatten(item.children)
    return items


def whole_work(record: Work, strings: dict, languages: Languages) -> dict[str, str]:
    """The downloads of the whole work's citation: file name below the site -> text (``en/unduh/`` for the
    translation)."""
    whole = entry(record, record.home, None, record.key, strings, languages)
    bib, ris = record.download_paths
    return {bib: whole["bibtex"], ris: whole["ris"]}


def section_entries(record: Work, strings: dict, page_url: str, headings: list[tuple[str, str]],
                    languages: Languages) -> list[dict]:
    """The citation of each section of a page: (id, title) of its headings, the first being the page's own."""
    found = []
    for number, (anchor, title) in enumerate(headings):
        url = page_url if number == 0 else f"{page_url}#{anchor}"
        found.append({"id": anchor, "title": title, "url": url,
                      **entry(record, url, title, record.section_key(anchor), strings, languages)})
    return found


def data(sections: list[dict]) -> dict:
    """What cite-box.js reads: section id -> its formats and address. APA once, as HTML (its italics): the scripts
    copy its text (edition.text, docs/assets/scripts/core.js), which is the plain APA; every page carries this for
    each of its sections, so a second copy would weigh on every first visit. (Archived pages keep "apa" too: their
    own scripts read it; edition.output.archived_record writes ``entry``.)"""
    return {s["id"]: {k: s[k] for k in ("apa_html", "bibtex", "ris", "url")} for s in sections}


def page_cite_box(page, record: Work, strings: dict, languages: Languages) -> dict:
    """The cite box of one page (context key ``cite_box``)."""
    page_url = record.site_url + page.url
    home = languages.neutral(page.file.src_uri) == pages.HOME
    if home:
        sections = [{"id": "", "title": strings["whole_article"], "url": page_url,
                     **entry(record, page_url, None, record.key, strings, languages)}]
    else:
        headings = [(item.id, html.unescape(item.title)) for item in flatten(page.toc) if item.id != REFERENCES_ID]
        sections = section_entries(record, strings, page_url, headings, languages)
    return {"language": record.language, "home": home, "sections": sections,
            "downloads": list(record.download_paths), "data": data(sections)}
