"""The edition's always-loaded scripts, served as one minified file: ``assets/edition.js``.

On a slow connection every request and every file's compression overhead count: the
small scripts in ``docs/assets/scripts/`` (kept apart, commented, for maintainers) are joined
in ``ORDER`` (core.js first: it defines ``window.edition``, the helpers every other script uses) and
minified. Scripts a reader may never need (passage-link.js, sidenotes.js) stay beside it in ``docs/assets/`` and
are fetched on demand by load-on-demand.js. A script in the folder that ``ORDER`` does not
list, or a listed one that is missing, fails the build naming it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from edition.output.minify import minified

BUNDLE = "assets/edition.js"  # the one name mkdocs.yml lists under extra_javascript
FOLDER = "assets/scripts"
ORDER = ["core.js", "cite-box.js", "copy-link.js", "theme-repairs.js", "section-links.js", "report-link.js",
         "load-on-demand.js", "offline.js"]


def bundle_text(docs_dir: Path, cache_dir: Path | None = None) -> str:
    """The scripts of ``docs/assets/scripts/`` joined in ``ORDER`` and minified (kept in ``cache_dir``: see
    edition.output.minify)."""
    folder = docs_dir / FOLDER
    present = {path.name for path in folder.glob("*.js")}
    problems = [f"docs/{FOLDER}/{name}: listed in hooks/edition/output/bundle.py ORDER but missing"
                for name in ORDER if name not in present]
    problems += [f"docs/{FOLDER}/{name}: not listed in hooks/edition/output/bundle.py ORDER"
                 for name in sorted(present - set(ORDER))]
    if problems:
        raise PluginError("scripts bundle:\n  " + "\n  ".join(problems))
    return "\n".join(f"/* {name} */\n" + minified(folder / name, cache_dir) for name in ORDER) + "\n"
