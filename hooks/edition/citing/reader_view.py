"""What reader views (Firefox Reader View, i.e. Mozilla Readability) take from a page.

Readability keeps the text of every link, so the toc extension's permalink "¶" after each
heading ended up in the extracted article. ``permalink_glyphs`` moves the glyph from the
link's text to the stylesheet (``docs/assets/edition.css``, "Reader view" block): the link
stays, with its title as its accessible name, and looks as before. The cite box is kept
out by its markup (an ``<aside>``, which Readability always removes; see
``overrides/partials/cite_box.html``); the copy-link controls are buttons, which it also
removes. Nothing is hidden from assistive technology.
"""

from __future__ import annotations

import re

# The toc extension's permalink: <a class="headerlink" href="#id" title="...">&para;</a>
PERMALINK_RE = re.compile(r'(<a class="headerlink" href="[^"]*"[^>]*>)(?:&para;|\u00b6)(</a>)')


def permalink_glyphs(html: str) -> str:
    """Permalinks without the "¶" in their text (the stylesheet draws it)."""
    return PERMALINK_RE.sub(r"\1\2", html)
