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
    "tentang/": "tentang.md",
}


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


PROJECT_PARTS = ["mkdocs.yml", "CITATION.cff", "references.bib", "docs", "hooks", "overrides", "figures"]


def copy_project(dest: Path) -> Path:
    """A copy of what a build reads (no caches, no built site) in ``dest``."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


def page_id_for(url: str) -> str:
    """Readable test id of a page URL."""
    return url.strip("/") or "beranda"


def bib_entries() -> dict:
    """The entries of references.bib, parsed by pybtex."""
    from pybtex.database import parse_file

    return dict(parse_file(str(ROOT / "references.bib")).entries)


def docs_markdown() -> dict[str, str]:
    """Every Markdown source under docs/, by path relative to docs/."""
    docs = ROOT / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}


CITE_KEY_RE = re.compile(r"\[[^\]\n]*?@([a-z0-9-]+)[^\]\n]*\]")
