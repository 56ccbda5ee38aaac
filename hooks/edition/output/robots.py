"""Write robots.txt beside sitemap.xml: allow everything, point to the sitemap.

GitHub Pages serves a project site under /<repository>/; crawlers read robots.txt
only at a host's root, so on a project site this file is informative, while on a
custom domain or a user site it is the real one. Fails if site_url is not set.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError


def robots_txt(site_url: str) -> str:
    """The robots.txt text for a site published at ``site_url``."""
    if not site_url:
        raise PluginError("mkdocs.yml: site_url is required (set SITE_URL) to write robots.txt and sitemap.xml")
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"



def write_robots(site_dir: Path, site_url: str) -> None:
    (site_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
