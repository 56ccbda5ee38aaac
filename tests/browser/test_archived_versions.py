"""This repository's earlier releases, archived as /v/<version>/ (built from the commits docs/riwayat.yml
records, finished by edition.output.versioned_site), under the current Content-Security-Policy: every page
allows exactly its own inline scripts, and in Chromium nothing is refused while the banner's link to the
latest still keeps the reader's section (1.1.0 did it with an inline onclick, which the policy would refuse)."""

from __future__ import annotations

import pytest
import yaml

from browser import open_page, recording_context
from support import ROOT, TEST_SITE_URL, policy_problems, serve_directory

# (version, commit) of every earlier release, read from the change log itself.
RELEASES = [(str(entry["version"]), entry["commit"])
            for entry in yaml.safe_load((ROOT / "docs" / "riwayat.yml").read_text(encoding="utf-8"))
            if entry.get("commit")]
PAGES = ["pendahuluan/", "en/hasil-dan-pembahasan/"]
# Clicks the banner's link to the latest with the page's own handlers, keeping the browser where it is; returns
# the link's address then, and the ID the address names at that moment.
CLICK_LATEST_JS = """() => {
  const link = document.querySelector(".version-banner a.version-latest-link");
  const stay = (event) => event.preventDefault();
  window.addEventListener("click", stay);
  link.click();
  window.removeEventListener("click", stay);
  return [link.href, decodeURIComponent(location.hash.slice(1))];
}"""


@pytest.fixture(scope="module", params=RELEASES, ids=[version for version, _ in RELEASES])
def archived(request, deployed):
    """One earlier release as the rehearsed Pages workflow deployed it (built from its commit, finished by
    edition.output.versioned_site; tests/conftest.py), served under /upaya-iom/v/<version>/: (its address, its folder)."""
    version, _ = request.param
    httpd = serve_directory(deployed.served.parent)
    yield (f"http://127.0.0.1:{httpd.server_address[1]}/{deployed.served.name}/v/{version}/",
           deployed.served / "v" / version)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def tab_context(browser):
    """The context of the module's reused tab (``page``, tests/conftest.py), without the session's site: these tests
    open only the archived releases, each on a server of its own."""
    ctx = recording_context(browser, "http://127.0.0.1/")
    yield ctx
    ctx.close()


def test_archived_pages_allow_exactly_their_scripts(archived):
    """Every HTML file of the archived release (404.html too) has the policy first, allowing the site and the
    hashes of exactly its inline scripts; no inline event handler is left (1.1.0's banner had one)."""
    _, out = archived
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 27 and (out / "404.html") in pages  # 1.0.0 had 13 pages a language
    problems = [f"{path.relative_to(out)}: {problem}" for path in pages
                for problem in policy_problems(path.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("url", PAGES)
def test_archived_banner_keeps_the_section_under_the_policy(page, archived, url):
    """Opened at a section, an archived page loads with no error and nothing refused; its banner's link to the
    latest carries that section's ID, and only an ID of the page."""
    address, _ = archived
    tab = page  # the module's one tab, as a new one (tests/conftest.py): its problems and CSP violations recorded
    open_page(tab, address + url)
    section = tab.evaluate("document.querySelector('article h2[id], article figure[id]').id")
    tab.goto("about:blank")
    open_page(tab, f"{address}{url}#{section}")
    href, current = tab.evaluate(CLICK_LATEST_JS)
    assert current and tab.evaluate("(id) => document.getElementById(id) !== null", current), current
    assert href == f"{TEST_SITE_URL}{url}#{current}", href
    tab.goto("about:blank")
    open_page(tab, f"{address}{url}#no-such-section")
    href, _ = tab.evaluate(CLICK_LATEST_JS)
    assert href == TEST_SITE_URL + url, href
    errors = [problem for problem in tab.problems if problem.startswith(("page error", "console"))]
    assert not errors and not tab.csp_violations, errors + tab.csp_violations
