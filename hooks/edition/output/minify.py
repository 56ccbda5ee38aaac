"""The edition's own scripts and stylesheets (docs/assets/*.js, *.css) are served minified.

Readers on slow connections pay for every byte of a first visit (budget: bench/weight.py);
the sources keep their comments and long names for maintainers, the site gets the same code
without comments and indentation, and the scripts with short local names (calmjs.parse parses
each script and prints it back, renaming what no other script can see; rcssmin for the
stylesheets). Only files directly in docs/assets/ are touched, never the theme's. A script that
does not parse (the scripts are written in ES5: ``var`` and ``function``) fails the build naming
its file, line and column; so does a file that was not copied to the site.

Minifying takes a parser a quarter of a second for all the files: the result is kept in ``.cache/minified/`` under the
hash of the source and of the minifiers' versions (edition.kept.kept_on_disk), so that a build or a ``mkdocs serve``
rebuild minifies only what changed.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import rcssmin
from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError
from calmjs.parse.unparsers.es5 import minify_print
from mkdocs.exceptions import PluginError

from edition.kept import fingerprint, kept_on_disk

ASSETS = "assets"
# What a minified text depends on besides its source: the minifiers, their versions and their options.
MINIFIERS = f"calmjs.parse {version('calmjs.parse')} obfuscate, not globals; rcssmin {version('rcssmin')}"


def minified(source: Path, cache_dir: Path | None = None) -> str:
    """A script's or stylesheet's text without comments and indentation (a script's local names shortened); kept
    in ``cache_dir`` when one is given."""
    text = source.read_text(encoding="utf-8")
    if cache_dir is None:
        return minified_text(text, source)
    return kept_on_disk(cache_dir, source.stem, fingerprint(text, source.suffix, MINIFIERS), source.suffix,
                   lambda: minified_text(text, source))


def minified_text(text: str, source: Path) -> str:
    if source.suffix == ".css":
        return rcssmin.cssmin(text).strip()
    try:
        program = es5(text)
    except ECMASyntaxError as error:
        where = source.relative_to(Path.cwd()) if source.is_relative_to(Path.cwd()) else source
        raise PluginError(f"{where.as_posix()}: not valid ES5 JavaScript (the edition's scripts use var and "
                          f"function): {error}") from None
    return minify_print(program, obfuscate=True, obfuscate_globals=False).strip()


def minify_assets(docs_dir: Path, site_dir: Path, cache_dir: Path | None = None) -> None:
    """The edition's own scripts and stylesheets in the built site replaced by their minified text."""
    for source in sorted((docs_dir / ASSETS).glob("*")):
        if source.suffix not in (".js", ".css"):
            continue
        target = site_dir / ASSETS / source.name
        if not target.is_file():
            raise PluginError(f"docs/{ASSETS}/{source.name}: not copied to the site ({target})")
        target.write_text(minified(source, cache_dir) + "\n", encoding="utf-8")
