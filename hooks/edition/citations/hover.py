"""Citations that answer on hover and focus: "(Author, Year)" itself, not only the footnote number.

Material shows a footnote's content in a tooltip for every ``.footnote-ref`` link
(feature ``content.footnote.tooltips``). ``link_citations`` makes the parenthetical citation
that stands right before a footnote number such a link, pointing to the same
footnote; without JavaScript it is a plain link to the full reference.
"""

from __future__ import annotations

import re

CITATION_CLASS = "citation"  # with data-key="<bibliography key>"; the print page reads both
# The parenthetical may hold abbreviations marked up by the abbr extension, nothing else.
CITATION_RE = re.compile(
    r"\((?P<text>(?:[^()<>]|<abbr[^>]*>|</abbr>){2,300}?)\)(?P<sup><sup id=\"fnref\d*:(?P<key>[a-z0-9-]+)\">)"
)


def link_citations(html: str) -> str:
    def wrap(match: re.Match) -> str:
        key = match.group("key")
        return (f'<a class="footnote-ref {CITATION_CLASS}" href="#fn:{key}" data-key="{key}">({match.group("text")})</a>'
                f'{match.group("sup")}')

    return CITATION_RE.sub(wrap, html)

