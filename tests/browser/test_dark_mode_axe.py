"""axe-core in every way a reader reaches the dark palette, on every page of both languages.

A reader's system set to dark (Chromium emulating ``prefers-color-scheme: dark``: the palette
follows it on a first visit), and the palette toggle chosen on a light system. The light palette
of both languages is checked in tests/browser/test_browser.py (test_page_in_the_browser). Exceptions:
tests/axe_exceptions.toml.
One browser page per way (module scope), reused for every page.
"""

from __future__ import annotations

import pytest

from browser import DESKTOP, axe_violations, open_page, record_problems
from support import ALL_PAGES, page_id_for

URLS = list(ALL_PAGES) + ["en/" + url for url in ALL_PAGES]
WAYS = ["system-dark", "toggled-dark"]


@pytest.fixture(scope="module", params=WAYS)
def dark_reader(request, browser, served):
    """A browser page in the dark palette, reached one way; problems (errors, failed requests) recorded."""
    way = request.param
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark" if way == "system-dark" else "light")
    tab = record_problems(context.new_page())
    if way == "toggled-dark":  # chosen once, on one page, the choice holds on every page of both languages
        open_page(tab, served, "pendahuluan/")
        assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        tab.locator("form[data-md-component='palette'] label:visible").first.click()
    tab.way = way
    yield tab
    context.close()


@pytest.mark.parametrize("url", URLS, ids=page_id_for)
def test_axe_in_the_dark_palette(dark_reader, served, url):
    """axe-core finds no violation with the dark palette, reached from the system setting or the toggle."""
    open_page(dark_reader, served, url)  # a fresh load: no colour transition under way
    scheme = dark_reader.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate", f"/{url} ({dark_reader.way}): palette {scheme}"
    dark_reader.locator("details#cite-box").evaluate("d => d.open = true")
    violations = axe_violations(dark_reader)
    assert not violations, f"/{url} ({dark_reader.way}):\n" + "\n".join(violations)
    assert not dark_reader.problems, "\n".join(dark_reader.problems)
