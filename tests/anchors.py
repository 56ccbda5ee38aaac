"""The anchor contract: every published ``URL#id`` stays reachable.

    uv run python tests/anchors.py      # build the site and rewrite tests/anchors.txt

The manifest lists every page URL and every anchor readers cite: headings, figures,
Tabel 1, paragraphs and list items with an ID (the sentences the data page points
to), and reference entries (``#ref-<key>``). tests/inputs/test_anchors.py fails, naming
the lost ``URL#id``, when an entry is missing from the build and no redirect is
declared for its page (``redirects.redirect_maps`` in mkdocs.yml).
"""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urljoin
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from bench.project import engine  # noqa: E402  (the engine that builds: SITE_ENGINE)
MANIFEST = HERE / "anchors.txt"
ANCHORED = ["h1", "h2", "h3", "h4", "h5", "h6", "figure", "table", "p", "li"]


def page_url(html_path: Path, site: Path) -> str:
    return "/" + html_path.relative_to(site).as_posix().removesuffix("index.html")


def published_anchors(site: Path) -> set[str]:
    """Page URLs and ``URL#id`` of headings, figures, tables and reference entries of a built site."""
    anchors = set()
    for html_path in sorted(Path(site).rglob("index.html")):
        soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
        anchors |= page_anchors(soup, page_url(html_path, Path(site)))
    return anchors


def page_anchors(soup: BeautifulSoup, url: str) -> set[str]:
    """The page's URL and its ``URL#id`` (none for a redirect stub or a page without an article)."""
    if soup.find("meta", attrs={"http-equiv": "refresh"}):  # a redirect stub, not a page
        return set()
    article = soup.select_one("article.md-content__inner")
    if article is None:
        return set()
    anchors = {url}
    for element in article.find_all(ANCHORED, id=True):
        if element.find_parent(class_="cite-box"):
            continue
        anchors.add(f"{url}#{element['id']}")
    for entry in article.select(".csl-entry[id^='ref-']"):
        anchors.add(f"{url}#{entry['id']}")
    return anchors


def read_manifest(path: Path = MANIFEST) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def redirect_maps(config_path: Path = ROOT / "mkdocs.yml") -> dict[str, str]:
    """Declared redirects as site URLs: old page URL -> new page URL (with any #fragment)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_path, encoding="utf-8") as handle:
        config = yaml_load(handle)
    maps = {}
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "redirects" in plugin:
            for old, new in (plugin["redirects"] or {}).get("redirect_maps", {}).items():
                old_url = md_to_url(old)
                # a Markdown target is a page of the same build; anything else a URL relative to the old page
                new_url = md_to_url(new) if new.partition("#")[0].endswith(".md") else urljoin(old_url, new)
                maps[old_url] = new_url
                maps["/en" + old_url] = "/en" + new_url  # the same in English (edition.output.redirects.localize)
    return maps


def md_to_url(path: str) -> str:
    page, _, fragment = path.partition("#")
    url = page.removesuffix(".md")
    url = "/" if url in ("index", "") else "/" + url.removesuffix("/index") + "/"
    return url + (f"#{fragment}" if fragment else "")


def lost_anchors(manifest: list[str], site: Path, redirects: dict[str, str], present: set[str] | None = None) -> list[str]:
    """Manifest entries the build no longer serves, directly or through a declared redirect (``present``: the
    build's anchors, if already gathered)."""
    present = published_anchors(site) if present is None else present
    lost = []
    for entry in manifest:
        if entry in present:
            continue
        page, _, fragment = entry.partition("#")
        target = redirects.get(page)
        if target is not None:
            target_page = target.partition("#")[0]
            if (f"{target_page}#{fragment}" if fragment else target_page) in present:
                continue
        lost.append(entry)
    return lost


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run(engine.command("build", "-q", "--site-dir", str(site)), cwd=ROOT, check=True)
        anchors = published_anchors(site)
    old = {e for e in read_manifest() if e.startswith("/")} if MANIFEST.exists() else set()
    header = ("# Published URL#id of the site (path below site_url). Never remove a line: a moved page gets a\n"
              "# redirect in mkdocs.yml. Regenerate with: uv run python tests/anchors.py\n")
    MANIFEST.write_text(header + "\n".join(sorted(anchors | old)) + "\n", encoding="utf-8")
    print(f"{MANIFEST.relative_to(ROOT)}: {len(anchors | old)} entries ({len(anchors - old)} new)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
