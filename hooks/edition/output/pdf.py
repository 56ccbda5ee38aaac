"""A PDF of the print page, made by headless Chromium (Playwright) after the build.

Only when BUILD_PDF=1 (the Pages workflow sets it; a local build stays fast and
needs no browser): ``cetak/index.html`` is printed to ``unduh/artikel-lengkap.pdf``
(A4, page numbers), and in the English build ``en/cetak/`` to
``en/unduh/artikel-lengkap.pdf``. ``pdf_path`` tells the templates (context key
``pdf``) to link the PDF of the page's language from its home page. The browser is
$BROWSER_PATH, else /usr/bin/chromium, else Playwright's own. Fails loudly if it
cannot print.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from playwright.sync_api import sync_playwright

from edition import languages

TARGET = "unduh/artikel-lengkap.pdf"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def enabled() -> bool:
    return os.environ.get("BUILD_PDF") == "1"


def prefix(language: str) -> str:
    return "" if language == languages.DEFAULT else f"{language}/"


def pdf_path(language: str) -> str:
    """The language's PDF below the site, or "" when this build prints none."""
    return prefix(language) + TARGET if enabled() else ""


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    executable = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
    executable = executable if Path(executable).exists() else None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        try:
            page = browser.new_page()
            page.goto(html_path.resolve().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            pdf_path.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(pdf_path), format="A4", print_background=False,
                     margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                     display_header_footer=True, header_template="<span></span>",
                     footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                                     '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
        finally:
            browser.close()


def print_language(site_dir: Path, language: str) -> None:
    """Print the language's print page to its PDF."""
    source = site_dir / prefix(language) / "cetak" / "index.html"
    if not source.is_file():
        raise PluginError(f"{prefix(language)}cetak/index.html was not built, so no PDF can be printed")
    try:
        print_pdf(source, site_dir / pdf_path(language))
    except Exception as exc:  # noqa: BLE001 - one line naming what failed
        raise PluginError(f"printing {prefix(language)}cetak/index.html to {TARGET} failed: {exc}") from exc
