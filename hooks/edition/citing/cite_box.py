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

from edition import languages
from edition.citing import record as records
from edition.citing import writers


def entry(record: dict, url: str, section: str | None, key: str, strings: dict) -> dict:
    """One citation in every format; the whole work's (no section) carries the abstract and keywords."""
    text, markup = records.apa(record, url, section, strings)
    cited = records.citation(record, url, section, key, strings)
    return {"apa": text, "apa_html": markup, "bibtex": writers.bibtex(cited), "ris": writers.ris(cited)}


def flatten(toc) -> list:
    items = []
    for item in toc:
        items.append(item)
        items += flatten(item.children)
    return items


def whole_key(language: str) -> str:
    return records.WHOLE_ARTICLE_KEY + ("" if language == languages.DEFAULT else f"-{language}")


def whole_work(record: dict, strings: dict) -> dict[str, str]:
    """The downloads of the whole work's citation: file name below the site -> text (``en/unduh/`` for the
    translation)."""
    whole = entry(record, record["home"], None, whole_key(record["language"]), strings)
    prefix = languages.prefix(record["language"])
    bib, ris = records.DOWNLOADS
    return {prefix + bib: whole["bibtex"], prefix + ris: whole["ris"]}


def section_entries(record: dict, strings: dict, page_url: str, language: str,
                    headings: list[tuple[str, str]]) -> list[dict]:
    """The citation of each section of a page: (id, title) of its headings, the first being the page's own."""
    suffix = "" if language == languages.DEFAULT else f"-{language}"
    found = []
    for number, (anchor, title) in enumerate(headings):
        url = page_url if number == 0 else f"{page_url}#{anchor}"
        found.append({"id": anchor, "title": title, "url": url,
                      **entry(record, url, title, f"{records.WHOLE_ARTICLE_KEY}-{anchor}{suffix}", strings)})
    return found


def data(sections: list[dict]) -> dict:
    """What cite-box.js reads: section id -> its formats and address. APA once, as HTML (its italics): the scripts
    copy its text (edition.text, docs/assets/scripts/core.js), which is the plain APA; every page carries this for
    each of its sections, so a second copy would weigh on every first visit. (Archived pages keep "apa" too: their
    own scripts read it; edition.output.archived_record writes ``entry``.)"""
    return {s["id"]: {k: s[k] for k in ("apa_html", "bibtex", "ris", "url")} for s in sections}


def page_cite_box(page, record: dict, strings: dict, site_url: str) -> dict:
    """The cite box of one page (context key ``cite_box``)."""
    page_url = site_url + page.url
    language = record["language"]
    if languages.is_home(page):
        sections = [{"id": "", "title": strings["whole_article"], "url": page_url,
                     **entry(record, page_url, None, whole_key(language), strings)}]
    else:
        headings = [(item.id, html.unescape(item.title)) for item in flatten(page.toc) if item.id != "referensi"]
        sections = section_entries(record, strings, page_url, language, headings)
    return {"language": language, "home": languages.is_home(page), "sections": sections,
            "downloads": [languages.prefix(language) + path for path in records.DOWNLOADS], "data": data(sections)}
