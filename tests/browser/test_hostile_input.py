"""Hostile addresses and selections, and the Content-Security-Policy, in Chromium.

Anyone can send a reader a link with any #fragment, and a page's text can hold anything a selection then
carries: the scripts must decode defensively, look up only the page's own IDs and keys, build text without
replacement patterns and keep what they put in a URL within bounds (the report link at most 8,000
characters, what GitHub accepts). The site is built with REPOSITORY_URL (so the report link exists) and a
declared redirect (so mkdocs-redirects writes its stubs), and served on loopback.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, quote, urlsplit
from urllib.request import urlopen

import pytest

from browser import copied, csp_violations, open_page, recording_context, release_tab, reused_tab
from support import build_site, copy_project, serve_directory, with_plain_apa

REPOSITORY = "https://github.com/pembaca/upaya-iom"
REPORT_URL_LIMIT = 8000
LANGUAGES = {"id": "", "en": "en/"}
# Three pages of the article in each language: one section, several sections (the cite box's choice), one more.
PAGES = [prefix + url for prefix in LANGUAGES.values()
         for url in ("pendahuluan/", "hasil-dan-pembahasan/", "hasil-dan-pembahasan/iom-sebagai-arena/")]
MARKER = "pwned"  # in every payload with markup: it must reach no element, attribute or script of the page
MARKUP = f'"><img src=x onerror="window.{MARKER}=1"><b id="{MARKER}">'
# (id, the #fragment as typed into the address bar): nothing here is an ID of any page.
HOSTILE_HASHES = [
    ("percent-alone", "%"),
    ("percent-truncated", "%E0%A4%A"),
    ("percent-not-hex", "%ZZ%"),
    ("toString", "toString"),
    ("constructor", "constructor"),
    ("proto", "__proto__"),
    ("hasOwnProperty", "hasOwnProperty"),
    ("dollar-quote", "$'"),
    ("dollar-ampersand", "$&"),
    ("dollar-backtick", "$`"),
    ("dollar-digit", "$1$$"),
    ("long-50000", "a" * 50_000),
    ("long-encoded", quote("\U0001F600") * 4_000),
    ("markup", quote(MARKUP)),
    ("zero-width-rtl", quote("\u200b\u202e\u2067hasil\u200d")),
]
# Texts a selection may carry (put into a paragraph of the page, then selected).
HOSTILE_SELECTIONS = [
    ("dollar-patterns", "Di sini $' lalu $& lalu $` lalu $1 dan $$ berakhir."),
    ("markup", f"Teks {MARKUP} dengan markah di tengah kalimat ini."),
    ("long-words-50000", ("kata " * 10_000).strip()),
    ("long-word-50000", "x" * 50_000),
    ("zero-width-rtl", "Awal \u202e\u2066terbalik\u2069\u202c dan\u200b lebar\u200d nol di akhir kalimat."),
    ("emoji-500", "\U0001F600 " * 500),
]

# What the scripts left: whether the markup of a payload became an element, an attribute or ran (the report
# link's address may quote a selection: it is checked on its own).
STATE_JS = """() => ({
  scripts: document.querySelector("article button.copy-link") !== null,
  pwned: window.pwned !== undefined || document.getElementById("pwned") !== null
         || document.querySelector("img[src=x]") !== null
         || [...document.querySelectorAll("*")].some((e) => !e.matches(".report-error-link")
              && [...e.attributes].some((a) => a.value.indexOf("pwned") >= 0)),
  data: JSON.parse((document.getElementById("cite-box-data") || {textContent: "{}"}).textContent),
  choice: (document.getElementById("cite-box-section") || {value: null}).value,
  heading: (document.querySelector("article h2[id]") || document.querySelector("article h1[id]")).id,
})"""
# Clicks a link with the page's own handlers, but keeps the browser where it is; returns the link's address then.
CLICK_JS = """(selector) => {
  const link = document.querySelector(selector);
  const stay = (event) => event.preventDefault();
  window.addEventListener("click", stay);
  link.dispatchEvent(new MouseEvent("pointerdown", {bubbles: true}));
  link.click();
  window.removeEventListener("click", stay);
  return link.href;
}"""
# Puts `text` in the page's first paragraph of the article and selects all of it.
SELECT_JS = """(text) => {
  const paragraph = document.querySelector(
    "article.md-content__inner > p:not(.edition-version):not(.translation-notice)");
  paragraph.textContent = text;
  const range = document.createRange();
  range.selectNodeContents(paragraph);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return paragraph.id;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The project built with REPOSITORY_URL and a redirect (lama.md -> pendahuluan.md), served on loopback."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp / "proyek")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      redirect_maps: {}" in text
    config.write_text(text.replace("      redirect_maps: {}", "      redirect_maps:\n        lama.md: pendahuluan.md"),
                      encoding="utf-8")
    root = tmp / "served"
    httpd = serve_directory(root)
    result = build_site(project, root / "upaya-iom", extra_env={"REPOSITORY_URL": REPOSITORY})
    assert result.returncode == 0, result.stdout + result.stderr
    yield f"http://127.0.0.1:{httpd.server_address[1]}/upaya-iom/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def hostile_context(browser, hostile_site):
    """The recording context of the module's reused tab, kept from reaching GitHub."""
    context = recording_context(browser, hostile_site)
    context.route("https://github.com/**", lambda route: route.abort())  # never leave the machine
    yield context
    context.close()


@pytest.fixture
def tab(request, hostile_context):
    """The module's tab on the hostile site, reset to a new tab's state (browser.fresh_start); the test fails on any
    page error, console error or CSP violation it leaves. Closed after a failing test."""
    page = reused_tab(hostile_context)
    yield page
    problems = [p for p in page.problems if p.startswith(("page error", "console"))] + page.csp_violations
    release_tab(page, request.node)
    assert not problems, "\n".join(problems)


def report_query(href: str) -> dict:
    assert len(href) <= REPORT_URL_LIMIT, f"report address of {len(href)} characters"
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPOSITORY + "/issues/new", href[:200]
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert set(query) == {"title", "body"}, query.keys()
    return query


def assert_copy_buttons_work(tab, site, url, section):
    """The cite box copies the APA and BibTeX of ``section``; a heading's copy-link button copies its address."""
    data = with_plain_apa(tab.evaluate(STATE_JS)["data"])
    tab.locator("details#cite-box").evaluate("d => d.open = true")
    assert copied(tab, tab.locator("#cite-box [data-copy=apa]").click) == data[section]["apa"]
    tab.locator(".cite-box-status", has_text="APA").wait_for(timeout=5000)
    assert copied(tab, tab.locator("#cite-box [data-copy=bibtex]").click) == data[section]["bibtex"]
    heading = tab.evaluate(STATE_JS)["heading"]
    tab.locator(f"[id='{heading}']").hover()
    assert copied(tab, tab.locator(f"[id='{heading}'] button.copy-link").click) == f"{site}{url}#{heading}"


def assert_names_the_page_or_its_own_section(tab, address: str, name: str):
    """``address`` names the page alone, or one of its sections by an ID the page has (Material's navigation
    tracking writes the section scrolled to into the address), and nothing else of what the address held."""
    fragment = urlsplit(address).fragment
    assert not fragment or tab.evaluate("(id) => document.getElementById(id) !== null", fragment), \
        f"{name} carries #{fragment[:80]}"


@pytest.mark.parametrize("fragment", [h for _, h in HOSTILE_HASHES], ids=[i for i, _ in HOSTILE_HASHES])
@pytest.mark.parametrize("url", PAGES, ids=lambda u: u.strip("/").replace("hasil-dan-pembahasan", "hdp") or "beranda")
def test_hostile_address(tab, hostile_site, url, fragment):
    """Opened with a hostile #fragment, a page runs its scripts without error, injects nothing, carries the
    fragment into no link (the report names the page, within 8,000 characters; the language switch), and
    cites its own first section, its copy buttons copying the right text."""
    open_page(tab, hostile_site + url + "#" + fragment)
    state = tab.evaluate(STATE_JS)
    assert state["scripts"], "the edition's scripts did not run (no copy-link buttons)"
    assert not state["pwned"], "the address's markup reached the page"
    assert MARKER not in tab.content(), "the address reached the page's markup"  # read outside the page's scripts
    page_url = tab.locator(".report-error-link").get_attribute("data-page-url")
    query = report_query(tab.evaluate(CLICK_JS, ".report-error-link"))
    title_address = query["title"].split(" ")[2]  # "Kesalahan di ADDRESS (versi …)" / "Error on ADDRESS (version …)"
    assert title_address.startswith(page_url) and query["title"].count(page_url) == 1, query["title"][:300]
    assert_names_the_page_or_its_own_section(tab, title_address, "the report's title")
    assert query["body"].count(page_url) == 1 and f"{title_address}\n" in query["body"], query["body"][:300]
    switch = tab.evaluate(CLICK_JS, "a.md-select__link[hreflang]")
    assert len(switch) < 300, switch[:300]
    assert_names_the_page_or_its_own_section(tab, switch, "the language switch")
    first = next(iter(state["data"]))
    assert state["choice"] in (None, first)
    assert_copy_buttons_work(tab, hostile_site, url, first)
    assert not tab.evaluate(STATE_JS)["pwned"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_section_in_the_address_still_followed(tab, hostile_site, language):
    """The control case: a section's #id (not the page's first) is followed by the report link, the language switch
    and the cite box."""
    url = LANGUAGES[language] + "hasil-dan-pembahasan/"
    open_page(tab, hostile_site + url)
    section = list(tab.evaluate(STATE_JS)["data"])[-1]
    tab.goto("about:blank")  # a fresh load, as a reader following a cited link
    open_page(tab, f"{hostile_site}{url}#{section}")
    page_url = tab.locator(".report-error-link").get_attribute("data-page-url")
    query = report_query(tab.evaluate(CLICK_JS, ".report-error-link"))
    assert f"{page_url}#{section} " in query["title"] and f"{page_url}#{section}\n" in query["body"], query["title"]
    assert tab.evaluate(CLICK_JS, "a.md-select__link[hreflang]").endswith("#" + section)
    assert tab.evaluate(STATE_JS)["choice"] == section
    assert_copy_buttons_work(tab, hostile_site, url, section)


@pytest.mark.parametrize("text", [t for _, t in HOSTILE_SELECTIONS], ids=[i for i, _ in HOSTILE_SELECTIONS])
@pytest.mark.parametrize("url", PAGES, ids=lambda u: u.strip("/").replace("hasil-dan-pembahasan", "hdp") or "beranda")
def test_hostile_selection(tab, hostile_site, url, text):
    """A selection of any text: the report quotes it (bidirectional controls dropped, at most 500 characters)
    once, at the first blank line, in an address of at most 8,000 characters; the passage actions copy a
    link of bounded length to its section and a quotation of it; nothing of it becomes markup."""
    open_page(tab, hostile_site + url)
    tab.evaluate(SELECT_JS, text)
    page_url = tab.locator(".report-error-link").get_attribute("data-page-url")
    query = report_query(tab.evaluate(CLICK_JS, ".report-error-link"))
    expected = " ".join(text.translate(dict.fromkeys(range(0x202A, 0x202F)) | dict.fromkeys(range(0x2066, 0x206A)))
                        .split())
    quoted = query["body"].split("\n\n")[1]
    assert quoted.startswith("> ") and query["body"].count("\n\n> ") == 1, query["body"][:300]
    assert expected.startswith(quoted[2:].removesuffix("\u2026")) and len(quoted) <= 2 + 500, quoted[:100]
    assert query["title"].count(page_url) == 1 and query["body"].count(page_url) == 1
    if len(text.split()) >= 3:  # a passage: its two actions
        tab.locator(".passage-actions").wait_for(state="visible", timeout=5000)
        link = copied(tab, tab.locator(".passage-actions [data-passage=link]").click)
        assert link.startswith(f"{hostile_site}{url}#") and len(link) <= len(hostile_site + url) + 2200, link[:200]
        quotation = copied(tab, tab.locator(".passage-actions [data-passage=cite]").click)
        assert quotation.startswith("\u201c" + " ".join(text.split())[:100])
    assert not tab.evaluate(STATE_JS)["pwned"]


def test_report_address_shortens_a_long_quotation(tab, hostile_site):
    """Where the issue text as built is already long, the quotation is shortened (ending in "…") so that the
    address stays within 8,000 characters, and the text as built is kept whole."""
    open_page(tab, hostile_site + "pendahuluan/")
    long_body = tab.evaluate("""() => { const link = document.querySelector('.report-error-link');
        const url = new URL(link.href); const body = url.searchParams.get('body') + 'é'.repeat(700);
        url.searchParams.set('body', body); link.href = url.href; return body; }""")
    tab.evaluate(SELECT_JS, "\u0939\u093f\u0902\u0926\u0940 " * 100)  # Devanagari: 9 characters each, encoded
    query = report_query(tab.evaluate(CLICK_JS, ".report-error-link"))
    assert query["body"].endswith(long_body.split("\n\n", 1)[1]), "the text as built was cut"
    quoted = query["body"].split("\n\n")[1]
    assert quoted.startswith("> \u0939") and quoted.endswith("\u2026"), quoted[:80]


# ---------------------------------------------------------------------------------- the Content-Security-Policy

INJECT_JS = """() => new Promise((resolve) => {
  const seen = [];
  document.addEventListener("securitypolicyviolation", (e) => seen.push(e.effectiveDirective));
  const script = document.createElement("script");
  script.textContent = "window.injectedRan = true";
  document.body.appendChild(script);
  const other = document.createElement("script");
  other.src = "http://localhost:9/injected.js";  // another origin than the site's
  other.onerror = () => setTimeout(() => resolve({ran: window.injectedRan === true, handler: window.handlerRan === true,
                                                   seen: seen}), 100);
  document.body.appendChild(other);
  const button = document.createElement("button");
  button.setAttribute("onclick", "window.handlerRan = true");
  document.body.appendChild(button);
  button.click();
})"""


@pytest.mark.parametrize("url", ["pendahuluan/", "en/hasil-dan-pembahasan/", "404.html"])
def test_injected_script_is_refused(browser, hostile_site, url):
    """An inline script, an inline event handler and a script of another origin added to a page do not run:
    the page's Content-Security-Policy refuses them (and says so)."""
    context = recording_context(browser, hostile_site)
    try:
        tab = context.new_page()
        open_page(tab, hostile_site + url)
        assert tab.evaluate(STATE_JS)["scripts"], "the edition's own scripts did not run"
        result = tab.evaluate(INJECT_JS)
        assert not result["ran"] and not result["handler"], result
        assert {"script-src-elem", "script-src-attr"} <= set(result["seen"]), result["seen"]
        assert any("localhost:9" in violation for violation in csp_violations(context)), csp_violations(context)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_redirect_stub_redirects_under_the_policy(browser, hostile_site, language):
    """A redirect stub of mkdocs-redirects carries the policy and its inline script (allowed by its hash) still
    takes the reader, with the #section, to the new page."""
    context = recording_context(browser, hostile_site)
    try:
        tab = context.new_page()
        tab.goto(f"{hostile_site}{LANGUAGES[language]}lama/#tabel-1", wait_until="load")
        tab.wait_for_url(f"{hostile_site}{LANGUAGES[language]}pendahuluan/#tabel-1", timeout=10_000)
        assert tab.evaluate(STATE_JS)["scripts"]
        assert not csp_violations(context), csp_violations(context)
    finally:
        context.close()


def test_policy_governs_the_redirect_stubs(hostile_site):
    """The stubs are written by mkdocs-redirects after the pages; they carry the policy all the same."""
    for language in LANGUAGES.values():
        with urlopen(f"{hostile_site}{language}lama/", timeout=10) as response:
            html = response.read().decode("utf-8")
        assert 'http-equiv="refresh"' in html and 'http-equiv="Content-Security-Policy"' in html, html[:400]
        assert html.index("Content-Security-Policy") < html.index("<script")
        scripts = next(d for d in html.split(";") if d.strip().startswith("script-src"))
        assert "'sha256-" in scripts and "unsafe-inline" not in scripts, scripts


def test_cite_box_data_keys_are_the_pages_own(tab, hostile_site):
    """Choosing a section by a name the data inherits from Object.prototype is ignored, not cited as "undefined"."""
    open_page(tab, hostile_site + "hasil-dan-pembahasan/")
    tab.evaluate("""() => { const select = document.getElementById('cite-box-section');
        const option = document.createElement('option'); option.value = 'toString'; select.appendChild(option);
        select.value = 'toString'; select.dispatchEvent(new Event('change')); }""")
    data = with_plain_apa(json.loads(tab.locator("script#cite-box-data").text_content()))
    tab.locator("details#cite-box").evaluate("d => d.open = true")
    assert copied(tab, tab.locator("#cite-box [data-copy=apa]").click) == data[next(iter(data))]["apa"]
    assert "undefined" not in tab.locator(".cite-box-apa").inner_text()
