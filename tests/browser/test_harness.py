"""The browser harness: a tab reused from test to test starts each one as a new tab would (tests/browser.py)."""

from __future__ import annotations

from browser import DESKTOP, MOBILE, fresh_start, open_page

# What a test may leave behind in the site's origin and the tab, read back from a page of the site.
LEFT_JS = """() => ({
  local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
  dark: matchMedia("(prefers-color-scheme: dark)").matches, print: matchMedia("print").matches,
  width: innerWidth,
  scheme: document.body.getAttribute("data-md-color-scheme"),
})"""


def test_reused_tab_starts_each_test_fresh(page, served):
    """Storage, cookies, the palette chosen, the size, emulated media and recorded problems of one test
    are gone when the next one starts."""
    open_page(page, served, "pendahuluan/")
    fresh = page.evaluate(LEFT_JS)
    page.evaluate("""() => { localStorage.setItem("left", "1"); sessionStorage.setItem("left", "1");
                             document.cookie = "left=1; path=/"; }""")
    page.locator("form[data-md-component='palette'] label:visible").first.click()  # the dark palette, kept
    page.set_viewport_size(MOBILE)
    page.emulate_media(color_scheme="dark", media="print")
    page.problems.append("left by the previous test")
    page.csp_violations.append("left by the previous test")
    assert page.evaluate(LEFT_JS) != fresh
    fresh_start(page)
    assert page.url == "about:blank" and not page.problems and not page.csp_violations
    open_page(page, served, "pendahuluan/")
    assert page.evaluate(LEFT_JS) == fresh == {"local": fresh["local"], "session": fresh["session"], "cookie": "",
                                               "dark": False, "print": False, "width": DESKTOP["width"],
                                               "scheme": "default"}
