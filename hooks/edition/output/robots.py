"""Write robots.txt beside sitemap.xml: allow everything but the archived versions, point to the sitemap.

Released versions live under ``<site>/v/<version>/`` (edition.output.versioned_site); their
pages also say ``noindex`` and name the latest as canonical, so that search engines send
readers to the current text.

GitHub Pages serves a project site under /<repository>/; crawlers read robots.txt
only at a host's root, so on a project site this file is informative, while on a
custom domain or a user site it is the real one. Fails if site_url is not set.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError


def robots_txt(site_url: str, versions_dir: str = "") -> str:
    """The robots.txt text for a site published at ``site_url`` (``versions_dir``: below it, not to be crawled)."""
    if not site_url:
        raise PluginError("mkdocs.yml: site_url is required (set SITE_URL) to write robots.txt and sitemap.xml")
    base = site_url if site_url.endswith("/") else site_url + "/"
    disallow = f"Disallow: {urlsplit(base).path}{versions_dir.strip('/')}/\n" if versions_dir else ""
    return f"User-agent: *\n{disallow}Allow: /\n\nSitemap: {base}sitemap.xml\n"


def write_robots(site_dir: Path, site_url: str, versions_dir: str = "") -> None:
    (site_dir / "robots.txt").write_text(robots_txt(site_url, versions_dir), encoding="utf-8")
