"""'Kutip bagian ini': the article's citation for each section, in APA 7, BibTeX and RIS.

Everything is generated from the article's metadata (edition.citing.article, from
CITATION.cff). ``page_cite_box`` gives each page the citation of every section it
holds (``overrides/partials/cite_box.html`` shows the page's own section and lets the
reader, or ``docs/assets/scripts/cite-box.js`` following the address bar, pick another); the
home page gives the whole article. ``whole_article`` is also published as
``unduh/artikel.bib`` and ``unduh/artikel.ris``.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from edition import languages
from edition.citing.article import work

# babel/polyglossia names (biblatex's langid) of the languages the edition uses.
LANGID = {"id": "indonesian", "en": "english"}
BIB_SPECIAL = re.compile(r"([&%$#_{}])")


def today() -> str:
    return dt.date.today().isoformat()


def bib_escape(text: str) -> str:
    return BIB_SPECIAL.sub(r"\\\1", text)


def apa_authors(authors: list[dict]) -> str:
    names = [a["apa"] for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def edition_label(described: dict, strings: dict) -> str:
    """"Edisi web", or for the translation "Web edition, English translation of “<original title>”"."""
    label = strings["edition"]
    if described["original"]:
        label += f" {strings['translation_of']} \u201c{described['original']['title']}\u201d"
    return label


def note(section: str | None, described: dict, publication: dict, strings: dict) -> str:
    """One complete sentence (a child note in Zotero): what is cited, which section, what is unknown."""
    edition = edition_label(described, strings)
    part = f", {strings['section_lower']} \u201c{section}\u201d" if section else ""
    unknown = "" if publication.get("year") else f"; {strings['year_unknown']}"
    return f"{edition}{part}{unknown}."


def pages(publication: dict, dash: str) -> str:
    return dash.join(publication[k] for k in ("start", "end") if k in publication)


def apa_citation(article: dict, described: dict, url: str, section: str | None, strings: dict) -> tuple[str, str]:
    """APA 7 citation as (plain text, HTML with the title and journal in italics); "t.t."/"n.d." while
    the year is unknown; journal, volume, issue, pages and DOI once CITATION.cff gives them."""
    who = apa_authors(article["authors"])
    known = article["publication"]
    year, edition, title = known.get("year", strings["no_year"]), edition_label(described, strings), described["title"]
    part = f" {strings['section']} \u201c{section}\u201d." if section else ""
    source_text = source_html = ""
    if "journal" in known:
        volume = known.get("volume", "")
        issue = f"({known['issue']})" if "issue" in known else ""
        span = f", {pages(known, chr(0x2013))}" if "start" in known else ""
        source_text = f" {known['journal']}{', ' + volume if volume else ''}{issue}{span}."
        source_html = (f" <em>{html.escape(known['journal'])}</em>{', <em>' + html.escape(volume) + '</em>' if volume else ''}"
                       f"{html.escape(issue)}{html.escape(span)}.")
    doi = f" https://doi.org/{known['doi']}" if "doi" in known else ""
    text = f"{who}. ({year}). {title} [{edition}].{source_text}{part}{doi} {url}"
    markup = (f"{html.escape(who)}. ({html.escape(year)}). <em>{html.escape(title)}</em> [{html.escape(edition)}]."
              f"{source_html}{html.escape(part)}{html.escape(doi)} {html.escape(url)}")
    return text, markup


def bibtex_citation(article: dict, described: dict, url: str, section: str | None, key: str, strings: dict,
                    with_abstract: bool = False) -> str:
    """A BibTeX entry read alike by Zotero, JabRef, BibDesk, citation-js and biblatex: @article (as the
    head tags and the RIS record say), ``language`` (Zotero reads it) as well as ``langid`` (biblatex),
    no \\emph (Zotero's importer keeps it literally)."""
    known = article["publication"]
    language = described["language"]
    fields = [
        ("author", " and ".join(bib_escape(a["inverted"]) for a in article["authors"])),
        ("title", "{" + bib_escape(described["title"]) + "}"),
        ("journal", bib_escape(known.get("journal", ""))),
        ("year", known.get("year", "")),
        ("date", known.get("date-published", "")),
        ("volume", known.get("volume", "")),
        ("number", known.get("issue", "")),
        ("pages", pages(known, "--")),
        ("doi", known.get("doi", "")),
        ("note", bib_escape(note(section, described, known, strings))),
        ("url", url),
        ("urldate", today()),
        ("language", language),
        ("langid", LANGID[language]),
    ]
    if described["original"] and with_abstract:  # biblatex's fields; a section's note names the original
        fields += [("origtitle", "{" + bib_escape(described["original"]["title"]) + "}"),
                   ("origlanguage", LANGID[described["original"]["language"]])]
    if with_abstract:  # the whole article's entry; a section's stays short (every page carries them all)
        fields.append(("abstract", bib_escape(described["abstract"])))
        fields.append(("keywords", bib_escape(", ".join(article["keywords"]))))
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields if value)
    return f"@article{{{key},\n{body}\n}}\n"


def ris_citation(article: dict, described: dict, url: str, section: str | None, strings: dict,
                 with_abstract: bool = False) -> str:
    """An RIS record (TY first, ER last): the journal in T2 (JO would be read as its abbreviation), the
    access date in Y2, one N1 that is a whole sentence."""
    known = article["publication"]
    lines = ["TY  - JOUR"]
    lines += [f"AU  - {a['inverted']}" for a in article["authors"]]
    lines.append(f"TI  - {described['title']}")
    for tag, key in (("T2", "journal"), ("PY", "year"), ("VL", "volume"), ("IS", "issue"), ("SP", "start"),
                     ("EP", "end"), ("DO", "doi")):
        if key in known:
            lines.append(f"{tag}  - {known[key]}")
    if "date-published" in known:
        lines.append(f"DA  - {known['date-published'].replace('-', '/')}")
    if with_abstract:
        lines += [f"KW  - {k}" for k in article["keywords"]]
    lines += [f"LA  - {described['language']}", f"UR  - {url}", f"Y2  - {today().replace('-', '/')}",
              f"N1  - {note(section, described, known, strings)}"]
    if with_abstract:
        lines.append(f"AB  - {described['abstract']}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def entry(article: dict, url: str, section: str | None, key: str, language: str, strings: dict) -> dict:
    """One citation in every format; the whole article's (no section) carries the abstract and keywords."""
    described = work(article, language)
    text, markup = apa_citation(article, described, url, section, strings)
    whole = section is None
    return {"apa": text, "apa_html": markup,
            "bibtex": bibtex_citation(article, described, url, section, key, strings, with_abstract=whole),
            "ris": ris_citation(article, described, url, section, strings, with_abstract=whole)}


def flatten(toc) -> list:
    items = []
    for item in toc:
        items.append(item)
        items += flatten(item.children)
    return items


def whole_article(article: dict, strings: dict) -> dict[str, str]:
    """The downloads of the whole article's citation: file name below the site -> text."""
    whole = entry(article, article["site_url"], None, "saragih-alfajri-upaya-iom", languages.DEFAULT, strings)
    return {"unduh/artikel.bib": whole["bibtex"], "unduh/artikel.ris": whole["ris"]}


def page_cite_box(page, article: dict, strings: dict) -> dict:
    """The cite box of one page (context key ``cite_box``)."""
    page_url = article["site_url"] + page.url
    language = languages.of(page.file)
    suffix = "" if language == languages.DEFAULT else f"-{language}"
    if languages.is_home(page):
        sections = [{"id": "", "title": strings["whole_article"], "url": page_url,
                     **entry(article, page_url, None, f"saragih-alfajri-upaya-iom{suffix}", language, strings)}]
    else:
        sections = []
        for number, item in enumerate(i for i in flatten(page.toc) if i.id != "referensi"):
            anchor = item.id
            url = page_url if number == 0 else f"{page_url}#{anchor}"
            title = html.unescape(item.title)
            sections.append({"id": anchor, "title": title, "url": url,
                             **entry(article, url, title, f"saragih-alfajri-upaya-iom-{anchor}{suffix}", language, strings)})
    return {"language": language, "home": languages.is_home(page), "sections": sections,
            "data": {s["id"]: {k: s[k] for k in ("apa", "apa_html", "bibtex", "ris", "url")} for s in sections}}
