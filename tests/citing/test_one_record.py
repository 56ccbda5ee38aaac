"""One work, one record: every output of each work gives a reader's software the same thing.

Per language and per build (the latest, and each earlier release built from its own commit in a temporary tree,
then finished as the Pages workflow finishes it), the record is gathered from every output, each read the way its
consumer reads it: the pages' heads as Zotero's Embedded Metadata translator does (tests/zotero.py: citation_*,
then DC and Open Graph, then the page's description and time[datetime]); the cite boxes and ``unduh/artikel.*``
with bibtexparser and rispy; the PDFs with pypdf (metadata, and the first page's largest text). The expected
record comes from outside the code under test: CITATION.cff (yaml), the source text (tests/fixtures/paper.txt) and
the translation's title as published.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import bibtexparser
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_file
from pylatexenc.latex2text import LatexNodes2Text
from pypdf import PdfReader

from support import PAGES, ROOT, TEST_SITE_URL, page_id_for, source_passage, squeeze, with_plain_apa
from zotero import BIBTEX_TYPES, RIS_TYPES, bibtex_items, embedded_metadata, extra_fields, ris_items

from edition.citing import release

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
TITLE = " ".join(CFF["title"].split())
# The English translation's title, as this edition publishes it (release 1.2.0; the original's word order).
ENGLISH_TITLE = ("The Efforts of IOM (International Organization for Migration) in Handling Human Trafficking Cases "
                 "in Indonesia, 2017-2022")
TRANSLATOR = "Upaya IOM web edition"
PREFIX = {"id": "", "en": "en/"}
TEX = LatexNodes2Text()
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})


def source_keywords(label: str) -> list[str]:
    """A keywords line of the source ("Keywords:", "Kata Kunci:"), as a list (commas inside brackets kept)."""
    line = next(l for l in (ROOT / "tests/fixtures/paper.txt").read_text(encoding="utf-8").splitlines()
                if l.startswith(label + ":"))
    return [k.strip() for k in re.split(r",\s*(?![^()]*\))", line[len(label) + 1:].replace("*", "")) if k.strip()]


EXPECTED = {
    "id": {"type": "journalArticle", "title": TITLE, "original_title": None, "language": "id",
           "creators": ["Saragih, Eriston", "Alfajri"], "translators": [], "date": None,
           "abstract": source_passage("Abstrak", "Kata Kunci:"), "keywords": source_keywords("Kata Kunci")},
    "en": {"type": "journalArticle", "title": ENGLISH_TITLE, "original_title": TITLE, "language": "en",
           "creators": ["Saragih, Eriston", "Alfajri"], "translators": [TRANSLATOR], "date": None,
           "abstract": source_passage("Abstract", "Keywords:"), "keywords": source_keywords("Keywords")},
}
SECTION_FIELDS = ("type", "title", "original_title", "language", "creators", "translators", "date")  # no abstract


def creator(c: dict) -> str:
    return c["name"] if "name" in c else f"{c['lastName']}, {c['firstName']}".rstrip(", ")


def short(value) -> str:
    text = repr(value)
    return text if len(text) <= 140 else text[:137] + "..."


def differences(found: dict, expected: dict, fields, where: str) -> list[str]:
    return [f"{where}: {field} is {short(found.get(field))}, expected {short(expected.get(field))}" for field in fields
            if found.get(field) != expected.get(field)]


# ---------------------------------------------------------------- each output, read as its consumer reads it

def page_record(page_html: str) -> dict:
    """What Zotero saves from a page (Embedded Metadata); keywords as Google Scholar reads citation_keywords."""
    item = embedded_metadata(page_html)
    extra = extra_fields(item.get("extra"))
    return {"type": item["itemType"], "title": item["title"], "original_title": (extra.get("original-title") or [None])[0],
            "language": item["language"], "creators": [creator(c) for c in item["creators"]],
            "translators": extra.get("translator", []), "date": item["date"], "abstract": item["abstractNote"],
            "keywords": item["keywords"], "url": item["url"]}


def bibtex_record(text: str) -> dict:
    """One BibTeX entry as bibtexparser reads it (biblatex's fields: origtitle, translator)."""
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    (entry,) = library.entries
    fields = {f.key.lower(): squeeze(TEX.latex_to_text(f.value)) for f in entry.fields}
    names = lambda key: [n.strip() for n in fields.get(key, "").split(" and ") if n.strip()]  # noqa: E731
    return {"type": BIBTEX_TYPES[entry.entry_type], "title": fields.get("title"),
            "original_title": fields.get("origtitle"), "language": fields.get("language"),
            "creators": names("author"), "translators": names("translator"),
            "date": fields.get("date") or fields.get("year"), "abstract": fields.get("abstract"),
            "keywords": [k.strip() for k in fields["keywords"].split(",")] if "keywords" in fields else [],
            "url": fields.get("url"), "urldate": fields.get("urldate")}


def ris_record(text: str) -> dict:
    """One RIS record as rispy reads it (A4 translator, OP original publication)."""
    (record,) = rispy.loads(text)
    return {"type": RIS_TYPES[record["type_of_reference"]], "title": record.get("title"),
            "original_title": record.get("original_publication"), "language": record.get("language"),
            "creators": record.get("authors", []), "translators": record.get("subsidiary_authors", []),
            "date": record.get("date") or record.get("year"), "abstract": record.get("abstract"),
            "keywords": record.get("keywords", []), "url": (record.get("urls") or [None])[0],
            "urldate": record.get("access_date")}


def largest_text(page) -> str:
    """The text set in the largest type on a PDF page (what Google Scholar and Zotero take for the title)."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((round(size * abs(tm[0]) * abs(cm[0]), 1), text.strip()))

    page.extract_text(visitor_text=visit)
    biggest = max(size for size, _ in runs)
    return squeeze(" ".join(text for size, text in runs if size == biggest))


# ---------------------------------------------------------------- one build, one language

def check_build(root: Path, base: str, language: str, pages: list[str]) -> list[str]:
    """Every page, cite box and download of the language in the build at ``root`` (published at ``base``)."""
    expected, problems = EXPECTED[language], []
    home = base + PREFIX[language]
    for url in pages:
        here = PREFIX[language] + url
        page_html = (root / here / "index.html").read_text(encoding="utf-8")
        found = page_record(page_html)
        problems += differences(found, {**expected, "url": base + here}, [*expected, "url"], f"{here} (head)")
        box = BeautifulSoup(page_html, "html.parser").select_one("details#cite-box, details#kutip")
        if box is None:
            continue
        data = with_plain_apa(json.loads(box.select_one("script#cite-box-data, script#kutip-data").get_text()))
        assert data, f"{here}: no sections in the cite box"
        for anchor, formats in data.items():
            whole = url == ""
            want = {**expected, "url": formats["url"]} if whole else {**expected, "abstract": None, "keywords": [],
                                                                      "url": formats["url"]}
            for name, record in (("BibTeX", bibtex_record(formats["bibtex"])), ("RIS", ris_record(formats["ris"]))):
                problems += differences(record, want, [*want, "urldate"], f"{here} (cite box, #{anchor}, {name})")
            if expected["title"] not in formats["apa"] or (expected["original_title"] or "") not in formats["apa"]:
                problems.append(f"{here} (cite box, #{anchor}, APA): not the work's title: {formats['apa'][:120]}")
    missing = [name for name in ("artikel.bib", "artikel.ris") if not (root / PREFIX[language] / "unduh" / name).is_file()]
    if missing:
        return problems + [f"{PREFIX[language]}unduh/{name}: no such download" for name in missing]
    downloads = {name: (root / PREFIX[language] / "unduh" / name).read_text(encoding="utf-8")
                 for name in ("artikel.bib", "artikel.ris")}
    for name, record in (("artikel.bib", bibtex_record(downloads["artikel.bib"])),
                         ("artikel.ris", ris_record(downloads["artikel.ris"]))):
        problems += differences(record, {**expected, "url": home}, [*expected, "url", "urldate"],
                                f"{PREFIX[language]}unduh/{name}")
    from_bib, from_ris = bibtex_items(downloads["artikel.bib"]), ris_items(downloads["artikel.ris"])
    strip = lambda items: [{k: v for k, v in i.items() if k != "key"} for i in items]  # noqa: E731
    if strip(from_bib) != strip(from_ris):
        problems.append(f"{PREFIX[language]}unduh/: Zotero imports artikel.bib as {strip(from_bib)} "
                        f"but artikel.ris as {strip(from_ris)}")
    return problems


@pytest.mark.parametrize("language", ["id", "en"])
def test_latest_gives_one_record_per_work(site, language):
    """Every page's head, every cite-box entry and both downloads of the language give the work's one record:
    type, title, original title, language, creators, translator, no date, the whole abstract, the URL, the
    keywords in the work's language (the English pages: the translation)."""
    problems = check_build(site.root, TEST_SITE_URL, language, list(PAGES))
    assert not problems, f"{len(problems)} disagreements:\n" + "\n".join(problems[:40])


# ---------------------------------------------------------------- earlier releases, built with their own code

def released_refs() -> list[tuple[str, str]]:
    """(version, git ref) of every earlier release, from docs/riwayat.yml and git (its tag, else its recorded
    commit)."""
    current = str(CFF["version"])
    tags = subprocess.run(["git", "tag", "--list", "v*"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    entries = yaml.safe_load((ROOT / "docs" / "riwayat.yml").read_text(encoding="utf-8"))
    return [(str(e["version"]), f"v{e['version']}" if f"v{e['version']}" in tags else e.get("commit"))
            for e in entries if str(e["version"]) != current]


RELEASES = released_refs()


@pytest.fixture(scope="module")
def archived(deployed) -> dict[str, Path]:
    """Each earlier release as the rehearsed Pages workflow deployed it (tests/conftest.py): built from its own commit
    (its code and templates) under /v/<version>/, then finished by edition.output.versioned_site: version -> its
    folder."""
    return {version: deployed.served / "v" / version for version, _ in RELEASES}


@pytest.mark.parametrize("version,language", [(v, lang) for v, _ in RELEASES for lang in ("id", "en")],
                         ids=lambda v: v)
def test_archived_release_gives_the_same_record(archived, version, language):
    """An earlier release's pages, cite boxes and downloads, as published under /v/<version>/, give the same record
    as the latest (with their own addresses): no release date taken for the article's date, the whole abstract,
    the translation described as one on English pages."""
    root = archived[version]
    pages = [url for url in PAGES if (root / PREFIX[language] / url / "index.html").is_file()]
    assert len(pages) >= 12, f"v/{version}/{PREFIX[language]}: only {pages}"
    problems = check_build(root, release.version_root(TEST_SITE_URL, version), language, pages)
    assert not problems, f"{len(problems)} disagreements:\n" + "\n".join(problems[:40])


# ---------------------------------------------------------------- the PDFs

@pytest.mark.parametrize("language", ["id", "en"])
def test_pdf_gives_the_record_and_is_linked(pdf_site, language):
    """The language's PDF: metadata and first page led by the work's title (the English one names the original),
    its own language's BibTeX and RIS; every page of the language links it as citation_pdf_url, below the home
    page's folder (as Google Scholar asks)."""
    expected, home = EXPECTED[language], TEST_SITE_URL + PREFIX[language]
    pdf_path = pdf_site / PREFIX[language] / "unduh" / "artikel-lengkap.pdf"
    reader = PdfReader(str(pdf_path))
    info = reader.metadata
    assert info.title == expected["title"]
    assert [k.strip() for k in info["/Keywords"].split(",")] == expected["keywords"]
    assert info.author == "Eriston Saragih; Alfajri" and reader.trailer["/Root"]["/Lang"] == language
    first = reader.pages[0]
    assert largest_text(first) == expected["title"]
    text = squeeze(first.extract_text().translate(LIGATURES))
    for needle in [home + "unduh/artikel.bib", home + "unduh/artikel.ris", *([TITLE] if expected["original_title"]
                                                                         else [])]:
        assert needle in text.replace("- ", "-"), needle
    other = TEST_SITE_URL + PREFIX["en" if language == "id" else "id"] + "unduh/artikel.bib"
    assert other not in text, "the PDF links to the other language's record"
    for url in PAGES:
        soup = BeautifulSoup((pdf_site / PREFIX[language] / url / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        links = [m["content"] for m in soup.find_all("meta", attrs={"name": "citation_pdf_url"})]
        assert links == [home + "unduh/artikel-lengkap.pdf"], (url, links)
        assert embedded_metadata(str(soup))["attachments"] == [{"title": "Full Text PDF", "url": links[0]}]


# ---------------------------------------------------------------- the references: one record from either download

def test_references_bib_and_ris_import_as_the_same_records(site):
    """Zotero imports unduh/references.bib and unduh/references.ris as the same 27 items, field for field
    (italics, page ranges, a publisher or website given as a web address), and each is the authors' entry."""
    from_bib = {i["key"]: i for i in bibtex_items((site.root / "unduh/references.bib").read_text(encoding="utf-8"))}
    from_ris = {i["key"]: i for i in ris_items((site.root / "unduh/references.ris").read_text(encoding="utf-8"))}
    source = dict(parse_file(str(ROOT / "references.bib")).entries)
    assert sorted(from_bib) == sorted(from_ris) == sorted(source)
    problems = []
    for key, entry in source.items():
        bib, ris = from_bib[key], from_ris[key]
        for field in sorted(set(bib) | set(ris)):
            if bib.get(field) != ris.get(field):
                problems.append(f"{key}: {field}: .bib gives {bib.get(field)!r}, .ris {ris.get(field)!r}")
        plain = {name.lower(): squeeze(TEX.latex_to_text(value)) for name, value in entry.fields.items()}
        if bib.get("title") != plain["title"]:
            problems.append(f"{key}: title {bib.get('title')!r}, the list's {plain['title']!r}")
        if "pages" in plain and bib.get("pages", bib.get("numPages")) != plain["pages"].replace("\u2013", "-"):
            problems.append(f"{key}: pages {bib.get('pages')!r}, the list's {plain['pages']!r}")
        host = plain.get("howpublished") or (plain.get("note") if re.fullmatch(r"www\.[\w.-]+", plain.get("note", ""))
                                             else None)
        if host and host not in (bib.get("publisher"), bib.get("websiteTitle")):
            problems.append(f"{key}: the list's {host!r} is neither publisher nor website: {bib}")
        if len(bib["creators"]) != len(entry.persons.get("author", [])):
            problems.append(f"{key}: {len(bib['creators'])} creators")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- a local build links to no page it lacks

def test_build_links_only_to_pages_it_holds(site):
    """A build without the archived versions (mkdocs build, mkdocs serve) links to no address of its own site that it
    does not contain: no version's permanent address, no change-log link to a version."""
    missing = set()
    for path in site.root.rglob("*.html"):
        for link in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(href=True):
            href = link["href"].split("#")[0]
            if href.startswith(TEST_SITE_URL):
                target = site.root / href[len(TEST_SITE_URL):]
                if not (target.is_file() or (target / "index.html").is_file()):
                    missing.add(f"{path.relative_to(site.root)} -> {href}")
    assert not missing, f"{len(missing)} links to pages the build lacks:\n" + "\n".join(sorted(missing)[:20])
