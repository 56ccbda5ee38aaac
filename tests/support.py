"""Constants and helpers the tests share (plain functions; the fixtures are in conftest.py)."""

from __future__ import annotations

import atexit
import base64
import copy
import difflib
import functools
import hashlib
import json
import locale
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
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
    ``extra_env`` may name another); never with -v (it hides anchor warnings). A MkDocs build is run by this worker's
    build server (BUILD_SERVER: ``python -m mkdocs`` in a fork of a process that has already imported the libraries,
    not the build code); another engine, or another interpreter setting (PYTHON*), by a new process."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    command = engine.command("build", "--strict", "--site-dir", str(out), environ=env)
    server = build_server()
    if command[:3] == [sys.executable, "-m", "mkdocs"] and server.serves(env):
        return server.run(command, project, env, timeout=300)
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)


# The build server's program (python -c): imports MkDocs' command line, then for each request (one JSON line on its
# stdin: cwd, env, argv, the files for stdout and stderr) forks a child that runs ``python -m <argv[0]> argv[1:]`` as
# a new process would (its own environment, folder, standard streams, exit handlers, random seed), answers the
# child's pid, then its exit code; and imports, for the next child, the libraries the child imported (from the
# interpreter's own folders only: never build code, which each project copy has its own of). Only MkDocs is served:
# ProperDocs replaces the module mkdocs on import, and PYTHON* variables act at an interpreter's start.
BUILD_SERVER = r"""
import atexit, importlib, json, os, random, runpy, sys, sysconfig, traceback
import mkdocs.__main__, mkdocs.commands.build
LIBRARIES = tuple(sorted({os.path.realpath(sysconfig.get_path(n)) + os.sep for n in ("stdlib", "platstdlib", "purelib", "platlib")}))
answer = os.fdopen(os.dup(1), "w", encoding="utf-8")
for line in sys.stdin:
    request = json.loads(line)
    modules_read, modules_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(modules_read)
        code = 1
        try:
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            random.seed()
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            for fd, name in ((1, "stdout"), (2, "stderr")):
                os.dup2(os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), fd)
            sys.argv = list(request["argv"])
            sys.modules.pop(sys.argv[0] + ".__main__", None)  # run afresh, as by `python -m`, not found imported
            try:
                runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
                code = 0
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
                if not isinstance(exit.code, (int, type(None))):
                    print(exit.code, file=sys.stderr)
            except BaseException:
                traceback.print_exc()
                code = 1
            atexit._run_exitfuncs()
            names = [name for name, module in list(sys.modules.items())
                     if os.path.realpath(getattr(module, "__file__", None) or "/").startswith(LIBRARIES)]
            with os.fdopen(modules_write, "wb") as pipe:
                pipe.write("\n".join(names).encode())
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    os.close(modules_write)
    answer.write(json.dumps({"pid": pid}) + "\n")
    answer.flush()
    with os.fdopen(modules_read, "rb") as pipe:
        names = pipe.read().decode().split("\n")
    _, status = os.waitpid(pid, 0)
    answer.write(json.dumps({"code": os.waitstatus_to_exitcode(status)}) + "\n")
    answer.flush()
    for name in sorted(filter(None, names)):  # never ProperDocs: it replaces the module mkdocs (another engine)
        if name not in sys.modules and name.partition(".")[0] != "properdocs":
            try:
                importlib.import_module(name)
            except BaseException:
                pass
"""


class BuildServer:
    """This worker's build server (BUILD_SERVER), started on first use; it ends when the worker does."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.temporary = tempfile.TemporaryDirectory(prefix="build-server-")  # removed when the worker ends
        self.folder = Path(self.temporary.name)
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.count = 0
        self.unread = b""

    def serves(self, env: dict[str, str]) -> bool:
        """Whether a build in ``env`` is the same to the interpreter as one in the server's (PYTHON* variables)."""
        return all(env.get(name) == self.env.get(name) for name in {*env, *self.env} if name.startswith("PYTHON"))

    def run(self, command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen([sys.executable, "-c", BUILD_SERVER], cwd=self.folder, env=self.env,
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=0)
            self.unread = b""
            atexit.register(self.process.kill)
        self.count += 1
        streams = {name: self.folder / f"{self.count}.{name}" for name in ("stdout", "stderr")}
        request = {"cwd": str(cwd), "env": env, "argv": command[2:], **{k: str(v) for k, v in streams.items()}}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        pid = json.loads(self.answer(timeout))["pid"]
        try:
            code = json.loads(self.answer(timeout))["code"]
        except subprocess.TimeoutExpired:
            os.kill(pid, signal.SIGKILL)
            raise
        out, err = (streams[name].read_text(encoding=locale.getpreferredencoding(False), errors="replace")
                    for name in ("stdout", "stderr"))
        for path in streams.values():
            path.unlink()
        return subprocess.CompletedProcess(command, code, out, err)

    def answer(self, timeout: float) -> str:
        """The server's next line of answer (read unbuffered, so that a second line already sent is not missed)."""
        fd, deadline = self.process.stdout.fileno(), time.monotonic() + timeout
        while b"\n" not in self.unread:
            if not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
                raise subprocess.TimeoutExpired(self.process.args, timeout)
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError("the build server ended")
            self.unread += chunk
        line, _, self.unread = self.unread.partition(b"\n")
        return line.decode("utf-8")


@functools.cache
def build_server() -> BuildServer:
    """This worker's one build server."""
    return BuildServer()


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
