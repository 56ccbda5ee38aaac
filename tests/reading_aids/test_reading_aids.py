"""Figures, data and reading aids: Gambar 1 redrawn, every number traceable, abbreviations,
cross-references, the print page (its PDF: tests/output/test_pdf.py)."""

from __future__ import annotations

import csv
import re
from urllib.parse import urljoin, urlsplit

import pytest

from support import ARTICLE_PAGES, ROOT

FIGURES = ROOT / "figures"


def rows(name: str) -> list[dict]:
    with open(FIGURES / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def text_of(element) -> str:
    return " ".join(element.get_text().split())


def resolve(site, page_url: str, href: str):
    """The element a link of a page points to: (page URL, element) or (page URL, None)."""
    target = urlsplit(urljoin("/" + page_url, href))
    url = target.path.lstrip("/")
    return url, site.soup(url).find(id=target.fragment)


# ------------------------------------------------------------------ Gambar 1

@pytest.mark.parametrize("row", rows("gambar-1.csv"), ids=lambda r: f"{r['kategori']}-{r['tahun']}")
def test_figure_data_match_the_text(site, row):
    """Each number of Gambar 1 stands in the article's sentence with its year, in the chart and in its table."""
    paragraph = site.soup("hasil-dan-pembahasan/").find(id=f"p-tppo-{row['kategori']}")
    sentence = text_of(paragraph)
    match = re.search(rf"{row['tahun']}[^.]{{0,40}}?\b{row['kasus']} kasus|\b{row['kasus']} kasus[^.]{{0,40}}?{row['tahun']}",
                      sentence)
    assert match, f"{row['kasus']} ({row['tahun']}) not in: {sentence}"
    figure = site.soup("hasil-dan-pembahasan/").find(id="gambar-1")
    svg = figure.find("svg")
    assert svg is not None and row["kasus"] in [t.get_text().strip() for t in svg.find_all("text")]
    assert row["kasus"] in svg["aria-label"] and row["tahun"] in svg["aria-label"]
    cells = [[text_of(td) for td in tr.find_all("td")] for tr in figure.select("table tbody tr")]
    assert any(r[0].startswith(row["tahun"]) and row["kasus"] in r for r in cells)


def test_figure_is_redrawn_inline_and_themeable(site):
    """Gambar 1 is an inline SVG (no image file, no script), its text in currentColor, captioned as redrawn."""
    figure = site.soup("hasil-dan-pembahasan/").find(id="gambar-1")
    svg = figure.find("svg")
    assert svg["role"] == "img" and "currentColor" in str(svg) and "#000000" not in str(svg)
    assert figure.find("img") is None and figure.find("script") is None
    assert "Digambar ulang oleh edisi web ini dari angka-angka dalam teks" in text_of(figure)
    assert figure.find("a", href=re.compile(r"unduh/gambar-1\.csv$")) is not None
    assert (site.root / "unduh/gambar-1.csv").read_text(encoding="utf-8") == (FIGURES / "gambar-1.csv").read_text(
        encoding="utf-8")


def test_figure_agrees_with_the_data_page():
    """The figure's CSV and the data page's CSV give the same numbers."""
    numbers = {(r["id"].split("-")[0], r["id"].split("-")[1]): r["nilai"] for r in rows("angka.csv")
               if re.fullmatch(r"(anak|dewasa)-\d{4}", r["id"])}
    figure = {(r["kategori"], r["tahun"]): r["kasus"] for r in rows("gambar-1.csv")}
    assert numbers == figure


# ------------------------------------------------------------------ data page

@pytest.mark.parametrize("row", rows("angka.csv"), ids=lambda r: r["id"])
def test_every_number_leads_to_its_sentence(site, row):
    """Each row of the data page links to an existing anchor whose text contains the value."""
    cell = site.soup("data/").find(id=f"angka-{row['id']}")
    assert cell is not None, f"row {row['id']} missing on /data/"
    url, target = resolve(site, "data/", cell["href"])
    assert target is not None, f"{cell['href']} does not exist"
    assert row["nilai"] in text_of(target), f"'{row['nilai']}' not in {url}#{target.get('id')}: {text_of(target)[:200]}"
    tr = cell.find_parent("tr")
    assert text_of(tr.find("td")) == row["nilai"]
    if row["rujukan"]:
        assert tr.find("a", href=re.compile(rf"daftar-pustaka/#ref-{row['rujukan']}$")) is not None


@pytest.mark.parametrize("row", rows("angka.csv"), ids=lambda r: r["id"])
def test_every_number_leads_to_its_english_sentence(site, row):
    """On the English data page each row links to the same anchor of the translation, whose text holds the value."""
    cell = site.soup("en/data/").find(id=f"angka-{row['id']}")
    url, target = resolve(site, "en/data/", cell["href"])
    assert url.startswith("en/") and target is not None, cell["href"]
    assert row["nilai_en"] in text_of(target), f"'{row['nilai_en']}' not in {url}#{target.get('id')}"
    assert text_of(cell.find_parent("tr").find("td")) == row["nilai_en"]


def test_data_page_downloads(site):
    """The data page offers its CSV files, identical to the data in figures/."""
    for name in ("angka.csv", "linimasa.csv"):
        assert (site.root / "unduh" / name).read_text(encoding="utf-8") == (FIGURES / name).read_text(encoding="utf-8")
        assert site.soup("data/").find("a", href=re.compile(rf"unduh/{name}$")) is not None


def test_timeline(site):
    """The timeline is an ordered list, chronological, each item linking to an existing anchor."""
    items = site.soup("data/").select("ol.timeline > li")
    assert len(items) == len(rows("linimasa.csv"))
    years = [int(text_of(li.strong)) for li in items]
    assert years == sorted(years)
    for li in items:
        link = li.find("a", string="Ke bagiannya")
        assert resolve(site, "data/", link["href"])[1] is not None, link["href"]


# ------------------------------------------------------------------ abbreviations

def glossary() -> dict[str, str]:
    text = (ROOT / "docs/includes/singkatan.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", text, re.M))


def test_every_acronym_in_the_text_is_explained(site):
    """Every all-capital abbreviation in the article's text has a glossary entry."""
    words = set()
    for url in ARTICLE_PAGES:
        for block in site.authors_text(url).find_all(["p", "li", "td", "figcaption"]):
            words |= set(re.findall(r"\b[A-Z][A-Z0-9]*[A-Z0-9](?:-\d+)?\b", block.get_text()))
    defined = " ".join(glossary())
    missing = sorted(w for w in words if not re.search(rf"(^|\s){re.escape(w)}(\s|$)", defined))
    assert len(words) >= 30 and not missing, missing


@pytest.fixture(scope="module")
def abbreviations(site) -> dict[str, dict[str, list[str]]]:
    """Language prefix ('' or 'en/') -> abbreviation -> the explanation (title) of each of its uses in the article's
    pages, every page read once."""
    found = {}
    for prefix in ("", "en/"):
        uses = found.setdefault(prefix, {})
        for url in ARTICLE_PAGES:
            for element in site.soup(prefix + url).find_all("abbr"):
                uses.setdefault(element.get_text(), []).append(element.get("title"))
    return found


@pytest.mark.parametrize("abbr", sorted(glossary()))
def test_glossary_entry_is_used_and_explained(site, abbreviations, abbr):
    """Each glossary entry appears in the text as a tooltip (abbr with its explanation) and on /singkatan/."""
    titles = abbreviations[""].get(abbr, [])
    assert titles, f"{abbr} is never used in the article"
    assert all(title == glossary()[abbr] for title in titles), titles
    rows_ = [text_of(tr.find("td")) for tr in site.soup("singkatan/").select("article table tbody tr")]
    assert abbr in rows_


def english_glossary() -> dict[str, str]:
    text = (ROOT / "docs/includes/singkatan.en.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", text, re.M))


def test_english_glossary_has_the_same_abbreviations():
    """The English glossary explains exactly the abbreviations of the Indonesian one."""
    assert set(english_glossary()) == set(glossary())


@pytest.mark.parametrize("abbr", sorted(english_glossary()))
def test_english_abbreviation_explained_in_english(abbreviations, abbr):
    """On the English pages each abbreviation is explained with the English glossary's words."""
    titles = abbreviations["en/"].get(abbr, [])
    assert titles, f"{abbr} is never used in the translation"
    assert all(title == english_glossary()[abbr] for title in titles), titles


# ------------------------------------------------------------------ cross-references

@pytest.mark.parametrize("url,target", [("tentang/", "tabel-1"), ("tentang/", "gambar-1"), ("data/", "gambar-1")])
def test_cross_references_link_with_preview(site, url, target):
    """'Tabel 1' and 'Gambar 1' in running text link to the table or figure, with a preview."""
    links = [a for a in site.soup(url).select("article a[data-preview]") if a["href"].endswith(f"#{target}")]
    assert links, f"no cross-reference to #{target} on /{url}"
    assert resolve(site, url, links[0]["href"])[1] is not None


# ------------------------------------------------------------------ print page

def test_print_page_holds_the_whole_article(site):
    """/cetak/ holds every heading, figure and Tabel 1 of the article once, and the references once."""
    page = site.soup("cetak/")
    ids = [e["id"] for e in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate IDs on the print page"
    for url in ARTICLE_PAGES:
        article = site.soup(url).select_one("article.md-content__inner")
        for element in article.find_all(["h1", "h2", "h3", "figure"], id=True):
            if element["id"] in ("referensi",) or element.find_parent(class_=["admonition", "contents"]):
                continue
            if element["id"] == "daftar-isi":
                continue
            assert page.find(id=element["id"]) is not None, f"#{element['id']} of /{url} missing"
    assert len(page.select(".csl-entry[id^='ref-']")) == len(site.soup("daftar-pustaka/").select(".csl-entry"))
    assert page.select("div.footnote") == [] and page.find("script", src=True) is None
    citations = page.select("a.citation")
    assert citations, "the print page holds no citation"
    for cite in citations:
        assert cite["href"].startswith("#ref-") and page.find(id=cite["href"][1:]) is not None


def test_print_page_text_is_the_article(site):
    """The print page's text contains each article page's paragraphs, in order."""
    printed = text_of(site.soup("cetak/").select_one("article"))
    position = 0
    for url in ARTICLE_PAGES[1:]:
        first = site.soup(url).select_one("article p")
        sentence = text_of(first)[:80]
        found = printed.find(sentence, position)
        assert found >= 0, f"/{url}: '{sentence}' not on the print page (after position {position})"
        position = found
