"""Citing by URL: CITATION.cff, head metadata, cite boxes, downloads, hoverable citations, backlinks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import extruct
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image
from pybtex.database import parse_string

from support import PAGES, ROOT, TEST_SITE_URL, bib_entries, docs_markdown, page_id_for, with_plain_apa

from edition.citations import formatting
from edition.citing import record as records  # the one APA writer
from edition.citing.article import Author, Publication

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
ENTRIES = bib_entries()
DOCS = docs_markdown()


def cited_on(src: str) -> list[str]:
    """The references a page cites, each once (the build's one reader of citations)."""
    return [key for key in formatting.cited_keys(DOCS[src]) if key in ENTRIES]


def test_no_page_repeats_the_record_by_hand():
    """No page of docs/ writes a citation of the article by hand (its authors as APA 7 lists them, from CITATION.cff):
    the cite boxes and downloads are the one record, written by the build."""
    names = [f"{a['family-names']}, {a['given-names'][0]}." if a.get("given-names") else a["family-names"]
             for a in CFF["authors"]]
    apa = ", ".join(names[:-1]) + ", & " + names[-1]  # "Saragih, E., & Alfajri"
    copies = [src for src, text in DOCS.items() if apa in " ".join(text.replace(">", " ").split())]
    assert len(names) == 2 and not copies, f"the article's citation written by hand in docs/: {copies}"


def metas(soup, name: str) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs={"name": name})]


def test_copied_apa_is_the_writers_plain_apa():
    """The cite box carries APA once, as HTML (hooks/edition/citing/cite_box.py); the text the scripts copy from it
    (the text of that HTML) is the writer's plain APA, whatever the title, section or journal hold."""
    strings = yaml.safe_load((ROOT / "hooks" / "edition" / "strings.yml").read_text(encoding="utf-8"))["id"]
    authors = (Author("Eriston", "Saragih", "", ""), Author("", "O'Brien & <Co>", "", ""))
    published = Publication(journal="J & <J>", volume="1", issue="2", start="3", end="4", year="2020", doi="10.1/x&y")
    work = SimpleNamespace(authors=authors, title='A "title" & <more>', edition="Edisi web", publication=published)
    for section in (None, 'Bagian "satu" & <dua>'):
        text, markup = records.apa(work, "https://example.org/a?b=1&c=2", section, strings)
        assert BeautifulSoup(markup, "html.parser").get_text() == text


def test_citation_cff_is_valid():
    """CITATION.cff validates against the CFF 1.2.0 schema."""
    cffconvert = Path(sys.executable).parent / "cffconvert"
    result = subprocess.run([str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_citation_cff_holds_only_known_facts():
    """Both authors with affiliation, e-mail where known, abstract, keywords, language; no invented journal or year."""
    names = [(a.get("given-names"), a["family-names"]) for a in CFF["authors"]]
    assert names == [("Eriston", "Saragih"), (None, "Alfajri")]
    assert all("Universitas Islam Riau" in a["affiliation"] for a in CFF["authors"])
    assert CFF["authors"][0]["email"] == "eristonsaragih@student.uir.ac.id"
    assert CFF["preferred-citation"]["authors"] == CFF["authors"]
    assert CFF["preferred-citation"]["languages"] == ["id"] and len(CFF["keywords"]) >= 3
    for unknown in ("year", "volume", "issue", "journal", "doi", "date-published", "start", "end", "date-released"):
        # date-released (top level only) is the release date of this edition, not of the article
        assert (unknown not in CFF or unknown == "date-released") and unknown not in CFF["preferred-citation"], unknown


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_highwire_tags(site, url):
    """Every head carries the citation_* tags Google Scholar and Zotero read."""
    soup = site.soup(url)
    assert metas(soup, "citation_title") == [" ".join(CFF["title"].split())]
    assert metas(soup, "citation_author") == ["Saragih, Eriston", "Alfajri"]
    assert len(metas(soup, "citation_author_institution")) == 2
    assert metas(soup, "citation_author_email") == ["eristonsaragih@student.uir.ac.id"]
    assert metas(soup, "citation_language") == ["id"]
    assert "Perdagangan Manusia" in metas(soup, "citation_keywords")[0]
    assert metas(soup, "citation_abstract_html_url") == [TEST_SITE_URL]
    assert metas(soup, "citation_fulltext_html_url") == [TEST_SITE_URL + url]
    assert not metas(soup, "citation_publication_date") and not metas(soup, "citation_journal_title")
    references = metas(soup, "citation_reference")
    assert len(references) == len(cited_on(PAGES[url]))
    for ref in references:
        assert ref.startswith("citation_title=") and "citation_publication_date=" in ref


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_open_graph_twitter_and_json_ld(site, url):
    """Open Graph, Twitter card and JSON-LD ScholarlyArticle, parsed with extruct."""
    data = extruct.extract(site.html(url), base_url=TEST_SITE_URL + url, syntaxes=["json-ld", "opengraph"],
                           uniform=True)
    og = data["opengraph"][0]
    assert og["@type"] == "article" and og["og:url"] == TEST_SITE_URL + url
    assert og["og:image"] == TEST_SITE_URL + "assets/kartu-sosial.png" and og["og:locale"] == "id_ID"
    soup = site.soup(url)
    assert metas(soup, "twitter:card") == ["summary_large_image"]
    assert soup.find("link", rel="canonical")["href"] == TEST_SITE_URL + url
    assert soup.find("meta", attrs={"name": "description"})["content"]
    (article,) = [d for d in data["json-ld"] if d.get("@type") == "ScholarlyArticle"]
    assert article["inLanguage"] == "id" and article["headline"] == " ".join(CFF["title"].split())
    assert [a["name"] for a in article["author"]] == ["Eriston Saragih", "Alfajri"]
    assert all("Universitas Islam Riau" in a["affiliation"]["name"] for a in article["author"])
    assert {p["url"] for p in article["hasPart"]} == {TEST_SITE_URL + u for u in PAGES}
    expected = len(ENTRIES) if url == "" else len(cited_on(PAGES[url]))
    assert len(article["citation"]) == expected
    assert "datePublished" not in article


def test_social_card_image(site):
    """The static card image exists, 1200 x 630."""
    with Image.open(site.root / "assets/kartu-sosial.png") as image:
        assert image.size == (1200, 630)


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_cite_box(site, url):
    """The cite box gives APA, BibTeX (parsed by pybtex) and RIS for each section, with its URL."""
    box = site.soup(url).find("details", id="cite-box")
    assert box is not None
    data = with_plain_apa(json.loads(box.find("script", id="cite-box-data").get_text()))
    assert data, "no sections"
    h1 = site.soup(url).select_one("article h1")
    page_anchor = "" if url == "" else h1["id"]  # the page's own section is cited by the page's address
    for anchor, formats in data.items():
        expected_url = TEST_SITE_URL + url + ("" if anchor == page_anchor else f"#{anchor}")
        assert formats["url"] == expected_url
        assert formats["apa"].startswith("Saragih, E., & Alfajri. (t.t.). Upaya IOM") and formats["url"] in formats["apa"]
        bib = parse_string(formats["bibtex"], "bibtex")
        (entry,) = bib.entries.values()
        assert entry.fields["url"] == formats["url"] and len(entry.persons["author"]) == 2
        assert "year" not in entry.fields
        ris = formats["ris"].strip().splitlines()
        assert ris[0] == "TY  - JOUR" and ris[-1].startswith("ER  -")
        assert sum(1 for line in ris if line.startswith("AU  - ")) == 2 and f"UR  - {formats['url']}" in ris
        assert any(line.startswith("TI  - ") for line in ris)
    shown = box.find(attrs={"data-format": "bibtex"}).get_text()
    page_section = [f for f in data.values() if f["url"] == TEST_SITE_URL + url]
    assert len(page_section) == 1 and shown == page_section[0]["bibtex"], "without JS the page's own section shows"
    if url:
        assert box.find("select", id="cite-box-section") is not None or len(data) == 1


@pytest.mark.parametrize("name", ["references.bib", "references.ris", "artikel.bib", "artikel.ris"])
def test_downloads(site, name):
    """The downloads exist, parse, and are linked from /daftar-pustaka/ and /tentang/."""
    path = site.root / "unduh" / name
    text = path.read_text(encoding="utf-8")
    if name == "references.bib":
        # a normalised export of the file (checked field by field in test_readers_software.py)
        assert len(parse_string(text, "bibtex").entries) == len(ENTRIES)
    elif name.endswith(".bib"):
        assert len(parse_string(text, "bibtex").entries) == 1
    else:
        records = [r for r in text.strip().split("\n\n") if r.strip()]
        assert len(records) == (len(ENTRIES) if name == "references.ris" else 1)
        for record in records:
            lines = record.splitlines()
            assert lines[0].startswith("TY  - ") and lines[-1].startswith("ER  -")
            assert any(line.startswith("TI  - ") for line in lines)
    for page in ("daftar-pustaka/", "tentang/"):
        assert site.soup(page).find("a", href=re.compile(rf"unduh/{re.escape(name)}$")) is not None, page


@pytest.mark.parametrize("url", [u for u, src in PAGES.items() if cited_on(src) and u != "daftar-pustaka/"],
                         ids=page_id_for)
def test_citation_text_is_a_hoverable_link(site, url):
    """Each "(Author, Year)" before a footnote number is a footnote link (Material's tooltip shows the reference)."""
    page = site.soup(url)
    sups = page.select("sup[id^='fnref']")
    assert sups
    for sup in sups:
        link = sup.find_previous_sibling("a")
        assert link is not None and "citation" in link.get("class", []) and "footnote-ref" in link["class"], sup
        assert link["href"] == sup.a["href"] and link.get_text().startswith("(") and link.get_text().endswith(")")


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_backlinks(site, key):
    """Each Daftar Pustaka entry lists, as links, the sections that cite it."""
    entry = site.soup("daftar-pustaka/").find(id=f"ref-{key}")
    back = entry.select_one(".cited-in")
    citing = [src for src in DOCS if not src.endswith(".en.md") and key in cited_on(src)]
    if not citing:
        assert back.get_text() == "Tidak dikutip di dalam teks."
        return
    hrefs = [a["href"] for a in back.find_all("a")]
    assert len(hrefs) >= len(citing)
    for src in citing:
        page = src.removesuffix(".md").removesuffix("index").rstrip("/")
        assert any(h.startswith(f"../{page}/#") for h in hrefs), (src, hrefs)


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_copy_link_script_loaded(site, url):
    """The edition's script bundle (copy-link, cite box, …) is loaded on every page but the static print page, and
    holds every script of docs/assets/scripts/."""
    sources = [s["src"] for s in site.soup(url).find_all("script", src=True)]
    if url == "cetak/":
        assert sources == [], "the print page is meant to load no script"
        return
    assert sum(s.endswith("assets/edition.js") for s in sources) == 1, sources
    bundle = (site.root / "assets" / "edition.js").read_text(encoding="utf-8")
    for script in sorted((ROOT / "docs" / "assets" / "scripts").glob("*.js")):
        assert f"/* {script.name} */" in bundle, f"{script.name} is not in assets/edition.js"
