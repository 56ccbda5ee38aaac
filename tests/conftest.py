"""Shared fixtures: the site is built once per test session, strictly, under a subpath."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.project import copy_project  # noqa: E402,F401  (shared with the benchmarks)
# Built as GitHub Pages serves a project site: under /<repository>/.
TEST_SITE_URL = "https://pembaca.github.io/upaya-iom/"

# URL (relative to the site root) -> source file, in reading order.
PAGES = {
    "": "index.md",
    "pendahuluan/": "pendahuluan.md",
    "metode-penelitian/": "metode-penelitian.md",
    "hasil-dan-pembahasan/": "hasil-dan-pembahasan/index.md",
    "hasil-dan-pembahasan/iom-sebagai-instrumen/": "hasil-dan-pembahasan/iom-sebagai-instrumen.md",
    "hasil-dan-pembahasan/iom-sebagai-arena/": "hasil-dan-pembahasan/iom-sebagai-arena.md",
    "hasil-dan-pembahasan/iom-sebagai-aktor/": "hasil-dan-pembahasan/iom-sebagai-aktor.md",
    "simpulan/": "simpulan.md",
    "daftar-pustaka/": "daftar-pustaka.md",
    "data/": "data.md",
    "singkatan/": "singkatan.md",
    "cetak/": "cetak.md",
    "tentang/": "tentang.md",
}
# The article itself (the rest are reading aids and the edition's own pages).
ARTICLE_PAGES = list(PAGES)[:8]
# Edition furniture: not the authors' words.
FURNITURE = [
    ".headerlink", "sup[id^='fnref:']", "a.editorial-note", ".figure-not-reproduced",
    ".footnote", "#referensi", ".admonition", "#daftar-isi", ".contents", ".cite-box", ".edition-figure", ".translation-notice",
]


@dataclass
class BuiltSite:
    """A strict build of the project: where it went and what it printed."""

    root: Path
    returncode: int
    log: str
    site_url: str

    @property
    def base_path(self) -> str:
        return urlsplit(self.site_url).path

    def html(self, url: str) -> str:
        return (self.root / url / "index.html").read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(url), "html.parser")

    def authors_text(self, url: str):
        """The page's article body without the edition's furniture (FURNITURE)."""
        body = self.soup(url).select_one("article.md-content__inner")
        for selector in FURNITURE:
            for element in body.select(selector):
                element.decompose()
        return body


def build_site(project: Path, out: Path, site_url: str = TEST_SITE_URL) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` on a project folder; never with -v (it hides anchor warnings)."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    out = tmp_path_factory.mktemp("site") / "upaya-iom"
    result = build_site(ROOT, out)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{log}")
    return BuiltSite(root=out, returncode=result.returncode, log=log, site_url=TEST_SITE_URL)


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory) -> Path:
    """The one build with BUILD_PDF=1 in the session (it prints both languages' PDFs): the site's folder."""
    from browser import executable, unavailable

    if executable() is None:
        unavailable("no Chromium to print the PDF")
    out = tmp_path_factory.mktemp("pdf-site") / "upaya-iom"
    os.environ["BUILD_PDF"] = "1"
    try:
        result = build_site(ROOT, out)
    finally:
        del os.environ["BUILD_PDF"]
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict with BUILD_PDF=1 failed:\n{result.stdout}{result.stderr}")
    return out


def page_id_for(url: str) -> str:
    """Readable test id of a page URL."""
    return url.strip("/") or "beranda"


@pytest.fixture(scope="session")
def served(site):
    """The built site served on 127.0.0.1 (ephemeral port) under /<repository>/, as GitHub Pages serves it."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site.root.parent)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{site.base_path}"
    httpd.shutdown()
    httpd.server_close()


def bib_entries() -> dict:
    """The entries of references.bib, parsed by pybtex."""
    from pybtex.database import parse_file

    return dict(parse_file(str(ROOT / "references.bib")).entries)


def docs_markdown() -> dict[str, str]:
    """Every Markdown source under docs/, by path relative to docs/."""
    docs = ROOT / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}


CITE_KEY_RE = re.compile(r"\[[^\]\n]*?@([a-z0-9-]+)[^\]\n]*\]")


# ---------------------------------------------------------------- browser tests

@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (see tests/browser.py)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        from browser import unavailable

        unavailable("the playwright package is not installed (uv sync)")
    from browser import launch

    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()


@pytest.fixture
def context(browser, served):
    """A fresh browser context (desktop size) with clipboard permissions."""
    from urllib.parse import urlsplit

    from browser import DESKTOP

    ctx = browser.new_context(viewport=DESKTOP, locale="id-ID")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served))
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page that records console errors, page errors, failed and third-party requests."""
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("requestfailed", lambda r: tab.problems.append(f"failed: {r.url} ({r.failure})"))
    tab.on("response", lambda r: r.status >= 400 and tab.problems.append(f"HTTP {r.status}: {r.url}"))
    tab.on("request", lambda r: not r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
           and tab.problems.append(f"third-party request: {r.url}"))
    yield tab


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach a screenshot of the browser page to every failing browser test."""
    outcome = yield
    report = outcome.get_result()
    tab = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and tab is not None:
        from browser import ARTIFACTS

        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)[-150:] + ".png"
        try:
            tab.screenshot(path=str(folder / name), full_page=False)
            report.sections.append(("screenshot", str(folder / name)))
        except Exception as exc:  # noqa: BLE001 - the page may be gone
            report.sections.append(("screenshot", f"none: {exc}"))
