"""No ``<link rel="alternate" hreflang>`` in page heads; hreflang lives in the sitemap.

Material's script fetches ``sitemap.xml`` relative to every ``link[rel=alternate]`` of a
page (it expects language roots there); with links to each page's twin, as
mkdocs-static-i18n writes them, that is two or three requests per page view that
answer 404 — wasted on a slow connection. The pairs of pages are declared instead in
``sitemap.xml`` (``xhtml:link rel="alternate" hreflang``, absolute URLs, written by
mkdocs-static-i18n), and the language switcher's links carry ``hreflang``.
"""

from __future__ import annotations

import re

ALTERNATE_RE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_alternate_links(output: str) -> str:
    return ALTERNATE_RE.sub("", output)
