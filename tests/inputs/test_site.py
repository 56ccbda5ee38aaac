"""The built site: pages, headings, citations, references, Tabel 1 and the figures."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from support import ARTICLE_PAGES, PAGES, bib_entries, docs_markdown, page_id_for

from edition.citations import formatting
from edition.inputs import heading_ids

TITLES = {
    "": "UPAYA IOM (INTERNATIONAL ORGANIZATION FOR MIGRATION) DALAM MENANGANI KASUS HUMAN TRAFFICKING DI INDONESIA TAHUN 2017-2022",
    "pendahuluan/": "PENDAHULUAN",
    "metode-penelitian/": "METODE PENELITIAN",
    "hasil-dan-pembahasan/": "HASIL DAN PEMBAHASAN",
    "hasil-dan-pembahasan/iom-sebagai-instrumen/": "2. Peran IOM sebagai Instrumen dalam Menangani Kasus Human Trafficking di Indonesia",
    "hasil-dan-pembahasan/iom-sebagai-arena/": "3. Peran IOM sebagai Arena dalam Menangani Kasus Human Trafficking di Indonesia",
    "hasil-dan-pembahasan/iom-sebagai-aktor/": "4. Peran IOM sebagai Aktor Dalam Menangani Kasus Human Trafficking di Indonesia",
    "simpulan/": "SIMPULAN",
    "daftar-pustaka/": "DAFTAR PUSTAKA",
    "data/": "Data dan Angka",
    "singkatan/": "Singkatan",
    "cetak/": "Versi Cetak",
    "tentang/": "Tentang Edisi Ini",
    "riwayat-perubahan/": "Riwayat Perubahan",
}
ENTRIES = bib_entries()
DOCS = docs_markdown()
GOOD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# mkdocs.yml's Markdown extensions but toc, which would give a heading without an ID one of its own.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "footnotes", "pymdownx.superfences"]


def article(site, url):
    return site.soup(url).select_one("article.md-content__inner")


def test_strict_build_has_no_warning(site):
    """The strict build passes and prints no WARNING or ERROR line."""
    bad = [line for line in site.log.splitlines() if re.match(r"^(WARNING|ERROR)\b", line)]
    assert site.returncode == 0 and not bad, "\n".join(bad)


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_page_exists_with_title(site, url):
    """Each page is at its permanent directory URL with its heading."""
    assert (site.root / url / "index.html").is_file(), f"/{url} was not built"
    h1 = article(site, url).find("h1")
    assert h1 is not None and " ".join(h1.get_text().replace("¶", "").split()) == TITLES[url]


def test_navigation_order_and_pagination(site):
    """Previous/next links follow the reading order of the article."""
    urls = list(PAGES)
    for before, after in zip(urls, urls[1:]):
        nxt = site.soup(before).select_one("a.md-footer__link--next")
        assert nxt is not None, f"/{before} has no next link"
        target = (site.root / before / nxt["href"]).resolve()
        assert target == (site.root / after).resolve(), f"/{before} -> {nxt['href']}, expected /{after}"


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_no_raw_citation_syntax(site, url):
    """No page shows unrendered citation syntax or pandoc's missing-citation marks (code samples aside)."""
    body = article(site, url)
    for code in body.find_all("code"):
        code.decompose()
    text = body.get_text(" ")
    for raw in ("[@", "\\bibliography", "\\full_bibliography", "(**", "???", "[^"):
        assert raw not in text, f"/{url} shows raw {raw!r}"


def test_cited_keys_exist_in_bib():
    """Every key cited in docs/ ([@key] or a hand-written [^key], read by the build's one reader of citations) is an
    entry of references.bib."""
    cited = {(src, key) for src, md in DOCS.items() for key in formatting.cited_keys(md)}
    unknown = sorted(f"docs/{src}: {key}" for src, key in cited if key not in ENTRIES)
    assert len(cited) >= 20 and not unknown, unknown


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_reference_listed_with_anchor(site, key):
    """Every entry of references.bib is on /daftar-pustaka/ with its #ref-<key> anchor."""
    entry = site.soup("daftar-pustaka/").find(id=f"ref-{key}")
    assert entry is not None, f"#ref-{key} missing on /daftar-pustaka/"
    title = re.sub(r"\\emph\{([^}]*)\}|[{}]", r"\1", ENTRIES[key].fields["title"])
    assert title.split(":")[0].strip()[:30] in " ".join(entry.get_text().split())


def test_bibliography_in_apa_order(site):
    """Entries on /daftar-pustaka/ are sorted by author then year, as APA orders them."""
    texts = [e.get_text().casefold() for e in site.soup("daftar-pustaka/").select(".csl-entry")]
    assert len(texts) == len(ENTRIES) and texts == sorted(texts)


@pytest.mark.parametrize("key", sorted(k for k, e in ENTRIES.items() if "doi" in e.fields))
def test_doi_renders_as_link(site, key):
    """A DOI is rendered as a https://doi.org/ link on /daftar-pustaka/."""
    doi = ENTRIES[key].fields["doi"]
    assert re.fullmatch(r"10\.\d{4,9}/\S+", doi), f"{key}: DOI not bare: {doi}"
    entry = site.soup("daftar-pustaka/").find(id=f"ref-{key}")
    assert entry.find("a", href=f"https://doi.org/{doi}") is not None


@pytest.mark.parametrize("key", sorted(k for k, e in ENTRIES.items() if "url" in e.fields))
def test_url_renders_as_link(site, key):
    """A reference URL is rendered as a link on /daftar-pustaka/."""
    entry = site.soup("daftar-pustaka/").find(id=f"ref-{key}")
    assert entry.find("a", href=ENTRIES[key].fields["url"]) is not None


@pytest.mark.parametrize("src", sorted(DOCS))
def test_every_heading_has_explicit_id(src):
    """Every Markdown heading in docs/ carries an explicit lowercase-hyphenated {#id} (the build's one heading
    parser reads them; the next test holds it to Python-Markdown)."""
    headings = heading_ids.headings(DOCS[src])
    bad = [f"docs/{src}:{h.line}: {h.title}" for h in headings if not (h.id and GOOD_ID.match(h.id))]
    assert headings or src.startswith("includes/"), f"docs/{src}: no heading"
    assert not bad, bad


@pytest.mark.parametrize("src", sorted(DOCS))
def test_heading_parser_reads_what_python_markdown_renders(src):
    """The build's one heading parser (edition.inputs.heading_ids) finds exactly the headings Python-Markdown
    renders from the page (front matter left out as MkDocs does), with their levels and IDs, in order."""
    body, _ = get_data(DOCS[src])
    html = markdown.markdown(body, extensions=EXTENSIONS)
    rendered = [(int(h.name[1]), h.get("id")) for h in BeautifulSoup(html, "html.parser").find_all(re.compile("^h[1-6]$"))]
    assert rendered == [(h.level, h.id) for h in heading_ids.headings(DOCS[src])]


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_rendered_headings_have_ids(site, url):
    """Every rendered heading of the article has an id and a permalink titled in Indonesian."""
    headings = article(site, url).find_all(re.compile(r"^h[1-6]$"))
    assert headings, f"/{url}: no heading"
    for heading in headings:
        assert heading.get("id"), f"/{url}: heading without id: {heading.get_text()}"
        link = heading.find("a", class_="headerlink")
        assert link is not None and link["title"] == "Tautan permanen ke bagian ini"


def test_tabel_1(site):
    """Tabel 1 is a real table: caption, formula line, three columns, seven rows, cited source."""
    figure = site.soup("pendahuluan/").find(id="tabel-1")
    assert " ".join(figure.figcaption.get_text().split()) == "Tabel 1. Kerangka Kerja Human Trafficking"
    assert figure.figcaption.em.get_text() == "Human Trafficking"
    assert "Proses + Cara/Jalan + Tujuan" in figure.get_text()
    assert [th.get_text(strip=True) for th in figure.select("thead th")] == ["Proses", "Cara/Jalan", "Tujuan"]
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in figure.select("tbody tr")]
    assert len(rows) == 7 and all(len(row) == 3 for row in rows)
    assert rows[0] == ["Perekrutan", "Ancaman", "Eksplotasi : Prostitusi Pornografi"]
    assert rows[6] == ["", "Penyalahgunaan Kekuasaan", "Perbudakan dan praktik lain yang serupa"]
    source = figure.select_one(".table-source")
    assert source.get_text().startswith("Sumber: (Rosenberg, 2003)")
    assert source.find("a", href="#fn:rosenberg2003") is not None


FIGURES = {
    1: ("hasil-dan-pembahasan/", "Data TPPO Berdasarkan Provinsi", "renaldi2021"),
    2: ("hasil-dan-pembahasan/iom-sebagai-instrumen/", "IOM, POLRI, dan INL Berkolaborasi", "iomindonesia2022"),
    3: ("hasil-dan-pembahasan/iom-sebagai-instrumen/", "BADIKLAT dan IOM Bekerjasama", "persatuanjaksa2019"),
    4: ("hasil-dan-pembahasan/iom-sebagai-instrumen/", "Kemen PPPA dan International Organization", "kementrianpppa2021"),
    5: ("hasil-dan-pembahasan/iom-sebagai-arena/", "IOM, POLRI dan INL dalam Forum", "iomindonesia2022"),
    6: ("hasil-dan-pembahasan/iom-sebagai-arena/", "IOM, BADIKLAT dalam Program Mentoring", "iomindonesia2019"),
    7: ("hasil-dan-pembahasan/iom-sebagai-arena/", "Kemen PPPA dan IOM Selenggarakan", "iomindonesia2021"),
}


@pytest.mark.parametrize("number", sorted(FIGURES), ids=lambda n: f"gambar-{n}")
def test_figure_present_with_caption_and_source(site, number):
    """Each Gambar stands on its page, numbered, captioned, saying the original is not reproduced, naming its source."""
    url, caption, key = FIGURES[number]
    figure = site.soup(url).find(id=f"gambar-{number}")
    assert figure is not None and figure.name == "figure"
    text = " ".join(figure.figcaption.get_text().split())
    assert text.startswith(f"Gambar {number}. ") and caption in text
    assert "tidak direproduksi" in figure.get_text()
    assert figure.find("a", href=re.compile(rf"daftar-pustaka/#ref-{key}$")) is not None
    url_field = ENTRIES[key].fields.get("url")
    if url_field:
        assert figure.find("a", href=url_field) is not None
    assert figure.find("img") is None, "no broken or empty image"


def test_figures_in_article_order(site):
    """Gambar 1 to 7 appear in order through the pages."""
    order = []
    for url in ARTICLE_PAGES:
        order += [int(f["id"].split("-")[1]) for f in site.soup(url).select("figure[id^=gambar-]")]
    assert order == list(range(1, 8))


@pytest.mark.parametrize("url", ARTICLE_PAGES[1:], ids=page_id_for)
def test_citations_have_footnotes_with_full_reference(site, url):
    """Each citation's footnote holds the full reference and a link to its Daftar Pustaka entry (every reference the
    page's source cites has one)."""
    page = site.soup(url)
    keys = [ref["href"].split(":", 1)[1] for ref in page.select("sup[id^='fnref:'] a.footnote-ref")]
    cited = [key for key in formatting.cited_keys(DOCS[PAGES[url]]) if key in ENTRIES]
    assert set(cited) <= set(keys), f"/{url}: no footnote for {sorted(set(cited) - set(keys))}"
    for key in keys:
        if key not in ENTRIES:
            continue
        note = page.find(id=f"fn:{key}")
        assert note is not None, f"/{url}: footnote {key} missing"
        assert note.find("a", class_="to-bibliography")["href"].endswith(f"daftar-pustaka/#ref-{key}")
        assert str(ENTRIES[key].fields["year"]) in note.get_text()


def test_footer_names_authors_and_licences(site):
    """The footer names the authors' rights and the code's licence, linking the about page under the subpath."""
    footer = site.soup("pendahuluan/").select_one(".md-copyright")
    text = footer.get_text(" ", strip=True)
    assert "Eriston Saragih" in text and "Alfajri" in text and "MIT" in text
    assert footer.find("a", href="../tentang/#lisensi") is not None


def test_theme_settings(site):
    """Indonesian interface, no Google Fonts, palette toggle, footnote tooltips."""
    html = site.html("pendahuluan/")
    assert '<html lang="id"' in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert "content.footnote.tooltips" in html and "navigation.tracking" in html and "toc.follow" in html
    assert html.count('data-md-component="palette"') == 1 and "Ganti ke mode gelap" in html
