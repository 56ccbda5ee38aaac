"""Abbreviations: explained wherever they appear, and listed on the glossary page.

``docs/includes/singkatan.md`` (English: ``singkatan.en.md``) holds one definition a
line, ``*[TPPO]: tindak pidana perdagangan orang``. ``append_definitions`` appends
the file of the page's language to every page, so the ``abbr`` extension turns each
occurrence into an explained abbreviation, and ``glossary_table`` renders the same
definitions on the glossary page (in place of ``<!-- insert: glossary -->``). A
malformed line, an abbreviation defined twice, or one explained in one language only fails the
build with its file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import pages
from edition.inputs import input_files, markers
from edition.inputs.languages import Languages

LINE_RE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<text>\S.*)$")


def parse(docs_dir: Path, language: str, languages: Languages) -> tuple[list[tuple[int, str, str]], list[str]]:
    """(line, abbreviation, expansion) of a language's file, and its problems (file and line each)."""
    source = languages.source_file(pages.ABBREVIATIONS, language)
    label = f"docs/{source}"
    path = Path(docs_dir) / source
    if not path.is_file():
        return [], [f"{label}: not found (the abbreviations of the '{language}' pages)"]
    found, problems, first = [], [], {}
    for number, line in enumerate(input_files.text(path, label).splitlines(), 1):
        if not line.strip():
            continue
        match = LINE_RE.match(line)
        if not match:
            problems.append(f"{label}:{number}: not an abbreviation line '*[ABBR]: meaning': {line}")
            continue
        abbr = match["abbr"]
        if abbr in first:
            problems.append(f"{label}:{number}: '{abbr}' is defined twice (first on line {first[abbr]})")
            continue
        first[abbr] = number
        found.append((number, abbr, match["text"]))
    return found, problems


def problems(docs_dir: Path, languages: Languages) -> list[str]:
    """Every problem of the abbreviations files: malformed lines, an abbreviation defined twice, or one that only
    some languages explain (each language explains the same abbreviations)."""
    parsed = {language: parse(docs_dir, language, languages) for language in languages.codes}
    found = [problem for _, file_problems in parsed.values() for problem in file_problems]
    names = {language: {abbr for _, abbr, _ in rows} for language, (rows, _) in parsed.items()}
    for language, (rows, _) in parsed.items():
        for other in languages.others(language):
            other_file = languages.source_file(pages.ABBREVIATIONS, other)
            if (Path(docs_dir) / other_file).is_file():
                found += [f"docs/{languages.source_file(pages.ABBREVIATIONS, language)}:{number}: '{abbr}' has no "
                          f"definition in docs/{other_file} (each language explains the same abbreviations)"
                          for number, abbr, _ in rows if abbr not in names[other]]
    return found


def definitions(docs_dir: Path, language: str, languages: Languages) -> list[tuple[str, str]]:
    """The abbreviations of a language (``problems`` checked first: fails listing them)."""
    found = problems(docs_dir, languages)
    if found:
        raise PluginError("\n  ".join(["glossary errors:", *found]))
    return [(abbr, text) for _, abbr, text in parse(docs_dir, language, languages)[0]]


def append_definitions(markdown: str, definitions_: list[tuple[str, str]]) -> str:
    """The page with every definition appended (the abbr extension explains each occurrence)."""
    appended = "\n".join(f"*[{abbr}]: {text}" for abbr, text in definitions_)
    return markdown.rstrip("\n") + "\n\n" + appended + "\n"


def fill(markdown: str, definitions_: list[tuple[str, str]], strings: dict) -> str:
    """The page with every definition appended, and its ``glossary`` marker (the glossary page's) filled."""
    markdown = append_definitions(markdown, definitions_)
    return markers.fill(markdown, "glossary", lambda _: glossary_table(definitions_, strings))


def glossary_table(definitions_: list[tuple[str, str]], strings: dict) -> str:
    """Every definition as a table, in alphabetical order."""
    rows = [strings["glossary_header"], "|---|---|"]
    for abbr, text in sorted(definitions_, key=lambda d: d[0].casefold()):
        abbr, text = abbr.replace("|", "\\|"), text.replace("|", "\\|")  # a "|" would end the table's cell
        rows.append(f"| <span class=\"abbreviation\">{abbr}</span> | {text} |")
    return "\n".join(rows)
