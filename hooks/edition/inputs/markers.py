"""Content placeholders: one syntax, ``<!-- insert: NAME [ARGUMENT] -->`` on a line of its own.

A step that fills a placeholder declares its name in ``pipeline.py``'s table (and, for a marker that
takes an argument, the values it may take); a marker with a name nobody fills (an upper-case name
included), one on a page where it cannot be filled, one not alone on its line or not written exactly,
and a missing, unknown or unexpected argument each fail the build naming file and line and saying which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER_RE = re.compile(r"^<!-- insert: (?P<name>[a-z-]+)(?: (?P<argument>[a-z0-9-]+))? -->$", re.MULTILINE)
LOOSE_RE = re.compile(r"<!--\s*insert\b.*?-->", re.DOTALL)
# A marker alone on its line but not written exactly: its words, to say what is wrong with them.
LENIENT_RE = re.compile(r"^<!--\s*insert\s*:?\s*(?P<name>[^\s>]*)\s*(?P<argument>[^\s>]*)\s*(?P<rest>.*?)\s*-->$")


@dataclass(frozen=True)
class Marker:
    name: str
    argument: str
    line: int
    text: str  # the marker as written, to be replaced


def find(markdown: str) -> list[Marker]:
    """Every well-formed marker of a Markdown text, in order."""
    return [Marker(m["name"], m["argument"] or "", markdown.count("\n", 0, m.start()) + 1, m.group(0))
            for m in MARKER_RE.finditer(markdown)]


def malformed(written: str, alone: bool, allowed: dict[str, str | None]) -> str:
    """What is wrong with a marker that is not written ``<!-- insert: NAME [ARGUMENT] -->``."""
    shown = written if len(written) <= 80 else written[:77] + "..."
    words = LENIENT_RE.match(" ".join(written.split()))
    if not alone or words is None or not words["name"]:
        return (f"malformed marker {shown!r}: write <!-- insert: NAME --> alone on its line"
                if alone else f"marker {shown!r} is not alone on its line: write it on a line of its own")
    name = words["name"]
    if name not in allowed and name.lower() in allowed:
        return f"marker name '{name}' must be lower case: <!-- insert: {name.lower()} -->"
    if not re.fullmatch(r"[a-z-]+", name) or name not in allowed:
        return f"unknown marker '{name}' (names are lower case; known: {', '.join(sorted(allowed))})"
    if words["rest"] or not re.fullmatch(r"[a-z0-9-]*", words["argument"]):
        return f"marker {shown!r}: the argument is one lower-case name, e.g. <!-- insert: chart gambar-1 -->"
    return f"malformed marker {shown!r}: write exactly <!-- insert: {name}{' ' if words['argument'] else ''}" \
           f"{words['argument']} --> (one space around each word)"


def problems(markdown: str, src: str, neutral: str, allowed: dict[str, str | None],
             arguments: dict[str, dict | tuple] | None = None) -> list[str]:
    """Malformed markers, unknown names, names used off their page, a missing, unknown or unexpected argument
    (``arguments``: name -> the values its argument may take; other names take none), and a page's own marker
    missing or repeated (``allowed``: name -> the language-neutral page it belongs on, or None for any page;
    ``neutral``: the page's own, ``src`` the file's, both below docs/)."""
    arguments = arguments or {}
    found = []
    well_formed = {m.start() for m in MARKER_RE.finditer(markdown)}
    for loose in LOOSE_RE.finditer(markdown):
        if loose.start() not in well_formed:
            line_start = markdown.rfind("\n", 0, loose.start()) + 1
            line_end = markdown.find("\n", loose.end())
            line = markdown[line_start: len(markdown) if line_end < 0 else line_end]
            alone = line.strip() == loose.group(0).strip() and "\n" not in loose.group(0)
            number = markdown.count("\n", 0, loose.start()) + 1
            found.append(f"docs/{src}:{number}: {malformed(loose.group(0), alone, allowed)}")
    for marker in find(markdown):
        where = f"docs/{src}:{marker.line}"
        if marker.name not in allowed:
            found.append(f"{where}: unknown marker '{marker.name}' (known: {', '.join(sorted(allowed))})")
            continue
        if allowed[marker.name] is not None and allowed[marker.name] != neutral:
            found.append(f"{where}: marker '{marker.name}' belongs on docs/{allowed[marker.name]}")
        if marker.name in arguments and not marker.argument:
            found.append(f"{where}: marker '{marker.name}' needs the name of a figure "
                         f"(<!-- insert: {marker.name} NAME -->; known: {', '.join(arguments[marker.name])})")
        elif marker.name in arguments and marker.argument not in arguments[marker.name]:
            found.append(f"{where}: marker '{marker.name}' names no figure '{marker.argument}' "
                         f"(known: {', '.join(arguments[marker.name])})")
        elif marker.name not in arguments and marker.argument:
            found.append(f"{where}: marker '{marker.name}' takes no argument (remove '{marker.argument}')")
    names = [marker.name for marker in find(markdown)]
    for name, page in allowed.items():
        if page == neutral and names.count(name) != 1:
            found.append(f"docs/{src}: needs the marker <!-- insert: {name} --> exactly once "
                         f"(found {names.count(name)})")
    return found


def fill(markdown: str, name: str, text_for) -> str:
    """Replace every marker ``name`` by ``text_for(argument)``."""
    for marker in find(markdown):
        if marker.name == name:
            markdown = markdown.replace(marker.text, text_for(marker.argument), 1)
    return markdown
