"""The pages' scripts load without holding up the first paint (``defer``).

Material writes its bundle and the ``extra_javascript`` files as plain ``<script src>``
at the end of ``<body>``: on a short page the parser reaches them before the first paint,
so a phone on a slow connection waits for about 35 KB of script (gzip) before it shows any
text (Lighthouse: "render-blocking resources"). With ``defer`` they still run in the same
order, after the document is parsed and before ``DOMContentLoaded``, which is when the
theme and the edition's scripts start their work anyway; the inline scripts Material puts
in the page use only the helpers it defines inline in ``<head>``, never the bundle.

Fails loudly if a page loads scripts but not the theme's bundle where expected (Material
changed its markup), or loads a script this step does not know how to treat (a module or
an async script).
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

MODULE = "hooks/edition/output/script_loading.py"
EXTERNAL_RE = re.compile(r'<script src="([^"]+)"></script>')
BUNDLE_RE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
OTHER_RE = re.compile(r'<script\b(?=[^>]*\bsrc=)(?![^>]*\bdefer\b)[^>]*>')


def defer_scripts(html: str, where: str) -> str:
    """Every external classic script of the page, deferred; the page as it was if it loads none."""
    if not EXTERNAL_RE.search(html):
        if OTHER_RE.search(html):
            raise PluginError(f"{where}: a script {OTHER_RE.search(html).group(0)!r} that {MODULE} does not know")
        return html
    if not BUNDLE_RE.search(html):
        raise PluginError(f"{where}: loads scripts but not Material's bundle as <script src=\".../assets/javascripts/"
                          f"bundle.HASH.min.js\"></script>: Material's markup changed; update {MODULE}")
    html = EXTERNAL_RE.sub(r'<script src="\1" defer></script>', html)
    leftover = OTHER_RE.search(html)
    if leftover:
        raise PluginError(f"{where}: a script {leftover.group(0)!r} that {MODULE} does not know")
    return html
