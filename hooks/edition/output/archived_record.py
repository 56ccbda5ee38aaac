"""An archived release's pages and downloads, given the same complete record as the latest.

A release is built from its own commit with its own code (edition.output.versioned_site), so its pages carry
the record as that code wrote it: 1.0.0 has no ``citation_abstract`` (Zotero then saves the shortened
``og:description``), describes the English pages with the Indonesian title, writes a BibTeX ``@misc``; both
1.0.0 and 1.1.0 freeze an access date into their citations and put the release date in a ``<time datetime>``,
which Zotero takes for the article's date. After the build, ``complete_page`` rewrites, on every page that
describes the work (the elements found by their tags and attributes, edition.output.page_source):

- the head: the work's tags (Highwire, Zotero's *Extra*, Open Graph, Twitter card) and the JSON-LD
  ``ScholarlyArticle`` come from today's record (edition.citing.record, edition.citing.head_metadata), with the
  page's own addresses under ``v/<version>/``; the page's ``citation_reference`` tags, and the JSON-LD's
  ``hasPart`` and ``citation``, stay those of the release (they describe its text);
- the cite box: every section's APA, BibTeX and RIS (the JSON the release's script reads, and the section shown
  without script) from today's writers; its downloads link to the citation of the page's own language;
- ``<time datetime>``: replaced by its text (the release date stays visible, as the banner's text).

``complete_downloads`` writes the release's ``unduh/artikel.*`` and ``en/unduh/artikel.*`` with today's record.
The release's text, links and scripts are left as they were.
"""

from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import pages
from edition.citing import article, cite_box, head_metadata, social_card
from edition.citing import record as records
from edition.citing.record import Work
from edition.inputs import citation_file
from edition.inputs.languages import Languages
from edition.output.page_source import Element, PageSource

TITLE_SEPARATOR = " \u2014 "  # og:title of a page but the home page: "<page> — <work>"
FORMATS = ("apa", "bibtex", "ris")  # the cite box's formats, each shown in one element (data-format; 1.0.0: data-kutip)


def meta(attr: str, name: str, content: str) -> str:
    return f'<meta {attr}="{name}" content="{html.escape(content)}">'


def is_work_tag(element: Element) -> bool:
    """A tag of the work's record: every citation_* but the page's references, Zotero's Extra, Open Graph, Twitter."""
    name, prop = element.attrs.get("name", ""), element.attrs.get("property", "")
    return (name.startswith("citation_") and name != "citation_reference" or name == "z.extra"
            or name.startswith("twitter:") or prop.startswith("og:"))


def complete_head(page: PageSource, record: Work, here: str, other_home: str, twin: str, card: str,
                  open_graph_locale: str) -> None:
    """The work's tags and JSON-LD from today's record; the page's references kept."""
    og_title = page.find("meta", property="og:title")
    title = og_title.attrs.get("content") if og_title else None
    named = page.find("meta", property="og:site_name")
    named_title = page.find("title")
    site_name = (named.attrs.get("content", "") if named else
                 html.unescape(page.inner(named_title)) if named_title else "").rsplit(" - ", 1)[-1]
    home_page = not title or TITLE_SEPARATOR not in title
    tags = head_metadata.work_tags(record, here)
    tags += head_metadata.social_tags(record, here, title.split(TITLE_SEPARATOR)[0] if title else record.title,
                                      site_name, card, social_card.card_title(record), home_page, open_graph_locale)
    markup = "".join(f"    {meta(*tag)}\n" for tag in tags)
    work = [element for element in page.find_all("meta") if is_work_tag(element)]
    for number, element in enumerate(work):
        page.replace(*page.line_of(element), markup if number == 0 else "")
    if not work:
        page.insert(page.find("head").close_start, markup)
    jsonld = page.find("script", type="application/ld+json")
    if jsonld:
        old = json.loads(page.inner(jsonld))
        new = head_metadata.work_jsonld(record, here, other_home, twin)
        new.update({key: old[key] for key in ("image", "hasPart", "citation") if key in old})
        page.replace_inner(jsonld, head_metadata.json_script(new))


def shown(page: PageSource, name: str) -> Element | None:
    """The element the cite box shows a format in without script (data-format; 1.0.0: data-kutip)."""
    return next((element for element in page.elements if element.tag in ("p", "code")
                 and name in (element.attrs.get("data-format"), element.attrs.get("data-kutip"))), None)


def complete_cite_box(page: PageSource, record: Work, strings: dict, url: str, languages: Languages) -> None:
    """Every section's citation from today's writers; the downloads of the page's own language."""
    found = page.find("script", id={"cite-box-data", "kutip-data"})  # 1.0.0 called it kutip-data
    if not found:
        return
    titles = {h.attrs["id"]: page.plain_text(h, {"headerlink"}) for h in page.elements
              if h.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and h.attrs.get("id")}
    data = {}
    for anchor, formats in json.loads(page.inner(found)).items():
        if not anchor:  # the home page: the whole work
            data[anchor] = {**cite_box.entry(record, formats["url"], None, record.key, strings, languages),
                            "url": formats["url"]}
        elif anchor in titles:
            data[anchor] = {**cite_box.entry(record, formats["url"], titles[anchor], record.section_key(anchor),
                                             strings, languages), "url": formats["url"]}
        else:
            raise PluginError(f"{url or 'index.html'}: the cite box cites a section #{anchor} the page has no heading for")
    page.replace_inner(found, json.dumps(data, ensure_ascii=False).replace("</", "<\\/"))
    first = next(iter(data.values()), None)
    for name in FORMATS if first else ():
        element = shown(page, name)
        if element:
            page.replace_inner(element, first["apa_html"] if name == "apa" else html.escape(first[name], quote=False))
    downloads = next((element for element in page.find_all("p")
                      if element.has_class("cite-box-downloads") or element.has_class("kutip-unduh")), None)
    if downloads:
        folder = "/" + url.rsplit("/", 1)[0] + "/" if "/" in url else "/"
        links = " ·\n    ".join(
            f'<a href="{posixpath.relpath("/" + path, folder)}" download>{path.rsplit("/", 1)[-1]}</a>'
            for path in record.download_paths)
        page.replace_inner(downloads, f"{html.escape(strings['cite_downloads'])}\n    {links}")


def work_records(project: Path, site_url: str, languages: Languages, all_strings: dict) -> dict[str, Work]:
    """Today's record of every language's work (from the current tree), with a release's addresses."""
    data = citation_file.read(project, languages.default)
    return records.works(article.load_article(data, site_url, project / "docs"), languages, all_strings)


def complete_page(page: PageSource, url: str, record: Work, strings: dict, site_url: str,
                  languages: Languages) -> None:
    """Ask of one archived page at ``url`` (below the release's ``site_url``) today's ``record`` of its work (the
    page's language's) and no ``<time datetime>``."""
    for time in page.find_all("time"):
        page.replace_element(time, page.inner(time))
    if page.find("meta", name="citation_title") is None:  # not a page describing the work (404, a redirect)
        return
    other = languages.prefix(languages.others(record.language)[0])
    neutral = url.removeprefix(record.root)  # the page's URL in the original's tree
    complete_head(page, record, site_url + url, site_url + other, site_url + other + neutral,
                  site_url + pages.SOCIAL_CARD, languages.locale(record.language).open_graph)
    complete_cite_box(page, record, strings, url, languages)


def complete_downloads(out: Path, every_record: dict[str, Work], all_strings: dict, languages: Languages) -> None:
    """The release's citation downloads (``unduh/artikel.*``, ``en/unduh/artikel.*``) from today's record."""
    for language, record in every_record.items():
        for path, content in cite_box.whole_work(record, all_strings[language], languages).items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
