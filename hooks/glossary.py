"""The glossary page lists the abbreviations that ``docs/includes/singkatan.md`` defines.

That file is appended to every page by ``pymdownx.snippets`` (auto_append), so the
``abbr`` extension explains each abbreviation wherever it appears; this hook renders
the same definitions as a table on ``docs/singkatan.md`` (in place of
``<!-- daftar-singkatan -->``), failing on a malformed line with its number.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

PAGE = "singkatan.md"
SOURCE = "includes/singkatan.md"
MARKER = "<!-- daftar-singkatan -->"
LINE_RE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<text>\S.*)$")


def definitions(docs_dir: Path) -> list[tuple[str, str]]:
    path = Path(docs_dir) / SOURCE
    if not path.is_file():
        raise PluginError(f"docs/{SOURCE}: not found")
    found, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = LINE_RE.match(line)
        if not match:
            problems.append(f"docs/{SOURCE}:{number}: not an abbreviation line '*[ABBR]: meaning': {line}")
            continue
        found.append((match["abbr"], match["text"]))
    names = [a for a, _ in found]
    problems += [f"docs/{SOURCE}: '{a}' is defined twice" for a in sorted({a for a in names if names.count(a) > 1})]
    if problems:
        raise PluginError("\n  ".join(["glossary errors:", *problems]))
    return found


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"docs/{PAGE}: the marker {MARKER} is missing")
    rows = ["| Singkatan | Kepanjangan dan keterangan |", "|---|---|"]
    for abbr, text in sorted(definitions(config.docs_dir), key=lambda d: d[0].casefold()):
        rows.append(f"| <span class=\"singkatan\">{abbr}</span> | {text} |")
    return markdown.replace(MARKER, "\n".join(rows))
