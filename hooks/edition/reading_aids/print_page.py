"""The whole article on one page for reading offline and printing (``docs/cetak.md``).

When the pages are put into their templates (all of them are rendered by then), the
print page's ``<!-- insert: whole-article -->`` becomes every section in reading order,
followed by the reference list once. Per-page footnotes
are dropped: each citation then points to its entry in that single list, and links
between pages become links within the print page (others are rewritten to stay
valid from its address).

The print page is a static document: it loads no script (``overrides/main.html``, context
key ``print_page``),
so no search index either; the browser's own find (Ctrl+F) searches all of it, and a
reader on a slow connection gets the whole article for the weight of the text.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from edition import languages
from edition.citations.hover import CITATION_CLASS

PAGE = "cetak.md"
MARKER = "<!-- insert: whole-article -->"


def fill_print_page(page, nav) -> None:
    """Put every page before the print page in the navigation (but those with ``print: false``) into it."""
    before = nav.pages[: nav.pages.index(page)]
    bodies = {languages.source(p.file): (p.url, p.content) for p in before if p.meta.get("print", True) is not False}
    if not bodies or any(body is None for _, body in bodies.values()):
        raise PluginError(f"docs/{PAGE}: the pages before it in the nav were not rendered")
    if MARKER not in page.content:
        raise PluginError(f"docs/{PAGE}: the marker {MARKER} is missing")
    page.content = page.content.replace(MARKER, combined(bodies, page.url))


def combined(bodies: dict[str, tuple[str, str]], print_url: str) -> str:
    included = {url for url, _ in bodies.values()}
    parts = []
    for src, (url, body) in bodies.items():
        soup = BeautifulSoup(body, "html.parser")
        for selector in ("div.footnote", "h2#referensi", "sup[id^='fnref']", ".admonition", "#daftar-isi",
                         ".contents", "a.editorial-note"):
            for element in soup.select(selector):
                element.decompose()
        for cite in soup.select(f"a.{CITATION_CLASS}"):
            cite["href"] = f"#ref-{cite['data-key']}"
            cite["class"] = [c for c in cite.get("class", []) if c != "footnote-ref"]
        for element in soup.find_all(href=True):
            element["href"] = rewrite(element["href"], url, print_url, included)
        for element in soup.find_all(src=True):
            element["src"] = rewrite(element["src"], url, print_url, included)
        parts.append(f'<section class="print-section" data-page="{url}">{soup}</section>')
    return "\n".join(parts)


def rewrite(ref: str, page_url: str, print_url: str, included: set[str]) -> str:
    """A link of a page, made valid on the print page."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("mailto:", "data:")):
        return ref
    if ref.startswith("#"):
        return ref
    target = urlsplit(urljoin("/" + page_url, ref))
    path = target.path.lstrip("/")
    if path in included and target.fragment:
        return f"#{target.fragment}"
    relative = posixpath.relpath("/" + path, "/" + print_url) if path else posixpath.relpath("/", "/" + print_url)
    if path.endswith("/") or not path:
        relative += "/"
    return relative + (f"#{target.fragment}" if target.fragment else "")

