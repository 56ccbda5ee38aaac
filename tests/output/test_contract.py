"""The output contract (tests/contract.py) holds for the session's build, and fails, naming each, on a copy of it with
one citation left raw, one anchor dropped and one language's search index missing: it judges a build by its files,
never by an exit status."""

from __future__ import annotations

import re
import shutil

from bs4 import BeautifulSoup

from anchors import read_manifest
from contract import check, main, tree_differences
from support import ROOT, TEST_SITE_URL

RAW_PAGE = "pendahuluan/"
ANCHOR_PAGE = "/pendahuluan/"


def test_session_build_holds_the_contract(site):
    """The session's strict build (MkDocs 1.6.1, mkdocs-bibtex) breaks none of the contract's promises."""
    problems = check(site.root, ROOT, TEST_SITE_URL)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def plant_faults(root) -> tuple[str, str]:
    """In a copy of a site: the first citation of RAW_PAGE back to its source text, the first <h2> ID of
    ANCHOR_PAGE in the manifest removed, the English search index deleted. Returns (the key, the anchor)."""
    page = root / RAW_PAGE / "index.html"
    html = page.read_text(encoding="utf-8")
    rendered = re.search(r'<a class="footnote-ref citation"[^>]*data-key="([^"]+)">[^<]*</a>'
                         r'<sup id="fnref:\1"><a class="footnote-ref" href="#fn:\1">\d+</a></sup>', html)
    assert rendered, f"{RAW_PAGE}: no rendered citation to plant the fault in (has its markup changed?)"
    key = rendered.group(1)
    page.write_text(html.replace(rendered.group(0), f"[@{key}]", 1), encoding="utf-8")
    page = root / ANCHOR_PAGE.strip("/") / "index.html"
    html = page.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    anchor = next(entry for entry in read_manifest() if entry.startswith(ANCHOR_PAGE + "#")
                  and soup.find("h2", id=entry.partition("#")[2]) is not None)
    ident = anchor.partition("#")[2]
    page.write_text(html.replace(f'<h2 id="{ident}"', "<h2", 1), encoding="utf-8")
    (root / "en" / "search" / "search_index.json").unlink()
    return key, anchor


def test_contract_names_each_planted_fault(site, tmp_path, capsys):
    """A copy of the build with a citation left raw, an anchor dropped and the English search index deleted: the
    contract's command exits 1 and names each fault (the raw citation also as one rendered citation too few)."""
    copy = tmp_path / "upaya-iom"
    shutil.copytree(site.root, copy)
    key, anchor = plant_faults(copy)
    assert main([str(copy), "--site-url", TEST_SITE_URL]) == 1
    problems = capsys.readouterr().out.splitlines()[:-1]
    raw = [p for p in problems if p.startswith(f"raw: {RAW_PAGE}index.html:") and f"[@{key}]" in p]
    assert len(raw) == 1, problems
    expected = {raw[0], f"anchors: {anchor} lost",
                "search: en: no search index (en/search/search_index.json)"}
    counted = [p for p in problems if p.startswith(f"citations: {RAW_PAGE}: ") and "rendered citations" in p]
    assert len(counted) == 1 and set(problems) == expected | set(counted), "\n".join(problems)


def test_diff_ignores_only_the_generator_tag(tmp_path):
    """Two builds that differ in their generator tag only are the same; one more byte anywhere is a difference."""
    first, second = tmp_path / "a", tmp_path / "b"
    for root, generator in ((first, "mkdocs-1.6.1"), (second, "mkdocs-ProperDocs 1.6.7")):
        (root / "p").mkdir(parents=True)
        (root / "p" / "index.html").write_text(f'<meta name="generator" content="{generator}">\n<p>x</p>\n')
        (root / "robots.txt").write_text("User-agent: *\n")
    assert tree_differences(first, second) == []
    assert tree_differences(first, second, normalise=False) != []
    (second / "robots.txt").write_text("User-agent: * \n")
    (second / "extra.txt").write_text("")
    assert [line.split(":")[1].strip() for line in tree_differences(first, second)] == [f"only in {second}", "robots.txt"]
