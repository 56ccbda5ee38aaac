"""Reading the files maintainers edit, so that a bad one fails naming its file and line, never with a traceback.

- ``text(path, label)``: the file as UTF-8 text; a byte that is not UTF-8 fails naming its line.
- ``yaml_data(path, label)``: YAML whose mappings and lists remember the line of each key and item
  (``where(label, container, key)`` gives ``label:line``); a syntax error or a key given twice fails with
  its line.
- ``csv_rows(path, label, required)``: the rows of a CSV file, each with its line; an empty file, a missing
  column or a row with more or fewer fields than the header fails, all such problems at once.
- ``not_utf8(project)``: one problem per file maintainers edit that is not UTF-8 (``check_encoding`` fails on
  them before anything reads them, so that one build names them all).
- ``kind(value)``: what a YAML value is, in plain words, for messages ("a list", "text", ...).

``InputError`` is a ``PluginError`` that keeps its problems (``problems``), so that a step reading several
files can report them together.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError


class InputError(PluginError):
    """Problems of the inputs, one line each (``file:line: what is wrong``), under a heading."""

    def __init__(self, heading: str, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n  ".join([f"{heading}:", *self.problems]))


class Mapping(dict):
    """A YAML mapping that knows its line and the line of each key."""

    line: int = 0
    key_lines: dict

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines = {}


class Sequence(list):
    """A YAML list that knows its line and the line of each item."""

    line: int = 0
    item_lines: list


def line_of(container, key=None) -> int:
    """The line of ``key`` (a mapping's key or a list's index) in ``container``, else of the container itself."""
    if isinstance(container, Mapping) and key in container.key_lines:
        return container.key_lines[key]
    if isinstance(container, Sequence) and isinstance(key, int) and 0 <= key < len(container.item_lines):
        return container.item_lines[key]
    return getattr(container, "line", 0) or 1


def where(label: str, container, key=None) -> str:
    """``label:line`` of a key or item of a YAML file read by ``yaml_data``."""
    return f"{label}:{line_of(container, key)}"


def kind(value) -> str:
    """What a YAML value is, in words."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"a date ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def not_a_mapping(value, at: str, what: str, keys: str) -> list[str]:
    """[] if ``value`` is a mapping, else its problem: ``{at}: {what} must be a mapping ({keys}), not ...``."""
    if isinstance(value, Mapping):
        return []
    return [f"{at}: {what + ' ' if what else ''}must be a mapping ({keys}), not {kind(value)}"]


def undecodable(data: bytes, label: str) -> str:
    """The problem of bytes that are not UTF-8 ('' when they are), naming the line of the first bad byte."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return (f"{label}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                "save the file with the UTF-8 encoding")
    return ""


def text(path: Path, label: str) -> str:
    """A text file maintainers edit, as UTF-8 (a leading byte-order mark dropped)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{label} is missing", [f"{label}: not found"]) from None
    except OSError as exc:
        raise InputError(f"{label} cannot be read", [f"{label}: {exc.strerror}"]) from None
    problem = undecodable(data, label)
    if problem:
        raise InputError(f"{label} is not valid", [problem])
    return data.decode("utf-8").removeprefix("\ufeff")


# The text files maintainers edit, below the project's root (glob patterns).
EDITED = ("CITATION.cff", "references.bib", "mkdocs.yml", "docs/**/*.md", "docs/**/*.yml", "figures/*.csv",
          "hooks/edition/strings.yml")


def check_encoding(project: Path) -> None:
    """Fail naming every file maintainers edit that is not UTF-8 (before anything reads them)."""
    problems = not_utf8(project)
    if problems:
        raise PluginError("files that are not UTF-8 text:\n  " + "\n  ".join(problems))


def not_utf8(project: Path) -> list[str]:
    """One problem per file maintainers edit (``EDITED``) that is not UTF-8, named below the project."""
    problems = []
    for pattern in EDITED:
        for path in sorted(Path(project).glob(pattern)):
            if path.is_file():
                problem = undecodable(path.read_bytes(), path.relative_to(project).as_posix())
                if problem:
                    problems.append(problem)
    return problems


# ---------------------------------------------------------------- YAML with lines

class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, building Mapping and Sequence (with lines) and refusing a key given twice."""


def _mapping(loader: _Loader, node):
    loader.flatten_mapping(node)
    data = Mapping()
    data.line = node.start_mark.line + 1
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):
            raise yaml.constructor.ConstructorError(None, None, "a key that is a list or a mapping",
                                                    key_node.start_mark)
        if key in data.key_lines:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' is given twice (first on line {data.key_lines[key]})",
                key_node.start_mark)
        data.key_lines[key] = key_node.start_mark.line + 1
        data[key] = loader.construct_object(value_node, deep=True)


def _sequence(loader: _Loader, node):
    data = Sequence()
    data.line = node.start_mark.line + 1
    data.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    data.extend(loader.construct_object(item, deep=True) for item in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)


def yaml_data(path: Path, label: str):
    """A YAML file maintainers edit, parsed with the lines of its keys and items; fails naming the line."""
    source = text(path, label)
    try:
        return yaml.load(source, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        raise InputError(f"{label} is not valid YAML",
                         [f"{label}{line}: {exc.problem or exc.context}{context}"]) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{label} is not valid YAML", [f"{label}: {exc}"]) from None


# ---------------------------------------------------------------- CSV with lines

def csv_rows(path: Path, label: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for every row of a CSV file whose header names at least the ``required`` columns."""
    source = text(path, label)
    reader = csv.reader(io.StringIO(source, newline=""))
    columns = ", ".join(required)
    try:
        header = next(reader, None)
        if not header or not any(name.strip() for name in header):
            raise InputError(f"{label} is not valid",
                             [f"{label}:1: empty; its first line names the columns: {columns}"])
        problems = [f"{label}:1: no column '{name}' in the header (needs: {columns})"
                    for name in required if name not in header]
        problems += [f"{label}:1: the column '{name}' is named twice"
                     for name in sorted({n for n in header if header.count(n) > 1})]
        rows, end = [], reader.line_num
        for fields in reader:
            start, end = end + 1, reader.line_num
            if not any(field.strip() for field in fields):
                continue
            if len(fields) != len(header):
                problems.append(f"{label}:{start}: {len(fields)} fields where the header has {len(header)} "
                                f"({', '.join(header)})")
                continue
            rows.append((start, dict(zip(header, fields))))
    except csv.Error as exc:
        raise InputError(f"{label} is not valid", [f"{label}:{reader.line_num}: not valid CSV: {exc}"]) from None
    if problems:
        raise InputError(f"{label} is not valid", problems)
    if not rows:
        raise InputError(f"{label} is not valid", [f"{label}:2: no rows under the header"])
    return rows
