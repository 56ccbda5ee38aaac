"""Every heading in docs/ carries an explicit, permanent ID: ``## Title {#some-id}``.

Readers cite sections by URL, so IDs must never depend on the heading's wording.
``heading_problems`` lists, naming file and line, a heading without an ID, an ID that is
not lowercase-hyphenated, or an ID used twice on one page.
"""

from __future__ import annotations

import re

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ID_RE = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")
GOOD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")


def heading_problems(markdown: str, src: str) -> list[str]:
    """All heading-ID problems of one Markdown source, one line each."""
    problems, seen, fenced = [], {}, False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if FENCE_RE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING_RE.match(line)
        if not match:
            continue
        found = ID_RE.search(match.group(2))
        if not found:
            problems.append(f"docs/{src}:{number}: heading without explicit ID: {line.strip()}")
            continue
        anchor = found.group(1)
        if not GOOD_ID.match(anchor):
            problems.append(f"docs/{src}:{number}: ID '{anchor}' is not lowercase and hyphenated")
        if anchor in seen:
            problems.append(f"docs/{src}:{number}: ID '{anchor}' already used on line {seen[anchor]}")
        seen[anchor] = number
    return problems

