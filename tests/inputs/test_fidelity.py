"""The article's words, as published: the site's text matches the PDF extraction word for word.

The source is the committed copy of the extraction (tests/fixtures/paper.txt). Its
body, up to the reference list, is compared as a sequence of words with the text of
the article pages in reading order (edition furniture such as permalinks, footnote
numbers, [ed.] markers, figure notices and the reference footnotes left out). The
only differences allowed are the repairs listed here, each recorded on /tentang/.
"""

from __future__ import annotations

import pytest

from support import ALLOWED, ARTICLE_PAGES, differences, source_words

def site_words(site) -> list[str]:
    words = []
    for url in ARTICLE_PAGES:
        words += site.authors_text(url).get_text().replace("¶", " ").split()
    return words


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
