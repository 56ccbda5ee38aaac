"""Passage links: select a sentence, copy a link to it (a text fragment), open the link, land on the sentence."""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlsplit

import pytest

from browser import MOBILE, copied, open_page
from support import with_plain_apa

ARENA = "hasil-dan-pembahasan/iom-sebagai-arena/"
LANGUAGES = {"id": "", "en": "en/"}
LINK = {"id": "Salin tautan ke kutipan ini", "en": "Copy link to this passage"}
CITE = {"id": "Kutip kutipan ini", "en": "Cite this passage"}
PARAGRAPH = "#p-154-korban"  # the arena page's last paragraph: far below the first screen in both languages

# Selects (or, with select=false, only measures) sentence `which` of the paragraph; returns its text and
# its box. Offsets are mapped onto the paragraph's text nodes, as a reader's selection would be.
SENTENCE_JS = r"""
([selector, which, select]) => {
  const p = document.querySelector(selector);
  const text = p.textContent;
  const m = [...text.matchAll(/[^.!?]+[.!?]+/g)][which];
  const start = m.index + m[0].length - m[0].trimStart().length, end = m.index + m[0].length;
  const at = offset => {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode())) {
      if (seen + node.data.length >= offset) { return [node, offset - seen]; }
      seen += node.data.length;
    }
  };
  const range = document.createRange();
  range.setStart(...at(start));
  range.setEnd(...at(end));
  if (select) { const s = getSelection(); s.removeAllRanges(); s.addRange(range); }
  const box = range.getBoundingClientRect();
  return {text: text.slice(start, end), top: box.top, bottom: box.bottom, pageTop: box.top + scrollY};
}
"""




# True once sentence `which` of the paragraph is on screen (the browser has scrolled to the text fragment).
SCROLLED_JS = "([selector, which]) => { const box = (" + SENTENCE_JS + ")([selector, which, false]);" \
    " return box.top > 0 && box.bottom <= innerHeight; }"


def select_sentence(page, which=2, selector=PARAGRAPH):
    """Select a sentence and wait until the passage actions are offered."""
    sentence = page.evaluate(SENTENCE_JS, [selector, which, True])
    page.locator(".passage-actions").wait_for(state="visible", timeout=3000)
    return sentence["text"]




def directive_of(url: str) -> str:
    return urlsplit(url).fragment.split(":~:text=", 1)[1]


def assert_link_form(url, served, lang, section="iom-sebagai-arena"):
    """page/#section:~:text=start,end with '-', ',' and '&' percent-encoded inside each part."""
    assert url.startswith(f"{served}{LANGUAGES[lang]}"), url
    assert urlsplit(url).fragment.startswith(f"{section}:~:text="), url
    parts = directive_of(url).split(",")
    assert 1 <= len(parts) <= 2, url
    for part in parts:
        assert not re.search(r"[\s&\-,]", part), f"unencoded character in {part!r}"


def assert_lands_on(tab, url, sentence, which=2, selector=PARAGRAPH):
    """Opened in a fresh tab, the link scrolls to the sentence: below the sticky header, inside the viewport."""
    open_page(tab, url)
    # the browser scrolls to a text fragment after load, then marks it :target: wait for that
    tab.wait_for_function("() => document.querySelector(':target') !== null", timeout=5000)
    tab.wait_for_function(SCROLLED_JS, arg=[selector, which], timeout=5000)
    box = tab.evaluate(SENTENCE_JS, [selector, which, False])
    assert box["text"] == sentence
    header = tab.locator("header.md-header").bounding_box()
    height = tab.viewport_size["height"]
    assert box["pageTop"] > height, "the sentence is on the first screen: the test proves nothing"
    assert box["top"] > header["y"] + header["height"], f"under the header: {box} vs {header}"
    assert box["bottom"] <= height, f"below the viewport: {box}"
    target = tab.evaluate("(t => t && t.textContent)(document.querySelector(':target'))")
    assert target and " ".join(sentence.split()) in " ".join(target.split()), "no :target holding the passage"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_passage_link_by_mouse(page, context, served, lang):
    """Select a sentence, click "copy link to this passage": the link opens on that sentence, highlighted."""
    open_page(page, served + LANGUAGES[lang] + ARENA)
    sentence = select_sentence(page)
    url = copied(page, page.get_by_role("button", name=LINK[lang]).click)
    assert_link_form(url, served, lang)
    page.locator(".copy-link-status[role=status]", has_text=url).wait_for(timeout=5000)
    assert not page.problems, page.problems
    assert_lands_on(context.new_page(), url, sentence)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_passage_link_by_keyboard(page, context, served, lang):
    """After a selection, Tab reaches the action and Enter copies the link, which lands on the sentence."""
    open_page(page, served + LANGUAGES[lang] + ARENA)
    sentence = select_sentence(page, which=1)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == LINK[lang]
    url = copied(page, lambda: page.keyboard.press("Enter"))
    assert_link_form(url, served, lang)
    assert_lands_on(context.new_page(), url, sentence, which=1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_selection_announces_the_action(page, served, lang):
    """A selection made with Shift+arrow keys offers the action and says, in a status region, how to reach it."""
    open_page(page, served + LANGUAGES[lang] + ARENA)
    page.evaluate("""() => { const p = document.querySelector('#p-154-korban');
        const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); const n = w.nextNode();
        getSelection().setBaseAndExtent(n, 0, n, 3); }""")  # a word begun, as by a double click or caret browsing
    for _ in range(30):
        page.keyboard.press("Shift+ArrowRight")
    page.locator(".passage-actions").wait_for(state="visible", timeout=3000)
    assert "Tab" in page.locator(".copy-link-status[role=status]").last.inner_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cite_passage_copies_quotation_apa_and_link(page, served, lang):
    """ "Cite this passage" copies the quotation, the section's APA reference (from the cite box) and the link."""
    open_page(page, served + LANGUAGES[lang] + ARENA)
    sentence = select_sentence(page)
    text = copied(page, page.get_by_role("button", name=CITE[lang]).click)
    apa = with_plain_apa(json.loads(page.locator("script#cite-box-data").text_content()))["iom-sebagai-arena"]["apa"]
    lines = text.split("\n")
    assert lines[0] == f"\u201c{' '.join(sentence.split())}\u201d"
    assert lines[1] == apa
    assert_link_form(lines[2], served, lang)


def test_passage_belongs_to_its_section(page, served):
    """On a page of several sections, the link and the citation name the section the passage is in."""
    open_page(page, served + "hasil-dan-pembahasan/")
    paragraph = "h2#perkembangan-human-trafficking-2017-2022 + p"
    select_sentence(page, which=0, selector=paragraph)
    lines = copied(page, page.get_by_role("button", name=CITE["id"]).click).split("\n")
    data = with_plain_apa(json.loads(page.locator("script#cite-box-data").text_content()))
    assert lines[1] == data["perkembangan-human-trafficking-2017-2022"]["apa"]
    assert_link_form(lines[2], served, "id", section="perkembangan-human-trafficking-2017-2022")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_passage_link_on_a_phone(browser, served, lang):
    """On a 375 x 812 touch screen, a selection offers the action; a tap copies a link that lands on the passage."""
    context = browser.new_context(viewport=MOBILE, has_touch=True, is_mobile=True, locale="id-ID")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    try:
        tab = context.new_page()
        open_page(tab, served + LANGUAGES[lang] + ARENA)
        sentence = select_sentence(tab)
        button = tab.get_by_role("button", name=LINK[lang])
        box = button.bounding_box()
        assert box["height"] >= 24 and box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"]
        url = copied(tab, button.tap)
        assert_link_form(url, served, lang)
        assert_lands_on(context.new_page(), url, sentence)
    finally:
        context.close()


@pytest.mark.parametrize("where", ["nav.md-nav--primary li", ".md-header__title", "details#cite-box .cite-box-apa"])
def test_no_passage_action_outside_the_article(page, served, where):
    """Offered for a selection in the article, the passage link goes away for one in the navigation,
    the header or the cite box."""
    open_page(page, served + ARENA)
    page.locator("details#cite-box").evaluate("d => d.open = true")
    select_sentence(page)
    page.evaluate("""(selector) => { const el = [...document.querySelectorAll(selector)]
          .find(e => e.textContent.trim().split(/\\s+/).length >= 3 && e.getClientRects().length);
        const r = document.createRange(); r.selectNodeContents(el);
        getSelection().removeAllRanges(); getSelection().addRange(r); }""", where)
    assert page.evaluate("getSelection().toString().trim().length") > 10
    page.locator(".passage-actions").wait_for(state="detached", timeout=5000)  # offered before, now gone


def test_passage_link_keeps_its_section_across_the_language_switch(page, context, served):
    """Opened from a passage link, the language switch lands on the same section of the twin page
    (the text directive is the browser's; it would not match the other language's words anyway)."""
    open_page(page, served + ARENA)
    select_sentence(page)
    url = copied(page, page.get_by_role("button", name=LINK["id"]).click)
    tab = context.new_page()
    open_page(tab, url)
    tab.locator(".md-select").first.hover()
    tab.locator("a.md-select__link[hreflang='en']").first.click()
    tab.wait_for_url(f"{served}en/{ARENA}#iom-sebagai-arena", wait_until="load", timeout=10_000)


def test_triple_click_offers_a_link_to_the_paragraph(page, served):
    """A triple click (which ends the selection at the start of the next block) offers a link to that paragraph."""
    open_page(page, served + ARENA)
    paragraph = page.locator("#p-87-korban")
    box = paragraph.bounding_box()
    page.mouse.click(box["x"] + 40, box["y"] + 8, click_count=3)
    url = copied(page, page.get_by_role("button", name=LINK["id"]).click)
    assert_link_form(url, served, "id")
    first_words = " ".join(paragraph.text_content().split()[:4])
    assert directive_of(url).startswith(quote(first_words, safe="").replace("-", "%2D") + ","), url
