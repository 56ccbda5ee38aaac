"""mkdocs.yml's ``nav`` and the pages of docs/ agree: every entry is a page, every page is an entry.

MkDocs only warns (fatal under ``--strict``) without naming the line of mkdocs.yml, and a page missing
in one language is reported as missing from ``nav``; ``problems`` names the line of a wrong entry and
the file of a page the ``nav`` leaves out. ``nav`` lists the original pages; their English twins follow
(``edition.inputs.twins`` checks that each exists).
"""

from __future__ import annotations

import re
from pathlib import Path

from edition.inputs.languages import Languages

URL_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def entries(nav) -> list[str]:
    """Every page path the nav lists, in order (section titles and external links left out)."""
    found = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += entries(value)
        elif isinstance(value, str) and not URL_RE.match(value):
            found.append(value)
    return found


def problems(config, pages: dict[str, str], languages: Languages) -> list[str]:
    """``pages``: every documentation page (path below docs/, every language) -> its Markdown."""
    if config.nav is None:  # no nav: MkDocs lists every page itself
        return []
    config_file = Path(config.config_file_path)
    lines = config_file.read_text(encoding="utf-8").splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith("nav:")), 0)
    listed = entries(config.nav)
    originals = {src for src in pages if languages.of(src) == languages.default}
    found = []
    for path in listed:
        if path not in originals:
            number = next((n for n in range(start, len(lines)) if path in lines[n]), start)
            found.append(f"{config_file.name}:{number + 1}: nav lists '{path}', which is not a page in docs/")
    outside = config.not_in_nav  # pages linked from the others but not in the reading order (mkdocs.yml not_in_nav)
    found += [f"docs/{src}: a page that mkdocs.yml's nav does not list (add it under nav:, or to not_in_nav)"
              for src in sorted(originals - set(listed)) if not (outside and outside.match_file(src))]
    return found
