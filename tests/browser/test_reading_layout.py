"""Reading layout measured in Chromium: characters per line of body text, references in the margin."""

from __future__ import annotations

import statistics

import pytest

from browser import MOBILE, axe_violations, frames_drawn, open_page

ARTICLE = ["pendahuluan/", "hasil-dan-pembahasan/", "hasil-dan-pembahasan/iom-sebagai-arena/"]
LANGUAGES = {"id": "", "en": "en/"}
WIDE = {"width": 1600, "height": 900}

# Characters on each full line (the last line of a paragraph is left out) of the article's paragraphs,
# found with a Range over each character of their text nodes and the line box its rectangle falls in.
LINES_JS = r"""
() => {
  const counts = [];
  document.querySelectorAll('article.md-content__inner > p').forEach(p => {
    const half = parseFloat(getComputedStyle(p).lineHeight) / 2;
    const lines = [];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest('sup')) { continue; }
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) { continue; }
        const y = (rect.top + rect.bottom) / 2;
        let line = lines.find(l => Math.abs(l.y - y) < half);
        if (!line) { line = {y: y, n: 0}; lines.push(line); }
        line.n++;
      }
    }
    lines.slice(0, -1).forEach(l => counts.push(l.n));
  });
  return counts;
}
"""


# True once the margin notes are in place where the screen shows them (sidenotes.js, fetched on demand, places
# them on the frame after it builds them), or where it shows none.
NOTES_PLACED_JS = """() => !matchMedia("screen and (min-width: 100em)").matches
  || !document.querySelector("article a.citation[data-key]")
  || (document.querySelector(".sidenote") !== null
      && [...document.querySelectorAll(".sidenote")].every((note) => note.style.top !== ""))"""


def open_settled(page, url):
    """Load a page and let the margin notes settle: placed, and the frames after that drawn."""
    open_page(page, url)
    page.wait_for_function(NOTES_PLACED_JS, timeout=10_000)
    frames_drawn(page)


@pytest.mark.parametrize("width", [1280, 1600])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", ARTICLE)
def test_line_length_on_desktop(page, served, url, lang, width):
    """At 1280 and 1600 px, body text runs at 60-75 characters a line (median and mean of full lines)."""
    page.set_viewport_size({"width": width, "height": 900})
    open_settled(page, served + LANGUAGES[lang] + url)
    counts = page.evaluate(LINES_JS)
    assert len(counts) > 20
    median, mean = statistics.median(counts), statistics.mean(counts)
    assert 60 <= median <= 75 and 60 <= mean <= 75, f"median {median}, mean {mean:.1f} characters a line"


WIDTHS_JS = """() => { const a = document.querySelector('article.md-content__inner');
    const inner = a.clientWidth - parseFloat(getComputedStyle(a).paddingLeft) - parseFloat(getComputedStyle(a).paddingRight);
    return [inner, ...[...a.querySelectorAll(':scope > p')].map(p => p.getBoundingClientRect().width)]; }"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_measure_narrows_desktop_lines_not_phone_lines(page, served, lang):
    """The measure narrows paragraphs at 1280 px; at 375 px they keep the column's full width."""
    page.set_viewport_size({"width": 1280, "height": 900})
    open_settled(page, served + LANGUAGES[lang] + "pendahuluan/")
    widths = page.evaluate(WIDTHS_JS)
    assert max(widths[1:]) < widths[0] - 50, widths
    page.set_viewport_size(MOBILE)
    open_settled(page, served + LANGUAGES[lang] + "pendahuluan/")
    widths = page.evaluate(WIDTHS_JS)
    assert all(abs(w - widths[0]) < 1 for w in widths[1:]), widths
    counts = page.evaluate(LINES_JS)
    assert 35 <= statistics.median(counts) <= 55, statistics.median(counts)


@pytest.mark.parametrize("url, selector", [
    ("pendahuluan/", "figure#tabel-1"),
    ("hasil-dan-pembahasan/", "figure#gambar-1"),
    ("data/", "article .md-typeset__scrollwrap"),
], ids=["tabel-1", "gambar-1", "data-tables"])
def test_tables_and_figures_keep_the_full_width(page, served, url, selector):
    """Tabel 1, Gambar 1 and the data page's tables are wider than the text column: the measure leaves them be."""
    open_settled(page, served + url)
    article = page.locator("article.md-content__inner > p").first.bounding_box()
    wide = page.locator(selector).first.bounding_box()
    content = page.evaluate("""() => { const a = document.querySelector('article.md-content__inner');
        return a.clientWidth - parseFloat(getComputedStyle(a).paddingLeft) - parseFloat(getComputedStyle(a).paddingRight); }""")
    assert wide["width"] >= content - 2 and wide["width"] > article["width"] + 50, (wide, article, content)


SIDENOTES_JS = r"""
() => {
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const article = document.querySelector('article.md-content__inner');
  const textRight = Math.max(...[...article.querySelectorAll(':scope > p')].map(p => box(p).right));
  const wide = [...article.children].filter(c => !c.matches('.sidenotes, .passage-actions'))
    .map(box).filter(b => b.right > textRight + 1 && b.bottom > b.top);
  return {
    notes: [...document.querySelectorAll('.sidenote')].map(n => ({...box(n),
      text: n.textContent.slice(n.querySelector('.sidenote-number').textContent.length)})),
    cites: [...article.querySelectorAll('a.citation[data-key]')].map(c => ({...box(c), top: c.getClientRects()[0].top,
      key: c.dataset.key, lineHeight: parseFloat(getComputedStyle(c.closest('p, figcaption, li, td') || c).lineHeight)})),
    blocks: [...article.children].filter(c => !c.matches('.sidenotes, .passage-actions')).map(box),
    wide: wide,
    toc: box(document.querySelector('.md-sidebar--secondary .md-sidebar__inner')),
    hidden: (document.querySelector('.sidenotes') || {}).getAttribute?.('aria-hidden'),
    focusable: [...document.querySelectorAll('.sidenotes a, .sidenotes button')].filter(a => a.tabIndex >= 0).length,
  };
}
"""


def overlaps(a, b):
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", ARTICLE)
def test_references_in_the_margin_at_1600(page, served, site, url, lang):
    """At 1600 px every citation's reference stands in the margin by its line, overlapping nothing."""
    page.set_viewport_size(WIDE)
    open_settled(page, served + LANGUAGES[lang] + url)
    layout = page.evaluate(SIDENOTES_JS)
    notes, cites = layout["notes"], layout["cites"]
    assert notes and len(notes) == len(cites)
    assert layout["hidden"] == "true" and layout["focusable"] == 0  # the footnotes are the accessible copy
    footnotes = {li["id"][3:]: " ".join(li.get_text().split())
                 for li in site.soup(LANGUAGES[lang] + url).select(".footnote li[id^='fn:']")}
    for note, cite in zip(notes, cites):
        assert " ".join(note["text"].split())[:60] in footnotes[cite["key"]], (note["text"], cite["key"])
        assert not overlaps(note, layout["toc"]), "a margin note covers the table of contents"
        for block in layout["blocks"]:
            assert not overlaps(note, block), f"a margin note covers the text or a figure: {note['text'][:40]}"
    for earlier, later in zip(notes, notes[1:]):
        assert earlier["bottom"] <= later["top"], "margin notes overlap each other"
    assert not page.problems, page.problems
    for i, (note, cite) in enumerate(zip(notes, cites)):
        if abs(note["top"] - cite["top"]) <= cite["lineHeight"]:
            continue
        # Moved only as far as needed: against the note before it or against a figure or table.
        edges = [n["bottom"] for n in notes[:i]] + [w["bottom"] for w in layout["wide"]] + [w["top"] for w in layout["wide"]]
        near = min(min(abs(note["top"] - e) for e in edges), min(abs(note["bottom"] - e) for e in edges))
        assert near <= cite["lineHeight"], f"note for {cite['key']} sits {note['top'] - cite['top']:.0f}px from its line"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, MOBILE], ids=["1280", "375"])
def test_margin_references_only_on_wide_screens(page, served, viewport):
    """Shown at 1600 px, the margin notes are gone at 1280 and 375 px, where footnotes and tooltips remain."""
    page.set_viewport_size(WIDE)
    open_settled(page, served + "pendahuluan/")
    assert page.locator(".sidenote").first.is_visible()
    page.set_viewport_size(viewport)
    open_settled(page, served + "pendahuluan/")
    assert page.locator(".footnote li").count() >= 1
    assert not page.locator(".sidenote").first.is_visible()


def test_no_margin_references_in_print(page, served):
    """In print the footnotes carry the references; the margin notes are not printed."""
    page.set_viewport_size(WIDE)
    open_settled(page, served + "pendahuluan/")
    assert page.locator(".sidenote").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".sidenote").first.is_visible()
    assert page.locator(".footnote li").first.is_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_with_margin_references(page, served, lang):
    """axe-core finds no violation at 1600 px, with the margin notes and the passage actions shown."""
    page.set_viewport_size(WIDE)
    open_settled(page, served + LANGUAGES[lang] + "pendahuluan/")
    assert page.locator(".sidenote").first.is_visible()
    page.evaluate("""() => { const r = document.createRange();
        r.selectNodeContents(document.querySelector('article.md-content__inner > p:not(.translation-notice)'));
        getSelection().removeAllRanges(); getSelection().addRange(r); }""")
    page.locator(".passage-actions").wait_for(state="visible", timeout=3000)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
