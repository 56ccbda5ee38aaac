"""Every heading in docs/ carries an explicit, permanent ID: ``## Title {#some-id}``.

Readers cite sections by URL, so IDs must never depend on the heading's wording. This module is the one
heading parser of the build: ``headings`` yields every heading of a Markdown source as Python-Markdown
reads it (``#`` headings, with or without a space after the hashes, and ``Title`` underlined with ``===`` or
``---``), outside fenced code and front matter, as ``Heading(line, level, title, id)``; ``explicit_ids``
adds every other ID the text gives (``{ #p-some-paragraph }`` attribute lists, ``id="gambar-1"`` in HTML).

``heading_problems`` lists, naming file and line, a heading without an ID, an ID that is not
lowercase-hyphenated, and an ID used twice on one page (by a heading, a paragraph or a figure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ATX_RE = re.compile(r"^(#{1,6})(?!#)(.*?)#*\s*$")  # Python-Markdown needs no space after the hashes
SETEXT_RE = re.compile(r"^(=+|-+)[ ]*$")
ID_RE = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")
ATTR_LIST_ID_RE = re.compile(r"\{:?[^}\n]*?(?<![\w&])#([^\s}]+)[^}\n]*\}")
HTML_ID_RE = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]+)\"")
GOOD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN_RE = re.compile(r"(`+).+?\1")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    title: str  # without the attribute list
    id: str | None  # the explicit ID, None when the heading has none


@dataclass(frozen=True)
class ExplicitId:
    line: int
    id: str
    heading: bool  # given by a heading (else by an attribute list or an HTML element)


def prose_lines(markdown: str):
    """(number, line, first line of a block) for every line outside front matter and fenced code."""
    lines = markdown.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":  # front matter (MkDocs' meta)
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        start = end + 1 if end is not None else 0
    fence, previous = None, ""
    for index in range(start, len(lines)):
        line = lines[index]
        opening = FENCE_RE.match(line)
        if fence is None and opening:
            fence = opening.group(1)[0] * len(opening.group(1))
            previous = ""
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield index + 1, line, not previous.strip()
        previous = line


def split_title(text: str) -> tuple[str, str | None]:
    """A heading's text without its attribute list, and the ID the list gives (None if none)."""
    found = ID_RE.search(text)
    if not found:
        return text.strip(), None
    return text[: found.start()].strip(), found.group(1)


def headings(markdown: str) -> list[Heading]:
    """Every heading of a Markdown source, in order."""
    found = []
    pending = None  # (number, line) of a block's first line: a setext heading if the next line underlines it
    for number, line, block_start in prose_lines(markdown):
        atx = ATX_RE.match(line)
        if atx:
            title, anchor = split_title(atx.group(2))
            found.append(Heading(number, len(atx.group(1)), title, anchor))
            pending = None
            continue
        if pending is not None and pending[0] == number - 1 and SETEXT_RE.match(line):
            title, anchor = split_title(pending[1])
            found.append(Heading(pending[0], 1 if line.startswith("=") else 2, title, anchor))
            pending = None
            continue
        starts_text = block_start and line.strip() and not line.startswith((" " * 4, "\t", "<", "|", "*[", "{"))
        pending = (number, line) if starts_text else None
    return found


def explicit_ids(markdown: str) -> list[ExplicitId]:
    """Every ID the source gives, in order: headings', attribute lists' and HTML elements'."""
    by_heading = {h.line: h for h in headings(markdown)}
    found = []
    for number, line, _ in prose_lines(markdown):
        heading = by_heading.get(number)
        if heading is not None:
            if heading.id:
                found.append(ExplicitId(number, heading.id, True))
            continue
        prose = CODE_SPAN_RE.sub("", line)
        for match in sorted([*ATTR_LIST_ID_RE.finditer(prose), *HTML_ID_RE.finditer(prose)], key=lambda m: m.start()):
            found.append(ExplicitId(number, match.group(1), False))
    return found


def file_ids(path: Path, read: dict[Path, set[str]]) -> set[str]:
    """The IDs a Markdown file gives, read once per step however many rows or links ask (``read``: the step's own
    record of the files it read, path -> IDs)."""
    if path not in read:
        read[path] = {found.id for found in explicit_ids(path.read_text(encoding="utf-8"))}
    return read[path]


def heading_problems(markdown: str, src: str) -> list[str]:
    """All heading-ID problems of one Markdown source, one line each."""
    problems = []
    for heading in headings(markdown):
        if heading.id is None:
            problems.append(f"docs/{src}:{heading.line}: heading without explicit ID: '{heading.title}' "
                            "(write it as ## Title {#title-id})")
        elif not GOOD_ID.match(heading.id):
            problems.append(f"docs/{src}:{heading.line}: ID '{heading.id}' is not lowercase and hyphenated")
    seen: dict[str, int] = {}
    for given in explicit_ids(markdown):
        if given.id in seen:
            problems.append(f"docs/{src}:{given.line}: ID '{given.id}' already used on line {seen[given.id]}")
        else:
            seen[given.id] = given.line
    return problems
