"""Weight of a first visit to each page: gzip-compressed bytes of everything it loads.

Counts the HTML, its stylesheets, scripts (including Material's search worker and the edition's
service worker, which the first visit registers), images and icons, fonts and images referenced from
the CSS, and the search index. What the service worker fetches on its own during a first visit is the
page and the files it loaded (its "visited" message), from the browser's HTTP cache: nothing more
crosses the network (tests/browser/test_offline.py holds this against a real first visit).

    uv run python -m bench.weight            # builds the site, prints the table
    uv run python -m bench.weight SITE_DIR   # measures an already built site
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from bench.project import engine

BUDGET = 120 * 1024  # bytes, gzip-compressed, heaviest page
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
KINDS = ("html", "css", "js", "img", "font", "search")
WIDE_SCREEN_TRIGGER = "assets/edition.js"
WIDE_SCREEN_SCRIPT = "assets/sidenotes.js"
SERVICE_WORKER = "service-worker.js"  # at the site's root; registered by a page that offers offline reading


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def kind_of(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix == ".css":
        return "css"
    if suffix == ".js":
        return "js"
    if suffix in (".woff", ".woff2", ".ttf", ".otf", ".eot"):
        return "font"
    if suffix == ".json":
        return "search"
    return "img"


def local(site: Path, page_url: str, ref: str, base_path: str = "/") -> Path | None:
    """The file in the built site that a reference from ``page_url`` loads, if local.

    The site is served under ``base_path`` (``/<repository>/`` on GitHub Pages), so a
    root-absolute reference such as ``/upaya-iom/assets/x.css`` means ``assets/x.css``.
    """
    if not ref or ref.startswith(("data:", "#", "mailto:")):
        return None
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    absolute = urlsplit(urljoin("http://x" + base_path + page_url, ref)).path
    if not absolute.startswith(base_path):
        return None
    target = absolute[len(base_path):]
    path = site / target
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def page_loads(site: Path, html_path: Path, base_path: str = "/") -> set[Path]:
    """Every local file a first visit to this page loads."""
    page_url = html_path.relative_to(site).as_posix()
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    refs = []
    for link in soup.find_all("link", href=True):
        rel = {r.lower() for r in link.get("rel", [])}
        if rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
            refs.append(link["href"])
    refs += [s["src"] for s in soup.find_all("script", src=True)]
    # On a screen 100em wide, load-on-demand.js (in assets/edition.js) fetches the margin notes' script at
    # once for a page that cites: the first visit on such a screen is the heaviest, and is the one counted.
    bundle = next((s["src"] for s in soup.find_all("script", src=True) if s["src"].endswith(WIDE_SCREEN_TRIGGER)), None)
    if bundle and soup.select_one("article a.citation[data-key]"):
        refs.append(bundle[: -len(WIDE_SCREEN_TRIGGER)] + WIDE_SCREEN_SCRIPT)
    # The bundle registers the service worker on a page with the offline box (hooks/edition/output/offline.py).
    if bundle and soup.find(id="offline-box"):
        refs.append(bundle[: -len(WIDE_SCREEN_TRIGGER)] + SERVICE_WORKER)
    for image in soup.find_all(["img", "source"]):
        refs.append(image.get("src", ""))
        refs += [part.strip().split()[0] for part in image.get("srcset", "").split(",") if part.strip()]
    config = soup.find("script", id="__config")
    theme_script = any("javascripts/bundle." in s["src"] for s in soup.find_all("script", src=True))
    if config is not None and theme_script:  # the theme's script starts the search worker
        data = json.loads(config.get_text())
        base = data.get("base", ".")
        if data.get("search"):
            refs.append(data["search"])
            refs.append(f"{base}/search/search_index.json")
    loads = {p for p in (local(site, page_url, r, base_path) for r in refs) if p}
    for css in [p for p in loads if p.suffix == ".css"]:
        css_url = css.relative_to(site).as_posix()
        for ref in CSS_URL_RE.findall(css.read_text(encoding="utf-8", errors="replace")):
            found = local(site, css_url, ref, base_path)
            if found:
                loads.add(found)
    return loads


def page_weights(site: Path, base_path: str = "/") -> list[tuple[str, dict[str, int]]]:
    """(page URL, gzip bytes by kind and total) for every page of the site."""
    site = Path(site)
    rows = []
    for html_path in sorted(site.rglob("*.html")):
        url = "/" + html_path.relative_to(site).as_posix().removesuffix("index.html")
        sizes = dict.fromkeys(KINDS, 0)
        sizes["html"] = gz(html_path.read_bytes())
        for path in page_loads(site, html_path, base_path):
            sizes[kind_of(path.name)] += gz(path.read_bytes())
        sizes["total"] = sum(sizes[k] for k in KINDS)
        rows.append((url, sizes))
    return rows


def table(rows) -> str:
    head = f"{'page':48} " + " ".join(f"{k:>7}" for k in (*KINDS, "total")) + "   budget"
    lines = [head, "-" * len(head)]
    for url, sizes in sorted(rows, key=lambda r: -r[1]["total"]):
        ratio = sizes["total"] / BUDGET
        lines.append(f"{url:48} " + " ".join(f"{sizes[k] / 1024:7.1f}" for k in (*KINDS, "total")) + f"   {ratio:5.2f}")
    lines.append("(KB, gzip level 6; budget ratio = total / 120 KB, at most 1.00 for the heaviest page)")
    return "\n".join(lines)


def site_base_path() -> str:
    """The path part of the configured site_url (the Pages subpath)."""
    from mkdocs.config import load_config

    return urlsplit(load_config().site_url or "/").path or "/"


def main(argv: list[str]) -> int:
    if argv:
        site = Path(argv[0])
    else:
        site = Path(tempfile.mkdtemp()) / "site"
        subprocess.run(engine.command("build", "-q", "--site-dir", str(site)), check=True)
    print(table(page_weights(site, site_base_path())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
