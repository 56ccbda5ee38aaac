"""What readers' own software gets from the site, read by parsers the project did not write.

Head tags are read the way Zotero's "Embedded Metadata" translator reads them (its mapping, emulated in
tests/zotero.py: citation_* first, then DC.*/og:*, then the page); the downloads by
``bibtexparser`` and ``rispy``; the expected values come from CITATION.cff (yaml), references.bib
(pybtex), the source text (tests/fixtures/paper.txt) and pylatexenc (TeX to text).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from pylatexenc.latex2text import LatexNodes2Text

from support import (PAGES, ROOT, TEST_SITE_URL, bib_entries, build_site, copy_project, page_id_for, source_passage,
                     squeeze, with_plain_apa)
from zotero import BIBTEX_TYPES, RIS_TYPES, embedded_metadata

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
ENTRIES = bib_entries()
ORIGINAL_ABSTRACT = source_passage("Abstrak", "Kata Kunci:")  # the source's, not CITATION.cff's
ENGLISH_ABSTRACT = source_passage("Abstract", "Keywords:")


def test_citation_cff_abstract_is_the_sources():
    """CITATION.cff's abstract, which every page's metadata publishes, is the source's Abstrak word for word."""
    assert " ".join(CFF["abstract"].split()) == ORIGINAL_ABSTRACT


BOTH = [(language, url) for language in ("id", "en") for url in PAGES]
ARENA = "hasil-dan-pembahasan/iom-sebagai-arena/"

ISO = {"indonesian": "id", "english": "en"}
# Publication facts that must not appear until they are known (and do appear once they are).
PUBLICATION_TAGS = ("citation_publication_date", "citation_journal_title", "citation_volume", "citation_issue",
                    "citation_firstpage", "citation_lastpage", "citation_doi")
FICTITIOUS = {"journal": "Jurnal Fiktif Uji", "volume": 99, "issue": "9", "start": 101, "end": 120,
              "date-published": "2099-01-31", "doi": "10.0000/fiktif"}
TEX = LatexNodes2Text()


def page_url(language: str, url: str) -> str:
    return url if language == "id" else f"en/{url}"


def zotero_embedded(html: str) -> dict:
    """The item Zotero's Embedded Metadata translator makes of a page (tests/zotero.py), creators as "Last, First"."""
    item = embedded_metadata(html)
    return {**item, "creators": [c["name"] if "name" in c else f"{c['lastName']}, {c['firstName']}"
                                 for c in item["creators"]]}


def jsonld_article(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    found = [json.loads(s.get_text()) for s in soup.find_all("script", type="application/ld+json")]
    (article,) = [d for d in found if d.get("@type") == "ScholarlyArticle"]
    return article


def english_title(site) -> str:
    """The English home page's heading: the edition's English title, as printed (upper case)."""
    h1 = site.soup("en/").select_one("article h1")
    return squeeze(h1.get_text().replace("\u00b6", ""))


def cite_box(site, url: str) -> dict:
    box = site.soup(url).find("details", id="cite-box")
    return with_plain_apa(json.loads(box.find("script", id="cite-box-data").get_text()))


def one_bibtex(text: str):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    (entry,) = library.entries
    return entry


def field(entry, name: str):
    found = entry.fields_dict.get(name)
    return None if found is None else squeeze(found.value.strip("{}"))


# ---------------------------------------------------------------- 1. page metadata

@pytest.mark.parametrize("language,url", BOTH, ids=lambda v: page_id_for(v) if "/" in v or v == "" else v)
def test_zotero_reads_one_consistent_work(site, language, url):
    """Zotero gets a journalArticle with the whole abstract, and title and language of the same work."""
    html = site.html(page_url(language, url))
    item = zotero_embedded(html)
    assert item["itemType"] == "journalArticle"
    assert item["creators"] == ["Saragih, Eriston", "Alfajri"]
    assert item["language"] == language == BeautifulSoup(html, "html.parser").html["lang"]
    if language == "id":
        assert item["title"] == " ".join(CFF["title"].split())
        assert item["abstractNote"] == ORIGINAL_ABSTRACT
    else:  # the English translation: its own title (the English heading), the authors' English abstract
        assert item["title"].upper() == english_title(site).upper().replace("*", "")
        assert item["title"] != " ".join(CFF["title"].split())
        assert item["abstractNote"] == ENGLISH_ABSTRACT
    article = jsonld_article(html)
    assert article["headline"] == item["title"] and article["inLanguage"] == language
    assert article["abstract"] == item["abstractNote"]
    og_title = BeautifulSoup(html, "html.parser").find("meta", property="og:title")["content"]
    assert og_title.endswith(item["title"])
    if language == "en":
        original = article["translationOfWork"]
        assert original["name"] == " ".join(CFF["title"].split()) and original["inLanguage"] == "id"


@pytest.mark.parametrize("language,url", [(lang, u) for lang in ("id", "en") for u in ("", ARENA)],
                         ids=lambda v: page_id_for(v) if "/" in v or v == "" else v)
def test_cite_box_describes_the_same_work(site, language, url):
    """Every cite box entry (bibtexparser, rispy) has the page's title, language and type."""
    item = zotero_embedded(site.html(page_url(language, url)))
    data = cite_box(site, page_url(language, url))
    assert data, "no sections in the cite box"
    for formats in data.values():
        entry = one_bibtex(formats["bibtex"])
        (record,) = rispy.loads(formats["ris"])
        assert BIBTEX_TYPES[entry.entry_type] == RIS_TYPES[record["type_of_reference"]] == item["itemType"]
        assert field(entry, "title") == record["title"] == item["title"]
        assert field(entry, "language") == record["language"] == item["language"]
        assert item["title"] in formats["apa"]


# ---------------------------------------------------------------- 2. downloads

def test_article_downloads_agree(site):
    """unduh/artikel.bib (bibtexparser) and unduh/artikel.ris (rispy) give one item: type, title,
    authors, language, abstract, URL."""
    entry = one_bibtex((site.root / "unduh" / "artikel.bib").read_text(encoding="utf-8"))
    (record,) = rispy.loads((site.root / "unduh" / "artikel.ris").read_text(encoding="utf-8"))
    assert BIBTEX_TYPES[entry.entry_type] == RIS_TYPES[record["type_of_reference"]] == "journalArticle"
    assert field(entry, "title") == record["title"] == " ".join(CFF["title"].split())
    names = [f"{a['family-names']}, {a['given-names']}" if a.get("given-names") else a["family-names"]
             for a in CFF["authors"]]
    assert field(entry, "author").split(" and ") == record["authors"] == names
    assert field(entry, "language") == record["language"] == CFF["preferred-citation"]["languages"][0]
    assert field(entry, "abstract") == record["abstract"] == ORIGINAL_ABSTRACT
    assert field(entry, "url") == record["urls"][0] == TEST_SITE_URL
    assert "journal_name" not in record and "\\emph" not in field(entry, "title")


def test_references_bib_export_matches_the_authors_data(site):
    """unduh/references.bib (bibtexparser) carries every entry and field of references.bib (pybtex), as plain text
    (titles without italics, page ranges with a hyphen), language beside langid, no note that only leads in to
    the URL; a web address the list prints where the publisher goes is a book's publisher, a web page's website."""
    library = bibtexparser.parse_string((site.root / "unduh" / "references.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    exported = {e.key: e for e in library.entries}
    assert sorted(exported) == sorted(ENTRIES)
    for key, source in ENTRIES.items():
        entry = exported[key]
        if source.type == "misc":  # the list's @misc entries are web pages: exported as Zotero reads ELEC
            assert BIBTEX_TYPES[entry.entry_type] == "webpage", key
        else:
            assert entry.entry_type == source.type, key
        authors = [squeeze(TEX.latex_to_text(str(p))) for p in source.persons.get("author", [])]
        assert [squeeze(TEX.latex_to_text(a)) for a in entry.fields_dict["author"].value.split(" and ")] == authors, key
        exported_text = {f.key: squeeze(TEX.latex_to_text(f.value)) for f in entry.fields}
        for name, value in source.fields.items():
            name = name.lower()
            if name in ("note", "howpublished"):
                continue
            expected = squeeze(TEX.latex_to_text(value))
            if name == "pages":
                expected = expected.replace("\u2013", "-")
            assert exported_text[name] == expected, (key, name, exported_text[name], expected)
        assert "\\emph" not in str([f.value for f in entry.fields]) and "\\textit" not in str([f.value for f in entry.fields])
        langid = source.fields.get("langid", "")
        if langid:
            assert entry.fields_dict["language"].value == ISO[langid], key
        note = TEX.latex_to_text(source.fields.get("note", "") or source.fields.get("howpublished", "")).strip()
        if note and not re.fullmatch(r"(?i)diakses melalui", note):
            where = "journal" if BIBTEX_TYPES[entry.entry_type] == "webpage" else "publisher"
            assert exported_text.get(where) == note, (key, note)
        if "note" in entry.fields_dict:
            assert not re.fullmatch(r"(?i)diakses melalui|(www\.)?[\w-]+(\.[\w-]+)+", entry.fields_dict["note"].value)


def test_references_ris_matches_the_authors_data(site):
    """unduh/references.ris (rispy): every entry of references.bib (pybtex) with its fields; the journal
    in T2 (never JO); access date in Y2; no child note that is a fragment."""
    records = {r["id"]: r for r in rispy.loads((site.root / "unduh" / "references.ris").read_text(encoding="utf-8"))}
    bib = {e.key: e for e in bibtexparser.parse_string(
        (site.root / "unduh" / "references.bib").read_text(encoding="utf-8")).entries}
    assert sorted(records) == sorted(ENTRIES)
    for key, source in ENTRIES.items():
        record, fields = records[key], source.fields
        text = {name.lower(): squeeze(TEX.latex_to_text(value)) for name, value in fields.items()}
        assert RIS_TYPES[record["type_of_reference"]] == BIBTEX_TYPES[bib[key].entry_type], key
        assert record["title"] == text["title"], key
        assert record["year"] == text["year"], key
        assert len(record.get("authors", [])) == len(source.persons.get("author", [])), key
        assert "journal_name" not in record, f"{key}: JO is read as the journal's abbreviation"
        if "journal" in text:
            assert record["secondary_title"] == text["journal"], key
        for name, tag in (("volume", "volume"), ("number", "number"), ("doi", "doi"), ("publisher", "publisher"),
                          ("address", "place_published"), ("edition", "edition")):
            if name in text:
                assert record[tag] == text[name], (key, name)
        if "url" in text:
            assert record["urls"] == [fields["url"]], key
        if "urldate" in text:
            assert record["access_date"] == text["urldate"].replace("-", "/"), key
        if "pages" in text:
            first, _, last = text["pages"].replace("\u2013", "-").partition("-")
            assert record["start_page"] == first and record.get("end_page", "") == last.strip("-"), key
        if "langid" in text:
            assert record["language"] == ISO[text["langid"]], key
        for note in record.get("notes", []):
            assert not re.fullmatch(r"(?i)diakses melalui|(www\.)?[\w-]+(\.[\w-]+)+", note), (key, note)


# ---------------------------------------------------------------- 4. publication facts

@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_real_build_publishes_no_publication_facts(site, url):
    """Journal, volume, issue, pages, date and DOI are unknown: no page in either language claims them."""
    for here in (url, f"en/{url}"):
        html = site.html(here)
        soup = BeautifulSoup(html, "html.parser")
        assert not [m["name"] for m in soup.find_all("meta", attrs={"name": PUBLICATION_TAGS})], here
        article = jsonld_article(html)
        assert not {"datePublished", "isPartOf", "pageStart"} & set(article), here


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A copy of the project whose CITATION.cff gives (fictitious) journal, volume, issue, pages, date, DOI."""
    project = copy_project(tmp_path_factory.mktemp("publication") / "proyek")
    cff_path = project / "CITATION.cff"
    data = yaml.safe_load(cff_path.read_text(encoding="utf-8"))
    data["preferred-citation"].update(FICTITIOUS)
    cff_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = project.parent / "site" / "upaya-iom"
    result = build_site(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, out


def test_fixture_citation_cff_is_valid_cff(published):
    """The fixture's CITATION.cff (preferred-citation with journal ... doi) validates against CFF 1.2.0."""
    project, _ = published
    cffconvert = Path(sys.executable).parent / "cffconvert"
    result = subprocess.run([str(cffconvert), "--validate", "-i", str(project / "CITATION.cff")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("url", ["", ARENA, "en/", f"en/{ARENA}"], ids=page_id_for)
def test_publication_facts_flow_to_head_tags(published, url):
    """Once CITATION.cff gives them, Zotero reads journal, volume, issue, pages, date and DOI from the head,
    and JSON-LD gives datePublished and isPartOf (on English pages: of the original)."""
    _, out = published
    html = (out / url / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    present = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": PUBLICATION_TAGS})}
    assert sorted(present) == sorted(PUBLICATION_TAGS)
    item = zotero_embedded(html)
    assert item["itemType"] == "journalArticle"
    assert (item["publicationTitle"], item["volume"], item["issue"], item["pages"], item["date"], item["DOI"]) == \
        ("Jurnal Fiktif Uji", "99", "9", "101-120", "2099/01/31", "10.0000/fiktif")
    article = jsonld_article(html)
    work = article["translationOfWork"] if url.startswith("en/") else article
    assert work["datePublished"] == "2099-01-31"
    issue = work["isPartOf"]
    assert issue["issueNumber"] == "9" and issue["isPartOf"]["volumeNumber"] == "99"
    assert issue["isPartOf"]["isPartOf"]["name"] == "Jurnal Fiktif Uji"
    assert work["sameAs"] == "https://doi.org/10.0000/fiktif"


@pytest.mark.parametrize("url", ["", ARENA, "en/", f"en/{ARENA}"], ids=page_id_for)
def test_publication_facts_flow_to_cite_boxes(published, url):
    """The cite boxes' APA, BibTeX (bibtexparser) and RIS (rispy) give the year, journal, volume, issue, pages, DOI."""
    _, out = published
    soup = BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    data = with_plain_apa(json.loads(soup.find("details", id="cite-box").find("script", id="cite-box-data").get_text()))
    assert data, "no sections in the cite box"
    for formats in data.values():
        assert "(2099)" in formats["apa"] and "Jurnal Fiktif Uji, 99(9), 101\u2013120." in formats["apa"]
        assert "https://doi.org/10.0000/fiktif" in formats["apa"]
        check_bibtex_and_ris(one_bibtex(formats["bibtex"]), rispy.loads(formats["ris"])[0])


def check_bibtex_and_ris(entry, record):
    assert (field(entry, "journal"), field(entry, "volume"), field(entry, "number"), field(entry, "pages"),
            field(entry, "year"), field(entry, "date"), field(entry, "doi")) == \
        ("Jurnal Fiktif Uji", "99", "9", "101-120", "2099", "2099-01-31", "10.0000/fiktif")  # a hyphen, as RIS gives it
    assert (record["secondary_title"], record["volume"], record["number"], record["start_page"], record["end_page"],
            record["year"], record["date"], record["doi"]) == \
        ("Jurnal Fiktif Uji", "99", "9", "101", "120", "2099", "2099/01/31", "10.0000/fiktif")
    assert "journal_name" not in record


def test_publication_facts_flow_to_downloads(published):
    """unduh/artikel.bib and unduh/artikel.ris give the publication facts too."""
    _, out = published
    entry = one_bibtex((out / "unduh" / "artikel.bib").read_text(encoding="utf-8"))
    (record,) = rispy.loads((out / "unduh" / "artikel.ris").read_text(encoding="utf-8"))
    check_bibtex_and_ris(entry, record)
