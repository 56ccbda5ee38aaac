"""A PDF of the print page, made by headless Chromium (Playwright) after the build.

Only when EDISI_PDF=1 (the Pages workflow sets it; a local build stays fast and
needs no browser): ``cetak/index.html`` is printed to ``unduh/artikel-lengkap.pdf``
(A4, page numbers), and in the English build ``en/cetak/`` to
``en/unduh/artikel-lengkap.pdf``. ``config.extra.pdf`` then tells the templates to
link the PDF of the page's language from its home page. The browser is $BROWSER_PATH, else /usr/bin/chromium, else
Playwright's own. Fails loudly if it cannot print.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

import bahasa

TARGET = "unduh/artikel-lengkap.pdf"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def enabled() -> bool:
    return os.environ.get("EDISI_PDF") == "1"


def prefix(config) -> str:
    language = bahasa.current(config)
    return "" if language == bahasa.DEFAULT else f"{language}/"


def on_config(config):
    config.extra["pdf"] = prefix(config) + TARGET if enabled() else ""
    return config


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    from playwright.sync_api import sync_playwright

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


def on_post_build(config):
    if not enabled():
        return
    source = Path(config.site_dir) / prefix(config) / "cetak" / "index.html"
    if not source.is_file():
        raise PluginError(f"hooks/pdf.py: {prefix(config)}cetak/index.html was not built")
    try:
        print_pdf(source, Path(config.site_dir) / (prefix(config) + TARGET))
    except Exception as exc:  # noqa: BLE001 - one line naming what failed
        raise PluginError(f"hooks/pdf.py: printing {source.name} to {TARGET} failed: {exc}") from exc
