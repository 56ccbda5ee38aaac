"""Shared fixtures: the site is built once per test session, strictly, under a subpath; it is served
on loopback for the browser tests. Constants and helpers live in support.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import (ARTIFACTS, csp_violations, executable, launch, record_problems, recording_context,
                     sync_playwright, unavailable)
from support import ROOT, TEST_SITE_URL, BuiltSite, build_site, serve_directory


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The project built once for the session, strictly, as GitHub Pages serves it (under /upaya-iom/)."""
    out = tmp_path_factory.mktemp("site") / "upaya-iom"
    result = build_site(ROOT, out)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{log}")
    return BuiltSite(root=out, returncode=result.returncode, log=log, site_url=TEST_SITE_URL)


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory) -> Path:
    """The one build with BUILD_PDF=1 in the session (it prints both languages' PDFs): the site's folder."""
    if executable() is None:
        unavailable("no Chromium to print the PDF")
    out = tmp_path_factory.mktemp("pdf-site") / "upaya-iom"
    result = build_site(ROOT, out, extra_env={"BUILD_PDF": "1"})
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict with BUILD_PDF=1 failed:\n{result.stdout}{result.stderr}")
    return out


@pytest.fixture(scope="session")
def served(site):
    """The built site served on 127.0.0.1 (ephemeral port) under /<repository>/, as GitHub Pages serves it."""
    httpd = serve_directory(site.root.parent)
    yield f"http://127.0.0.1:{httpd.server_address[1]}{site.base_path}"
    httpd.shutdown()
    httpd.server_close()


# ---------------------------------------------------------------- browser tests

@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (see tests/browser.py)."""
    if sync_playwright is None:
        unavailable("the playwright package is not installed (uv sync)")
    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()


@pytest.fixture
def context(browser, served):
    """A fresh browser context (desktop size) with clipboard permissions; every page opened in it records its
    problems (tests/browser.py), and a Content-Security-Policy violation in any of them fails the test."""
    ctx = recording_context(browser, served)
    yield ctx
    violations = csp_violations(ctx)
    ctx.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(context):
    """A page that records console errors, page errors, failed and third-party requests, CSP violations."""
    yield record_problems(context.new_page())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach a screenshot of the browser page to every failing browser test."""
    outcome = yield
    report = outcome.get_result()
    tab = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and tab is not None:
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)[-150:] + ".png"
        try:
            tab.screenshot(path=str(folder / name), full_page=False)
            report.sections.append(("screenshot", str(folder / name)))
        except Exception as exc:  # noqa: BLE001 - the page may be gone
            report.sections.append(("screenshot", f"none: {exc}"))
