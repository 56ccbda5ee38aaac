"""The whole article as an EPUB 3 per language: ``unduh/artikel.epub`` (``en/unduh/artikel.epub``, the translation).

Built from the same Markdown as the site and the PDF, as the build renders it: once the print page's turn comes
(every page before it in the nav is rendered by then), the pages the print page holds (edition.reading_aids.
print_page: the article and its reference list, citations pointing at their entry, per-page footnotes and the
edition's notices dropped) and the abbreviations page are joined into one HTML document, which pandoc
(pypandoc-binary) writes as EPUB 3 on another thread; ``finish`` (after both languages) waits for it and writes it.
So the book has the site's very words, citations, Tabel 1, Gambar 1 and abbreviations, and:

- a first page giving the same record as the PDF's (``print_page.cover``: what the document is, the version, title,
  authors, how to cite it, the citation downloads, the web address), in place of pandoc's title page;
- one chapter per page of the article, the sub-pages of a section nested under it as the article numbers them
  (``nest``), a table of contents to three levels, in the book's language;
- links between its pages kept inside the book (``#id``, which pandoc points at the right chapter); every other
  link made absolute (the web edition's pages, its downloads);
- Gambar 1 as an SVG image with the chart's text alternative (and its data table below it);
- metadata from the record of the work (edition.citing.record): title, authors, language, abstract, keywords,
  rights (the site's copyright line), the edition and its version (for the translation, the original's title and
  address, and this edition as translator), a stable identifier per language, no date (the article's is unknown);
  and the accessibility metadata EPUB Accessibility 1.1 asks for (access modes, features, hazards, a summary, the
  conformance claim, which EPUBCheck and DAISY Ace check: tests/output/test_epub.py);
- chapter titles from their headings, landmarks in the book's language, the ZIP written as OCF requires (the
  ``mimetype`` entry first and stored), dates from the release (SOURCE_DATE_EPOCH): the same input gives the same
  bytes.

It costs, per language, about 0.15 s on the build's thread (the print page's sections read again, not rebuilt) and
0.35 s of CPU for pandoc on another thread while the build goes on: it is built in every build but ``mkdocs serve``'s
(edition.inputs.environment.Environment.writes_books), and kept in ``.cache/epub/`` under the hash of all it is made
from, so that a build whose book is unchanged writes the kept bytes (the same input gives the same bytes).
"""

from __future__ import annotations

import datetime as dt
import html
import inspect
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import zipfile
from concurrent.futures import Future
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pypandoc
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from edition import pages
from edition.citations.formatting import in_background
from edition.citing.record import Work
from edition.citing.release import Release
from edition.inputs.languages import Languages, Locale
from edition.kept import fingerprint, kept_bytes_on_disk
from edition.reading_aids import print_page

STYLESHEET = Path(__file__).with_name("epub.css")
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
NOT_IN_BOOK = (".headerlink",)  # the pages' permalinks: an empty link in a book
PRINT_SECTION = '<section class="print-section"'  # print_page.combined: one for each page the print page holds
FIRST_HEADING_RE = re.compile(r'<h[1-6]\b[^>]*?\sid="([^"]+)"')
# EPUB Accessibility 1.1: the book is text (Gambar 1 is also an image, fully described in text and its table).
ACCESSIBILITY = {
    "accessModes": ["textual", "visual"],
    "accessModeSufficient": ["textual"],
    "accessibilityFeatures": ["alternativeText", "readingOrder", "structuralNavigation", "tableOfContents",
                              "displayTransformability"],
    "accessibilityHazards": ["none"],
}
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
FIXED_TIME = (0, 0, 0)


def book_path(prefix: str) -> str:
    """Where a language's book is, below the site (``prefix``: the language's, "" or "en/")."""
    return prefix + pages.EPUB


def placeholder(prefix: str) -> dict[str, str]:
    """The language's book among the build's files (empty until ``finish`` writes it), so that MkDocs checks the
    links to it as to any file."""
    return {book_path(prefix): ""}


def book_pages(nav, print_page_obj, languages: Languages) -> list:
    """The pages of the book, in reading order: those the print page holds, and the abbreviations (not printed, but
    a book reader has no hover: the book holds them)."""
    before = nav.pages[: nav.pages.index(print_page_obj)]
    return [p for p in before if p.meta.get("print", True) is not False
            or languages.neutral(p.file.src_uri) == pages.GLOSSARY]


def section_indexes(pages) -> dict[str, str]:
    """Page URL -> the URL of its section's index page, for the sub-pages of a section (Hasil dan Pembahasan's
    three roles)."""
    found = {}
    for page in pages:
        section = page.parent
        index = section.children[0] if section is not None and section.children else None
        if index is not None and index is not page and getattr(index, "is_page", False):
            found[page.url] = index.url
    return found


def nest(soup, indexes: dict[str, str]) -> None:
    """A sub-page continues the numbered list its section's index page ends with ("2. Peran IOM sebagai
    Instrumen ..." after "1. Peran ... Clive Archer"): its title takes the level of that page's last heading, its
    own headings follow, so that the table of contents nests them as the article does."""
    sections = {section.get("data-page", ""): section for section in soup.select("section.print-section")}
    for url, index_url in indexes.items():
        if url not in sections or index_url not in sections:
            continue
        levels = [int(tag.name[1]) for tag in sections[index_url].find_all(HEADINGS)]
        shift = levels[-1] - 1 if levels else 0
        for heading in sections[url].find_all(HEADINGS) if shift > 0 else []:
            heading.name = f"h{min(int(heading.name[1]) + shift, 6)}"


def keep_attributes(soup) -> None:
    """pandoc keeps the attributes of a <div> but not of a <p>: a paragraph with an ID (a reference's #ref-key, a
    paragraph's #p-...), a class or a language is wrapped in a <div> that carries them."""
    for paragraph in soup.find_all("p"):
        if paragraph.attrs:
            wrapper = soup.new_tag("div", attrs=dict(paragraph.attrs))
            paragraph.attrs = {}
            paragraph.wrap(wrapper)


def first_ids(pages) -> dict[str, str]:
    """Page URL -> the ID of its first heading (where a link to the page lands in the book)."""
    found = {}
    for page in pages:
        heading = FIRST_HEADING_RE.search(page.content)
        if heading is not None:
            found[page.url] = heading.group(1)
    return found


def book_html(book, print_html: str, print_url: str, site_url: str, languages: Languages, prefix: str,
              figures_dir: Path) -> str:
    """The book's body: the pages the print page holds as it holds them (``print_html``, its content once
    assembled: the cover, then one section per page, print_page.combined), the abbreviations page joined the same
    way, links and figures made right for a book."""
    start = print_html.find(PRINT_SECTION)
    if start < 0:
        raise PluginError(f"{prefix}{print_url}: the print page holds no page of the article (no {PRINT_SECTION})")
    glossary = [p for p in book if languages.neutral(p.file.src_uri) == pages.GLOSSARY]
    joined = print_html[start:] + "\n" + print_page.combined({pages.GLOSSARY: (p.url, p.content) for p in glossary},
                                                              print_url)
    soup = BeautifulSoup(joined, "html.parser")
    nest(soup, section_indexes(book))
    ids = first_ids(book)
    for element in soup.select(", ".join(NOT_IN_BOOK)):
        element.decompose()
    for section in soup.select("section.print-section"):  # chapters begin at the headings, not at the pages
        section.unwrap()
    keep_attributes(soup)
    page_base = site_url + print_url
    for link in soup.find_all(href=True):
        link["href"] = book_link(link["href"], page_base, site_url, prefix, ids)
    for number, svg in enumerate(soup.select("div.chart > svg")):
        figure = svg.find_parent("figure")
        name = f"{figure['id'] if figure is not None and figure.get('id') else f'gambar-{number + 1}'}.svg"
        label = svg.get("aria-label", "")
        if not label:
            raise PluginError(f"{prefix}{print_url}: a chart without a text alternative (aria-label) for the EPUB")
        (figures_dir / name).write_text(str(svg), encoding="utf-8")
        image = soup.new_tag("img", src=name, alt=label)
        svg.parent.replace_with(image)
    return str(soup)


def book_link(href: str, page_base: str, site_url: str, prefix: str, ids: dict[str, str]) -> str:
    """A link of the book: ``#id`` inside it (a page of the book without a fragment: its first heading), else the
    web edition's absolute address."""
    if href.startswith("#") or urlsplit(href).scheme:
        return href
    absolute = urljoin(page_base, href)
    parts = urlsplit(absolute)
    if absolute.startswith(site_url):
        url = absolute[len(site_url):].split("#")[0].split("?")[0]
        if url in ids:
            return f"#{parts.fragment or ids[url]}"
    return absolute


def identifier(record: Work) -> str:
    """A stable identifier of the book of one work (its language's home address): new releases keep it."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, record.home + pages.EPUB)}"


def literal(text: str) -> str:
    """``text`` as pandoc's metadata keeps it: pandoc reads metadata as Markdown, with its typography (an apostrophe
    would become ’, ``--`` a dash); every ASCII punctuation mark backslash-escaped stays as written."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def metadata(record: Work, strings: dict, version: str, rights: str) -> dict:
    """pandoc's metadata for the book (EPUB 3 package metadata), every text as written (``literal``)."""
    titles = [{"type": "main", "text": literal(record.title)},
              {"type": "edition", "text": literal(f"{record.edition}, {strings['version_word'].lower()} {version}")}]
    data = {
        "title": titles,
        "creator": [{"role": "author", "text": literal(a.name),
                     **({"file-as": literal(f"{a.family}, {a.given}")} if a.given else {})}
                    for a in record.authors],
        "identifier": [{"scheme": "URN", "text": identifier(record)}],
        "lang": record.language,
        "description": literal(record.abstract),
        "subject": [literal(keyword) for keyword in record.keywords],
        "rights": literal(" ".join(html.unescape(re.sub(r"<[^>]+>", "", rights)).split())),  # mkdocs.yml's copyright
        "toc-title": literal(strings["epub_contents"]),
        "accessibilitySummary": literal(" ".join(strings["epub_accessibility_summary"].split())),
        **ACCESSIBILITY,
    }
    if record.translators:
        data["contributor"] = [{"role": "trl", "text": literal(p.get("literal") or f"{p['given']} {p['family']}")}
                               for p in record.translators]
    return data


def extra_metadata(record: Work, version: str, strings: dict) -> str:
    """What pandoc's metadata cannot say, for content.opf: the conformance claim and its certifier (this edition,
    whose tests hold the book to it), the version, and for a translation the original (dc:source)."""
    lines = [f'<meta property="dcterms:conformsTo">{CONFORMANCE}</meta>',
             f'<meta property="a11y:certifiedBy">{html.escape(strings["translator_name"])}</meta>',
             f'<meta property="schema:version">{html.escape(version)}</meta>']
    if record.original:
        lines.append(f'<dc:source>{html.escape(record.original.url)}</dc:source>')
    return "\n    ".join(lines)


def write_book(body: str, cover_html: str, meta: dict, extra: str, strings: dict, work_dir: Path,
               date: dt.date, target: str) -> bytes:
    """pandoc's EPUB of ``body`` (in ``work_dir``, where its figures are), finished (``finish_book``); ``work_dir``
    is removed. ``target``: where it goes below the site, for messages."""
    try:
        return pandoc_book(body, cover_html, meta, extra, strings, work_dir, date, target)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)


def pandoc_book(body: str, cover_html: str, meta: dict, extra: str, strings: dict, work_dir: Path,
                date: dt.date, target: str) -> bytes:
    source, meta_file, raw = work_dir / "book.html", work_dir / "book.yaml", work_dir / "raw.epub"
    # no <title>: pandoc would take it over the metadata's titles (the work's and the edition's)
    source.write_text(f'<!DOCTYPE html><html lang="{meta["lang"]}"><head><meta charset="utf-8"></head>'
                      f"<body>{body}</body></html>", encoding="utf-8")
    meta_file.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    epoch = int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp())
    command = [pypandoc.get_pandoc_path(), str(source), "--from", "html", "--to", "epub3", "--output", str(raw),
               "--metadata-file", str(meta_file), "--css", str(STYLESHEET), "--toc", "--toc-depth=3",
               "--split-level=1", "--resource-path", str(work_dir), "--fail-if-warnings"]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})
    if result.returncode != 0:
        message = result.stderr.split("HasCallStack")[0].strip()  # pandoc's own words, without its backtrace
        raise PluginError(f"pandoc could not write {target}: {message}")
    return finish_book(raw.read_bytes(), cover_html, extra, strings, date)


def chapter_title(text: str) -> str:
    """A chapter's <title>: its first heading's text (pandoc writes the file's name)."""
    heading = re.search(r"<h[1-6][^>]*>(.*?)</h[1-6]>", text, re.S)
    if heading is None:
        return text
    title = html.escape(" ".join(html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).split()), quote=False)
    return re.sub(r"<title>[^<]*</title>", lambda _: f"<title>{title}</title>", text, count=1)


FIGURE_RE = re.compile(r"(<figure\b[^>]*>)(.*?)(<figcaption>.*?</figcaption>)\s*(</figure>)", re.S)


def caption_first(text: str) -> str:
    """A figure's caption before it, as the article prints "Tabel 1. ..." and "Gambar 1. ..." (pandoc puts it
    after)."""
    return FIGURE_RE.sub(lambda m: m.group(1) + "\n" + m.group(3) + m.group(2) + m.group(4), text)


def finish_book(epub: bytes, cover_html: str, extra: str, strings: dict, date: dt.date) -> bytes:
    """What pandoc does not write: the first page, the extra metadata (and no dc:date), chapter titles, captions
    before their figures, landmarks in the book's language; rezipped with ``mimetype`` first and stored."""
    cover = str(BeautifulSoup(cover_html, "html.parser"))  # XHTML-serialisable: <br/>
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(epub)) as book, zipfile.ZipFile(out, "w") as rebuilt:
        names = sorted(book.namelist(), key=lambda name: name != "mimetype")
        for name in names:
            data = book.read(name)
            if name.endswith("content.opf"):
                text = re.sub(r"\s*<dc:date[^>]*>[^<]*</dc:date>", "", data.decode("utf-8"))
                data = text.replace("  </metadata>", f"    {extra}\n  </metadata>", 1).encode("utf-8")
            elif name.endswith("title_page.xhtml"):
                text = re.sub(r"<section epub:type=\"titlepage\"[^>]*>.*?</section>",
                              lambda _: f'<section epub:type="titlepage" class="titlepage">{cover}</section>',
                              data.decode("utf-8"), count=1, flags=re.S)
                data = text.encode("utf-8")
            elif name.endswith("nav.xhtml"):
                text = data.decode("utf-8").replace(">Title Page<", f">{html.escape(strings['epub_title_page'])}<")
                data = text.replace(">Table of Contents<", f">{html.escape(strings['epub_contents'])}<").encode("utf-8")
            elif re.search(r"text/ch\d+\.xhtml$", name):
                data = caption_first(chapter_title(data.decode("utf-8"))).encode("utf-8")
            info = zipfile.ZipInfo(name, (date.year, date.month, date.day, *FIXED_TIME))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            rebuilt.writestr(info, data)
    return out.getvalue()


def start(nav, page, languages: Languages, locale: Locale, record: Work, strings: dict, edition_release: Release,
          rights: str, cache_dir: Path | None = None) -> Future:
    """The book of the language being built (``page``: its print page, assembled), written on another thread from
    its rendered pages; kept in ``cache_dir`` under the hash of all it is made from (the pages as rendered, the
    cover, the metadata, the words, the date, this module's code, the stylesheet, pandoc's version), so that a build
    whose book would be the same bytes writes the kept one and runs no pandoc."""
    book = book_pages(nav, page, languages)
    cover_html = print_page.cover(record, strings, edition_release, medium="epub")
    meta = metadata(record, strings, edition_release.version, rights)
    extra = extra_metadata(record, edition_release.version, strings)
    target = book_path(locale.prefix)
    if cache_dir is not None:
        key = book_key(book, page, record.site_url, cover_html, meta, extra, strings, edition_release.date, target)
        name = target.replace("/", "~")
        kept = cache_dir / f"{name}.{key[:32]}.epub"
        if kept.is_file():
            done: Future = Future()
            done.set_result(kept.read_bytes())
            return done
    work_dir = Path(tempfile.mkdtemp(prefix=f"epub-{locale.code}-"))
    body = book_html(book, page.content, page.url, record.site_url, languages, locale.prefix, work_dir)
    if cache_dir is None:
        return in_background(write_book, body, cover_html, meta, extra, strings, work_dir, edition_release.date,
                             target)
    return in_background(kept_bytes_on_disk, cache_dir, name, key, ".epub", lambda: write_book(
        body, cover_html, meta, extra, strings, work_dir, edition_release.date, target))


def book_key(book, page, site_url: str, cover_html: str, meta: dict, extra: str, strings: dict, date: dt.date,
             target: str) -> str:
    """The fingerprint of everything the book is made from."""
    dumped = json.dumps([meta, strings], sort_keys=True, ensure_ascii=False, default=str)
    code = inspect.getsource(sys.modules[__name__]) + inspect.getsource(print_page) + STYLESHEET.read_text("utf-8")
    return fingerprint(code, pypandoc.get_pandoc_version(), page.url, page.content, site_url, cover_html, extra,
                       dumped, str(date), target, json.dumps(section_indexes(book), sort_keys=True),
                       *(f"{p.url}\n{p.content}" for p in book))


def finish(site_dir: Path, prefix: str, book: Future | None) -> None:
    """The language's book (``prefix``: its pages' folder below the site) written to the site once pandoc is done;
    nothing for a language whose print page was not built."""
    if book is None:
        return
    try:
        data = book.result()
    except PluginError:
        raise
    except Exception as exc:  # noqa: BLE001 - one line naming what failed
        raise PluginError(f"writing {book_path(prefix)} failed: {exc}") from exc
    target = site_dir / book_path(prefix)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
