"""Browser harness: Debian's Chromium (or Playwright's own) driven by Playwright's Python package.

The executable comes from $BROWSER_PATH, else Debian's: the reading tests run on Chromium's headless shell
(/usr/bin/chromium-headless-shell, Debian's package of the same Chromium: what Playwright itself runs for headless
tests, about a third less CPU a page than the full browser, measured), where installed; what needs the full browser
(printing the PDF, DAISY Ace, the offline tests: only the full browser asks for the page's icon) runs on
/usr/bin/chromium; else the browser Playwright installed for itself. Without any browser the browser tests are skipped
with the reason, except when CI=true, where they fail.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import tomllib

from axe_playwright_python.sync_playwright import Axe

from tools import unavailable

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the browser fixture says so (skip locally, fail on CI)
    sync_playwright = None

AXE_EXCEPTIONS = tomllib.loads((Path(__file__).resolve().parent / "axe_exceptions.toml").read_text(encoding="utf-8"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Full-page screenshots of every page at both sizes, kept for a maintainer to look at (about half a second of CPU
# each, so on request only: SCREENSHOTS=1 uv run pytest tests/browser/test_browser.py).
KEEP_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


FULL_BROWSER = "/usr/bin/chromium"
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"


def executable(full: bool = True) -> str | None:
    """$BROWSER_PATH, else Debian's Chromium: the full browser, or (``full=False``) its headless shell where installed;
    None if there is none."""
    path = os.environ.get("BROWSER_PATH") or (HEADLESS_SHELL if not full and Path(HEADLESS_SHELL).exists()
                                              else FULL_BROWSER)
    return path if Path(path).exists() else None


def launch(playwright, full: bool = False):
    """A headless Chromium (its headless shell unless ``full``), or a skip (a failure on CI) saying why there is
    none."""
    exe = executable(full)
    try:
        return playwright.chromium.launch(executable_path=exe, args=FLAGS, headless=True)
    except Exception as exc:  # noqa: BLE001 - no browser here: say so plainly
        where = exe or "Playwright's own browser"
        unavailable(f"no usable Chromium ({where}): {str(exc).splitlines()[0]}. "
                    "Install Debian's chromium and chromium-headless-shell or set BROWSER_PATH.")


# Every Content-Security-Policy violation in the page (scripts, styles, images, workers...), as the browser
# reports it to the page; handed to the test through an exposed function (neither is subject to the policy).
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (e) => window.__recordCspViolation(
  `${e.effectiveDirective} refused ${e.blockedURI || "inline"} at ${e.sourceFile || location.href}:${e.lineNumber}`
  + (e.sample ? ` (${e.sample})` : "")));"""


def record_problems(tab):
    """The tab, recording in ``tab.problems`` console errors, page errors, failed, broken and third-party requests,
    and Content-Security-Policy violations (events and console reports), which also go to ``tab.csp_violations``;
    ``tab.in_flight``: the requests it has started that have not ended yet (``requests_ended``)."""
    if hasattr(tab, "problems"):
        return tab
    tab.problems, tab.csp_violations, tab.in_flight = [], [], set()
    tab.on("request", lambda r: tab.in_flight.add(r))
    tab.on("requestfinished", lambda r: tab.in_flight.discard(r))
    tab.on("requestfailed", lambda r: tab.in_flight.discard(r))

    def violation(text):
        tab.csp_violations.append(text)
        tab.problems.append(f"CSP violation: {text}")

    tab.expose_function("__recordCspViolation", violation)
    tab.add_init_script(CSP_LISTENER)
    tab.on("console", lambda m: "Content Security Policy" in m.text and tab.csp_violations.append(f"console: {m.text}"))
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("requestfailed", lambda r: tab.problems.append(f"failed: {r.url} ({r.failure})"))
    tab.on("response", lambda r: r.status >= 400 and tab.problems.append(f"HTTP {r.status}: {r.url}"))
    tab.on("request", lambda r: not r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
           and tab.problems.append(f"third-party request: {r.url}"))
    return tab


def recording_context(browser, served: str, **options):
    """A browser context (desktop size unless ``options`` say otherwise) that may use the clipboard on ``served``'s
    origin; every page opened in it records its problems (``record_problems``). ``csp_violations(context)``: the
    Content-Security-Policy violations of all its pages. Service workers are blocked unless ``options`` allow them
    (``service_workers="allow"``: tests/browser/test_offline.py), so that what a test's pages load is theirs alone."""
    context = browser.new_context(**{"viewport": DESKTOP, "locale": "id-ID", "service_workers": "block", **options})
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    context.recorded = []
    context.on("page", lambda tab: context.recorded.append(record_problems(tab)))
    return context


# What a reused tab is reset to before each test (``fresh_start``): what a new tab of a ``recording_context`` has.
BLANK = "about:blank"


def fresh_start(tab) -> None:
    """Make a reused tab what a new one is for the next test: a blank document; no cookie, storage or cache of any
    origin it visited; the desktop size; no emulated media; nothing recorded. (A tab is
    reused because a new one costs a renderer process: about 0.6 s of CPU each, measured.)"""
    tab.goto(BLANK)
    tab.evaluate("0")  # every event of the previous document (a request cancelled by leaving it) arrives before this
    session = tab.context.new_cdp_session(tab)
    try:
        for origin in sorted(tab.origins):
            session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    finally:
        session.detach()
    tab.set_viewport_size(DESKTOP)
    tab.emulate_media(media="null", color_scheme="null", reduced_motion="null", forced_colors="null", contrast="null")
    tab.problems.clear()
    tab.csp_violations.clear()
    tab.in_flight.clear()


def reused_tab(context):
    """The context's one tab, reset by ``fresh_start`` (a new one, recording its problems, if there is none or it
    was closed after a failing test); every origin it visits is remembered, for the next reset."""
    tab = next((t for t in context.pages if not t.is_closed()), None)
    if tab is None:
        tab = record_problems(context.new_page())
        tab.origins = set()
        tab.on("framenavigated", lambda frame: frame.url.startswith("http") and tab.origins.add(
            "{0.scheme}://{0.netloc}".format(urlsplit(frame.url))))
    fresh_start(tab)
    return tab


def release_tab(tab, item) -> None:
    """After a test on a reused tab: close it unless the test passed (``item.rep_call``, which tests/conftest.py's
    report hook sets), so that nothing a failure left reaches the next test."""
    report = getattr(item, "rep_call", None)
    if report is None or report.failed:
        tab.close()


def csp_violations(context) -> list[str]:
    """Every Content-Security-Policy violation the pages of a ``recording_context`` recorded."""
    return [violation for tab in context.recorded for violation in tab.csp_violations]


# Resolves to the name of the cache holding ``url`` once one does (polling Cache Storage; rejected after ``timeout``).
KEPT_JS = """async ({url, timeout}) => {
  const until = Date.now() + timeout;
  for (;;) {
    for (const name of await caches.keys()) if (await (await caches.open(name)).match(url)) return name;
    if (Date.now() > until) throw new Error(`${url} not kept after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}"""


def kept_offline(tab, url: str, timeout: int = 15_000) -> str:
    """Wait until the edition's service worker keeps ``url`` (an absolute address); the cache's name."""
    return tab.evaluate(KEPT_JS, {"url": url, "timeout": timeout})


def open_page(page, served: str, url: str = "", **kwargs):
    """Load ``served + url`` (a full address when ``url`` is empty) and wait for the article; the response."""
    response = page.goto(served + url, wait_until="load", **kwargs)
    assert response is not None and response.status == 200, f"{served}{url}: {response and response.status}"
    page.wait_for_function("() => document.body && document.querySelector('.md-content')")
    return response


def requests_ended(page, timeout: float = 15.0) -> None:
    """Wait until the loaded page has no request in flight: every request it had started by then has ended, finished
    or failed (those still running at the load event too: Material's search index and worker), so that a test's
    record of failed requests holds them. A request the page starts only later (after a message to the service
    worker: offline-reading.js) needs its own wait first. The state itself, not a quiet spell: "networkidle" waits
    500 ms more."""
    page.wait_for_function("() => document.readyState === 'complete'")
    deadline = time.monotonic() + timeout
    while page.in_flight:  # the set is emptied by the page's events, delivered while Playwright waits
        assert time.monotonic() < deadline, "requests never ended: " + ", ".join(sorted(r.url for r in page.in_flight))
        page.wait_for_timeout(20)


def clipboard(page) -> str:
    """What the page's clipboard holds."""
    return page.evaluate("navigator.clipboard.readText()")


CLIPBOARD_SENTINEL = "\u2063(nothing copied yet)"


def copied(page, action) -> str:
    """What ``action`` (a click, a key press, a tap) puts on the clipboard. Copying finishes after the click does
    (navigator.clipboard.writeText is asynchronous): the clipboard is read once it has changed, never before."""
    page.evaluate("(text) => navigator.clipboard.writeText(text)", CLIPBOARD_SENTINEL)
    action()
    page.wait_for_function("async (sentinel) => (await navigator.clipboard.readText()) !== sentinel",
                           arg=CLIPBOARD_SENTINEL, polling=50, timeout=10_000)
    return clipboard(page)


def frames_drawn(page, count: int = 2) -> None:
    """Wait until the browser has drawn ``count`` frames: work a page schedules for the next frame
    (requestAnimationFrame: margin notes, the cite box following the address) is done."""
    page.evaluate("""(count) => new Promise((done) => {
        const next = (left) => left ? requestAnimationFrame(() => next(left - 1)) : done();
        next(count); })""", count)


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page, one line each, less the accepted exceptions (axe_exceptions.toml)."""
    results = Axe().run(page)
    excepted = {(e["rule"], e.get("target", "")) for e in AXE_EXCEPTIONS.get("exception", [])}
    found = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            if (violation["id"], "") in excepted or (violation["id"], target) in excepted:
                continue
            found.append(f"{violation['id']} ({violation['impact']}): {target} — {violation['help']}")
    return found


# Settled: the document and its fonts loaded, and no animation or transition running or about to start.
SETTLED_JS = """() => document.readyState === "complete" && document.fonts.status === "loaded"
  && !document.getAnimations().some((a) => a.pending || a.playState === "running")"""

# What a reader's browser draws, as far as axe-core (or a reader) can tell, for every element of the document: its
# tag, attributes, state (checked, open, value, selected), own text, box (whole pixels) and the computed values of
# RENDERED_PROPERTIES; and of its ::before, ::after (when they have content) and ::marker (list items) the same
# values, their content and their size. Kept in the page (window.__renderingFingerprint); returns a SHA-256 digest of
# it, its number of records and whether a transition or animation ran while it was taken.
RENDERED_PROPERTIES = [
    "color", "background-color", "background-image", "background-clip", "background-position", "background-size",
    *(f"border-{side}-{what}" for side in ("top", "right", "bottom", "left") for what in ("color", "style", "width")),
    "outline-color", "outline-style", "outline-width", "outline-offset",
    "text-decoration-color", "text-decoration-line", "text-decoration-style", "text-decoration-thickness",
    "fill", "stroke", "stroke-width", "opacity", "visibility", "display", "position", "z-index", "overflow-x",
    "overflow-y", "clip", "clip-path", "transform", "box-shadow", "text-shadow", "filter", "backdrop-filter",
    "mix-blend-mode", "-webkit-text-fill-color", "-webkit-text-stroke-color", "caret-color", "accent-color",
    "color-scheme", "font-family", "font-size", "font-weight", "font-style", "line-height", "letter-spacing",
    "text-indent", "text-transform", "white-space", "list-style-type", "list-style-image",
]
FINGERPRINT_JS = """async (properties) => {
  const running = () => document.getAnimations().some((a) => a.pending || a.playState === "running");
  const wasRunning = running();
  const ids = new Map();
  for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  const records = [];
  const styled = (style, record) => { for (const p of properties) record[p] = style.getPropertyValue(p); };
  const visit = (el, key) => {
    const record = {};
    for (const a of el.attributes) record["@" + a.name] = a.value;
    if (el instanceof HTMLInputElement) {
      Object.assign(record, {":checked": el.checked, ":indeterminate": el.indeterminate, ":value": el.value});
    } else if (el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
      record[":value"] = el.value;
    } else if (el instanceof HTMLOptionElement) {
      record[":selected"] = el.selected;
    } else if (el instanceof HTMLDetailsElement || el instanceof HTMLDialogElement) {
      record[":open"] = el.open;
    }
    record[":text"] = Array.from(el.childNodes, (n) => n.nodeType === Node.TEXT_NODE ? n.data : "").join("");
    if (el instanceof HTMLImageElement) { record[":src"] = el.currentSrc; }  /* a <picture> may choose by palette */
    const box = el.getBoundingClientRect();
    record[":box"] = [box.x, box.y, box.width, box.height].map(Math.round).join(",");
    const style = getComputedStyle(el);
    styled(style, record);
    records.push([key, record]);
    for (const pseudo of ["::before", "::after", "::marker"]) {
      const ps = getComputedStyle(el, pseudo);
      const content = ps.getPropertyValue("content");
      if (pseudo === "::marker" ? !style.display.includes("list-item") : content === "none" || content === "normal") {
        continue;
      }
      const pr = {content: content, width: ps.getPropertyValue("width"), height: ps.getPropertyValue("height")};
      styled(ps, pr);
      records.push([key + pseudo, pr]);
    }
    const count = new Map();
    for (const child of el.children) count.set(child.localName, (count.get(child.localName) || 0) + 1);
    const seen = new Map();
    for (const child of el.children) {
      const tag = child.localName, n = (seen.get(tag) || 0) + 1;
      seen.set(tag, n);
      visit(child, child.id && ids.get(child.id) === 1 ? `${tag}#${CSS.escape(child.id)}`
        : `${key} > ${tag}` + (count.get(tag) > 1 ? `:nth-of-type(${n})` : ""));
    }
  };
  visit(document.documentElement, "html");
  window.__renderingFingerprint = records;
  const text = JSON.stringify(records);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return {digest: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join(""),
          records: records.length, settled: !wasRunning && !running()};
}"""


def settled(page, timeout: int = 10_000) -> None:
    """Wait until the page is settled: loaded, its fonts too, two frames drawn (work scheduled for the next frame
    done) and no animation or transition running or pending (a colour transition finished)."""
    frames_drawn(page)
    page.wait_for_function(SETTLED_JS, timeout=timeout)


def rendering_fingerprint(page) -> dict:
    """The page's rendering fingerprint (FINGERPRINT_JS), taken once it is settled and while it stays so: its digest
    and number of records; the records stay in the page for ``rendering_differences``."""
    for _ in range(5):
        settled(page)
        fingerprint = page.evaluate(FINGERPRINT_JS, RENDERED_PROPERTIES)
        if fingerprint["settled"]:
            return fingerprint
    raise AssertionError(f"{page.url}: a transition or animation kept starting while the rendering was read")


def rendering_differences(first, second, names=("first", "second"), most: int = 5) -> list[str]:
    """Where two pages whose ``rendering_fingerprint`` was taken render differently, in document order: the first
    ``most`` differing elements (a CSS path), each with its differing values in both, or saying which one lacks it."""
    records = [dict(tab.evaluate("() => window.__renderingFingerprint")) for tab in (first, second)]
    keys = list(records[0]) + [key for key in records[1] if key not in records[0]]
    differing = [key for key in keys if records[0].get(key) != records[1].get(key)]
    found = []
    for key in differing[:most]:
        a, b = records[0].get(key), records[1].get(key)
        if a is None or b is None:
            found.append(f"{key}: only in {names[0] if b is None else names[1]}")
            continue
        values = [f"  {p}: {a.get(p, '(none)')!r} ({names[0]}) != {b.get(p, '(none)')!r} ({names[1]})"
                  for p in list(a) + [p for p in b if p not in a] if a.get(p) != b.get(p)]
        more = [f"  ... {len(values) - 8} more"] if len(values) > 8 else []
        found.append("\n".join([f"{key}:", *values[:8], *more]))
    if len(differing) > most:
        found.append(f"... and {len(differing) - most} more elements")
    return found
