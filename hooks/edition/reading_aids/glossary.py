"""Abbreviations: explained wherever they appear, and listed on the glossary page.

``docs/includes/singkatan.md`` (English: ``singkatan.en.md``) holds one definition a
line, ``*[TPPO]: tindak pidana perdagangan orang``. ``append_definitions`` appends
the file of the page's language to every page, so the ``abbr`` extension turns each
occurrence into an explained abbreviation, and ``glossary_table`` renders the same
definitions on the glossary page (in place of ``<!-- insert: glossary -->``). A
malformed line fails the build with its file and number.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import languages

SOURCE = "includes/singkatan.md"
LINE_RE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<text>\S.*)$")


def source_file(language: str) -> str:
    return languages.source_file(SOURCE, language)


def definitions(docs_dir: Path, language: str) -> list[tuple[str, str]]:
    path = Path(docs_dir) / source_file(language)
    if not path.is_file():
        raise PluginError(f"docs/{SOURCE}: not found")
    found, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = LINE_RE.match(line)
        if not match:
            problems.append(f"docs/{source_file(language)}:{number}: not an abbreviation line '*[ABBR]: meaning': {line}")
            continue
        found.append((match["abbr"], match["text"]))
    names = [a for a, _ in found]
    problems += [f"docs/{source_file(language)}: '{a}' is defined twice"
                 for a in sorted({a for a in names if names.count(a) > 1})]
    if problems:
        raise PluginError("\n  ".join(["glossary errors:", *problems]))
    return found


def append_definitions(markdown: str, definitions_: list[tuple[str, str]]) -> str:
    """The page with every definition appended (the abbr extension explains each occurrence)."""
    appended = "\n".join(f"*[{abbr}]: {text}" for abbr, text in definitions_)
    return markdown.rstrip("\n") + "\n\n" + appended + "\n"


def glossary_table(definitions_: list[tuple[str, str]], strings: dict) -> str:
    """Every definition as a table, in alphabetical order."""
    rows = [strings["glossary_header"], "|---|---|"]
    for abbr, text in sorted(definitions_, key=lambda d: d[0].casefold()):
        rows.append(f"| <span class=\"abbreviation\">{abbr}</span> | {text} |")
    return "\n".join(rows)
