"""Check references.bib before anything reads it; fail naming the file and line.

mkdocs-bibtex hands the file to pybtex, whose errors are long tracebacks (or, for a
duplicate key, only a warning). ``check_bib`` parses it first in strict mode and
reports every problem at once as ``references.bib:LINE: message``.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from pybtex import errors
from pybtex.database.input import bibtex
from pybtex.scanner import PybtexSyntaxError

KEY_RE = re.compile(r"^[a-z0-9-]+$")
ENTRY_START_RE = re.compile(r"^\s*@(\w+)\s*\{\s*([^,\s]*)\s*,", re.MULTILINE)
REQUIRED = ("author", "title", "year")
KNOWN_TYPES = {"article", "book", "misc", "incollection", "inproceedings", "techreport", "online", "unpublished"}


def check(path: Path) -> None:
    """Fail listing every problem of the BibTeX file."""
    problems = check_bib(path)
    if problems:
        raise PluginError(f"{path.name} is not valid:\n  " + "\n  ".join(problems))


def check_bib(path: Path) -> list[str]:
    """Every problem of the BibTeX file, one line each, with its line number."""
    if not path.is_file():
        return [f"{path.name}: file not found"]
    text = path.read_text(encoding="utf-8")
    problems: list[str] = []

    seen: dict[str, int] = {}
    for match in ENTRY_START_RE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        kind, key = match.group(1).lower(), match.group(2)
        if kind in {"comment", "preamble", "string"}:
            continue
        if kind not in KNOWN_TYPES:
            problems.append(f"{path.name}:{line}: unknown entry type @{kind} for key '{key}'")
        if not KEY_RE.match(key):
            problems.append(f"{path.name}:{line}: key '{key}' must match [a-z0-9-]+")
        if key.lower() in seen:
            problems.append(
                f"{path.name}:{line}: duplicate key '{key}' (first defined on line {seen[key.lower()]})"
            )
        else:
            seen[key.lower()] = line

    errors.set_strict_mode(True)
    try:
        data = bibtex.Parser().parse_string(text)
    except PybtexSyntaxError as exc:  # malformed syntax: pybtex knows the line
        problems.append(f"{path.name}:{exc.lineno}: {exc.error_type}: {exc.args[0] if exc.args else exc}")
        return problems
    except Exception as exc:  # noqa: BLE001 - any other pybtex error, reported in one line
        problems.append(f"{path.name}: {type(exc).__name__}: {exc}")
        return problems
    finally:
        errors.set_strict_mode(False)

    if not data.entries:
        problems.append(f"{path.name}:1: no entries (the article's references, one @type{{key, ...}} each)")
    for key, entry in data.entries.items():
        line = seen.get(key.lower(), 0)
        for field in REQUIRED:
            has = entry.persons.get("author") if field == "author" else entry.fields.get(field)
            if not has:
                problems.append(f"{path.name}:{line}: entry '{key}' has no {field}")
        doi = entry.fields.get("doi", "")
        if doi and not doi.startswith("10."):
            problems.append(f"{path.name}:{line}: entry '{key}' DOI must be bare (10.xxxx/...), got '{doi}'")
        if not re.fullmatch(r"\d{4}", entry.fields.get("year", "0000")):
            problems.append(f"{path.name}:{line}: entry '{key}' year must be four digits")
    return problems

