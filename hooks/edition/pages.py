"""The edition's own pages and the files it publishes, each named once.

Pages are named by their source below docs/ (the original's: a translation's is ``<page>.<language>.md``,
edition.languages), files by their path below a language's root (``unduh/artikel.bib``; the English pages'
is ``en/unduh/artikel.bib``) or, for what both languages share, below the site. The names are Indonesian:
readers see them and the anchor contract freezes them (hooks/README.md, Naming).
"""

from __future__ import annotations

HOME = "index.md"
BIBLIOGRAPHY = "daftar-pustaka.md"  # the reference list (<!-- insert: bibliography -->)
DATA = "data.md"  # the numbers and the timeline
GLOSSARY = "singkatan.md"  # the abbreviations
PRINT = "cetak.md"  # the whole article on one page, printed to PDF
ABOUT = "tentang.md"
CHANGELOG = "riwayat-perubahan.md"
OFFLINE = "luring.md"  # reading offline: what the service worker keeps (not in the nav; edition.output.offline)

ABBREVIATIONS = "includes/singkatan.md"  # appended to every page (edition.reading_aids.glossary); not a page
CHANGELOG_DATA = "riwayat.yml"  # the change log's data (edition.citing.changelog); not a page

DOWNLOADS = "unduh"  # the folder of every download, below a language's root
WHOLE_WORK = ("unduh/artikel.bib", "unduh/artikel.ris")  # the citation of the work a language's pages describe
REFERENCES = ("unduh/references.bib", "unduh/references.ris")  # the reference list, shared
PDF = "unduh/artikel-lengkap.pdf"  # the print page printed, per language (BUILD_PDF=1)
EPUB = "unduh/artikel.epub"  # the whole article as an e-book, per language (edition.output.epub)
SOCIAL_CARD = "assets/kartu-sosial.png"  # below the site: one card for both languages
VERSIONS = "v"  # released versions, below the latest: v/<version>/


def download(name: str) -> str:
    """The path of a download below a language's root: ``unduh/<name>``."""
    return f"{DOWNLOADS}/{name}"


def url(source: str) -> str:
    """A page's URL below its language's root: ``a/index.md`` -> ``a/``, ``b.md`` -> ``b/``, ``index.md`` -> ''."""
    stem = source.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index").removesuffix("index") + "/"


def html_file(source: str) -> str:
    """The HTML file a page is written to below its language's root: ``cetak.md`` -> ``cetak/index.html``."""
    return url(source) + "index.html"
