"""axe-core on the dark palette, on every page of both languages, as a reader reaches it either way.

Two ways: a reader's system set to dark (Chromium emulating ``prefers-color-scheme: dark``: the palette follows it on a
first visit), and the palette toggle chosen once on a light system (the choice then holds on every page). One browser
tab per way (module scope), reused for every page; each first opens one page (the system-dark palette checked on
that first visit, the toggle chosen on the other) and waits for the edition's service worker, so that every page
after it loads alike in both (under the worker, with the offline box). The theme keeps the palette it applied (local
storage), so later pages open with it in both tabs; what still differs is the system setting, which the edition's
style sheets could follow (``prefers-color-scheme``): the comparison below proves that nothing does.

axe-core runs once a page, in the system-dark tab, and that suffices for both ways: the toggled-dark tab is proved to
render the page identically as far as axe could judge it. Each page is loaded fresh in both tabs (no colour
transition under way), its cite box opened, its offline reading in place, and once both are settled (fonts loaded, no
animation or transition running) every element's tag, attributes, form and details state, own text, box, and
computed colours, backgrounds, borders, outlines, decorations, fills, shadows, filters, opacity, visibility, display
and fonts, and those of its ::before, ::after and ::marker, are read in each (browser.rendering_fingerprint) and
must be equal; where they are not, the first differing elements are named with both values. Still checked for each
way on every page: the palette is the dark one (slate), and no console or page error, failed, broken or third-party
request or policy violation is recorded.

The light palette of both languages is checked in tests/browser/test_browser.py (test_page_in_the_browser).
Exceptions: tests/axe_exceptions.toml.
"""

from __future__ import annotations

import pytest

from browser import (DESKTOP, axe_violations, kept_offline, open_page, record_problems, rendering_differences,
                     rendering_fingerprint, requests_ended)
from support import ALL_PAGES, page_id_for

URLS = list(ALL_PAGES) + ["en/" + url for url in ALL_PAGES]
SCHEME_JS = "document.body.getAttribute('data-md-color-scheme')"
# A page's offline reading and search in place (docs/assets/scripts/offline.js; the worker controls every page after
# the first): the box shown, saying whether the language is saved (offline-reading.js, data-saved), on the offline
# page the list of kept pages filled in, and Material's search ready where the theme's script runs (its index built:
# the results' placeholder says "type to start searching", not that search is being prepared; the print page has no
# theme script: no window.document$).
READY_JS = """() => {
  const box = document.getElementById("offline-box"), library = document.getElementById("offline-library");
  const meta = document.querySelector(".md-search-result__meta"), config = document.getElementById("__config");
  return (!box || (!box.hidden && box.hasAttribute("data-saved")))
    && (!library || library.querySelector(".offline-list") !== null)
    && (!meta || window.document$ === undefined
        || meta.textContent.trim() === JSON.parse(config.textContent).translations["search.result.placeholder"]);
}"""
# The offline page's list of what the worker keeps names the offline page itself (kept as it was loaded).
LISTS_ITSELF_JS = """() => { const library = document.getElementById("offline-library");
  return !library || Array.from(library.querySelectorAll("a")).some((a) => a.pathname === location.pathname); }"""


def first_visit(tab, served: str) -> str:
    """Open a first page in ``tab`` and wait until the edition's service worker is active, so that every later page
    is loaded alike in both ways (under the worker, with the offline box); the palette of the first page."""
    open_page(tab, served, "pendahuluan/")
    tab.evaluate("navigator.serviceWorker.ready.then(() => null)")
    kept_offline(tab, served + "pendahuluan/")  # handed to the worker by the page (offline.js), kept by it
    return tab.evaluate(SCHEME_JS)


def load(tab, served: str, url: str) -> None:
    """Load the page afresh (no colour transition under way) in the dark palette, with its offline reading and search
    in place, every request it started ended, and its cite box open."""
    open_page(tab, served, url)
    scheme = tab.evaluate(SCHEME_JS)
    assert scheme == "slate", f"/{url} ({tab.way}): palette {scheme}"
    tab.wait_for_function(READY_JS, timeout=10_000)
    requests_ended(tab)
    tab.locator("details#cite-box").evaluate("d => d.open = true")


@pytest.fixture(scope="module")
def system_dark(browser, served):
    """A browser tab on a system set to dark, whose palette follows it on a first visit; problems (errors, failed
    requests) recorded."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    tab = record_problems(context.new_page())
    assert first_visit(tab, served) == "slate"
    tab.way = "system-dark"
    yield tab
    context.close()


@pytest.fixture(scope="module")
def toggled_dark(browser, served):
    """A browser tab on a light system where the reader chose the dark palette with the toggle; problems recorded."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    tab = record_problems(context.new_page())
    # chosen once, on one page, the choice holds on every page of both languages
    assert first_visit(tab, served) == "default"
    tab.locator("form[data-md-component='palette'] label:visible").first.click()
    tab.wait_for_function(f"() => {SCHEME_JS} === 'slate'", timeout=5000)
    tab.way = "toggled-dark"
    yield tab
    context.close()


@pytest.mark.parametrize("url", URLS, ids=page_id_for)
def test_axe_in_the_dark_palette(system_dark, toggled_dark, served, url):
    """The dark palette renders the same from the system setting and from the toggle, and axe finds no violation."""
    tabs = [system_dark, toggled_dark]
    for tab in tabs:
        load(tab, served, url)
        if not tab.evaluate(LISTS_ITSELF_JS):  # the offline page asked before the worker had kept it: once it has
            kept_offline(tab, served + url)
            load(tab, served, url)
    fingerprints = [rendering_fingerprint(tab) for tab in tabs]
    if fingerprints[0]["digest"] != fingerprints[1]["digest"]:
        differences = rendering_differences(*tabs, names=[tab.way for tab in tabs])
        pytest.fail(f"/{url}: the dark palette renders differently from the system setting and from the toggle "
                    f"({fingerprints[0]['records']} and {fingerprints[1]['records']} records):\n"
                    + "\n".join(differences), pytrace=False)
    violations = axe_violations(system_dark)
    assert not violations, f"/{url} (dark palette, both ways):\n" + "\n".join(violations)
    for tab in tabs:
        assert not tab.problems, f"{tab.way}:\n" + "\n".join(tab.problems)
