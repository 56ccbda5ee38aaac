"""Repairs of three attributes in Material's templates that the W3C Nu HTML Checker rejects.

Material 9.7 writes, on every page (``templates/base.html``, ``partials/nav-item.html``,
``partials/toc.html``):

* ``autocomplete="off"`` on its two checkbox toggles (``#__drawer``, ``#__search``):
  the attribute is not allowed on a checkbox. It only asked Firefox not to restore the
  toggles' state on reload; without it, Firefox may reopen the drawer or the search after a
  soft reload (a click closes it), a small price for a page any validator accepts.
* ``tabindex=""`` on the label of a navigation section (``is_section`` leaves the value
  empty): an empty tabindex is not an integer, and browsers treat it as absent. Dropped.
* ``<label class="md-nav__title" for="__toc">`` on a section's index page, whose
  navigation has no ``#__toc`` checkbox (navigation.indexes): a label for no control.
  The ``for`` is dropped there (the label is a title; clicking it toggles nothing either way).

Nothing else is touched, and the repair insists on finding what it repairs: if Material's
markup changes, the build fails naming the page (tests/output/test_validator.py also checks
the templates themselves), so a stale repair is noticed rather than silently doing nothing.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

MODULE = "hooks/edition/output/theme_markup.py"

# base.html: <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
TOGGLE_RE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off">')
# nav-item.html: <label class="md-nav__link ..." for="__nav_4" id="__nav_4_label" tabindex="">
EMPTY_TABINDEX_RE = re.compile(r'(<label class="md-nav__link[^"]*" for="(__nav_[0-9_]+)" id="\2_label") tabindex="">')
# toc.html: <label class="md-nav__title" for="__toc">
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
TOC_INPUT = 'id="__toc"'
# What must not remain in any form, whichever template wrote it.
LEFTOVERS = {
    "autocomplete on a checkbox": re.compile(r'<input[^>]*type="checkbox"[^>]*autocomplete=|'
                                             r'<input[^>]*autocomplete=[^>]*type="checkbox"'),
    'an empty tabindex=""': re.compile(r'\stabindex=""'),
}


def repair(html: str, where: str) -> str:
    """The page's HTML with Material's three invalid attributes repaired; PluginError if they are not where expected."""
    html, toggles = TOGGLE_RE.subn(r"\1>", html)
    if toggles != 2:
        raise PluginError(
            f"{where}: expected Material's two checkbox toggles (#__drawer, #__search) with autocomplete=\"off\" "
            f"(templates/base.html), found {toggles}: Material's markup changed; update {MODULE}")
    html = EMPTY_TABINDEX_RE.sub(r"\1>", html)
    if TOC_INPUT not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    for name, pattern in LEFTOVERS.items():
        found = pattern.search(html)
        if found:
            raise PluginError(f"{where}: {name} the repair does not know ({found.group(0)!r}): "
                              f"Material's markup changed; update {MODULE}")
    return html
