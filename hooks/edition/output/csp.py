"""Every page says which scripts may run: a Content-Security-Policy in a ``<meta http-equiv>``.

GitHub Pages sends no headers of a site's choosing, so the policy travels in each page's ``<head>``,
first after ``<meta charset>`` (a policy governs only what follows it). It is computed per page, from
the page as it is finally written (after every other step, and for the redirect stubs of
mkdocs-redirects and 404.html too): scripts come only from the site itself, plus the inline scripts
this page holds (Material's two, the redirect stubs' one), each allowed by its exact SHA-256 hash, so that a
script injected into a page, an inline event handler or a ``javascript:`` link does not run. A page
holding an inline event handler or a ``javascript:`` URL fails the build naming the file and line.

What each directive is for:

* ``default-src 'none'``: whatever is not named below (frames, media, manifests) is refused.
* ``script-src 'self' 'sha256-…'``: the theme's bundle, the edition's scripts, the ones fetched on
  demand (load-on-demand.js), and the page's own inline scripts; nothing else, no ``eval``.
* ``style-src 'self' 'unsafe-inline'``: the stylesheets, and the ``style`` attributes that the
  tables extension (column alignment) and the SVG figure carry; Material previews pages by inserting
  their markup. A style cannot load anything from elsewhere (every other directive says 'self').
* ``img-src 'self' data:``: images, the favicon, and the theme's icons (``data:`` URLs in its CSS).
* ``font-src 'self'``, ``connect-src 'self'`` (the search index, previews, the sitemap),
  ``worker-src 'self'`` (the search worker): the site's own only.
* ``form-action 'self'``: the 404 page's search form. ``base-uri 'self'``: no injected ``<base>``
  can move relative URLs elsewhere. ``object-src 'none'``: no plugins.

``frame-ancestors``, ``report-uri`` and ``sandbox`` are ignored in a ``<meta>`` policy; GitHub Pages
redirects to HTTPS itself. Under ``mkdocs serve`` live reload adds an inline script of its own to each
page as it is served: there the pages allow inline scripts (``'unsafe-inline'``) instead of hashes.

Reading a page for its scripts takes the HTML parser a hundredth of a second, for every page of every build: what
it finds is kept in ``.cache/policies/`` under the hash of the page and of this module's reader (edition.kept), and
in the process for the next ``mkdocs serve`` rebuild, so that only a page that changed is read again.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Sequence

from mkdocs.exceptions import PluginError

from edition.kept import Kept, fingerprint, kept_on_disk

MODULE = "hooks/edition/output/csp.py"
POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
SERVING = "'unsafe-inline'"  # under mkdocs serve: live reload's inline script, unknown at build time
META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\s*', re.I)
CHARSET_RE = re.compile(r'<meta charset="?utf-8"?\s*/?>', re.I)
HEAD_RE = re.compile(r"<head\b[^>]*>", re.I)
# The types of a <script> that runs (HTML: absent, empty, a JavaScript MIME type, or "module"); any
# other type (application/json, application/ld+json) is data, and no policy concerns it.
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                "text/ecmascript"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class PageScripts(HTMLParser):
    """The inline scripts of a page (their exact text), and what a policy without 'unsafe-inline' blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self.blocked: list[str] = []
        self.script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"line {line}: inline event handler {name}=\"{value}\" on <{tag}>")
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"line {line}: javascript: URL in {name} of <{tag}>")
        if tag == "script":
            attributes = dict(attrs)
            runs = (attributes.get("type") or "").strip().lower() in SCRIPT_TYPES
            self.script = [] if runs and "src" not in attributes else None

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self.inline.append("".join(self.script))
        if tag == "script":
            self.script = None


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(inline_scripts: Sequence[str], serving: bool = False) -> str:
    """The policy of a page holding these inline scripts (each allowed by its hash; all of them when serving)."""
    allowed = [SERVING] if serving else list(dict.fromkeys(script_hash(text) for text in inline_scripts))
    directives = {**POLICY, "script-src": " ".join([POLICY["script-src"], *allowed])}
    return ";".join(f"{name} {value}" for name, value in directives.items())


def scripts(html: str) -> tuple[list[str], list[str]]:
    """(the exact text of each inline script, what the policy would block) of a page."""
    scan = PageScripts()
    scan.feed(html)
    scan.close()
    return scan.inline, scan.blocked


def protect(html: str, where: str, serving: bool = False,
            read: Callable[[str], tuple[Sequence[str], Sequence[str]]] = scripts) -> str:
    """The page with its policy first in ``<head>`` (any earlier policy replaced); PluginError naming ``where``
    if the page holds what the policy would block (``read``: what finds them, ``scripts`` or what it kept)."""
    html = META_RE.sub("", html)
    inline, blocked = read(html)
    if blocked:
        raise PluginError(f"{where}: blocked by the Content-Security-Policy ({MODULE}); move it into a script "
                          "file:\n  " + "\n  ".join(blocked))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline, serving)}">'
    anchor = CHARSET_RE.search(html) or HEAD_RE.search(html)
    if anchor is None:
        raise PluginError(f"{where}: no <head> to hold the Content-Security-Policy ({MODULE})")
    html = html[:anchor.end()] + "\n    " + meta + html[anchor.end():]
    first_script = html.lower().find("<script")
    if 0 <= first_script < html.index(meta):
        raise PluginError(f"{where}: a <script> before <meta charset> would run outside the "
                          f"Content-Security-Policy ({MODULE})")
    return html


def protect_site(site_dir: Path, serving: bool = False, kept: Kept | None = None,
                 cache_dir: Path | None = None) -> int:
    """Every HTML file of the built site protected (pages of every language, redirect stubs, 404.html), what each
    holds read once (kept in ``kept`` for the process, in ``cache_dir`` across processes, under the hash of the
    page and of the reader); returns how many."""
    kept = kept or Kept()
    reader = fingerprint(inspect.getsource(PageScripts), sys.version)  # what a kept reading depends on

    def read(html: str, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        key = fingerprint(html, reader)

        def fresh():
            found = json.loads(kept_on_disk(cache_dir, where.replace("/", "~"), key, ".json",
                                            lambda: json.dumps(scripts(html), ensure_ascii=False))
                               ) if cache_dir is not None else scripts(html)
            return tuple(found[0]), tuple(found[1])

        return kept.get("page scripts", key, fresh)

    pages = sorted(site_dir.rglob("*.html"))
    for path in pages:
        where = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        path.write_text(protect(text, where, serving, lambda html: read(html, where)), encoding="utf-8")
    return len(pages)
