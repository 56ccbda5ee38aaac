"""'Kutip bagian ini': the article's citation for each section, in APA 7, BibTeX and RIS.

Everything is generated from ``config.extra.artikel`` (CITATION.cff, loaded by
hooks/article_meta.py). Each page gets the citation of every section it holds
(``overrides/partials/kutip.html`` shows the page's own section and lets the reader,
or the script following the address bar, pick another); the home page gives the
whole article. The whole-article citation is also written to ``unduh/artikel.bib``
and ``unduh/artikel.ris``.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import bahasa

BIB_SPECIAL = re.compile(r"([&%$#_{}])")


def today() -> str:
    return dt.date.today().isoformat()


def bib_escape(text: str) -> str:
    return BIB_SPECIAL.sub(r"\\\1", text)


def apa_authors(authors: list[dict]) -> str:
    names = [a["apa"] for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def note(section: str | None, language: str) -> str:
    part = f", {bahasa.t(language, 'section_lower')} \u201c{section}\u201d" if section else ""
    return f"{bahasa.t(language, 'edition')}{part}; {bahasa.t(language, 'year_unknown')}"


def apa_citation(article: dict, url: str, section: str | None, language: str = bahasa.DEFAULT) -> tuple[str, str]:
    """APA 7 citation as (plain text, HTML with the title in italics); "t.t."/"n.d.": the year is unknown."""
    who = apa_authors(article["authors"])
    no_year, edition = bahasa.t(language, "no_year"), bahasa.t(language, "edition")
    part = f" {bahasa.t(language, 'section')} \u201c{section}\u201d." if section else ""
    text = f"{who}. ({no_year}). {article['title']} [{edition}].{part} {url}"
    markup = (f"{html.escape(who)}. ({no_year}). <em>{html.escape(article['title'])}</em> [{edition}]."
              f"{html.escape(part)} {html.escape(url)}")
    return text, markup


def bibtex_citation(article: dict, url: str, section: str | None, key: str, language: str = bahasa.DEFAULT) -> str:
    """A BibTeX entry (@misc: journal, volume and year are unknown)."""
    fields = [
        ("author", " and ".join(bib_escape(a["inverted"]) for a in article["authors"])),
        ("title", "{" + bib_escape(article["title"]) + "}"),
        ("howpublished", bahasa.t(language, "edition")),
        ("note", bib_escape(note(section, language))),
        ("url", url),
        ("urldate", today()),
        ("langid", {"id": "indonesian", "en": "english"}[language]),
        ("keywords", bib_escape(", ".join(article["keywords"]))),
    ]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def ris_citation(article: dict, url: str, section: str | None, language: str = bahasa.DEFAULT) -> str:
    """An RIS record (TY first, ER last)."""
    lines = ["TY  - JOUR"]
    lines += [f"AU  - {a['inverted']}" for a in article["authors"]]
    lines.append(f"TI  - {article['title']}")
    if section:
        lines.append(f"T3  - {section}")
    lines += [f"KW  - {k}" for k in article["keywords"]]
    lines += [f"LA  - {language}", f"UR  - {url}", f"Y2  - {today().replace('-', '/')}",
              f"N1  - {note(section, language)}"]
    if not section:
        lines.append(f"AB  - {article['abstract']}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def entry(article: dict, url: str, section: str | None, key: str, language: str = bahasa.DEFAULT) -> dict:
    text, markup = apa_citation(article, url, section, language)
    return {"apa": text, "apa_html": markup, "bibtex": bibtex_citation(article, url, section, key, language),
            "ris": ris_citation(article, url, section, language)}


def flatten(toc) -> list:
    items = []
    for item in toc:
        items.append(item)
        items += flatten(item.children)
    return items


@event_priority(-150)  # after mkdocs-static-i18n rebuilds the file list
def on_files(files, config):
    article = config.extra["artikel"]
    whole = entry(article, article["site_url"], None, "saragih-alfajri-upaya-iom")
    files.append(File.generated(config, "unduh/artikel.bib", content=whole["bibtex"]))
    files.append(File.generated(config, "unduh/artikel.ris", content=whole["ris"]))
    return files


def on_page_context(context, page, config, nav):
    article = config.extra["artikel"]
    page_url = article["site_url"] + page.url
    language = bahasa.of(page.file)
    suffix = "" if language == bahasa.DEFAULT else f"-{language}"
    if bahasa.is_home(page):
        sections = [{"id": "", "title": bahasa.t(language, "whole_article"), "url": page_url,
                     **entry(article, page_url, None, f"saragih-alfajri-upaya-iom{suffix}", language)}]
    else:
        sections = []
        for number, item in enumerate(i for i in flatten(page.toc) if i.id != "referensi"):
            anchor = item.id
            url = page_url if number == 0 else f"{page_url}#{anchor}"
            title = html.unescape(item.title)
            sections.append({"id": anchor, "title": title, "url": url,
                             **entry(article, url, title, f"saragih-alfajri-upaya-iom-{anchor}{suffix}", language)})
    context["kutip"] = {"language": language, "home": bahasa.is_home(page), "sections": sections, "data": {s["id"]: {k: s[k] for k in ("apa", "apa_html", "bibtex", "ris", "url")}
                                                       for s in sections}}
    return context
