"""What a reader does, checked in a real Chromium against the site served under its subpath."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import (ARTIFACTS, DESKTOP, KEEP_SCREENSHOTS, MOBILE, axe_violations, copied, open_page,
                     requests_ended)
from support import ALL_PAGES, PAGES, ROOT, build_site, page_id_for, serve_directory





EN_PAGES = ["en/" + u for u in ALL_PAGES]  # the English twins


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("url", list(ALL_PAGES) + EN_PAGES, ids=page_id_for)
def test_page_in_the_browser(page, served, url, viewport):
    """One load of each page of both languages at each size: no console error, no failed or third-party request
    (with SCREENSHOTS=1, a screenshot of each original's page is kept); in its language (<html lang>); on the
    desktop, axe-core finds no violation in the light palette (the dark one: test_dark_mode_axe.py; exceptions:
    tests/axe_exceptions.toml); at 375 x 812, nothing scrolls sideways."""
    page.set_viewport_size(DESKTOP if viewport == "desktop" else MOBILE)
    open_page(page, served, url)
    requests_ended(page)
    if KEEP_SCREENSHOTS and not url.startswith("en/"):
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{page_id_for(url).replace('/', '_')}-{viewport}.png"), full_page=True)
    assert not page.problems, "\n".join(page.problems)
    assert page.evaluate("document.documentElement.lang") == ("en" if url.startswith("en/") else "id")
    if viewport == "mobile":
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"/{url}: content {widths[0]}px wide in a {widths[1]}px viewport"
        return
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.locator("details#cite-box").evaluate("d => d.open = true")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


# True once the element with this ID is on screen, below the sticky header (where a followed #id lands).
LANDED_JS = """(id) => {
  const box = document.getElementById(id)?.getBoundingClientRect();
  const header = document.querySelector("header.md-header").getBoundingClientRect();
  return !!box && box.top >= header.bottom - 1 && box.top < innerHeight;
}"""


def heading_ids(site, url):
    article = site.soup(url).select_one("article.md-content__inner")
    return [h["id"] for h in article.find_all(re.compile("^h[1-4]$"), id=True)
            if not h.find_parent(class_="cite-box")] + [f["id"] for f in article.find_all("figure", id=True)]


@pytest.mark.parametrize("url", list(PAGES), ids=page_id_for)
def test_anchor_lands_below_the_header(site, page, served, url):
    """Opening page/#id leaves that heading or figure inside the viewport, below the sticky header: the first ID by
    a fresh load (a reader following a cited link), every other by following #id within the loaded page, from its
    top (the same rule lands both: the targets' scroll margin under the sticky header)."""
    ids = heading_ids(site, url)
    assert ids
    open_page(page, served, f"{url}#{ids[0]}")
    for number, anchor in enumerate(ids):
        if number:  # Material's navigation tracking rewrites the address as the page scrolls: clear it first
            page.evaluate("(id) => { history.replaceState(null, '', '#'); scrollTo(0, 0); location.hash = id; }",
                          anchor)
        try:  # the browser scrolls to the fragment as the page loads: wait for it to be on screen, then measure
            page.wait_for_function(LANDED_JS, arg=anchor, timeout=5000)
        except PlaywrightTimeout:
            pass  # measured and reported below
        box = page.locator(f"[id='{anchor}']").bounding_box()
        header = page.locator("header.md-header").bounding_box()
        viewport = page.viewport_size
        assert box is not None, anchor
        assert box["y"] >= header["y"] + header["height"] - 1, f"#{anchor} hidden under the header ({box['y']})"
        assert box["y"] < viewport["height"], f"#{anchor} below the viewport ({box['y']})"


def tooltip_text(page) -> str:
    page.wait_for_selector(".md-tooltip2--active", timeout=3000)
    return page.locator(".md-tooltip2--active").inner_text()


def test_citation_hover_shows_reference(page, served):
    """Hovering "(Author, Year)" shows the full reference in a tooltip."""
    open_page(page, served, "pendahuluan/")
    page.locator("a.citation[data-key='hutabarat2021']").hover()
    assert "Upaya Pencegahan dan Penanggulangan Tindak Pidana Perdagangan Orang" in tooltip_text(page)


def test_citation_focus_shows_reference(page, served):
    """Focusing a citation by keyboard shows the full reference too."""
    open_page(page, served, "hasil-dan-pembahasan/iom-sebagai-aktor/")
    page.locator("a.citation[data-key='andayani2021']").focus()
    assert "Melindungi Tenaga Kerja Indonesia di Malaysia" in tooltip_text(page)




def test_copy_link_of_a_heading(page, served):
    """The copy-link control of a heading puts the full URL of that heading on the clipboard, and says so."""
    open_page(page, served, "hasil-dan-pembahasan/")
    heading = page.locator("h2#sejarah-human-trafficking")
    heading.hover()
    button = heading.locator("button.copy-link")
    assert button.is_visible()
    assert copied(page, button.click) == served + "hasil-dan-pembahasan/#sejarah-human-trafficking"
    status = page.locator(".copy-link-status", has_text="Tautan disalin")  # said once the copy is done
    status.wait_for(timeout=5000)
    assert status.get_attribute("role") == "status"


def test_copy_link_of_a_figure_by_keyboard(page, served):
    """The copy-link control of a figure works by keyboard alone."""
    open_page(page, served, "pendahuluan/")
    button = page.locator("#tabel-1 button.copy-link")
    button.focus()
    assert button.is_visible()
    assert copied(page, lambda: page.keyboard.press("Enter")) == served + "pendahuluan/#tabel-1"


def test_cite_box_copies_bibtex_and_apa(page, served):
    """The cite box copies the section's BibTeX and APA text."""
    open_page(page, served, "hasil-dan-pembahasan/iom-sebagai-arena/")
    page.locator("details#cite-box > summary").click()
    bibtex = copied(page, page.get_by_role("button", name="Salin BibTeX").click)
    assert bibtex.startswith("@article{saragih-alfajri-upaya-iom-iom-sebagai-arena,")
    assert "iom-sebagai-arena/}" in bibtex and "url          = {" in bibtex
    apa = copied(page, page.get_by_role("button", name="Salin APA").click)
    assert apa.startswith("Saragih, E., & Alfajri. (t.t.).") and "3. Peran IOM sebagai Arena" in apa
    page.locator(".cite-box-status", has_text="disalin").wait_for(timeout=5000)


def test_cite_box_follows_the_section_in_the_address(page, served):
    """Opened at page/#section, the cite box cites that section."""
    open_page(page, served, "hasil-dan-pembahasan/#peran-menurut-clive-archer")
    page.locator("details#cite-box > summary").click()
    assert page.locator("#cite-box-section").input_value() == "peran-menurut-clive-archer"
    assert "#peran-menurut-clive-archer" in page.locator(".cite-box-link").inner_text()


# True once the search results are those of the whole query typed (not of a part typed before it): every result
# that highlights a term (Material's ?h=) highlights the query.
RESULTS_FOR_JS = """(query) => {
  const links = [...document.querySelectorAll(".md-search-result__link")];
  const terms = links.map((a) => new URL(a.href).searchParams.get("h")).filter(Boolean);
  return links.length > 0 && terms.length > 0 && terms.every((term) => term === query.toLowerCase());
}"""


def first_result(page, query: str):
    """Type ``query`` into search and return the first result once the results are the whole query's."""
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    page.wait_for_function(RESULTS_FOR_JS, arg=query, timeout=15_000)
    return page.locator(".md-search-result__link").first


def follow(page, link, served: str) -> str:
    """Click a link and wait until the browser is at its address (not merely at the old page, loaded); its href."""
    href = link.get_attribute("href")
    target = urljoin(served, href).split("#")[0]
    link.click()
    page.wait_for_url(lambda url: url.split("#")[0] == target, wait_until="load")
    return href


@pytest.mark.parametrize("query", ["Archer", "perdagangan"])
def test_search_lists_results_and_lands_on_section(page, served, query):
    """Typing a word in search lists results; choosing one lands on its section."""
    open_page(page, served, "")
    href = follow(page, first_result(page, query), served)
    assert query.lower() in page.locator("article").inner_text().lower()
    if "#" in href:
        anchor = href.split("#", 1)[1]
        page.wait_for_function(LANDED_JS, arg=anchor, timeout=5000)


def test_palette_toggle_survives_reload(page, served):
    """The palette toggle switches to dark, and the choice survives a reload."""
    open_page(page, served, "pendahuluan/")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5000)
    assert before == "default"
    page.reload()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


def test_mobile_drawer_opens_and_closes(page, served):
    """At 375 x 812 the navigation drawer opens and closes."""
    page.set_viewport_size(MOBILE)
    open_page(page, served, "pendahuluan/")
    page.locator("header label[for='__drawer']").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked", timeout=5000)
    # the drawer slides in (a transition): wait for it to be in place
    page.wait_for_function("() => document.querySelector('nav.md-nav--primary').getBoundingClientRect().x >= -1",
                           timeout=5000)
    page.locator("label.md-overlay").click(position={"x": 360, "y": 400})  # tap outside the drawer
    page.wait_for_function("() => !document.getElementById('__drawer').checked", timeout=5000)


def test_keyboard_skip_link_navigation_and_citation(page, served):
    """By keyboard alone: the skip link comes first, navigation is reachable, a citation opens its tooltip."""
    open_page(page, served, "pendahuluan/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className + '|' + document.activeElement.textContent.trim()")
    assert "md-skip" in first and "Lewati ke isi" in first, first
    page.keyboard.press("Enter")
    page.wait_for_url("**#pendahuluan", timeout=5000)
    open_page(page, served, "pendahuluan/")
    seen_nav = False
    for _ in range(250):
        page.keyboard.press("Tab")
        kind = page.evaluate("(e => e.closest('.md-nav') ? 'nav' : (e.classList.contains('citation') ? 'cite' : ''))"
                             "(document.activeElement)")
        seen_nav = seen_nav or kind == "nav"
        if kind == "cite":
            break
    else:
        pytest.fail("no citation reachable by Tab")
    assert seen_nav, "navigation links were not reachable by Tab"
    assert "(2021)" in tooltip_text(page)


def test_print_hides_navigation_keeps_text_citations_references(page, served):
    """Print media hides navigation and keeps the text, the citations and the references."""
    open_page(page, served, "pendahuluan/")
    page.emulate_media(media="print")
    for hidden in ("header.md-header", ".md-sidebar--primary", ".md-footer", "details#cite-box"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} still printed"
    assert page.locator("article p").first.is_visible()
    assert page.locator("a.citation").first.is_visible()
    assert page.locator(".footnote li").first.is_visible()
    assert not page.locator("button.copy-link").first.is_visible()




@pytest.fixture(scope="module")
def matched_site(tmp_path_factory):
    """A build whose site_url is the very address it is served from (Material's previews need that)."""
    root = tmp_path_factory.mktemp("dilayani")
    httpd = serve_directory(root)  # the port is known before the build: site_url is this address
    url = f"http://127.0.0.1:{httpd.server_address[1]}/upaya-iom/"
    result = build_site(ROOT, root / "upaya-iom", site_url=url)
    assert result.returncode == 0, result.stdout + result.stderr
    yield url
    httpd.shutdown()
    httpd.server_close()


def test_cross_reference_preview_on_hover(page, matched_site):
    """Hovering "Tabel 1" in running text previews the table itself."""
    open_page(page, matched_site, "tentang/")
    page.locator("article a[data-preview][href$='#tabel-1']").first.hover()
    page.wait_for_selector(".md-tooltip2--active", timeout=5000)
    assert "Proses + Cara/Jalan + Tujuan" in page.locator(".md-tooltip2--active").inner_text()


def test_abbreviation_explained_on_hover(page, served):
    """An abbreviation carries its explanation (the browser shows it on hover; Material as a tooltip)."""
    open_page(page, served, "pendahuluan/")
    abbr = page.locator("article abbr", has_text="LPSK").first
    abbr.hover()
    title = abbr.get_attribute("title")
    assert title == "Lembaga Perlindungan Saksi dan Korban"


@pytest.mark.parametrize("start,target", [("hasil-dan-pembahasan/iom-sebagai-arena/#p-87-korban", "en"),
                                          ("en/pendahuluan/#tabel-1", "id")])
def test_language_switcher_keeps_the_section(page, served, start, target):
    """Switching language on a section lands on the same section of the twin page."""
    open_page(page, served, start)
    anchor = start.split("#")[1]
    page.locator(".md-header [data-md-component='palette']").first.wait_for(state="attached")
    page.locator(".md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang='{target}']").first.click()
    page.wait_for_url(lambda url: url.endswith(f"#{anchor}") and ("/en/" in url) == (target == "en"),
                      wait_until="load", timeout=10_000)
    page.wait_for_function(LANDED_JS, arg=anchor, timeout=5000)
    assert page.evaluate("document.documentElement.lang") == target


def test_search_in_english(page, served):
    """On the English pages, searching "trafficking" lists English results and lands on an English page."""
    open_page(page, served, "en/")
    follow(page, first_result(page, "smuggle"), served)
    assert "/en/" in page.url and "smuggle" in page.locator("article").inner_text()
