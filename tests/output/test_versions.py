"""Versions a citation can trust: releases under /v/<version>/, banners, canonical and robots rules,
the change log, both addresses in the cite box, error reports, and the anchor contract across versions."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit
from urllib.request import urlopen
from urllib.robotparser import RobotFileParser

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from playwright.sync_api import Error as PlaywrightError

from anchors import published_anchors, read_manifest
from browser import csp_violations, kept_offline, recording_context, requests_ended
from support import ROOT, TEST_SITE_URL, copy_project, serve_directory

from edition.citing import release
from edition.citing.changelog import Entry
from edition.citing.release import Release
from edition.inputs import languages
from edition.output import archived_record, versioned_site
from edition.output.versioned_site import plan

from bench.weight import page_loads

REPOSITORY = "https://github.com/pembaca/upaya-iom"
OLD_SENTENCE = "Globalisasi menciptakan keterkaitan dan ketergantungan antar negara"
NEW_SENTENCE = "Globalisasi menciptakan keterkaitan serta ketergantungan antar negara"
OLD_TITLE = "Memahami desain metode penelitian kualitatif"
NEW_TITLE = "Memahami desain metode penelitian kualitatif (judul dikoreksi)"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
ARCHIVED_PAGES = ["", "pendahuluan/", "daftar-pustaka/", "en/pendahuluan/"]


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    return result.stdout


def set_release(repo: Path, version: str, date: str, entries: str) -> None:
    cff = repo / "CITATION.cff"
    lines = [line for line in cff.read_text(encoding="utf-8").splitlines()
             if not line.startswith(("version:", "date-released:"))]
    cff.write_text("\n".join(lines) + f'\nversion: {version}\ndate-released: "{date}"\n', encoding="utf-8")
    (repo / "docs" / "riwayat.yml").write_text(entries, encoding="utf-8")


FIRST = """- version: 1.0.0
  date: 2026-01-15
  changes:
    - id: Rilis pertama.
      en: First release.
      links: [index.md]
"""
SECOND = """- version: 1.1.0
  date: 2026-02-20
  changes:
    - id: Satu kalimat Pendahuluan dikoreksi.
      en: One sentence of the Introduction corrected.
      links: [pendahuluan.md#pendahuluan]
    - id: Judul satu entri Daftar Pustaka dikoreksi.
      en: The title of one reference corrected.
      links: [daftar-pustaka.md]
""" + FIRST


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update the test's sentence"
    path.write_text(text.replace(old, new), encoding="utf-8")




@pytest.fixture(scope="module")
def versioned(tmp_path_factory):
    """A clone with two tagged releases differing in one sentence and one reference, built with its versions."""
    tmp = tmp_path_factory.mktemp("versions")
    repo = copy_project(tmp / "repo")
    (repo / ".gitignore").write_text(".cache/\n")
    set_release(repo, "1.0.0", "2026-01-15", FIRST)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Release 1.0.0")
    git(repo, "tag", "-a", "v1.0.0", "-m", "1.0.0")
    released = git(repo, "rev-parse", "HEAD").strip()  # recorded when the next release starts (README, Releases)
    replace_in(repo / "docs" / "pendahuluan.md", OLD_SENTENCE, NEW_SENTENCE)
    replace_in(repo / "references.bib", OLD_TITLE, NEW_TITLE)
    set_release(repo, "1.1.0", "2026-02-20", SECOND.replace("  date: 2026-01-15\n",
                                                            f"  date: 2026-01-15\n  commit: {released}\n"))
    git(repo, "commit", "-qam", "Release 1.1.0")
    git(repo, "tag", "-a", "v1.1.0", "-m", "1.1.0")
    # Each release's build starts with the caches of this tree (keyed by their inputs, so never stale), in the folder
    # of what it is built from (versioned_site.plan): the commit its entry records (1.0.0), else its tag (1.1.0).
    for ref in (released, "v1.1.0"):
        for cache in (repo / ".cache").iterdir():
            if cache.name != "versions":
                shutil.copytree(cache, versioned_site.release_cache(repo, ref) / cache.name)
    out = tmp / "site" / "upaya-iom"
    env = {**os.environ, "PYTHONPATH": str(repo / "hooks"), "REPOSITORY_URL": REPOSITORY, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BUILD_PDF", None)
    result = subprocess.run([sys.executable, "-m", "edition.output.versioned_site", "--latest", "--site-dir", str(out),
                             "--site-url", TEST_SITE_URL], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def soup(root: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((root / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article_text(root: Path, url: str) -> str:
    return " ".join(soup(root, url).select_one("article").get_text(" ").split())


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_each_release_under_its_path(versioned, version):
    """Every page of each release is published under /v/<version>/, in both languages."""
    for url in ARCHIVED_PAGES:
        assert (versioned / "v" / version / url / "index.html").is_file(), f"/v/{version}/{url} missing"


def test_old_version_keeps_its_text(versioned):
    """/v/1.0.0/ shows the sentence and the reference as released; the latest and /v/1.1.0/ the corrections."""
    assert OLD_SENTENCE in article_text(versioned, "v/1.0.0/pendahuluan/")
    assert OLD_TITLE in article_text(versioned, "v/1.0.0/daftar-pustaka/")
    for root in ("", "v/1.1.0/"):
        assert NEW_SENTENCE in article_text(versioned, root + "pendahuluan/")
        assert NEW_TITLE in article_text(versioned, root + "daftar-pustaka/")
        assert OLD_SENTENCE not in article_text(versioned, root + "pendahuluan/")


@pytest.mark.parametrize("url", ARCHIVED_PAGES, ids=lambda u: u.strip("/") or "beranda")
def test_archived_page_banner_canonical_and_noindex(versioned, url):
    """An old page names its version, links to the same page of the latest (its canonical), and says noindex."""
    page = soup(versioned, f"v/1.0.0/{url}")
    banner = page.select_one(".version-banner")
    assert banner is not None and "1.0.0" in banner.get_text() and "15" in banner.get_text()
    assert banner.select_one("a.version-latest-link")["href"] == TEST_SITE_URL + url
    assert page.find("link", rel="canonical")["href"] == TEST_SITE_URL + url
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_latest_page_is_indexed_and_names_its_version(versioned):
    """The latest page has no banner, no noindex, itself as canonical, and its version and date near the title."""
    page = soup(versioned, "pendahuluan/")
    assert page.select_one(".version-banner") is None and page.find("meta", attrs={"name": "robots"}) is None
    assert page.find("link", rel="canonical")["href"] == TEST_SITE_URL + "pendahuluan/"
    line = page.select_one(".edition-version")
    assert " ".join(line.get_text().split()).startswith("Versi 1.1.0, 20 Februari 2026")
    assert line.a["href"] == TEST_SITE_URL + "riwayat-perubahan/"
    english = " ".join(soup(versioned, "en/pendahuluan/").select_one(".edition-version").get_text().split())
    assert english.startswith("Version 1.1.0, 20 February 2026")


def test_robots_txt_keeps_crawlers_off_old_versions(versioned):
    """Python's robots.txt parser: the latest may be crawled, /v/ may not."""
    parser = RobotFileParser()
    parser.parse((versioned / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert parser.can_fetch("*", TEST_SITE_URL + "pendahuluan/")
    assert not parser.can_fetch("*", TEST_SITE_URL + "v/1.0.0/pendahuluan/")


@pytest.mark.parametrize("language", ["", "en/"], ids=["id", "en"])
def test_change_log_lists_both_releases_with_working_links(versioned, language):
    """The change log lists 1.1.0 then 1.0.0; every section link and every version link resolves."""
    url = f"{language}riwayat-perubahan/"
    page = soup(versioned, url)
    article = page.select_one("article")
    assert [h["id"] for h in article.find_all("h2")] == ["versi-1-1-0", "versi-1-0-0"]
    hrefs = [a["href"] for a in article.select("a[href]")
             if not a.get("class") and not a.find_parent(class_=["cite-box", "edition-version"])]
    assert any(h.endswith("pendahuluan/#pendahuluan") for h in hrefs), hrefs
    assert {TEST_SITE_URL + "v/1.1.0/", TEST_SITE_URL + "v/1.0.0/"} <= set(hrefs)
    for href in hrefs:
        target = urljoin(TEST_SITE_URL + url, href)
        assert target.startswith(TEST_SITE_URL), href
        path, _, fragment = target[len(TEST_SITE_URL):].partition("#")
        file = versioned / path / "index.html"
        assert file.is_file(), f"{href}: no page"
        if fragment:
            assert BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find(id=fragment), href


@pytest.mark.parametrize("root", ["", "v/1.0.0/", "v/1.1.0/"], ids=["latest", "1.0.0", "1.1.0"])
def test_cite_box_offers_this_version_and_the_latest(versioned, root):
    """The cite box gives this version's permanent address and the latest's."""
    box = soup(versioned, root + "pendahuluan/").select_one("details.cite-box")
    version = root.split("/")[1] if root else "1.1.0"
    assert {a["href"] for a in box.select(".cite-box-url a")} == {f"{TEST_SITE_URL}v/{version}/pendahuluan/",
                                                                 f"{TEST_SITE_URL}pendahuluan/"}


@pytest.mark.parametrize("root", ["", "v/1.0.0/"], ids=["latest", "1.0.0"])
def test_report_link_opens_a_prefilled_issue(versioned, root):
    """'Laporkan kesalahan' opens a new issue of the deploying repository naming the page and its version."""
    link = soup(versioned, root + "pendahuluan/").select_one("a.report-error-link")
    parts = urlsplit(link["href"])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPOSITORY + "/issues/new"
    query = parse_qs(parts.query)
    version = "1.0.0" if root else "1.1.0"
    assert TEST_SITE_URL + root + "pendahuluan/" in query["body"][0] and f"Versi: {version}" in query["body"][0]
    assert link["data-page-url"] == TEST_SITE_URL + root + "pendahuluan/"
    assert version in query["title"][0]


def test_no_report_link_without_a_repository(site):
    """A build that is not told its repository (REPOSITORY_URL) shows no report link at all."""
    assert not site.soup("pendahuluan/").select("a.report-error-link")
    assert site.soup("pendahuluan/").select_one(".edition-version") is not None


def test_old_anchors_resolve_in_the_latest(versioned):
    """Every URL#id of the old release is published by the latest."""
    published = published_anchors(versioned)  # the whole site, read once: /v/1.0.0/... are the old release's
    latest = {a for a in published if not a.startswith("/v/")}
    old = {a.removeprefix("/v/1.0.0") for a in published if a.startswith("/v/1.0.0/")}
    assert old and not sorted(old - latest)


def test_versioned_page_and_assets_answer_under_subpath(versioned):
    """/upaya-iom/v/1.0.0/pendahuluan/ and every file it loads answer 200 when served under the subpath."""
    httpd = serve_directory(versioned.parent)
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}/upaya-iom/"
        html = versioned / "v/1.0.0/pendahuluan/index.html"
        loads = page_loads(versioned, html, "/upaya-iom/")
        assert len(loads) >= 3
        for path in [html, *loads]:
            with urlopen(base + path.relative_to(versioned).as_posix().removesuffix("index.html"), timeout=10) as r:
                assert r.status == 200, path
    finally:
        httpd.shutdown()
        httpd.server_close()


# ------------------------------------------------------------------ the real repository's releases

def released_refs() -> list[tuple[str, str | None]]:
    """(version, commit) of every earlier release, read from docs/riwayat.yml itself (not through the code under
    test): the commit its entry records, which it is built from."""
    current = str(yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"])
    entries = yaml.safe_load((ROOT / "docs" / "riwayat.yml").read_text(encoding="utf-8"))
    return [(str(e["version"]), e.get("commit")) for e in entries if str(e["version"]) != current]


def test_every_earlier_release_can_be_built():
    """This repository has earlier releases, each records the commit it is built from, and its tag (where this clone
    has it) points to that commit."""
    refs = released_refs()
    assert refs, "no release before the current one in docs/riwayat.yml"
    assert all(ref for _, ref in refs), f"releases without a recorded commit: {refs}"
    tags = subprocess.run(["git", "tag", "--list", "v*"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for version, commit in refs:
        if f"v{version}" in tags:
            tagged = subprocess.run(["git", "rev-parse", f"v{version}^{{commit}}"], cwd=ROOT, capture_output=True,
                                    text=True).stdout.strip()
            assert tagged == commit, f"v{version} points to {tagged}, but docs/riwayat.yml records {commit}"


@pytest.mark.parametrize("version,tag", [pytest.param(v, ref, id=v) for v, ref in released_refs()])
def test_released_version_keeps_its_anchors_and_is_marked(site_anchors, deployed, version, tag):
    """Each earlier release of this repository, as the rehearsed Pages workflow deployed it under /v/<version>/
    (built from its recorded commit; tests/conftest.py): its anchors (and its own manifest) resolve in the latest
    build, and its pages carry the banner, noindex and the latest as canonical."""
    out = deployed.served / "v" / version
    latest = site_anchors
    internal = ("#kutip-", "#cite-box-")  # the cite box's own labels, not citable (1.0.0 named it "kutip")
    old = {a for a in published_anchors(out) if not any(p in a for p in internal)}
    assert old and not sorted(old - latest), "anchors of " + tag + " lost in the latest"
    manifest = subprocess.run(["git", "show", f"{tag}:tests/anchors.txt"], cwd=ROOT, capture_output=True, text=True)
    if manifest.returncode == 0:
        entries = [e.strip() for e in manifest.stdout.splitlines() if e.strip() and not e.startswith("#")]
        assert not sorted(set(entries) - latest), f"{tag}'s manifest lost in the latest"
        assert set(entries) <= set(read_manifest()), f"{tag}'s manifest entries dropped from tests/anchors.txt"
    for url in ARCHIVED_PAGES:
        page = soup(out, url)
        assert page.select_one(".version-banner a.version-latest-link")["href"] == TEST_SITE_URL + url
        assert page.find("link", rel="canonical")["href"] == TEST_SITE_URL + url
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        box = page.select_one("details#cite-box, details#kutip")
        assert {a["href"] for a in box.find_all("a") if a["href"].startswith("http")} >= {
            f"{TEST_SITE_URL}v/{version}/{url}", TEST_SITE_URL + url}


def test_release_plan_builds_superseded_releases_from_their_commit():
    """A superseded release is built from the commit its entry records (not from wherever its tag points); one that
    records none, or a tag without a change-log entry, stops the versioned build naming it."""
    commit = "8b1d47a2283100c656d1d69d1a70dec9c27a9b4a"
    releases = [Entry("1.1.0", dt.date(2026, 2, 1)), Entry("1.0.0", dt.date(2026, 1, 1), commit=commit, line=40)]
    current = Release("1.1.0", dt.date(2026, 2, 1))
    assert [ref for _, ref in plan(releases, current, {"1.0.0": "v1.0.0"})] == [None, commit]
    assert [ref for _, ref in plan(releases, current, {"1.1.0": "v1.1.0"})] == ["v1.1.0", commit]
    with pytest.raises(PluginError, match=r"docs/riwayat.yml:40: release 1.0.0 is superseded but records no commit"):
        plan([releases[0], replace(releases[1], commit="")], current, {"1.0.0": "v1.0.0"})
    with pytest.raises(PluginError, match="v0.9.0"):
        plan(releases, current, {"1.0.0": "v1.0.0", "0.9.0": "v0.9.0"})


def test_recorded_commit_must_be_in_the_clone_and_agree_with_its_tag():
    """A release whose recorded commit this clone lacks, or whose tag points elsewhere, stops the versioned build
    naming the entry's line."""
    first = released_refs()[-1][1]  # the first release's commit, in this repository's history
    with pytest.raises(PluginError, match=r"docs/riwayat.yml:7: release 1.0.0 records commit f{40}, which this clone "
                                          r"does not have"):
        versioned_site.check_commits(ROOT, [Entry("1.0.0", dt.date(2026, 1, 1), commit="f" * 40, line=7)], {})
    with pytest.raises(PluginError, match=r"docs/riwayat.yml:7: release 1.0.0 records commit .*, but its tag points"):
        versioned_site.check_commits(ROOT, [Entry("1.0.0", dt.date(2026, 1, 1), commit=first, line=7)],
                                     {"1.0.0": "HEAD"})
    versioned_site.check_commits(ROOT, [Entry("1.0.0", dt.date(2026, 1, 1), commit=first, line=7)], {})


def test_pages_workflow_builds_released_versions():
    """The Pages workflow fetches the tags and builds the released versions into the artifact after the latest;
    the tests' own builds are not given a repository."""

    flow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = flow["jobs"]["build"]["steps"]
    for job in ("test", "build"):  # the suite builds the releases too
        checkout = next(s for s in flow["jobs"][job]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0, job
    runs = [s.get("run", "") for s in steps]
    latest = next(i for i, r in enumerate(runs) if "edition.engine build --strict --site-dir site" in r)
    versions = next(i for i, r in enumerate(runs) if "edition.output.versioned_site --site-dir site" in r)
    upload = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert latest < versions < upload and steps[versions]["env"]["PYTHONPATH"] == "hooks"
    assert steps[latest]["env"]["WITH_VERSIONS"] == "1", "the latest's pages would not link to the released versions"
    assert "github.repository" in steps[versions]["env"]["REPOSITORY_URL"]
    tests = flow["jobs"]["test"]
    assert "REPOSITORY_URL" not in flow["env"] and "REPOSITORY_URL" not in (tests.get("env") or {})
    assert "REPOSITORY_URL" not in (next(s for s in tests["steps"] if "pytest" in s.get("run", "")).get("env") or {})


def test_archived_releases_have_no_worker_of_their_own(versioned):
    """The latest offers offline reading (its worker at the root, the box on its pages); an archived release, even
    one built from this very code (1.1.0), writes no worker and no manifest, and its pages offer none."""
    assert (versioned / "service-worker.js").is_file() and (versioned / "assets" / "offline-id.json").is_file()
    assert soup(versioned, "pendahuluan/").select_one("#offline-box") is not None
    for version in ("1.0.0", "1.1.0"):
        assert not (versioned / "v" / version / "service-worker.js").exists()
        assert not list((versioned / "v" / version).rglob("offline-*.json"))
        for url in ARCHIVED_PAGES:
            assert soup(versioned, f"v/{version}/{url}").select_one("#offline-box") is None, f"v/{version}/{url}"


def test_archived_and_latest_never_answer_for_each_other(browser, versioned):
    """In Chromium, under the latest's service worker: an archived page opened online comes from the network and is
    never kept; offline, no archived page is answered from the latest's caches (the browser's own error), while the
    latest's page opened before still is, with the latest's text."""
    httpd = serve_directory(versioned.parent)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/upaya-iom/"
    context = recording_context(browser, base, service_workers="allow")
    try:
        tab = context.new_page()
        tab.goto(base + "pendahuluan/", wait_until="load")
        tab.locator("#offline-box").wait_for(state="visible")
        tab.wait_for_function("() => navigator.serviceWorker.controller !== null")
        kept_offline(tab, base + "pendahuluan/")
        for version in ("1.0.0", "1.1.0"):
            response = tab.goto(f"{base}v/{version}/pendahuluan/", wait_until="load")
            assert not response.from_service_worker, f"v/{version}/pendahuluan/ answered by the latest's worker"
            assert tab.locator(".version-banner").count() == 1 and tab.locator("#offline-box").count() == 0
            requests_ended(tab)
        keys = tab.evaluate("""async () => { const found = [];
            for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) found.push(r.url);
            return found; }""")
        assert keys and not [key for key in keys if "/v/" in key], keys
        context.set_offline(True)
        for version in ("1.0.0", "1.1.0"):  # each in a tab of its own: the browser's error page stays there
            archived = context.new_page()
            try:
                response = archived.goto(f"{base}v/{version}/pendahuluan/", wait_until="load")
            except PlaywrightError as error:  # no worker answered, and the network is gone
                assert "ERR_INTERNET_DISCONNECTED" in str(error), error
            else:  # the browser's own HTTP cache answered (the worker did not): the archived page itself
                assert not response.from_service_worker and archived.locator(".version-banner").count() == 1
        tab = context.new_page()
        response = tab.goto(base + "pendahuluan/", wait_until="load")
        assert response.from_service_worker
        text = tab.locator("article").inner_text()
        assert NEW_SENTENCE in text and tab.locator(".version-banner").count() == 0
        context.set_offline(False)
        assert not csp_violations(context), csp_violations(context)
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()


def test_report_link_names_the_selected_section_and_quotes_it(browser, versioned):
    """In Chromium: select a paragraph, press 'Laporkan kesalahan': the issue names that section and quotes it."""
    httpd = serve_directory(versioned.parent)
    context = browser.new_context()
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.route("https://github.com/**", lambda route: route.abort())  # never leave the machine
        tab.goto(f"http://127.0.0.1:{httpd.server_address[1]}/upaya-iom/hasil-dan-pembahasan/", wait_until="load")
        section, text = tab.evaluate("""() => {
            const heading = document.querySelector('article h2[id]');
            let p = heading.nextElementSibling;
            while (p.tagName !== 'P') { p = p.nextElementSibling; }
            const range = document.createRange();
            range.selectNodeContents(p);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            addEventListener('click', e => e.preventDefault());  // after the page's own handler: no new tab
            return [heading.id, getSelection().toString().replace(/\\s+/g, ' ').trim()];
        }""")
        tab.click(".report-error-link")
        query = parse_qs(urlsplit(tab.get_attribute(".report-error-link", "href")).query)
        section_url = f"{TEST_SITE_URL}hasil-dan-pembahasan/#{section}"
        assert section_url in query["title"][0] and section_url in query["body"][0]
        assert "> " + text[:60] in query["body"][0] and "Versi: 1.1.0" in query["body"][0]
        assert not errors, errors
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()


# An archived page whose markup another template engine could have written: attributes in another order, other
# quotes, classes in another order (1.0.0 and 1.1.0 are this tree's own; a later release may not be).
ODD_PAGE = """<!doctype html>
<html lang="id"><head>
<meta charset=utf-8>
<title>Pendahuluan - Situs lama</title>
<link href="https://lama.example/pendahuluan/" rel='canonical'>
    <meta content="Judul lama" name="citation_title">
    <meta name="citation_reference" content="citation_title=Rujukan yang dikutip">
    <meta content='Pendahuluan \u2014 Judul lama' property=og:title>
</head><body>
<article class="md-typeset md-content__inner">
<h1 id="pendahuluan">Pendahuluan<a class="headerlink" href="#pendahuluan">&para;</a></h1>
<p>Dirilis <time datetime='2026-01-15'>15 Januari 2026</time>.</p>
<details class="cite-box" id="cite-box"><summary>Kutip bagian ini</summary>
<p class="cite-box-apa" data-format=apa>kutipan lama</p>
<script type="application/json" id="cite-box-data">{"pendahuluan": {"url": "URL"}}</script>
</details>
</article>
</body></html>
"""


def test_archived_page_is_completed_whatever_its_markup_looks_like():
    """An archived page is given today's record, the latest as canonical, noindex, the banner and the cite box's
    addresses by its elements and attributes (edition.output.page_source), whatever their order or quoting: the
    stale tags go, the page's references stay, and nothing else of the page changes."""
    edition_languages, strings = languages.read_project(ROOT)
    root = release.version_root(TEST_SITE_URL, "1.0.0")
    record = archived_record.work_records(ROOT, root, edition_languages, strings)["id"]
    entry = Entry("1.0.0", dt.date(2026, 1, 15))
    page = ODD_PAGE.replace("URL", root + "pendahuluan/")
    finished = versioned_site.finish_page(page, "pendahuluan/", entry, TEST_SITE_URL, "", strings["id"],
                                          versioned_site.partials(ROOT), record, edition_languages)
    soup = BeautifulSoup(finished, "html.parser")
    assert [m["content"] for m in soup.find_all("meta", attrs={"name": "citation_title"})] == [record.title]
    assert [m["content"] for m in soup.find_all("meta", attrs={"property": "og:title"})] == [
        f"Pendahuluan \u2014 {record.title}"]
    assert soup.find("meta", attrs={"name": "citation_reference"})["content"] == "citation_title=Rujukan yang dikutip"
    assert [link["href"] for link in soup.find_all("link", rel="canonical")] == [TEST_SITE_URL + "pendahuluan/"]
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("time") is None and "15 Januari 2026" in soup.article.get_text()
    assert soup.select_one("article > .version-banner a.version-latest-link") is not None
    assert soup.select_one("details#cite-box .cite-box-versions") is not None
    data = json.loads(soup.find("script", id="cite-box-data").string)
    assert data["pendahuluan"]["bibtex"].startswith("@article{") and "kutipan lama" not in finished
    assert soup.select_one("p.cite-box-apa").get_text().startswith("Saragih, E., & Alfajri. (t.t.).")
    kept = [line for line in page.splitlines() if "Pendahuluan<a" in line or line.startswith("<p>Dirilis")]
    assert kept and kept[0] in finished, "the page's own markup changed"
