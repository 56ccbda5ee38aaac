"""The whole article on one page for reading offline and printing (``docs/cetak.md``).

When the pages are put into their templates (all of them are rendered by then), the
print page's ``<!-- insert: whole-article -->`` becomes every section in reading order,
followed by the reference list once. Per-page footnotes
are dropped: each citation then points to its entry in that single list, and links
between pages become links within the print page (others are rewritten to stay
valid from its address).

Its first element is a cover (``cover``), shown in print only: what the document is, the
article's title and authors, how to cite it and where the web edition lives; it is the first
page of the PDF (edition/output/pdf.py). The page's own title and its instructions for
printing are screen-only (docs/assets/edition.css), so a printed copy starts with the cover.

The print page is a static document: it loads no script (``overrides/main.html``, context
key ``print_page``),
so no search index either; the browser's own find (Ctrl+F) searches all of it, and a
reader on a slow connection gets the whole article for the weight of the text.
"""

from __future__ import annotations

import html
import posixpath
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from edition import pages
from edition.citations.formatting import REFERENCES_ID
from edition.citations.hover import CITATION_CLASS
from edition.citing import record as records
from edition.citing.record import Work
from edition.citing.release import Release, long_date
from edition.inputs.languages import Languages
from edition.kept import Kept, fingerprint

MARKER = "<!-- insert: whole-article -->"


def cover(record: Work, strings: dict, edition_release: Release, medium: str = "pdf") -> str:
    """The first page of the printed article, led by the title of the work the language's pages describe (the
    translation's on the English PDF, naming the original): what it is, which version, by whom, how to cite it,
    where its own language's BibTeX and RIS citations and web edition are. ``medium``: "pdf", or "epub" for the
    EPUB's first page (edition.output.epub), which says what it is in its own words."""
    home = record.home
    _, apa = records.apa(record, home, None, strings)
    authors = "".join(f'<p><strong>{html.escape(a.name)}</strong>'
                      + (f'<br>{html.escape(a.affiliation)}' if a.affiliation else "") + "</p>"
                      for a in record.authors)
    link = '<a href="{0}">{0}</a>'.format
    parts = [
        f'<p>{html.escape(strings[f"{medium}_cover_kind"])} · {html.escape(strings["version_word"])} '
        f'{html.escape(edition_release.version)}, {long_date(edition_release.date, strings)}</p>',
        f'<p class="print-cover-title" lang="{record.language}">{html.escape(record.title)}</p>',
        authors,
        f'<p>{html.escape(strings[f"{medium}_cover_about"])}</p>',
    ]
    original = record.original
    if original:
        parts.append(f'<p>{html.escape(strings["pdf_cover_translation"].format(original=original.title))} '
                     f'{link(html.escape(original.url))}</p>')
    parts += [
        f'<p><strong>{html.escape(strings["pdf_cover_cite"])}</strong><br>{apa}</p>',
        f'<p><strong>{html.escape(strings["pdf_cover_downloads"])}</strong><br>'
        + "<br>".join(link(html.escape(url)) for url in record.downloads) + "</p>",
        f'<p><strong>{html.escape(strings["pdf_cover_web"])}</strong><br>{link(html.escape(home))}</p>',
    ]
    return '<section class="print-cover">' + "".join(parts) + "</section>"


def assemble(context, page, nav, languages: Languages, record: Work, strings: dict, edition_release: Release,
             kept: Kept | None = None) -> None:
    """On the print page: its cover and every page, and no script (context key ``print_page``)."""
    if languages.neutral(page.file.src_uri) == pages.PRINT:
        fill_print_page(page, nav, languages, cover(record, strings, edition_release), kept)
        context["print_page"] = True


def fill_print_page(page, nav, languages: Languages, cover_html: str = "", kept: Kept | None = None) -> None:
    """Put the cover and every page before the print page in the navigation (but those with ``print: false``)
    into it (each page's section kept in ``kept`` while its HTML is unchanged: edition.kept)."""
    before = nav.pages[: nav.pages.index(page)]
    bodies = {languages.neutral(p.file.src_uri): (p.url, p.content) for p in before
              if p.meta.get("print", True) is not False}
    if not bodies or any(body is None for _, body in bodies.values()):
        raise PluginError(f"docs/{pages.PRINT}: the pages before it in the nav were not rendered")
    if MARKER not in page.content:
        raise PluginError(f"docs/{pages.PRINT}: the marker {MARKER} is missing")
    page.content = page.content.replace(MARKER, cover_html + combined(bodies, page.url, kept))


def combined(bodies: dict[str, tuple[str, str]], print_url: str, kept: Kept | None = None) -> str:
    """Every page's section of the print page, in order (each kept in ``kept`` under its page's HTML and the
    pages included, when given)."""
    included = {url for url, _ in bodies.values()}
    kept = kept or Kept()
    return "\n".join(kept.get("print section", fingerprint(url, body, print_url, *sorted(included)),
                               lambda url=url, body=body: section(url, body, print_url, included))
                     for url, body in bodies.values())


def section(url: str, body: str, print_url: str, included: set[str]) -> str:
    """One page's HTML as a section of the print page: without its footnotes, reference heading, admonitions and
    tables of contents; citations pointing to the one reference list; links rewritten to hold from the print page."""
    soup = BeautifulSoup(body, "html.parser")
    for element in soup.find_all(True):  # one walk, in document order: an element inside a dropped one goes with it
        if element.decomposed:
            continue
        if dropped(element):
            element.decompose()
            continue
        if element.name == "a" and CITATION_CLASS in element.get("class", []):  # to the one reference list
            element["href"] = f"#ref-{element['data-key']}"
            element["class"] = [c for c in element.get("class", []) if c != "footnote-ref"]
        for attribute in ("href", "src"):
            if element.has_attr(attribute):
                element[attribute] = rewrite(element[attribute], url, print_url, included)
    return f'<section class="print-section" data-page="{url}">{soup}</section>'


def dropped(element) -> bool:
    """What a page holds that the print page does not: its footnotes (div.footnote) and their marks
    (sup[id^=fnref]), its reference heading (h2#referensi), admonitions, tables of contents (#daftar-isi,
    .contents), links to editorial notes (a.editorial-note)."""
    classes, name, element_id = element.get("class", []), element.name, element.get("id", "")
    return ((name == "div" and "footnote" in classes) or (name == "h2" and element_id == REFERENCES_ID)
            or (name == "sup" and element_id.startswith("fnref")) or "admonition" in classes
            or element_id == "daftar-isi" or "contents" in classes or (name == "a" and "editorial-note" in classes))


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

