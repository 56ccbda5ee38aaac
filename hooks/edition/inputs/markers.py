"""Content placeholders: one syntax, ``<!-- insert: NAME [ARGUMENT] -->`` on a line of its own.

A step that fills a placeholder declares its name in ``pipeline.py``'s table; a marker
with a name nobody fills, or a marker with a name on a page where it cannot be filled,
fails the build naming file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition import languages

MARKER_RE = re.compile(r"^<!-- insert: (?P<name>[a-z-]+)(?: (?P<argument>[a-z0-9-]+))? -->$", re.MULTILINE)
LOOSE_RE = re.compile(r"<!--\s*insert\b.*?-->", re.DOTALL)


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


def problems(markdown: str, src: str, allowed: dict[str, str | None]) -> list[str]:
    """Malformed markers, unknown names, names used off their page, and a page's own marker missing or
    repeated (``allowed``: name -> the language-neutral page it belongs on, or None for any page)."""
    neutral = languages.SUFFIX_RE.sub(".md", src)
    found = []
    well_formed = {m.start() for m in MARKER_RE.finditer(markdown)}
    for loose in LOOSE_RE.finditer(markdown):
        if loose.start() not in well_formed:
            line = markdown.count("\n", 0, loose.start()) + 1
            found.append(f"docs/{src}:{line}: malformed marker {loose.group(0)!r} "
                         "(write <!-- insert: NAME --> alone on its line)")
    for marker in find(markdown):
        if marker.name not in allowed:
            found.append(f"docs/{src}:{marker.line}: unknown marker '{marker.name}' "
                         f"(known: {', '.join(sorted(allowed))})")
        elif allowed[marker.name] is not None and allowed[marker.name] != neutral:
            found.append(f"docs/{src}:{marker.line}: marker '{marker.name}' belongs on docs/{allowed[marker.name]}")
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
