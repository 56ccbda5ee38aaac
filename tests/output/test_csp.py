"""Every page carries a Content-Security-Policy that allows exactly the scripts it holds, and nothing inline else.

The policy and its hashes are read back from the built pages and checked against the pages' own inline
scripts as an HTML parser (BeautifulSoup, not the build's) finds them; Chromium enforcing the policy is
tests/browser/test_hostile_input.py, the Nu checker validating its syntax tests/output/test_validator.py.
"""

from __future__ import annotations

import os

import pytest
import yaml
from mkdocs.exceptions import PluginError

from support import ROOT, page_policy, policy_problems, script_hash

import pipeline
from edition.inputs import environment
from edition.output import csp

# Directives a <meta> policy may not hold (browsers ignore them there, and say so in the console).
NOT_IN_META = {"frame-ancestors", "report-uri", "report-to", "sandbox"}
EXPECTED = {"default-src": ["'none'"], "object-src": ["'none'"], "base-uri": ["'self'"], "form-action": ["'self'"],
            "style-src": ["'self'", "'unsafe-inline'"], "img-src": ["'self'", "data:"], "font-src": ["'self'"],
            "connect-src": ["'self'"], "worker-src": ["'self'"]}


class Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV tags read as plain values."""


Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def every_page(site) -> dict[str, str]:
    """Every HTML file of the built site (the pages of both languages and 404.html): path -> its text."""
    files = {path.relative_to(site.root).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(site.root.rglob("*.html"))}
    assert "404.html" in files and "en/pendahuluan/index.html" in files and len(files) >= 29, sorted(files)
    return files


def test_policy_allows_exactly_the_pages_own_scripts(every_page):
    """In every file the policy comes first after <meta charset>, before any script; script-src allows the site
    itself and the SHA-256 of each inline script the page holds, nothing more (no 'unsafe-inline', no
    'unsafe-eval', no other host, no stale hash); no inline event handler or javascript: URL anywhere."""
    problems = [f"{path}: {problem}" for path, html in every_page.items() for problem in policy_problems(html)]
    assert not problems, "\n".join(problems)


def test_policy_directives(every_page):
    """Every file says default-src 'none', object-src 'none', base-uri 'self', form-action 'self', and loads
    styles, images, fonts, data and workers from the site alone; no directive a <meta> policy cannot hold."""
    for path, html in every_page.items():
        _, policy = page_policy(html)
        assert {name: policy.get(name) for name in EXPECTED} == EXPECTED, path
        assert set(policy) == set(EXPECTED) | {"script-src"}, f"{path}: {sorted(set(policy) - set(EXPECTED))}"
        assert not NOT_IN_META & set(policy), path


def test_build_refuses_an_inline_handler():
    """A page holding an inline event handler stops the build, naming the file, the line and the handler."""
    page = '<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n</head>\n<body>\n<a href="/" onclick="go()">x</a>\n'
    with pytest.raises(PluginError, match=r"v/1\.1\.0/index\.html: .*\n  line 7: inline event handler onclick=\"go\(\)\""):
        csp.protect(page, "v/1.1.0/index.html")
    with pytest.raises(PluginError, match=r"line 2: javascript: URL in href of <a>"):
        csp.protect('<head><meta charset="utf-8"></head>\n<a href=" JavaScript:go()">x</a>', "x.html")


def test_policy_replaced_not_repeated():
    """Protecting a page twice (an archived page finished again) leaves one policy, for its scripts as they are."""
    page = '<html><head><meta charset="utf-8"><script>a()</script></head><body></body></html>'
    once = csp.protect(page, "x.html")
    twice = csp.protect(once.replace("a()", "b()"), "x.html")
    assert twice.count("Content-Security-Policy") == 1
    assert script_hash("b()") in twice and script_hash("a()") not in twice


def test_mkdocs_serve_allows_live_reload(monkeypatch):
    """Under `mkdocs serve`, whose live reload adds its own inline script to every page it serves, the policy
    allows inline scripts instead of hashing them; a build hashes."""
    monkeypatch.setenv(environment.SERVING, "")  # restored (removed) after the test
    pipeline.on_startup(command="build", dirty=False)
    assert os.environ.get(environment.SERVING) != "1"
    pipeline.on_startup(command="serve", dirty=False)
    assert os.environ.get(environment.SERVING) == "1"
    def script_src(policy: str) -> list[str]:
        return next(d.split()[1:] for d in policy.split(";") if d.startswith("script-src"))
    assert script_src(csp.policy(["a()"], serving=True)) == ["'self'", "'unsafe-inline'"]
    assert script_src(csp.policy(["a()"])) == ["'self'", script_hash("a()")]


def test_no_content_tabs():
    """overrides/partials/javascripts/content.html leaves out Material's content-tab script: the site has no tabs."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert "pymdownx.tabbed" not in extensions, \
        "content tabs: delete overrides/partials/javascripts/content.html to get Material's script back"
