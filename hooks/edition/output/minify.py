"""The edition's own scripts and stylesheets (docs/assets/*.js, *.css) are served minified.

Readers on slow connections pay for every byte of a first visit (budget: bench/weight.py);
the sources keep their comments for maintainers, the site gets the same code without
comments and indentation (rjsmin, rcssmin). Only files directly in docs/assets/ are
touched, never the theme's. Fails naming the file if one was not copied to the site.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.exceptions import PluginError

ASSETS = "assets"


def minified(source: Path) -> str:
    """A script's or stylesheet's text without comments and indentation."""
    text = source.read_text(encoding="utf-8")
    return (rcssmin.cssmin(text) if source.suffix == ".css" else rjsmin.jsmin(text)).strip()


def minify_assets(docs_dir: Path, site_dir: Path) -> None:
    for source in sorted((docs_dir / ASSETS).glob("*")):
        if source.suffix not in (".js", ".css"):
            continue
        target = site_dir / ASSETS / source.name
        if not target.is_file():
            raise PluginError(f"docs/{ASSETS}/{source.name}: not copied to the site ({target})")
        target.write_text(minified(source) + "\n", encoding="utf-8")
