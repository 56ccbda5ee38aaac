"""Reading with the network gone, in Chromium, both languages: the service worker
(docs/assets/worker/service-worker.js) and the box "Simpan untuk dibaca offline" (docs/assets/scripts/offline.js,
docs/assets/offline-reading.js).

The site is served from a folder the tests can swap (a new release), recording every request that reaches the
server: while a context is offline (``context.set_offline``, which Chromium applies to the worker's own requests
too), none may. The contexts here allow service workers (the other browser tests block them). Waiting is for
states (the worker controls the page, an address is kept, a status is shown), never for time. Archived releases
and the latest never crossing: tests/output/test_versions.py, on a real build of two releases.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.weight import page_loads, page_weights
from browser import axe_violations, csp_violations, kept_offline, recording_context, requests_ended
from support import ROOT, TEST_SITE_URL, build_site, copy_project

from edition.inputs import languages

STRINGS = languages.read_project(ROOT)[1]
LANGUAGES = {"id": "", "en": "en/"}
SEARCH = {"id": "perdagangan", "en": "trafficking"}
WIDE = {"width": 1700, "height": 1000}  # wide enough for the margin notes: the heaviest first visit (bench/weight.py)
SENTENCE = {"id": "Globalisasi menciptakan keterkaitan dan ketergantungan antar negara",
            "en": "Globalisation creates interconnection and interdependence between states"}
CHANGED = {"id": "Globalisasi menciptakan keterkaitan serta ketergantungan antar negara",
           "en": "Globalisation creates interconnection as well as interdependence between states"}
NEXT_VERSION = "1.3.0"
ICON = "/assets/favicon.svg"  # every page's <link rel=icon>
ICON_POLLS, ICON_POLL_MS = 600, 25  # how often, and how far apart, settle looks again for the icon's answer

# Resolves to the cache names once ``done(names)`` holds of them (rejected after ``timeout``).
CACHES_JS = """async ({done, timeout}) => {
  const test = new Function("names", `return (${done})(names);`);
  const until = Date.now() + timeout;
  for (;;) {
    const names = await caches.keys();
    if (test(names)) return names;
    if (Date.now() > until) throw new Error(`caches still ${JSON.stringify(names)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}"""
# Resolves once every file the page loaded (below the site, not an archived release's) is kept in a cache; but
# the icon, which the browser fetches itself after the page has told the worker what it loaded (a later page
# keeps it).
ALL_KEPT_JS = """async ({root, timeout}) => {
  const icon = document.querySelector("link[rel=icon]").href;
  const urls = [location.href.split("#")[0], ...performance.getEntriesByType("resource").map((e) => e.name)]
    .filter((url) => url.startsWith(root) && !url.startsWith(root + "v/") && url !== icon);
  const until = Date.now() + timeout;
  for (;;) {
    const kept = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) kept.push(r.url);
    const missing = urls.filter((url) => !kept.includes(url));
    if (!missing.length) return urls;
    if (Date.now() > until) throw new Error(`not kept: ${missing}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}"""
# A ``done`` for CACHES_JS: the edition's caches (of the site's scope) are exactly those of a JSON list, sorted.
OWN_CACHES_ARE = """(names) => JSON.stringify(names.filter((n) => n.startsWith("edition:/upaya-iom/:")).sort()) === {0}"""
CACHE_BYTES_JS = """async (name) => {
  const cache = await caches.open(name);
  let bytes = 0;
  for (const request of await cache.keys()) bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
  return bytes;
}"""


class Site(ThreadingHTTPServer):
    """A static server of ``root`` (which a test may swap), recording the path of every request it answers."""

    daemon_threads = True

    def __init__(self, root):
        self.root, self.hits = root, []
        super().__init__(("127.0.0.1", 0), Handler)

    def handle_error(self, request, client_address):
        pass  # a browser that cancels a request breaks the pipe: not the site's failure


class Handler(SimpleHTTPRequestHandler):
    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.root))

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.hits.append(self.path.split("?")[0])
        super().do_GET()


@pytest.fixture(scope="module")
def server(site):
    httpd = Site(site.root.parent)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}{site.base_path}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def new_tab(context):
    """A new page of ``context`` counting its icon requests from the start (``count_icon_requests``)."""
    tab = context.new_page()
    count_icon_requests(tab)
    return tab


def count_icon_requests(tab) -> None:
    """Count, on ``tab``, the loads of its documents and the browser's requests for their icon, asked and answered:
    the browser asks for a page's icon after the page has loaded, and a navigation before the answer would abort it,
    which the recorder counts (``settle`` waits for it)."""
    tab.icons = {"loads": 0, "asked": 0, "answered": 0}

    def count(key, request=None):
        if request is None or request.url.endswith(ICON):
            tab.icons[key] += 1

    tab.on("load", lambda _: count("loads"))
    tab.on("request", lambda request: count("asked", request))
    tab.on("requestfinished", lambda request: count("answered", request))
    tab.on("requestfailed", lambda request: count("answered", request))


@pytest.fixture
def context(full_browser, server):
    """A context of the full browser (its headless shell asks for no icon) that allows service workers; a
    Content-Security-Policy violation in any of its pages fails."""
    ctx = recording_context(full_browser, server.url, service_workers="allow")
    yield ctx
    violations = csp_violations(ctx)
    ctx.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def heading(site, url: str) -> str:
    """The page's title as the site writes it (its first heading, without the permalink)."""
    return " ".join(site.soup(url).select_one("article h1").get_text().replace("\u00b6", "").split())


def shown_heading(tab) -> str:
    return " ".join(tab.locator("article h1").first.inner_text().replace("\u00b6", "").split())


def settle(tab) -> None:
    """Wait until the page has done what it starts on its own (a navigation before that would abort it, which the
    recorder counts): the box shown once the worker is registered, and on a page the worker controlled from the
    start, offline-reading.js loaded and the box's state shown (data-saved); every request it started ended; the browser's request
    for its icon answered. (The offline page has no box.)"""
    if tab.locator("#offline-box").count():
        tab.locator("#offline-box").wait_for(state="visible")
    if tab.locator("script[src$='offline-reading.js']").count():  # the box says whether the language is saved
        tab.wait_for_function("() => document.getElementById('offline-box').hasAttribute('data-saved')"
                              " && !document.querySelector('#offline-box .offline-save').disabled")
    requests_ended(tab)
    icons = tab.icons  # and the icon of every document loaded so far, asked for and answered
    for _ in range(ICON_POLLS):
        if icons["answered"] == icons["asked"] >= icons["loads"]:
            return
        tab.wait_for_timeout(ICON_POLL_MS)  # lets Playwright deliver the browser's events
    raise AssertionError(f"{tab.url}: the browser's requests for the page's icon not answered: {icons}")


def visit(tab, server, url: str) -> None:
    """Open ``url`` online until the worker controls the page and keeps it."""
    response = tab.goto(server.url + url, wait_until="load")
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    tab.locator("#offline-box").wait_for(state="visible")
    tab.wait_for_function("() => navigator.serviceWorker.controller !== null")
    kept_offline(tab, server.url + url)
    settle(tab)


def reached_offline(server, since: int) -> list[str]:
    """What reached the server after ``since`` (while the context was offline), but the browser's own check for a
    new version of the worker on each navigation (not the page's nor the worker's request: Playwright's offline
    emulation does not apply to it, a real lost connection does)."""
    return [hit for hit in server.hits[since:] if hit != "/upaya-iom/service-worker.js"]


def offline_goto(tab, server, url: str) -> None:
    tab.goto(server.url + url, wait_until="load")
    settle(tab)


def saved_status(language: str) -> str:
    """The start of the status once the article is saved (strings.yml, offline_saved)."""
    return STRINGS[language]["script"]["offline_saved"].split("{count}")[0]


def save(tab, language: str) -> tuple[int, str]:
    """Press "save" and wait for the status saying what it stored: (files, size as shown)."""
    tab.locator("#offline-box .offline-save").click()
    status = tab.locator("#offline-box .offline-status")
    tab.wait_for_function("(start) => document.querySelector('#offline-box .offline-status').textContent"
                          ".startsWith(start)", arg=saved_status(language), timeout=30_000)
    text = status.inner_text()
    count = re.search(r"(\d+)", text[len(saved_status(language)):])
    return int(count.group(1)), text


@pytest.mark.parametrize("language", LANGUAGES)
def test_opened_pages_read_offline_and_others_show_the_offline_page(site, server, context, language):
    """Two pages opened online read offline (opened, reloaded, and by a link from one to the other), and opening them
    saved nothing (no saved-<language> cache, though the box looked whether the language is saved); a page neither
    opened nor saved shows the offline page in the reader's language, listing what can be read; nothing reaches
    the network; no console error; axe finds nothing on the offline page."""
    prefix = LANGUAGES[language]
    first, second, unopened = prefix + "pendahuluan/", prefix + "metode-penelitian/", prefix + "simpulan/"
    tab = new_tab(context)
    visit(tab, server, first)
    visit(tab, server, second)  # under the worker: the box shows whether the language is saved
    names = tab.evaluate("() => caches.keys()")
    assert not [name for name in names if ":saved-" in name], f"nothing was saved, yet: {names}"
    reached = len(server.hits)
    context.set_offline(True)
    offline_goto(tab, server, first)
    assert shown_heading(tab) == heading(site, first)
    tab.reload(wait_until="load")
    settle(tab)
    assert shown_heading(tab) == heading(site, first)
    tab.locator("a.md-footer__link--next").click()  # Pendahuluan -> Metode Penelitian, by its own link
    tab.wait_for_url(server.url + second, wait_until="load")
    settle(tab)
    assert shown_heading(tab) == heading(site, second)
    offline_goto(tab, server, unopened)
    words = STRINGS[language]
    page = tab.locator("#offline-page")
    assert page.get_attribute("lang") == language
    assert page.locator("h1").inner_text() == words["offline_page_title"]
    assert tab.title() == words["offline_page_title"]
    assert f"/upaya-iom/{unopened}" in page.locator("p code").inner_text()
    assert page.locator("p a").get_attribute("href") == f"/upaya-iom/{unopened}"  # "try again": the same address
    listed = {a.get_attribute("href"): a.inner_text() for a in page.locator(".offline-list a").all()}
    assert listed == {f"/upaya-iom/{first}": heading_title(site, first),
                      f"/upaya-iom/{second}": heading_title(site, second)}, listed
    assert not axe_violations(tab), axe_violations(tab)
    assert not reached_offline(server, reached)
    context.set_offline(False)
    assert not tab.problems, "\n".join(tab.problems)


def heading_title(site, url: str) -> str:
    """A page's title as its <title> gives it, without the site's name (how the offline page lists it)."""
    return site.soup(url).title.get_text().rsplit(" - ", 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_save_for_offline_stores_the_whole_article(site, server, context, language):
    """"Save for offline" stores every page of the language's manifest (the article, references, data,
    abbreviations, the edition's pages), its files and search, and says how much; offline, every one of them
    opens, search finds, and the offline page lists them; the box passes axe; "remove" deletes only them."""
    prefix = LANGUAGES[language]
    manifest = json.loads((site.root / "assets" / f"offline-{language}.json").read_text(encoding="utf-8"))
    pages = [prefix if url == "./" else url for url in manifest if url.endswith("/")]
    assert {prefix + "pendahuluan/", prefix + "daftar-pustaka/", prefix + "singkatan/", prefix + "data/",
            prefix + "luring/"} <= set(pages) and prefix + "cetak/" not in pages
    assert {f"{prefix}search/search_index.json", f"{prefix}sitemap.xml", "assets/edition.js"} <= set(manifest)
    tab = new_tab(context)
    tab.goto(server.url + prefix, wait_until="load")
    tab.locator("#offline-box").wait_for(state="visible")
    count, status = save(tab, language)
    assert count == len(manifest) + 1, status  # and the manifest itself
    name = f"edition:/upaya-iom/:saved-{language}@" + site.soup("").select_one(".edition-version").get_text().split()[1].rstrip(",")
    stored = tab.evaluate(CACHE_BYTES_JS, name)
    print(f"\nsaved for offline ({language}): {count} files, {stored} bytes as stored; shown: {status}")
    assert tab.locator("#offline-box .offline-save").inner_text() == STRINGS[language]["script"]["offline_remove"]
    assert not axe_violations(tab), axe_violations(tab)
    settle(tab)
    reached = len(server.hits)
    context.set_offline(True)
    listed = set()
    for url in pages:  # each opened once: search is tried on the Introduction, the library read on the offline page
        offline_goto(tab, server, url)
        assert tab.locator("#offline-page").count() == 0, f"{url}: not saved"
        assert shown_heading(tab) == heading(site, url), url
        if url == prefix + "pendahuluan/":
            tab.locator("input.md-search__input").click()
            tab.keyboard.type(SEARCH[language], delay=20)  # Material searches as keys are typed
            tab.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        elif url == prefix + "luring/":
            tab.locator("#offline-library .offline-list a").first.wait_for()
            listed = {a.get_attribute("href") for a in tab.locator("#offline-library .offline-list a").all()}
    assert {f"/upaya-iom/{url}" for url in pages} <= listed
    tab.locator("#offline-box .offline-save").click()  # remove
    tab.wait_for_function("(text) => document.querySelector('#offline-box .offline-status').textContent === text",
                          arg=STRINGS[language]["script"]["offline_removed"])
    assert not any(n.startswith("edition:/upaya-iom/:saved-") for n in tab.evaluate("() => caches.keys()"))
    assert not reached_offline(server, reached)
    context.set_offline(False)
    assert not tab.problems, "\n".join(tab.problems)


def test_first_visit_loads_what_the_weight_counts(site, server, context):
    """A first visit of the heaviest page, worker and all, loads from the network only the files bench/weight.py
    counts for it, each once: what the worker keeps of it comes from the browser's HTTP cache."""
    rows = dict(page_weights(site.root, site.base_path))
    heaviest = max(rows, key=lambda url: rows[url]["total"]).lstrip("/")
    counted = {"/upaya-iom/" + path.relative_to(site.root).as_posix()
               for path in page_loads(site.root, site.root / heaviest / "index.html", site.base_path)}
    counted.add("/upaya-iom/" + heaviest)
    tab = new_tab(context)
    tab.set_viewport_size(WIDE)
    start = len(server.hits)
    visit(tab, server, heaviest)
    tab.evaluate(ALL_KEPT_JS, {"root": server.url, "timeout": 15_000})  # the worker's own fetches are done
    hits = server.hits[start:]
    assert "/upaya-iom/service-worker.js" in hits
    assert len(hits) == len(set(hits)), f"fetched twice: {sorted(h for h in hits if hits.count(h) > 1)}"
    assert set(hits) <= counted, f"loaded but not counted by bench/weight.py: {sorted(set(hits) - counted)}"
    assert not tab.problems, "\n".join(tab.problems)


@pytest.fixture(scope="module")
def next_release(site, tmp_path_factory):
    """The next release, built: one sentence of the Introduction changed in both languages, version 1.3.0."""
    tmp = tmp_path_factory.mktemp("next-release")
    project = copy_project(tmp / "project")
    for language, prefix in (("id", ""), ("en", ".en")):
        page = project / "docs" / f"pendahuluan{prefix}.md"
        text = page.read_text(encoding="utf-8")
        assert SENTENCE[language] in text, f"{page.name} no longer holds the test's sentence: update SENTENCE"
        page.write_text(text.replace(SENTENCE[language], CHANGED[language]), encoding="utf-8")
    cff = project / "CITATION.cff"
    text = cff.read_text(encoding="utf-8")
    current = re.search(r"^version: (\S+)$", text, re.M).group(1)
    cff.write_text(re.sub(r"^version: \S+$", f"version: {NEXT_VERSION}", text, flags=re.M)
                   .replace('date-released: "', 'date-released: "2099-01-01" #', 1), encoding="utf-8")
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    log = project / "docs" / "riwayat.yml"
    entries = log.read_text(encoding="utf-8")
    first = entries.index(f"- version: {current}")
    released = entries.index("\n", entries.index("  date:", first)) + 1
    log.write_text(entries[:first] + f"- version: {NEXT_VERSION}\n  date: 2099-01-01\n  changes:\n"
                   "    - id: Satu kalimat Pendahuluan diubah.\n      en: One sentence of the Introduction changed.\n"
                   "      links: [pendahuluan.md#pendahuluan]\n" + entries[first:released] + f"  commit: {commit}\n"
                   + entries[released:], encoding="utf-8")
    out = tmp / "site" / "upaya-iom"
    result = build_site(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_new_release_reaches_the_reader(site, server, context, next_release):
    """Pages opened and saved under one release: served the next one online, the reader gets its text at once; its
    worker takes over, stores what was opened and saved anew (the language saved, not the one only opened, even
    where an earlier release left an empty cache for it), and deletes the earlier release's caches, none of which is
    left behind; offline, the new text, in both languages."""
    tab = new_tab(context)
    visit(tab, server, "pendahuluan/")
    visit(tab, server, "en/pendahuluan/")
    visit(tab, server, "")
    save(tab, "id")
    # what a reader of an earlier release has: an empty saved-en cache, made by its pages merely looking
    old_version = site.soup("").select_one(".edition-version").get_text().split()[1].rstrip(",")
    tab.evaluate("(name) => caches.open(name).then(() => null)", f"edition:/upaya-iom/:saved-en@{old_version}")
    server.root = next_release.parent
    try:
        tab.goto(server.url + "pendahuluan/", wait_until="load")
        assert CHANGED["id"] in tab.locator("article").inner_text()  # online: the network first
        settle(tab)
        tab.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update())")
        expected = [f"edition:/upaya-iom/:{kind}@{NEXT_VERSION}" for kind in ("saved-id", "visited")]
        done = OWN_CACHES_ARE.format(json.dumps(json.dumps(expected, separators=(",", ":"))))
        tab.evaluate(CACHES_JS, {"done": done, "timeout": 30_000})
        settle(tab)
        reached = len(server.hits)
        context.set_offline(True)
        for language, url in (("en", "en/pendahuluan/"), ("id", "pendahuluan/")):
            offline_goto(tab, server, url)
            text = tab.locator("article").inner_text()
            assert CHANGED[language] in text and SENTENCE[language] not in text, url
        offline_goto(tab, server, "simpulan/")  # saved, never opened
        assert shown_heading(tab) == heading(site, "simpulan/")
        assert NEXT_VERSION in tab.locator(".edition-version").inner_text()
        assert not reached_offline(server, reached)
        context.set_offline(False)
        names = tab.evaluate("() => caches.keys()")  # the earlier release's caches still gone, once all is done
        assert sorted(n for n in names if n.startswith("edition:/upaya-iom/:")) == expected, names
    finally:
        server.root = site.root.parent
    assert not tab.problems, "\n".join(tab.problems)
