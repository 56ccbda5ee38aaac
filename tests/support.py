"""Constants and helpers the tests share (plain functions; the fixtures are in conftest.py)."""

from __future__ import annotations

import base64
import copy
import difflib
import hashlib
import os
import re
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from pybtex.database import parse_file

from bench.project import copy_project  # noqa: F401  (shared with the benchmarks)
from edition import engine  # noqa: F401  (the engine that builds: SITE_ENGINE)

ROOT = Path(__file__).resolve().parent.parent

# The committed PDF extraction of the article: the only source of its words, numbers and references.
SOURCE = ROOT / "tests" / "fixtures" / "paper.txt"
SOURCE_REFERENCES_HEADING = "DAFTAR PUSTAKA"

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
    "riwayat-perubahan/": "riwayat-perubahan.md",
}
# Pages outside the reading order (mkdocs.yml not_in_nav): the offline page, linked from every page's offline box.
OTHER_PAGES = {"luring/": "luring.md"}
ALL_PAGES = {**PAGES, **OTHER_PAGES}
# The article itself (the rest are reading aids and the edition's own pages).
ARTICLE_PAGES = list(PAGES)[:8]
# Edition furniture: not the authors' words.
FURNITURE = [
    ".headerlink", "sup[id^='fnref:']", "a.editorial-note", ".figure-not-reproduced",
    ".footnote", "#referensi", ".admonition", "#daftar-isi", ".contents", ".cite-box", ".edition-figure", ".translation-notice",
    ".edition-version", ".version-banner", ".offline-box", ".pdf-download",
]


@dataclass
class BuiltSite:
    """A strict build of the project: where it went and what it printed."""

    root: Path
    returncode: int
    log: str
    site_url: str
    parsed: dict[str, BeautifulSoup] = field(default_factory=dict, repr=False, compare=False)

    @property
    def base_path(self) -> str:
        return urlsplit(self.site_url).path

    def html(self, url: str) -> str:
        return (self.root / url / "index.html").read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        """The page parsed: a copy of the worker's one parse of it (a test may change its copy; the site is built
        once and never changes, so each page is parsed once)."""
        if url not in self.parsed:
            self.parsed[url] = BeautifulSoup(self.html(url), "html.parser")
        return copy.copy(self.parsed[url])

    def authors_text(self, url: str):
        """The page's article body without the edition's furniture (FURNITURE)."""
        body = self.soup(url).select_one("article.md-content__inner")
        for selector in FURNITURE:
            for element in body.select(selector):
                element.decompose()
        return body


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_directory(directory: Path) -> ThreadingHTTPServer:
    """A static server for ``directory`` on 127.0.0.1 (an ephemeral port), already serving; shut it down after."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(directory)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return httpd


def build_site(project: Path, out: Path, site_url: str = TEST_SITE_URL,
               extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` on a project folder, by the engine ``SITE_ENGINE`` names (hooks/edition/engine.py;
    ``extra_env`` may name another); never with -v (it hides anchor warnings)."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        engine.command("build", "--strict", "--site-dir", str(out), environ=env),
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def squeeze(text: str | None) -> str | None:
    """The text with every run of white space one space (None stays None)."""
    return " ".join(text.split()) if text else text


def page_id_for(url: str) -> str:
    """Readable test id of a page URL."""
    return url.strip("/") or "beranda"


# ---------------------------------------------------------------- the Content-Security-Policy (tests/output/test_csp.py)

# A <script> runs when it has no type, an empty one, a JavaScript MIME type or "module" (HTML's rule).
RUNNING_SCRIPT_TYPES = {None, "", "module", "text/javascript", "application/javascript"}


def page_policy(html: str) -> tuple[BeautifulSoup, dict[str, list[str]]]:
    """The page parsed, and its one Content-Security-Policy <meta> as directive -> sources."""
    soup = BeautifulSoup(html, "html.parser")
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1, f"{len(metas)} Content-Security-Policy <meta> elements"
    policy = {}
    for directive in filter(None, (part.strip() for part in metas[0]["content"].split(";"))):
        name, *sources = directive.split()
        assert name not in policy, f"{name} twice"
        policy[name] = sources
    return soup, policy


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script (hashed by this test's own code, not the build's)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy_problems(html: str) -> list[str]:
    """What is wrong with a page's policy: not second in <head> (after <meta charset>: a policy governs only what
    follows it); script-src other than 'self' and the hashes of exactly the inline scripts the page runs; an inline
    event handler or a javascript: URL (which it refuses)."""
    soup, policy = page_policy(html)
    problems = []
    head = [element for element in soup.head.children if getattr(element, "name", None)]
    if head[0].get("charset", "").lower() != "utf-8" or head[1].get("http-equiv") != "Content-Security-Policy":
        problems.append(f"not first after <meta charset>: {[str(e)[:60] for e in head[:2]]}")
    inline = {script_hash(script.string or "") for script in soup.find_all("script")
              if not script.get("src") and script.get("type") in RUNNING_SCRIPT_TYPES}
    if not inline:
        problems.append("no inline script (Material writes two): the check proves nothing")
    if policy.get("script-src", [""])[0] != "'self'" or set(policy["script-src"][1:]) != inline:
        problems.append(f"script-src {policy.get('script-src')} for the inline scripts {sorted(inline)}")
    for element in soup.find_all(True):
        problems += [f"<{element.name} {name}=...>" for name, value in element.attrs.items()
                     if name.startswith("on") or str(value).strip().lower().startswith("javascript:")]
    return problems


def source_lines() -> list[str]:
    """The lines of the source text (line N of paper.txt is item N - 1)."""
    return SOURCE.read_text(encoding="utf-8").splitlines()


def source_body() -> str:
    """The source text up to its reference list (DAFTAR PUSTAKA)."""
    text = SOURCE.read_text(encoding="utf-8")
    return text[: text.index("\n" + SOURCE_REFERENCES_HEADING)]


def source_passage(start: str, end: str) -> str:
    """The source's words from the line ``start`` up to ``end``, joined by single spaces, emphasis marks dropped
    (``source_passage("Abstract", "Keywords:")`` is the authors' English abstract)."""
    text = SOURCE.read_text(encoding="utf-8")
    begin = text.index(start + "\n") + len(start) + 1
    return " ".join(text[begin: text.index(end, begin)].replace("*", "").split())


def bib_entries() -> dict:
    """The entries of references.bib, parsed by pybtex."""
    return dict(parse_file(str(ROOT / "references.bib")).entries)


def docs_markdown() -> dict[str, str]:
    """Every Markdown source under docs/, by path relative to docs/."""
    docs = ROOT / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}


def with_plain_apa(data: dict) -> dict:
    """A cite box's data (section -> formats) with each section's APA as the text the page copies ("apa"): the text
    of its HTML ("apa_html"), the one copy the latest's pages carry (docs/assets/scripts/cite-box.js); archived
    pages of earlier releases also carry "apa", which their own scripts copy."""
    return {section: {**formats, "apa": formats.get("apa") or
                      BeautifulSoup(formats["apa_html"], "html.parser").get_text()}
            for section, formats in data.items()}


# ---------------------------------------------------------------- the article's words (tests/inputs/test_fidelity.py)

# (source words, site words, reason): every allowed difference, each noted on /tentang/.
ALLOWED = {
    (("(Archer,2001).",), ("(Archer,", "2001).")): "citation rendered by the APA style",
    (("Rosenberg,", "2003."), ("(Rosenberg,", "2003).")): "Tabel 1 source line rendered as a citation",
}


def source_words() -> list[str]:
    """Words of the extraction up to DAFTAR PUSTAKA, with only extraction damage repaired."""
    body = source_body().replace("^{1,2}", "1,2").replace("*", "")
    body = re.sub(r"(\w)-\s*\n\s*\n\s*(\w)", r"\1-\2", body)  # a word broken over a page: hal- / hal
    return body.split()


def differences(src: list[str], out: list[str], extra_allowed: bool = False) -> list[str]:
    """Where ``out`` differs from the source's words, but for the ALLOWED repairs (and, with
    ``extra_allowed``, words added between the article's: another medium's furniture)."""
    problems = []
    matcher = difflib.SequenceMatcher(a=src, b=out, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "insert" and extra_allowed):
            continue
        change = (tuple(src[i1:i2]), tuple(out[j1:j2]))
        if change not in ALLOWED:
            context = " ".join(src[max(0, i1 - 8): i1])
            was, now = " ".join(change[0])[:200], " ".join(change[1])[:200]
            problems.append(f"{op}: …{context} [{was}] -> [{now}]")
    return problems
