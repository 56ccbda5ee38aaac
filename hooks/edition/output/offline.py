"""Reading with the network gone: the service worker, and what "save for offline" stores per language.

Once both languages are built (the latest release only: an archived version has no worker of its own, and its
pages register none; see below), ``write_offline_files`` writes

- ``service-worker.js`` at the site's root (a worker's scope cannot reach above its own folder, and GitHub Pages
  cannot send the header that would allow it): ``docs/assets/worker/service-worker.js`` minified, led by its
  ``SETTINGS`` (the release's version, so that every release's worker is a new file the browser installs; the
  languages and their prefixes; the manifests; the offline page's slug; the words of the page it shows for an
  address neither visited nor saved, from ``strings.yml``);
- ``assets/offline-<language>.json``, what "save for offline" stores for a language: every page of that language
  but the print page (the whole article again, in one page) and redirect stubs, with every file those pages load
  (stylesheets, scripts, the favicon, the search worker named by the theme's configuration), the scripts the
  edition fetches on demand, the language's search index and sitemap (Material's link previews read it).

Archived releases (``v/<version>/``) are never the worker's: it leaves their addresses to the network and keeps
none of them (so the latest never answers for an archived page, nor the reverse). A release built under ``v/``
from this code writes no worker and its pages show no box (``overrides/partials/offline_box.html``): a worker
there would be one more cache per reader for text that never changes, and its page would be answered by two
workers' rules; an archived page is one a reader opens to check a citation, online.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError

from edition import pages
from edition.inputs.languages import Languages
from edition.output.minify import minified

WORKER_SOURCE = "assets/worker/service-worker.js"  # below docs/
WORKER = "service-worker.js"  # at the site's root
MANIFEST = "assets/offline-{language}.json"
OFFLINE_PAGE = pages.url(pages.OFFLINE)  # below each language's prefix
NOT_SAVED = (pages.url(pages.PRINT),)  # the print page repeats the whole article in one page
# The words of the page the worker shows for an address neither visited nor saved (strings.yml).
WORDS = {"title": "offline_page_title", "missing": "offline_page_missing", "retry": "offline_page_retry",
         "readable": "offline_page_readable", "nothing": "offline_page_nothing"}
CONFIG_RE = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
REFRESH_RE = re.compile(r'<meta http-equiv="refresh"', re.I)
TAG_RE = re.compile(r"<(link|script|img)\b([^>]*)>", re.I)
ATTRIBUTE_RE = re.compile(r'([\w:-]+)="([^"]*)"')


def pages_of(site_dir: Path, languages: Languages, language: str) -> list[str]:
    """The pages "save for offline" stores for ``language``: addresses below the site (``""``, ``pendahuluan/``)."""
    found = []
    for path in sorted(site_dir.rglob("index.html")):
        url = path.parent.relative_to(site_dir).as_posix() + "/"
        url = "" if url == "./" else url
        if url.startswith(pages.VERSIONS + "/") or languages.of_url(url) != language:
            continue
        if url.removeprefix(languages.prefix(language)) in NOT_SAVED:
            continue
        if REFRESH_RE.search(path.read_text(encoding="utf-8")):  # a redirect stub
            continue
        found.append(url)
    return found


def local(site_dir: Path, base: str, ref: str) -> str | None:
    """The file below the site that ``ref`` (written in the file at ``base``) names, if it is the site's own."""
    if not ref or ref.startswith(("data:", "#", "mailto:")) or urlsplit(ref).scheme or urlsplit(ref).netloc:
        return None
    path = urlsplit(urljoin("/" + base, ref)).path.lstrip("/")
    if not (site_dir / path).is_file():
        raise PluginError(f"{base or 'index.html'}: '{ref}' is not a file of the built site (offline manifest)")
    return path


def page_files(site_dir: Path, url: str) -> set[str]:
    """The files a page loads: stylesheets, icon, scripts, images, the search worker its configuration names, and
    what its stylesheets load. (The page is the build's own output: its tags are read with patterns, which is some
    twenty times faster than parsing every page.)"""
    html = (site_dir / url / "index.html").read_text(encoding="utf-8")
    refs = []
    for name, attributes in TAG_RE.findall(html):
        values = {key.lower(): unescape(value) for key, value in ATTRIBUTE_RE.findall(attributes)}
        if name.lower() == "link" and {"stylesheet", "icon"} & set(values.get("rel", "").lower().split()):
            refs.append(values.get("href", ""))
        elif name.lower() in ("script", "img"):
            refs.append(values.get("src", ""))
    config = CONFIG_RE.search(html)
    if config:
        refs.append(json.loads(config.group(1)).get("search") or "")
    files = {found for found in (local(site_dir, url, ref) for ref in refs) if found}
    for stylesheet in [name for name in files if name.endswith(".css")]:
        text = (site_dir / stylesheet).read_text(encoding="utf-8")
        files |= {found for found in (local(site_dir, stylesheet, ref) for ref in CSS_URL_RE.findall(text)) if found}
    return files


def manifest(site_dir: Path, docs_dir: Path, languages: Languages, language: str) -> list[str]:
    """What "save for offline" stores for ``language``: addresses below the site, pages first."""
    saved = pages_of(site_dir, languages, language)
    if languages.prefix(language) + OFFLINE_PAGE not in saved:
        raise PluginError(f"{languages.prefix(language)}{OFFLINE_PAGE} was not built: the offline page of "
                          f"'{language}' (docs/{languages.source_file(pages.OFFLINE, language)})")
    files = set().union(*(page_files(site_dir, page) for page in saved))
    # the edition's scripts fetched on demand (docs/assets/scripts/load-on-demand.js), the search index and sitemap
    files |= {f"assets/{path.name}" for path in (docs_dir / "assets").glob("*.js")}
    prefix = languages.prefix(language)
    files |= {f"{prefix}search/search_index.json", f"{prefix}sitemap.xml"}
    missing = sorted(name for name in files if not (site_dir / name).is_file())
    if missing:
        raise PluginError("offline manifest: files the site lacks: " + ", ".join(missing))
    return [page or "./" for page in saved] + sorted(files)  # "./": the home page (relative to the site's root)


def worker_settings(version: str, languages: Languages, strings: dict[str, dict]) -> dict:
    """The worker's SETTINGS (see docs/assets/worker/service-worker.js)."""
    return {
        "version": version,
        "archived": pages.VERSIONS + "/",
        "languages": {language: languages.prefix(language) for language in languages.codes},
        "manifests": {language: MANIFEST.format(language=language) for language in languages.codes},
        "offline": OFFLINE_PAGE,
        "words": {language: {name: strings[language][key] for name, key in WORDS.items()}
                  for language in languages.codes},
    }


def worker_text(docs_dir: Path, version: str, languages: Languages, strings: dict[str, dict],
                cache_dir: Path | None = None) -> str:
    """The worker as served: its settings, then its code minified (kept in ``cache_dir``)."""
    source = docs_dir / WORKER_SOURCE
    if not source.is_file():
        raise PluginError(f"docs/{WORKER_SOURCE}: the service worker's source is missing")
    settings = json.dumps(worker_settings(version, languages, strings), ensure_ascii=False, separators=(",", ":"))
    return f"var SETTINGS={settings};\n{minified(source, cache_dir)}\n"


def write_offline_files(site_dir: Path, docs_dir: Path, version: str, languages: Languages,
                        strings: dict[str, dict], built: tuple[str, ...] | None = None,
                        cache_dir: Path | None = None) -> None:
    """The worker at the site's root and the manifest of each language built (``built``, default every one: under
    ``mkdocs serve``, those served) (the latest release's build only); the worker's code minified once
    (``cache_dir``: edition.output.minify)."""
    (site_dir / WORKER).write_text(worker_text(docs_dir, version, languages, strings, cache_dir), encoding="utf-8")
    for language in [code for code in languages.codes if built is None or code in built]:
        target = site_dir / MANIFEST.format(language=language)
        target.write_text(json.dumps(manifest(site_dir, docs_dir, languages, language), separators=(",", ":")) + "\n",
                          encoding="utf-8")
