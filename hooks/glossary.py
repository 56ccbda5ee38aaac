"""Abbreviations: explained wherever they appear, and listed on the glossary page.

``docs/includes/singkatan.md`` (English: ``singkatan.en.md``) holds one definition a
line, ``*[TPPO]: tindak pidana perdagangan orang``. This hook appends the file of the
page's language to every page, so the ``abbr`` extension turns each occurrence into
an explained abbreviation, and renders the same definitions as a table on the
glossary page (in place of ``<!-- daftar-singkatan -->``). A malformed line fails the
build with its file and number.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import bahasa

PAGE = "singkatan.md"
SOURCE = "includes/singkatan.md"
MARKER = "<!-- daftar-singkatan -->"
LINE_RE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<text>\S.*)$")


def source_file(language: str) -> str:
    return SOURCE if language == bahasa.DEFAULT else SOURCE.replace(".md", f".{language}.md")


def definitions(docs_dir: Path, language: str = bahasa.DEFAULT) -> list[tuple[str, str]]:
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


_parsed: dict[str, list[tuple[str, str]]] = {}  # per language, read once per build


def on_pre_build(config):
    _parsed.clear()


def parsed(config, language: str) -> list[tuple[str, str]]:
    if language not in _parsed:
        _parsed[language] = definitions(config.docs_dir, language)
    return _parsed[language]


def on_page_markdown(markdown, page, config, files):
    language = bahasa.of(page.file)
    appended = "\n".join(f"*[{abbr}]: {text}" for abbr, text in parsed(config, language))
    markdown = markdown.rstrip("\n") + "\n\n" + appended + "\n"
    if bahasa.source(page.file) != PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"docs/{PAGE}: the marker {MARKER} is missing")
    rows = [bahasa.t(language, "glossary_header"), "|---|---|"]
    for abbr, text in sorted(parsed(config, language), key=lambda d: d[0].casefold()):
        rows.append(f"| <span class=\"singkatan\">{abbr}</span> | {text} |")
    return markdown.replace(MARKER, "\n".join(rows))
