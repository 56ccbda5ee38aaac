"""Lighthouse scores of the home page and the longest page of each language (a benchmark, not a test).

Lighthouse 12.8.2 (the newest that supports Node 20; installed into .cache/npm/ with npm ci from
tests/npm/lighthouse/package-lock.json), its default mobile profile (412x823, simulated slow 4G and a
4x slower CPU), against the site built under the Pages subpath and served from 127.0.0.1 with gzip, as
GitHub Pages serves it. Chromium: $BROWSER_PATH, else /usr/bin/chromium. Nothing but
127.0.0.1 resolves (--host-resolver-rules), so no request leaves the machine.

    uv run python -m bench.lighthouse              # builds the site, prints the table
    uv run python -m bench.lighthouse SITE_DIR     # an already built site (built under /upaya-iom/)
    uv run python -m bench.lighthouse SITE_DIR cetak/ en/cetak/   # other pages

The scores depend on the machine's load: run it alone, and compare runs made the same way.
Reports (JSON) are kept in .cache/lighthouse/.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from tools import locked_version, npm_package  # noqa: E402  (the tests' locked npm packages)

from bench.project import engine  # noqa: E402  (the engine that builds: SITE_ENGINE)

VERSION = locked_version("lighthouse")  # tests/npm/lighthouse/package.json
SITE_URL = "https://pembaca.github.io/upaya-iom/"  # as the tests build it: served under /upaya-iom/
BASE = "/upaya-iom/"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "CLS": "cumulative-layout-shift", "SI": "speed-index"}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".bib", ".ris")
REPORTS = ROOT / ".cache" / "lighthouse"


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (as GitHub Pages does)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE) or not self.path.split("?")[0].endswith(
                ("/", *COMPRESSIBLE)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def longest_page(site: Path, prefix: str) -> str:
    """The language's page with the most text (the print page, which holds them all, aside)."""
    best, size = "", -1
    for html in (site / prefix).rglob("index.html"):
        url = html.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        if not url.startswith(prefix) or url.endswith("cetak/") or (prefix == "" and url.startswith("en/")):
            continue
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article")
        length = len(" ".join(article.get_text().split())) if article else 0
        if length > size:
            best, size = url, length
    return best


def lighthouse(url: str, report: Path) -> dict:
    folder = npm_package("lighthouse")
    chrome = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
    flags = "--headless=new --no-sandbox --host-resolver-rules='MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'"
    command = [shutil.which("node") or "node", str(folder / "cli" / "index.js"), url, f"--chrome-flags={flags}",
               f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={report}", "--quiet"]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def row(page: str, result: dict) -> str:
    scores = [result["categories"][c]["score"] for c in CATEGORIES]
    audits = result["audits"]
    metrics = []
    for key, audit in METRICS.items():
        value = audits[audit]["numericValue"]
        metrics.append(f"{value:.3f}" if key == "CLS" else f"{value / 1000:.2f} s" if key != "TBT" else f"{value:.0f} ms")
    return f"| /{page} | " + " | ".join(f"{s:.2f}" for s in scores) + " | " + " | ".join(metrics) + " |"


def failing(result: dict) -> list[str]:
    """Audits below 1 that count in a category's score, for the notes under the table."""
    notes = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                notes.append(f"{category}: {audit['id']} {audit['score']:.2f} {audit.get('displayValue', '')}".rstrip())
    return notes


def main(argv: list[str]) -> int:
    if argv:
        site = Path(argv[0])
    else:
        site = Path(tempfile.mkdtemp()) / "upaya-iom"
        env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(engine.command("build", "-q", "--site-dir", str(site), environ=env), check=True, env=env,
                       cwd=ROOT)
    pages = argv[1:] or ["", longest_page(site, ""), "en/", longest_page(site, "en/")]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site.parent)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    REPORTS.mkdir(parents=True, exist_ok=True)
    lines = ["| page | perf | a11y | best practices | SEO | " + " | ".join(METRICS) + " |",
             "|---" * (5 + len(METRICS)) + "|"]
    notes = []
    try:
        for page in pages:
            name = page.strip("/").replace("/", "_") or "beranda"
            result = lighthouse(f"http://127.0.0.1:{httpd.server_address[1]}{BASE}{page}", REPORTS / f"{name}.json")
            lines.append(row(page, result))
            notes += [f"/{page}: {note}" for note in failing(result)]
    finally:
        httpd.shutdown()
    print(f"Lighthouse {VERSION}, mobile, gzip, under {BASE}")
    print("\n".join(lines))
    if notes:
        print("\nBelow 1:\n  " + "\n  ".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
