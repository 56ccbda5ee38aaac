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

from mkdocs.structure.files import File

EDITION = "Edisi web"
NO_YEAR = "t.t."  # APA 7 in Indonesian: tanpa tahun (the year of publication is unknown)
BIB_SPECIAL = re.compile(r"([&%$#_{}])")


def today() -> str:
    return dt.date.today().isoformat()


def bib_escape(text: str) -> str:
    return BIB_SPECIAL.sub(r"\\\1", text)


def apa_authors(authors: list[dict]) -> str:
    names = [a["apa"] for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def apa_citation(article: dict, url: str, section: str | None) -> tuple[str, str]:
    """APA 7 (Indonesian) citation as (plain text, HTML with the title in italics)."""
    who = apa_authors(article["authors"])
    part = f" Bagian \u201c{section}\u201d." if section else ""
    text = f"{who}. ({NO_YEAR}). {article['title']} [{EDITION}].{part} {url}"
    markup = (f"{html.escape(who)}. ({NO_YEAR}). <em>{html.escape(article['title'])}</em> [{EDITION}]."
              f"{html.escape(part)} {html.escape(url)}")
    return text, markup


def bibtex_citation(article: dict, url: str, section: str | None, key: str) -> str:
    """A BibTeX entry (@misc: journal, volume and year are unknown)."""
    note = f"{EDITION}" + (f", bagian \u201c{section}\u201d" if section else "") + "; tahun terbit tidak diketahui"
    fields = [
        ("author", " and ".join(bib_escape(a["inverted"]) for a in article["authors"])),
        ("title", "{" + bib_escape(article["title"]) + "}"),
        ("howpublished", EDITION),
        ("note", bib_escape(note)),
        ("url", url),
        ("urldate", today()),
        ("langid", "indonesian"),
        ("keywords", bib_escape(", ".join(article["keywords"]))),
    ]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def ris_citation(article: dict, url: str, section: str | None) -> str:
    """An RIS record (TY first, ER last)."""
    lines = ["TY  - JOUR"]
    lines += [f"AU  - {a['inverted']}" for a in article["authors"]]
    lines.append(f"TI  - {article['title']}")
    if section:
        lines.append(f"T3  - {section}")
    lines += [f"KW  - {k}" for k in article["keywords"]]
    lines += [f"LA  - {article['language']}", f"UR  - {url}", f"Y2  - {today().replace('-', '/')}",
              f"N1  - {EDITION}" + (f", bagian \u201c{section}\u201d" if section else "") + "; tahun terbit tidak diketahui"]
    if not section:
        lines.append(f"AB  - {article['abstract']}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def entry(article: dict, url: str, section: str | None, key: str) -> dict:
    text, markup = apa_citation(article, url, section)
    return {"apa": text, "apa_html": markup, "bibtex": bibtex_citation(article, url, section, key),
            "ris": ris_citation(article, url, section)}


def flatten(toc) -> list:
    items = []
    for item in toc:
        items.append(item)
        items += flatten(item.children)
    return items


def on_files(files, config):
    article = config.extra["artikel"]
    whole = entry(article, article["site_url"], None, "saragih-alfajri-upaya-iom")
    files.append(File.generated(config, "unduh/artikel.bib", content=whole["bibtex"]))
    files.append(File.generated(config, "unduh/artikel.ris", content=whole["ris"]))
    return files


def on_page_context(context, page, config, nav):
    article = config.extra["artikel"]
    page_url = article["site_url"] + page.url
    if page.is_homepage:
        sections = [{"id": "", "title": "Seluruh artikel", "url": page_url,
                     **entry(article, page_url, None, "saragih-alfajri-upaya-iom")}]
    else:
        sections = []
        for number, item in enumerate(i for i in flatten(page.toc) if i.id != "referensi"):
            anchor = item.id
            url = page_url if number == 0 else f"{page_url}#{anchor}"
            title = html.unescape(item.title)
            sections.append({"id": anchor, "title": title, "url": url,
                             **entry(article, url, title, f"saragih-alfajri-upaya-iom-{anchor}")})
    context["kutip"] = {"sections": sections, "data": {s["id"]: {k: s[k] for k in ("apa", "apa_html", "bibtex", "ris", "url")}
                                                       for s in sections}}
    return context
