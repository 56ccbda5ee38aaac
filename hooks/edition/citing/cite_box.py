"""'Kutip bagian ini': the article's citation for each section, in APA 7, BibTeX and RIS.

Everything is generated from the article's metadata (edition.citing.article, from
CITATION.cff). ``page_cite_box`` gives each page the citation of every section it
holds (``overrides/partials/cite_box.html`` shows the page's own section and lets the
reader, or ``docs/assets/cite-box.js`` following the address bar, pick another); the
home page gives the whole article. ``whole_article`` is also published as
``unduh/artikel.bib`` and ``unduh/artikel.ris``.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from edition import languages

BIB_SPECIAL = re.compile(r"([&%$#_{}])")


def today() -> str:
    return dt.date.today().isoformat()


def bib_escape(text: str) -> str:
    return BIB_SPECIAL.sub(r"\\\1", text)


def apa_authors(authors: list[dict]) -> str:
    names = [a["apa"] for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def note(section: str | None, strings: dict) -> str:
    part = f", {strings['section_lower']} \u201c{section}\u201d" if section else ""
    return f"{strings['edition']}{part}; {strings['year_unknown']}"


def apa_citation(article: dict, url: str, section: str | None, strings: dict) -> tuple[str, str]:
    """APA 7 citation as (plain text, HTML with the title in italics); "t.t."/"n.d.": the year is unknown."""
    who = apa_authors(article["authors"])
    no_year, edition = strings["no_year"], strings["edition"]
    part = f" {strings['section']} \u201c{section}\u201d." if section else ""
    text = f"{who}. ({no_year}). {article['title']} [{edition}].{part} {url}"
    markup = (f"{html.escape(who)}. ({no_year}). <em>{html.escape(article['title'])}</em> [{edition}]."
              f"{html.escape(part)} {html.escape(url)}")
    return text, markup


def bibtex_citation(article: dict, url: str, section: str | None, key: str, language: str, strings: dict) -> str:
    """A BibTeX entry (@misc: journal, volume and year are unknown)."""
    fields = [
        ("author", " and ".join(bib_escape(a["inverted"]) for a in article["authors"])),
        ("title", "{" + bib_escape(article["title"]) + "}"),
        ("howpublished", strings["edition"]),
        ("note", bib_escape(note(section, strings))),
        ("url", url),
        ("urldate", today()),
        ("langid", {"id": "indonesian", "en": "english"}[language]),
        ("keywords", bib_escape(", ".join(article["keywords"]))),
    ]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def ris_citation(article: dict, url: str, section: str | None, language: str, strings: dict) -> str:
    """An RIS record (TY first, ER last)."""
    lines = ["TY  - JOUR"]
    lines += [f"AU  - {a['inverted']}" for a in article["authors"]]
    lines.append(f"TI  - {article['title']}")
    if section:
        lines.append(f"T3  - {section}")
    lines += [f"KW  - {k}" for k in article["keywords"]]
    lines += [f"LA  - {language}", f"UR  - {url}", f"Y2  - {today().replace('-', '/')}",
              f"N1  - {note(section, strings)}"]
    if not section:
        lines.append(f"AB  - {article['abstract']}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def entry(article: dict, url: str, section: str | None, key: str, language: str, strings: dict) -> dict:
    text, markup = apa_citation(article, url, section, strings)
    return {"apa": text, "apa_html": markup, "bibtex": bibtex_citation(article, url, section, key, language, strings),
            "ris": ris_citation(article, url, section, language, strings)}


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
