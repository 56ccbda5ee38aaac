"""Every built page of both languages passes the W3C Nu HTML Checker (vnu) with no error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from mkdocs.exceptions import PluginError

from support import ALL_PAGES, ROOT, page_id_for
from tools import java, npm_package

from edition.output import theme_markup

# Every page of both languages, and the one not-found page.
HTML_FILES = [f"{url}index.html" for url in ALL_PAGES] + [f"en/{url}index.html" for url in ALL_PAGES] + ["404.html"]
MATERIAL = Path(__import__("material").__file__).parent / "templates"
# vnu's one short run: C1 only and the serial collector, about 2 s of CPU instead of 4.5 (the same messages).
FAST_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


@pytest.fixture(scope="session")
def vnu_errors(site) -> dict[str, list[str]]:
    """One run of vnu over the whole built site: its errors by file (relative to the site root)."""
    jar = npm_package("vnu-jar") / "build" / "dist" / "vnu.jar"
    result = subprocess.run([java(), *FAST_JVM, "-Xss4m", "-jar", str(jar), "--format", "json", "--stdout",
                             "--errors-only", "--skip-non-html", str(site.root)], capture_output=True, text=True,
                            timeout=300)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu did not report (exit {result.returncode}): {result.stdout[-400:]}{result.stderr[-400:]}")
    errors: dict[str, list[str]] = {}
    root = site.root.resolve().as_uri().removeprefix("file://")
    for message in messages:
        path = message.get("url", "").removeprefix("file:").removeprefix("//")
        name = path.removeprefix(root).lstrip("/") or "(site)"
        line = message.get("lastLine", "?")
        errors.setdefault(name, []).append(f"{name}:{line}: {message['message']} [{message.get('extract', '').strip()}]")
    return errors


def test_vnu_checked_every_page(site):
    """The pages listed here are all the HTML files of the built site (none escapes the check)."""
    built = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html"))
    assert built == sorted(HTML_FILES)


@pytest.mark.parametrize("path", HTML_FILES, ids=lambda p: page_id_for(p.removesuffix("index.html")))
def test_page_passes_the_html_checker(vnu_errors, path):
    """The W3C Nu HTML Checker finds no error in the page."""
    assert not vnu_errors.get(path), "\n".join(vnu_errors[path])


def test_no_error_outside_the_pages(vnu_errors):
    """vnu reports no error about a file that is not one of the pages (or about the run itself)."""
    others = {name: found for name, found in vnu_errors.items() if name not in HTML_FILES}
    assert not others, others


# The repairs of edition/output/theme_markup.py rely on these lines of Material's templates: when
# Material changes them, this fails, and the repair is to be revisited (the build fails too if a
# repair no longer finds its target, or something like it remains unrepaired).
@pytest.mark.parametrize("template,expected", [
    ("base.html", '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'),
    ("base.html", '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'),
    ("partials/nav-item.html", 'for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">'),
    ("partials/nav-item.html", '{% set tabindex = "0" if not is_section %}'),
    ("partials/toc.html", '<label class="md-nav__title" for="__toc">'),
], ids=["drawer-autocomplete", "search-autocomplete", "nav-tabindex", "nav-tabindex-empty", "toc-label"])
def test_material_still_writes_what_is_repaired(template, expected):
    """Material's template still has the markup that edition/output/theme_markup.py repairs."""
    assert expected in (MATERIAL / template).read_text(encoding="utf-8")


def test_repair_refuses_unknown_markup():
    """A page whose toggles Material wrote differently stops the build instead of passing unrepaired."""
    page = '<input class="md-toggle" type="checkbox" data-md-toggle="drawer" id="__drawer" autocomplete="off">'
    with pytest.raises(PluginError, match="Material's markup changed"):
        theme_markup.repair(page, "x.md")
