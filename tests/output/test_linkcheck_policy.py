"""The external checker's own tests, offline, against a loopback fixture server."""

from __future__ import annotations

import json
import time

import pytest

from fixture_server import FixtureServer
from linkcheck import Policy, check_external, write_reports

FAST = dict(timeout=1, retries=2, backoff=0.2, retry_after_cap=8, host_concurrency=4, host_interval=0.01)

EXPECTED = {
    "/ok": "ok",
    "/ok#ada": "ok",
    "/moved": "redirected",
    "/forbidden": "broken",
    "/missing": "broken",
    "/gone": "broken",
    "/error": "server-error",
    "/flaky": "ok",
    "/busy": "ok",
    "/busy-long": "rate-limited",
    "/loop-a": "redirect-loop",
    "/slow": "timeout",
    "/ok#nothere": "fragment-missing",
    "/soft-404": "soft-404",
    "/to-home": "soft-404",
}


@pytest.fixture(scope="module")
def checked():
    """Every fixture path checked once, in one run; results and request counts."""
    with FixtureServer() as server:
        links = {server.url(path): ["/halaman/"] for path in EXPECTED}
        started = time.monotonic()
        results = check_external(links, Policy(**FAST))
        elapsed = time.monotonic() - started
        hits = dict(server.hits)
    by_path = {r.url.split(":", 2)[2].split("/", 1)[1]: r for r in results}
    return {"/" + k: v for k, v in by_path.items()}, hits, elapsed


@pytest.mark.parametrize("path", list(EXPECTED))
def test_verdict(checked, path):
    """Each fixture response gets its verdict."""
    results, _, _ = checked
    result = results[path]
    assert result.verdict == EXPECTED[path], f"{path}: {result}"
    assert result.pages == ["/halaman/"]


def test_whole_run_is_bounded(checked):
    """The run ends within the cap plus a margin, even with a one-hour Retry-After."""
    _, _, elapsed = checked
    assert elapsed < FAST["retry_after_cap"] + 10


def test_timeouts_are_retried(checked):
    """A response slower than the timeout is tried 1 + retries times."""
    _, hits, _ = checked
    assert hits["/slow"] == 1 + FAST["retries"]


def test_server_errors_are_retried_with_backoff(checked):
    """A 500 is retried, then reported; a 503 that recovers passes on the retry."""
    results, hits, _ = checked
    assert hits["/error"] == 1 + FAST["retries"] and results["/error"].attempts == 3
    assert results["/flaky"].attempts == 2 and hits["/flaky"] == 3  # 503, 200, then the soft-404 look


def test_429_retry_after_is_honoured(checked):
    """A 429 with Retry-After: 1 is retried after the wait and passes."""
    results, hits, _ = checked
    assert hits["/busy"] == 3  # 429, 200, then the soft-404 look
    assert results["/busy-long"].status == "429?" and "cap" in results["/busy-long"].reason


def test_redirect_loop_is_bounded(checked):
    """A redirect loop stops after the redirect limit."""
    _, hits, _ = checked
    assert hits["/loop-a"] + hits["/loop-b"] <= Policy().max_redirects + 2


def test_redirect_reports_final_url(checked):
    """A 301 to a live page reports the final URL."""
    results, _, _ = checked
    assert results["/moved"].final_url.endswith("/ok") and results["/moved"].status == "200"


def test_403_from_a_listed_host_is_unverified_not_passed():
    """A 403 from a host on the committed list is 'unverified' with its reason; a 404 there stays broken."""
    with FixtureServer() as server:
        links = {server.url("/forbidden"): ["/a/"], server.url("/missing"): ["/b/"]}
        policy = Policy(**FAST, unverified_hosts={"127.0.0.1": "refuses robots (test)"})
        results = {r.url.rsplit("/", 1)[1]: r for r in check_external(links, policy)}
    assert results["forbidden"].verdict == "unverified" and results["forbidden"].reason == "refuses robots (test)"
    assert results["missing"].verdict == "broken"


def test_cache_reuses_fresh_results_and_expires(tmp_path):
    """A second run within the maximum age sends no request; after it, the URL is checked again."""
    cache = tmp_path / "cache.json"
    with FixtureServer() as server:
        links = {server.url("/ok"): ["/a/"]}
        check_external(links, Policy(**FAST, cache_path=cache))
        first = server.hits["/ok"]
        check_external(links, Policy(**FAST, cache_path=cache))
        assert server.hits["/ok"] == first
        check_external(links, Policy(**{**FAST, "retries": 0}, cache_path=cache, max_age=0))
        assert server.hits["/ok"] > first
    assert json.loads(cache.read_text())[server.url("/ok")]["verdict"] == "ok"


def test_reports_list_every_field(checked, tmp_path):
    """The JSON and Markdown reports carry URL, pages, status, final URL and verdict."""
    results, _, _ = checked
    json_path, md_path = write_reports(list(results.values()), tmp_path)
    rows = json.loads(json_path.read_text())
    assert len(rows) == len(EXPECTED)
    assert {"url", "pages", "status", "final_url", "verdict", "reason"} <= set(rows[0])
    markdown = md_path.read_text()
    assert "| URL | halaman | status | URL akhir | vonis | alasan |" in markdown
    assert "**soft-404**" in markdown and "**ok**" in markdown
