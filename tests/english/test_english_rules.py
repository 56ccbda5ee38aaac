"""The English twins keep the translator's note's rules: quotations, titles and institution names stay Indonesian."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from support import ARTICLE_PAGES, PAGES, ROOT, page_id_for, source_body

DOCS = ROOT / "docs"
CONVENTIONS = tomllib.loads((Path(__file__).with_name("english_conventions.toml")).read_text(encoding="utf-8"))
ENGLISH_QUOTATIONS = CONVENTIONS["english_quotations"]
TITLES = CONVENTIONS["titles"]
INSTITUTIONS = CONVENTIONS["institutions"]
FORMS = {form["name"]: (institution["label"], form.get("gloss")) for institution in INSTITUTIONS
         for form in institution["forms"]}
# Longest first, so that "Kantor Kejaksaan Agung" is one mention, not also one of "Kejaksaan Agung".
MENTION_RE = re.compile("|".join(re.escape(name) for name in sorted(FORMS, key=len, reverse=True)))
QUOTE = "\"“”"
# An opening mark, the quoted words, and the closing mark, or the end of the paragraph if there is none
# (the one unclosed quotation of the article, noted on /tentang/#catatan-tanda-kutip).
QUOTATION_RE = re.compile(r"[\"“]([^\"“”]+)(?:[\"”]|$)")


def markdown_paragraphs(page: str) -> list[str]:
    """The authors' paragraphs of a Markdown page as plain text (no figures, admonitions, tables, headings, emphasis)."""
    text = (DOCS / page).read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"<figure\b.*?</figure>", "", text, flags=re.S)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"<[^>]+>", "", line) for line in block.splitlines()
                 if line.strip() and not line.startswith((" ", "\t", "!!!", "|", "#", "{"))]
        paragraph = " ".join(line for line in lines if line.strip())
        paragraph = re.sub(r"\[\\\[ed\.\\\]\]\([^)]*\)\{[^}]*\}|\[\^[\w-]+\]|\{[^}]*\}", "", paragraph)
        paragraph = " ".join(paragraph.replace("*", "").replace("&amp;", "&").split())
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def plain(site, url: str) -> str:
    """The authors' text of a built page, whitespace collapsed."""
    return " ".join(site.authors_text(url).get_text().replace("¶", " ").split())


def short(text: str, words: int = 6) -> str:
    """A readable test id from the first words of a text."""
    head = text.split()
    return " ".join(head[:words]) + (" ..." if len(head) > words else "")


def mentions(text: str) -> list[re.Match]:
    """Every mention of a listed institution in a text, each under the longest form that fits."""
    return list(MENTION_RE.finditer(text))


ORIGINALS = {url: PAGES[url] for url in ARTICLE_PAGES}
ORIGINAL_TEXT = {url: " ".join(markdown_paragraphs(page)) for url, page in ORIGINALS.items()}

QUOTATION_CASES = [
    (url, quoted)
    for url, page in ORIGINALS.items()
    for paragraph in markdown_paragraphs(page)
    for quoted in QUOTATION_RE.findall(paragraph)
    if quoted.strip() not in TITLES
]
TITLE_CASES = [(url, title) for url, text in ORIGINAL_TEXT.items() for title in TITLES if title in text]
INSTITUTION_CASES = [
    (url, institution) for url, text in ORIGINAL_TEXT.items() for institution in INSTITUTIONS
    if any(FORMS[m.group(0)][0] == institution["label"] for m in mentions(text))
]


@pytest.mark.parametrize(("url", "quoted"), QUOTATION_CASES,
                         ids=[f"{page_id_for(u)}: {short(q)}" for u, q in QUOTATION_CASES])
def test_quotation_kept_with_bracketed_translation(site, url, quoted):
    """A quotation of the original stands verbatim in the English page, followed by a bracketed translation."""
    text = plain(site, "en/" + url)
    kept = re.search(rf"[{QUOTE}]{re.escape(quoted)}[{QUOTE}]?", text)
    assert kept, f"quotation not kept in Indonesian on /en/{url}: “{quoted}”"
    if quoted in ENGLISH_QUOTATIONS:
        return
    after = re.match(r"\s*(?:\[([^\]]+)\]|\(((?:[^()]|\([^()]*\))+)\))", text[kept.end():])
    assert after, f"no bracketed translation after “{quoted}”: …{text[kept.end():kept.end() + 60]}"
    translation = after.group(1) or after.group(2)
    assert translation.strip(QUOTE + " ") != quoted.strip() and not re.search(r"\d{4}\)?$", translation), \
        f"what follows “{quoted}” is not a translation: {translation}"


@pytest.mark.parametrize(("url", "title"), TITLE_CASES, ids=[f"{page_id_for(u)}: {short(t)}" for u, t in TITLE_CASES])
def test_title_kept_in_its_language(site, url, title):
    """A title of a work named in the original stays in its own language, as often as the original names it."""
    original, english = plain(site, url), plain(site, "en/" + url)
    assert original.count(title) >= 1
    assert english.count(title) >= original.count(title), f"title translated on /en/{url}: {title}"


@pytest.mark.parametrize(("url", "institution"), INSTITUTION_CASES,
                         ids=[f"{page_id_for(u)}: {i['label']}" for u, i in INSTITUTION_CASES])
def test_institution_keeps_its_name_with_a_gloss_at_first_use(site, url, institution):
    """An Indonesian institution keeps its Indonesian name at every mention, glossed in English at the first."""
    label = institution["label"]
    original, english = plain(site, url), plain(site, "en/" + url)
    for form in institution["forms"]:
        name = form["name"]
        there = sum(m.group(0) == name for m in mentions(original))
        here = sum(m.group(0) == name for m in mentions(english))
        assert here >= there, f"“{name}”: {there} mention(s) in the original, {here} in the English page"
    first = next(m for m in mentions(english) if FORMS[m.group(0)][0] == label)
    gloss = FORMS[first.group(0)][1]
    assert gloss, f"first mention of {label} on /en/{url} is “{first.group(0)}”, which has no gloss in the data"
    following = english[first.end():first.end() + len(gloss) + 1]
    assert following == " " + gloss, f"first mention “{first.group(0)}” is followed by “{following}”, not “ {gloss}”"


def test_conventions_data_is_taken_from_the_original():
    """Every title and institution form listed in the data occurs in the source text (paper.txt), every English
    quotation in the Indonesian pages; and each kind of case is found on the pages."""
    everything = " ".join(source_body().replace("*", "").split())
    assert QUOTATION_CASES and TITLE_CASES and INSTITUTION_CASES, "a kind of case found nothing on the pages"
    quoted = {q for page in ORIGINALS.values() for p in markdown_paragraphs(page) for q in QUOTATION_RE.findall(p)}
    assert [t for t in TITLES if t not in everything] == []
    assert [q for q in ENGLISH_QUOTATIONS if q not in quoted] == []
    assert [name for name in FORMS if name not in everything] == []
    assert all(form.get("gloss", "(").startswith("(") and form.get("gloss", ")").endswith(")")
               for institution in INSTITUTIONS for form in institution["forms"])
