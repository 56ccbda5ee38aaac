"""Shared fixtures: the site is built once per test session (all workers), strictly, under a subpath; it is served
on loopback for the browser tests; the Pages workflow's deployment is rehearsed once per session (all workers).
Constants and helpers live in support.py."""

from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser import (ARTIFACTS, csp_violations, executable, launch, recording_context, release_tab, reused_tab,
                     sync_playwright, unavailable)
from anchors import published_anchors
from support import ROOT, TEST_SITE_URL, BuiltSite, build_site, serve_directory


def session_folder(tmp_path_factory) -> Path:
    """The folder every worker of the test session shares (above each pytest-xdist worker's own)."""
    shared = tmp_path_factory.getbasetemp()
    return shared.parent if os.environ.get("PYTEST_XDIST_WORKER") else shared


def made_once(tmp_path_factory, name: str, make) -> tuple[Path, dict]:
    """``make(folder)`` run once for the whole session, by the first worker that asks (the others wait for it under
    a file lock, then read what it made): (the folder, the JSON-able result ``make`` returned)."""
    shared = session_folder(tmp_path_factory)
    folder, result_file = shared / name, shared / f"{name}.result.json"
    with open(shared / f"{name}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result_file.is_file():
            result_file.write_text(json.dumps(make(folder)), encoding="utf-8")
    return folder, json.loads(result_file.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The project built once for the session (all workers share it: tests only read it), strictly, as GitHub
    Pages serves it (under /upaya-iom/)."""
    def build(folder: Path) -> dict:
        folder.mkdir(parents=True, exist_ok=True)
        result = build_site(ROOT, folder / "upaya-iom")
        return {"returncode": result.returncode, "log": result.stdout + result.stderr}

    folder, built = made_once(tmp_path_factory, "site", build)
    if built["returncode"] != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{built['log']}")
    return BuiltSite(root=folder / "upaya-iom", returncode=built["returncode"], log=built["log"],
                     site_url=TEST_SITE_URL)


@pytest.fixture(scope="session")
def site_anchors(site) -> set[str]:
    """Every URL#id the session's build publishes (tests/anchors.py), its pages read once per worker."""
    return published_anchors(site.root)


@dataclass
class Rehearsed:
    """What the rehearsal of the Pages workflow deployed: the folder Pages would serve at TEST_SITE_URL, the
    runner's summary (rehearsal.json) and its log."""

    served: Path
    summary: dict
    log: str


@pytest.fixture(scope="session")
def deployed(tmp_path_factory) -> Rehearsed:
    """The Pages workflow's build and deploy jobs, rehearsed once per test session and shared by the workers
    (.ci/rehearse.py; its test job is this suite, so not run): each step as the workflow writes it, on a clone of
    this repository with the working tree's uncommitted changes (none on CI), offline, sharing the build caches.
    It deploys the latest (BUILD_PDF=1, WITH_VERSIONS=1, REPOSITORY_URL of pembaca/upaya-iom) with both PDFs and
    every release under v/<version>/, judged by the output contract, as Pages serves it at TEST_SITE_URL."""
    if executable() is None:
        unavailable("no Chromium to print the PDF")
    log_file = session_folder(tmp_path_factory) / "rehearsal.log"

    def rehearse(folder: Path) -> dict:
        run = subprocess.run([sys.executable, str(ROOT / ".ci" / "rehearse.py"), "--skip-job", "test",
                              "--offline", "--uncommitted", "--share-caches", str(ROOT), "--browser",
                              executable(), "--workdir", str(folder)],
                             capture_output=True, text=True, timeout=1500)
        log_file.write_text(run.stdout + run.stderr, encoding="utf-8")
        return {"returncode": run.returncode}

    folder, rehearsed = made_once(tmp_path_factory, "rehearsal", rehearse)
    log = log_file.read_text(encoding="utf-8")
    if rehearsed["returncode"] != 0:
        pytest.fail(f"the rehearsal of .github/workflows/pages.yml failed ({log_file}):\n{log[-8000:]}")
    summary = json.loads((folder / "rehearsal.json").read_text(encoding="utf-8"))
    return Rehearsed(served=Path(summary["served"]), summary=summary, log=log)


@pytest.fixture(scope="session")
def pdf_site(deployed) -> Path:
    """The site the rehearsed Pages workflow deployed (its build prints both languages' PDFs): its folder."""
    return deployed.served


@pytest.fixture(scope="session")
def served(site):
    """The built site served on 127.0.0.1 (ephemeral port) under /<repository>/, as GitHub Pages serves it."""
    httpd = serve_directory(site.root.parent)
    yield f"http://127.0.0.1:{httpd.server_address[1]}{site.base_path}"
    httpd.shutdown()
    httpd.server_close()


# ---------------------------------------------------------------- scheduling

# pytest-xdist hands each worker whole test files (--dist loadfile), in the order collected (--no-loadscope-reorder:
# its default order is by number of tests, which started the six long offline tests last, alone on one core for
# 30 s). The files that take longest go first, so that the short ones fill in at the end; the order, longest first,
# comes from `uv run python -m bench.suite_time`, which measures each file's time.
LONGEST_FIRST = (
    "browser/test_hostile_input.py",
    "browser/test_browser.py",
    "output/test_versions.py",
    "browser/test_dark_mode_axe.py",
    "browser/test_offline.py",
    "output/test_epub.py",
    "browser/test_reading_layout.py",
    "browser/test_passages.py",
)


def pytest_configure(config):
    """Every file named in LONGEST_FIRST exists (a renamed file must be renamed there too)."""
    missing = [name for name in LONGEST_FIRST if not (ROOT / "tests" / name).is_file()]
    if missing:
        raise pytest.UsageError(f"tests/conftest.py LONGEST_FIRST names no file: {', '.join(missing)}")


def pytest_collection_modifyitems(items):
    """The longest test files first (LONGEST_FIRST), the others after them in the order collected."""
    rank = {f"tests/{name}": number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


# ---------------------------------------------------------------- browser tests

@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright's driver, started once per worker."""
    if sync_playwright is None:
        unavailable("the playwright package is not installed (uv sync)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """One headless Chromium for the session: its headless shell where installed (see tests/browser.py)."""
    instance = launch(playwright_driver)
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def full_browser(playwright_driver):
    """The full Chromium, for what its headless shell does not do as a reader's browser does (the offline tests:
    only the full browser asks for a page's icon)."""
    instance = launch(playwright_driver, full=True)
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


@pytest.fixture(scope="module")
def tab_context(browser, served):
    """The browser context of a test module's reused tab (``page``)."""
    ctx = recording_context(browser, served)
    yield ctx
    ctx.close()


@pytest.fixture
def page(request, tab_context):
    """The module's one browser tab, reset before each test to what a new tab is (``browser.fresh_start``): it records
    console errors, page errors, failed and third-party requests and CSP violations, and a CSP violation fails the
    test. Closed after a failing test, so that nothing a failure left reaches the next one."""
    tab = reused_tab(tab_context)
    yield tab
    violations = list(tab.csp_violations)
    release_tab(tab, request.node)
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach a screenshot of the browser page to every failing browser test."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)  # a reused tab is closed after a failure (browser.release_tab)
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
