"""Pages without their templates' indentation (first-visit weight: about 0.7 KB of gzip per page).

The theme's templates indent every line of a page; a browser collapses a line break and the spaces after it
into one space, which a line break alone also gives. ``compact`` drops the spaces and blank lines after each line
break, except inside elements whose whitespace counts or whose text is code: ``<pre>`` (the cite box's BibTeX and
RIS), ``<textarea>``, ``<script>`` (the policy hashes their exact text, after this step), ``<style>``. The text,
its words and its line breaks stay as they were.
"""

from __future__ import annotations

import re

KEPT_RE = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
INDENT_RE = re.compile(r"\n\s+")


def compact(html: str) -> str:
    """``html`` with no whitespace after a line break but a line break, outside ``KEPT_RE``'s elements."""
    parts, start = [], 0
    for kept in KEPT_RE.finditer(html):
        parts.append(INDENT_RE.sub("\n", html[start:kept.start()]))
        parts.append(kept.group(0))
        start = kept.end()
    parts.append(INDENT_RE.sub("\n", html[start:]))
    return "".join(parts)
