"""A PDF of the print page, made by headless Chromium (Playwright) after the build.

Only when BUILD_PDF=1 (the Pages workflow sets it; a local build stays fast and
needs no browser): ``cetak/index.html`` is printed to ``unduh/artikel-lengkap.pdf``
(A4), and in the English build ``en/cetak/`` to ``en/unduh/artikel-lengkap.pdf``.

The PDF is one a reader can keep: tagged (a structure tree of headings, paragraphs,
lists, tables and figures, for screen readers and reflow), one bookmark per heading of
the article (Chromium's document outline; the headings' ¶ links are hidden in print),
a running title and page numbers, and a first page saying what it is, how to cite it
and where the web edition lives (the print page's cover, edition/reading_aids/print_page.py;
the page's own instructions for printing are not printed). pypdf then writes the
metadata: title, authors, subject, keywords, language, and asks viewers to show the title
rather than the file name (DisplayDocTitle); and it gives the bookmarks the headings' text
(Chromium runs the lines of a heading that wraps together: "dalamMenangani"), failing
loudly if the bookmarks are not the print page's headings one for one. ``pdf_path`` tells the templates (context key
``pdf``) to link the PDF of the page's language from its home page. The browser is
$BROWSER_PATH, else /usr/bin/chromium, else Playwright's own (edition.inputs.environment reads both variables).
Fails loudly if it cannot print.

Playwright and pypdf are imported inside the two functions that use them (``print_pdf``, ``describe``), the one
exception to the rule "imports at the top" (hooks/README.md): only a build with BUILD_PDF=1 needs them, and
importing Playwright costs every other build and every ``mkdocs serve`` start a fifth of a second. A build that
prints without them fails naming the missing package.
"""

from __future__ import annotations

import html
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from edition import pages
from edition.citing.record import Work

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
NOT_PRINTED = ("#versi-cetak", ".print-cover")  # the print page's own title and the cover: no bookmark
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def pdf_path(root: str, build_pdf: bool) -> str:
    """The PDF of the language whose pages live under ``root``, below the site; "" when this build prints none
    (``build_pdf``: BUILD_PDF=1)."""
    return root + pages.PDF if build_pdf else ""


HEADER = '<div style="font-size:8px;width:100%;text-align:center;color:#555;padding:0 16mm">{}</div>'
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def running_title(record: Work, strings: dict) -> str:
    return strings["pdf_running_title"].format(authors=" & ".join(a.family for a in record.authors))


def print_pdf(html_path: Path, pdf_path: Path, header: str, browser_path: str) -> None:
    """Print a page to PDF with Chromium (``browser_path``; '': Playwright's own)."""
    from playwright.sync_api import sync_playwright  # only a PDF build needs it (the module's docstring)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path or None, args=FLAGS)
        try:
            page = browser.new_page()
            page.goto(html_path.resolve().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            pdf_path.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(pdf_path), format="A4", print_background=False, tagged=True, outline=True,
                     margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                     display_header_footer=True, header_template=HEADER.format(html.escape(header)),
                     footer_template=FOOTER)
        finally:
            browser.close()


def metadata(record: Work, strings: dict) -> dict[str, str]:
    """The PDF's document information, from the record of the work the language's pages describe: its title,
    authors and keywords; what the document is."""
    return {
        "/Title": record.title,
        "/Author": "; ".join(a.name for a in record.authors),
        "/Subject": strings["pdf_subject"],
        "/Keywords": ", ".join(record.keywords),
    }


def printed_headings(html_path: Path) -> list[str]:
    """The text of the print page's headings that are printed, in order (without the ¶ links)."""
    article = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser").select_one("article")
    for element in article.select(".headerlink, " + ", ".join(NOT_PRINTED)):
        element.decompose()
    return [" ".join(h.get_text().split()) for h in article.find_all(HEADINGS)]


def outline_items(node) -> list:
    """The outline's items in reading order (depth first)."""
    items = []
    item = node.get("/First")
    while item is not None:
        item = item.get_object()
        items.append(item)
        items += outline_items(item)
        item = item.get("/Next")
    return items


def describe(pdf_path: Path, info: dict[str, str], language: str, headings: list[str]) -> None:
    """Write the metadata and the language into the PDF, viewers show its title, bookmarks carry the headings'
    text (keeps the tags)."""
    from pypdf import PdfReader, PdfWriter  # only a PDF build needs it (the module's docstring)
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(str(pdf_path)))
    outlines = writer.root_object.get("/Outlines")
    items = outline_items(outlines.get_object()) if outlines is not None else []
    if len(items) != len(headings):
        raise PluginError(f"{pdf_path.name}: {len(items)} bookmarks for {len(headings)} headings of the print page")
    for item, heading in zip(items, headings):
        item[NameObject("/Title")] = TextStringObject(heading)
    writer.add_metadata(info)
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(language)
    preferences = root.get("/ViewerPreferences")
    preferences = preferences.get_object() if preferences is not None else DictionaryObject()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    root[NameObject("/ViewerPreferences")] = preferences
    with open(pdf_path, "wb") as handle:
        writer.write(handle)


def print_language(site_dir: Path, record: Work, strings: dict, browser_path: str) -> None:
    """Print the print page of the language of ``record`` to its PDF, then describe it."""
    page = record.root + pages.html_file(pages.PRINT)
    source = site_dir / page
    if not source.is_file():
        raise PluginError(f"{page} was not built, so no PDF can be printed")
    target = site_dir / pdf_path(record.root, True)
    try:
        print_pdf(source, target, running_title(record, strings), browser_path)
        describe(target, metadata(record, strings), record.language, printed_headings(source))
    except ModuleNotFoundError as exc:
        raise PluginError(f"printing {page} to {pages.PDF} needs the Python package '{exc.name}' (BUILD_PDF=1; "
                          f"`uv sync` installs it with the development tools)") from exc
    except Exception as exc:  # noqa: BLE001 - one line naming what failed
        raise PluginError(f"printing {page} to {pages.PDF} failed: {exc}") from exc
