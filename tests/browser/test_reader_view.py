"""Reader view: what Mozilla Readability 0.6.0 (Firefox Reader View) extracts is the article, all of it, and only it."""

from __future__ import annotations

import re

import pytest
import yaml

from browser import open_page
from support import ROOT, page_id_for, squeeze
from tools import npm_package

STRINGS = yaml.safe_load((ROOT / "hooks" / "edition" / "strings.yml").read_text(encoding="utf-8"))

# Three pages of the article in each language.
READER_PAGES = [prefix + url for prefix in ("", "en/") for url in
                ("pendahuluan/", "hasil-dan-pembahasan/iom-sebagai-arena/", "simpulan/")]

EXTRACT = """() => {
  const result = new Readability(document.cloneNode(true)).parse();
  const box = document.getElementById("cite-box");
  const pieces = box ? Array.from(box.querySelectorAll("p, code, summary, option, a"))
      .map(n => n.textContent.trim()).filter(t => t.length > 3) : [];
  const skip = "#cite-box, .admonition, .footnote, .md-source-file, figure, table";
  const paragraphs = Array.from(document.querySelectorAll("article.md-content__inner p"))
      .filter(p => !p.closest(skip)).map(p => p.textContent);
  return {text: result ? result.textContent : "", citeBox: pieces, paragraphs: paragraphs};
}"""


def open_with_readability(page, served, url) -> None:
    """The page opened with Mozilla's Readability loaded into it."""
    script = npm_package("@mozilla/readability") / "Readability.js"
    open_page(page, served, url)
    # Evaluated by the browser's debugging protocol, which the page's Content-Security-Policy does not govern (an
    # added <script> tag would be refused as the injected inline script it is).
    page.evaluate(script.read_text(encoding="utf-8") + "\nwindow.Readability = Readability;\ntrue")


def reader_view(page, served, url) -> dict:
    """Readability's extraction of the page, the cite box's texts, and the page's article paragraphs."""
    open_with_readability(page, served, url)
    return page.evaluate(EXTRACT)


def cite_box_share(found: dict) -> float:
    """The share of the extracted text that is the cite box's (APA line, BibTeX, RIS, labels)."""
    text = squeeze(found["text"])
    kept = sum(len(squeeze(piece)) for piece in dict.fromkeys(found["citeBox"]) if squeeze(piece) in text)
    return kept / max(len(text), 1)


@pytest.mark.parametrize("url", READER_PAGES, ids=page_id_for)
def test_reader_view_is_the_article_only(page, served, url):
    """No cite-box text (0 %), no "¶" permalink glyph, no button label in what Readability extracts."""
    found = reader_view(page, served, url)
    assert found["text"], "Readability extracted nothing"
    assert found["citeBox"], "the page has no cite box to keep out"
    share = cite_box_share(found)
    assert share == 0, f"{share:.1%} of the reader view is the cite box"
    assert "\u00b6" not in found["text"]
    assert "TY  - JOUR" not in found["text"] and "@article{" not in found["text"]
    labels = [words for language in STRINGS.values() for words in (language["copy_bibtex"], language["copy_ris"],
              language["script"]["copy_link_title"])]
    assert not [label for label in labels if label in found["text"]], "a button's label is in the reader view"


@pytest.mark.parametrize("url", READER_PAGES, ids=page_id_for)
def test_reader_view_keeps_the_whole_text(page, served, url):
    """Every paragraph of the page's article text is in Readability's extraction, word for word."""
    found = reader_view(page, served, url)
    text = squeeze(found["text"])
    paragraphs = [squeeze(p) for p in found["paragraphs"] if squeeze(p)]
    assert len(paragraphs) >= 2
    missing = [p[:80] for p in paragraphs if re.sub(r"\s*\u00b6", "", p) not in text]
    assert not missing, f"{len(missing)} of {len(paragraphs)} paragraphs missing: {missing[:3]}"


def test_permalink_sign_still_shown(page, served):
    """The permalink beside a heading still shows "¶" (drawn by the stylesheet) and keeps its title."""
    open_page(page, served, "simpulan/")
    link = page.locator("h1 a.headerlink")
    assert link.get_attribute("title") == "Tautan permanen ke bagian ini"
    content = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "\u00b6" in content, content


ENTRIES = """() => {
  const entries = Array.from(document.querySelectorAll("article .csl-entry[id^='ref-']"))
      .map(e => [e.id, e.cloneNode(true)]);
  const result = new Readability(document.cloneNode(true)).parse();
  const text = result ? result.textContent.replace(/\\s+/g, " ") : "";
  return entries.map(([id, node]) => {
    node.querySelectorAll(".cited-in").forEach(n => n.remove());
    return [id, text.includes(node.textContent.replace(/\\s+/g, " ").trim())];
  });
}"""


@pytest.mark.parametrize("url", ["daftar-pustaka/", "en/daftar-pustaka/"], ids=page_id_for)
def test_reader_view_keeps_every_reference(page, served, url):
    """Readability keeps all 27 entries of the reference list, word for word (an entry that is mostly a long
    address is not dropped as navigation), and still leaves the cite box out."""
    open_with_readability(page, served, url)
    kept = page.evaluate(ENTRIES)
    assert len(kept) == 27, f"{len(kept)} entries on the page"
    lost = [key for key, found in kept if not found]
    assert not lost, f"Readability drops {len(lost)} of 27 references: {lost}"
    found = page.evaluate(EXTRACT)  # the page's own text names artikel.bib: check the cite box's citations instead
    assert "@article{" not in found["text"] and "TY  - JOUR" not in found["text"]
    assert STRINGS["id"]["cite_section"] not in found["text"] and STRINGS["en"]["cite_section"] not in found["text"]
