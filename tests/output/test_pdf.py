"""The PDF of the whole article, as a reader's PDF software reads it (pypdf): tagged, bookmarked,
described, with a first page that says what it is, and every word of the article."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from support import ARTICLE_PAGES, TEST_SITE_URL, differences, source_words

LANGUAGES = {"id": "", "en": "en/"}
PDF = "unduh/artikel-lengkap.pdf"
# The pages printed in the PDF, in order: the article and its reference list.
PRINTED = ARTICLE_PAGES + ["daftar-pustaka/"]
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})  # as the PDF's fonts set them


@pytest.fixture(scope="module")
def pdfs(pdf_site) -> dict[str, PdfReader]:
    return {language: PdfReader(str(pdf_site / prefix / PDF)) for language, prefix in LANGUAGES.items()}


@pytest.fixture(scope="module")
def texts(pdfs) -> dict[str, list[str]]:
    """Each PDF's text, page by page, as pypdf extracts it: extracted once for the module (about 2 s a PDF)."""
    return {language: [page.extract_text() or "" for page in reader.pages] for language, reader in pdfs.items()}


def page_lines(text: str) -> list[str]:
    return [line.strip() for line in text.translate(LIGATURES).splitlines() if line.strip()]


def outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        titles += outline_titles(item) if isinstance(item, list) else [" ".join(item.title.split())]
    return titles


def article_headings(site, prefix: str) -> list[str]:
    """The headings of the printed pages as the site shows them (without ¶, the contents list, the cite box)."""
    headings = []
    for url in PRINTED:
        article = site.soup(prefix + url).select_one("article.md-content__inner")
        for element in article.select(".headerlink, .cite-box, #daftar-isi, #referensi, .admonition, .contents"):
            element.decompose()
        headings += [" ".join(h.get_text().split()) for h in article.find_all(re.compile("^h[1-6]$"))]
    return headings


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_is_tagged(pdfs, language):
    """The PDF is tagged: a structure tree, marked content, the language of its text."""
    root = pdfs[language].trailer["/Root"]
    assert "/StructTreeRoot" in root, "no structure tree (untagged PDF)"
    assert root["/StructTreeRoot"].get_object().get("/K") is not None, "empty structure tree"
    assert root.get("/MarkInfo", {}).get("/Marked") == True  # noqa: E712 - a pypdf BooleanObject
    assert root.get("/Lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_bookmarks_are_the_sections(site, pdfs, language):
    """One bookmark per heading of the article and its reference list, in order, with the heading's text."""
    assert outline_titles(pdfs[language].outline) == article_headings(site, LANGUAGES[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_metadata(pdfs, language):
    """Title, authors, subject and keywords are set, and viewers show the title rather than the file name (the title
    and keywords of the work itself: tests/citing/test_one_record.py)."""
    reader = pdfs[language]
    info = reader.metadata
    title = {"id": "Upaya IOM (International Organization for Migration) dalam Menangani Kasus Human Trafficking",
             "en": "The Efforts of IOM (International Organization for Migration) in Handling Human Trafficking"}
    assert info.title.startswith(title[language])
    assert info.author == "Eriston Saragih; Alfajri"
    assert info.subject and len(info.subject) > 40
    assert {"id": "Perdagangan Manusia", "en": "Human Trafficking"}[language] in info["/Keywords"]
    if language == "en":
        assert "English translation" in info.subject
    preferences = reader.trailer["/Root"]["/ViewerPreferences"].get_object()
    assert preferences.get("/DisplayDocTitle") == True  # noqa: E712 - a pypdf BooleanObject


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_pages_have_running_title_and_numbers(pdfs, texts, language):
    """Every page ends with the running title (authors and title) and "n / total"."""
    total = len(pdfs[language].pages)
    for number, text in enumerate(texts[language], 1):
        lines = page_lines(text)
        assert lines[-1] == f"{number} / {total}", f"page {number}: {lines[-2:]}"
        assert lines[-2].startswith("Saragih & Alfajri · "), f"page {number}: {lines[-2]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_first_page_says_what_it_is(texts, language):
    """The first page names the document, its authors, how to cite it and where the web edition lives."""
    text = " ".join(" ".join(page_lines(texts[language][0])).split())
    home = TEST_SITE_URL + LANGUAGES[language]
    kind = {"id": "Versi cetak (PDF) edisi web artikel", "en": "Print version (PDF) of the web edition"}[language]
    assert text.startswith(kind), text[:200]
    for needle in ("Upaya IOM (International Organization for Migration) dalam Menangani Kasus Human Trafficking",
                   "Eriston Saragih", "Alfajri", "Saragih, E., & Alfajri.", "APA 7", home,
                   home + "unduh/artikel.bib", home + "unduh/artikel.ris"):
        assert needle in text, needle
    if language == "en":
        assert "The Indonesian original is authoritative" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_has_no_instructions_for_the_web_page(texts, language):
    """Nothing in the PDF tells the reader to press keys (the print page's instructions are screen-only)."""
    text = " ".join(" ".join(page_lines(page)) for page in texts[language])
    for instruction in ("Ctrl+P", "⌘P", "Versi Cetak", "Print Version", "¶"):
        assert instruction not in text, instruction


def article_words(pages: list[str]) -> list[str]:
    """The PDF's words from the article's start to its reference list (``pages``: its text, page by page): running
    title and page numbers left out, words the line breaking hyphenated joined again."""
    lines = []
    for page in pages[1:]:  # after the first page (the edition's, not the article's)
        lines += page_lines(page)[:-2]
    text = "\n".join(lines)
    text = re.sub(r"(\w)-\n(\w)", r"\1-\2", text)  # "anak-\nanak": Chromium breaks lines after a hyphen
    return text[: text.rindex("\nDAFTAR PUSTAKA")].split()


def test_pdf_text_is_the_articles_text(texts):
    """Every word of the article's body is in the PDF, in order, as in the source (tests/inputs/test_fidelity.py);
    only the edition's figure notices and redrawn charts come in between."""
    problems = differences(source_words(), article_words(texts["id"]), extra_allowed=True)
    assert not problems, "PDF text differs from the article:\n" + "\n".join(problems)


def test_pdf_of_the_whole_article(pdf_site, pdfs, texts):
    """With BUILD_PDF=1 the build prints /cetak/ to a PDF with the article's text, linked from the home page."""
    site = pdf_site  # the session's one build with BUILD_PDF=1 (tests/conftest.py; see tests/output/test_pdf.py)
    # pdfs and texts: the module's readings of site/unduh/artikel-lengkap.pdf and site/en/unduh/artikel-lengkap.pdf
    text = " ".join(" ".join(page.split()) for page in texts["id"])
    assert len(pdfs["id"].pages) >= 8
    for needle in ("PENDAHULUAN", "METODE PENELITIAN", "SIMPULAN", "DAFTAR PUSTAKA", "Clive Archer",
                   "(Hutabarat, 2021)", "Tabel 1. Kerangka Kerja"):
        assert needle in text, needle
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="unduh/artikel-lengkap.pdf"' in home
    english_text = " ".join(" ".join(page.split()) for page in texts["en"])
    for needle in ("INTRODUCTION", "RESEARCH METHOD", "CONCLUSION", "REFERENCES", "(3rd ed.)"):
        assert needle in english_text, needle
    assert 'href="unduh/artikel-lengkap.pdf"' in (site / "en" / "index.html").read_text(encoding="utf-8")  # en/unduh/
