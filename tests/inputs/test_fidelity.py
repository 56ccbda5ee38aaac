"""The article's words, as published: the site's text matches the PDF extraction word for word.

The source is the committed copy of the extraction (tests/fixtures/paper.txt). Its
body, up to the reference list, is compared as a sequence of words with the text of
the article pages in reading order (edition furniture such as permalinks, footnote
numbers, [ed.] markers, figure notices and the reference footnotes left out). The
only differences allowed are the repairs listed here, each recorded on /tentang/.
"""

from __future__ import annotations

import difflib
import re

import pytest

from support import ARTICLE_PAGES, source_body

# (source words, site words, reason): every allowed difference, each noted on /tentang/.
ALLOWED = {
    (("(Archer,2001).",), ("(Archer,", "2001).")): "citation rendered by the APA style",
    (("Rosenberg,", "2003."), ("(Rosenberg,", "2003).")): "Tabel 1 source line rendered as a citation",
}


def source_words() -> list[str]:
    """Words of the extraction up to DAFTAR PUSTAKA, with only extraction damage repaired."""
    body = source_body().replace("^{1,2}", "1,2").replace("*", "")
    body = re.sub(r"(\w)-\s*\n\s*\n\s*(\w)", r"\1-\2", body)  # a word broken over a page: hal- / hal
    return body.split()


def site_words(site) -> list[str]:
    words = []
    for url in ARTICLE_PAGES:
        words += site.authors_text(url).get_text().replace("¶", " ").split()
    return words


def differences(src: list[str], out: list[str], extra_allowed: bool = False) -> list[str]:
    """Where ``out`` differs from the source's words, but for the ALLOWED repairs (and, with
    ``extra_allowed``, words added between the article's: another medium's furniture)."""
    problems = []
    matcher = difflib.SequenceMatcher(a=src, b=out, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "insert" and extra_allowed):
            continue
        change = (tuple(src[i1:i2]), tuple(out[j1:j2]))
        if change not in ALLOWED:
            context = " ".join(src[max(0, i1 - 8): i1])
            was, now = " ".join(change[0])[:200], " ".join(change[1])[:200]
            problems.append(f"{op}: …{context} [{was}] -> [{now}]")
    return problems


def test_site_text_is_the_articles_text(site):
    """Every word of the article's body is on the site, in order, and nothing else is."""
    src, out = source_words(), site_words(site)
    assert len(src) > 6000
    problems = differences(src, out)
    assert not problems, "site text differs from the article:\n" + "\n".join(problems)


@pytest.mark.parametrize("change", list(ALLOWED), ids=lambda c: " ".join(c[0]))
def test_each_allowed_difference_is_noted_on_tentang(site, change):
    """Each allowed difference is explained in the editorial notes, quoting the source's form and the site's."""
    text = " ".join(site.soup("tentang/").get_text().split())
    source_form, site_form = " ".join(change[0]).rstrip("."), " ".join(change[1]).rstrip(".")
    assert source_form in text and site_form in text
