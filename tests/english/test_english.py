"""The English edition beside the Indonesian original, section for section."""

from __future__ import annotations

import json
import re

import extruct
import pytest
from pybtex.database import parse_string

from anchors import read_manifest
from support import ARTICLE_PAGES, PAGES, ROOT, TEST_SITE_URL, page_id_for, source_passage, with_plain_apa

DOCS = ROOT / "docs"
ANCHORED = ["h1", "h2", "h3", "h4", "h5", "h6", "figure", "table"]


def twin(url: str) -> str:
    return "en/" + url


def ids(site, url) -> list[str]:
    body = site.authors_text(url)
    return [e["id"] for e in body.find_all(ANCHORED, id=True)]


def test_every_page_has_its_twin_and_the_reverse():
    """Every Indonesian Markdown page has an English twin (`page.en.md`), and every English page an original."""
    originals = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                 if not p.name.endswith(".en.md") and "includes/" not in p.as_posix()}
    translations = {p.relative_to(DOCS).as_posix().replace(".en.md", ".md") for p in DOCS.rglob("*.en.md")
                    if "includes/" not in p.as_posix()}
    assert originals == translations, (sorted(originals - translations), sorted(translations - originals))


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_twin_is_built_in_english(site, url):
    """The English twin is at /en/<same slug>/, in English, and says it is a translation of its original."""
    soup = site.soup(twin(url))
    assert soup.html["lang"] == "en" and site.soup(url).html["lang"] == "id"
    notice = soup.select_one("article p.translation-notice")
    assert notice is not None and "translation" in notice.get_text()
    original = notice.find("a", class_="to-original")
    assert original["href"] == TEST_SITE_URL + url
    assert soup.find("input", attrs={"data-md-component": "search-query"})["placeholder"] == "Search"


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_same_heading_figure_and_table_ids(site, url):
    """Both languages carry the very same heading, figure and table IDs, in the same order."""
    assert ids(site, url) == ids(site, twin(url))


@pytest.mark.parametrize("url", [u for u in PAGES if u not in ("cetak/",)], ids=page_id_for)
def test_same_paragraph_ids(site, url):
    """Paragraphs with a permanent ID (the sentences of the data page) exist in both languages: every ID the
    original's source gives a paragraph (a line { #id } under it), and the same in the translation."""
    def paragraph_ids(u: str) -> list[str]:
        return [p["id"] for p in site.soup(u).select("article p[id]") if not p.find_parent(class_="cite-box")]

    original, translated = paragraph_ids(url), paragraph_ids(twin(url))
    given = re.findall(r"^\{ *#([a-z0-9-]+) *\}$", (ROOT / "docs" / PAGES[url]).read_text(encoding="utf-8"), re.M)
    assert set(given) <= set(original), f"/{url}: paragraph IDs of the source not rendered: {set(given) - set(original)}"
    assert original == translated


@pytest.mark.parametrize("url", ARTICLE_PAGES, ids=page_id_for)
def test_same_number_of_paragraphs(site, url):
    """Each translated page has exactly as many paragraphs (and table rows) as its original."""
    def shape(u):
        body = site.authors_text(u)
        return len(body.find_all("p")), len(body.find_all("tr")), len(body.find_all("li"))
    assert shape(url) == shape(twin(url))


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_hreflang_alternates(site, url):
    """sitemap.xml pairs every page with its twin by hreflang (absolute URLs); heads carry no alternate links."""
    xml = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    for loc in (url, twin(url)):
        block = re.search(rf"<url>\s*<loc>{re.escape(TEST_SITE_URL + loc)}</loc>.*?</url>", xml, re.S)
        assert block, f"{loc} not in sitemap.xml"
        links = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"/>', block.group(0)))
        assert links == {"id": TEST_SITE_URL + url, "en": TEST_SITE_URL + twin(url)}
        assert site.soup(loc).find("link", rel="alternate", hreflang=True) is None


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_language_switcher_targets_the_twin(site, url):
    """The header's language switcher links each page to its twin."""
    for here, there, lang in ((url, twin(url), "en"), (twin(url), url, "id")):
        link = site.soup(here).find("a", class_="md-select__link", hreflang=lang)
        assert link is not None, f"/{here}: no switcher link to {lang}"
        href = link["href"]
        target = site.root / href[len(site.base_path):] if href.startswith("/") else site.root / here / href
        assert target.resolve() == (site.root / there).resolve(), href


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_english_metadata_names_language_and_original(site, url):
    """English heads say English, and JSON-LD points to the Indonesian original."""
    soup = site.soup(twin(url))
    assert [m["content"] for m in soup.find_all("meta", attrs={"name": "citation_language"})] == ["en"]
    data = extruct.extract(site.html(twin(url)), base_url=TEST_SITE_URL + twin(url), syntaxes=["json-ld"], uniform=True)
    (article,) = [d for d in data["json-ld"] if d.get("@type") == "ScholarlyArticle"]
    assert article["inLanguage"] == "en"
    assert article["translationOfWork"]["inLanguage"] == "id"
    assert article["translationOfWork"]["url"] == TEST_SITE_URL + url


@pytest.mark.parametrize("url", ARTICLE_PAGES[1:], ids=page_id_for)
def test_english_cite_box(site, url):
    """The English cite box gives "n.d." in APA, names the original, and an English BibTeX entry with the English URL."""
    box = site.soup(twin(url)).find("details", id="cite-box")
    assert box.summary.get_text(strip=True) == "Cite this section"
    data = with_plain_apa(json.loads(box.find("script", id="cite-box-data").get_text()))
    assert data, "no sections in the cite box"
    for formats in data.values():
        assert "(n.d.)" in formats["apa"] and "[Web edition, English translation of \u201cUpaya IOM" in formats["apa"]
        (entry,) = parse_string(formats["bibtex"], "bibtex").entries.values()
        assert entry.fields["langid"] == "english" and entry.fields["url"].startswith(TEST_SITE_URL + "en/")


def test_english_references_use_the_english_locale(site):
    """The English reference list is rendered in the APA English locale ("3rd ed."), Indonesian in "3 ed."."""
    english = site.soup("en/daftar-pustaka/").find(id="ref-archer2001").get_text()
    original = site.soup("daftar-pustaka/").find(id="ref-archer2001").get_text()
    assert "(3rd ed.)" in english and "(3 ed.)" in original
    assert site.soup("en/daftar-pustaka/").find(id="ref-anita2021").select_one(".cited-in").get_text() == \
        "Not cited in the text."


@pytest.mark.parametrize("url", [u for u in ARTICLE_PAGES[1:] if u != "simpulan/"], ids=page_id_for)
def test_same_citations(site, url):
    """The translation cites the same works, in the same order, as its original."""
    def cited(u):
        return [a["data-key"] for a in site.soup(u).select("a.citation")]
    assert cited(url) == cited(twin(url)) and cited(url)


def test_published_english_abstract_is_verbatim(site):
    """The English home page reproduces the authors' English abstract word for word."""
    published = source_passage("Abstract", "Keywords:")
    shown = " ".join(site.soup("en/").find(id="abstract").find_next("p").get_text().split())
    assert shown == published


def test_anchor_contract_covers_english():
    """The anchor manifest holds the English pages too."""
    manifest = read_manifest()
    assert "/en/" in manifest and "/en/pendahuluan/#tabel-1" in manifest
    assert sum(1 for e in manifest if e.startswith("/en/")) == sum(1 for e in manifest if not e.startswith("/en/"))


def test_search_index_per_language(site):
    """Each language has its own search index, holding only its pages; English pages search the English one."""
    root = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    english = json.loads((site.root / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert root["docs"] and english["docs"]
    assert not any(d["location"].startswith("en/") for d in root["docs"])
    assert any("Clive Archer" in d["text"] for d in english["docs"])
    assert any(d["location"].startswith("pendahuluan/") for d in english["docs"])
    config = json.loads(site.soup("en/pendahuluan/").find("script", id="__config").get_text())
    assert config["base"] == "../../en/"
