"""Live check of every external URL of the site (opt-in: ``uv run pytest -m live``).

Writes ``linkcheck.json`` and ``linkcheck.md`` to $LINKCHECK_REPORT_DIR (default
tests/artifacts/linkcheck/) and keeps a result cache at $LINKCHECK_CACHE (default
.cache/linkcheck.json), reused for three days.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import ROOT
from linkcheck import FAILING, Policy, check_external, external_links, load_unverified_hosts, write_reports

pytestmark = pytest.mark.live


def test_external_links_are_alive(site):
    """No external URL is broken, a soft 404, missing its fragment, looping, erroring, unreachable or timing out."""
    links = external_links(site.root, urlsplit(site.site_url).hostname)
    assert len(links) >= 10, f"only {len(links)} external links found"
    policy = Policy(
        cache_path=Path(os.environ.get("LINKCHECK_CACHE", ROOT / ".cache" / "linkcheck.json")),
        unverified_hosts=load_unverified_hosts(),
    )
    results = check_external(links, policy)
    report_dir = Path(os.environ.get("LINKCHECK_REPORT_DIR", ROOT / "tests" / "artifacts" / "linkcheck"))
    json_path, md_path = write_reports(results, report_dir)
    bad = [f"{r.url} (used on {', '.join(r.pages)}): {r.verdict} {r.status} {r.reason}".rstrip()
           for r in results if r.verdict in FAILING]
    assert not bad, f"{len(bad)} of {len(results)} external links fail (report: {md_path}):\n" + "\n".join(bad)
