"""`mkdocs serve`: it builds the language served (SERVE_LANGUAGE), says so, and what one build keeps for the next
(hooks/edition/kept.py) never outlives an edit of what it was made from.

Each session is a process of its own that builds a copy of the project as `mkdocs serve` does (the plugins'
on_startup with "serve", a new configuration for every rebuild, the same site folder, the copy's own build code),
one build each time the test asks, and reports what the build made and what it reused from the process's earlier
builds; the real server, watching files, is tested in tests/mutations/test_bad_pages.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import copy_project

from edition.inputs import environment

SERVE_LANGUAGE = "SERVE_LANGUAGE"  # the variable maintainers type, as README.md and the console name it

# One serve process: a build each time a line arrives on stdin, answered with one line of JSON: what the build made
# and reused (kind -> [made, reused]), its log, and the error that stopped it, if one did.
SESSION = r"""
import json, logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import _serve_url

class Recording(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines = []
    def emit(self, record):
        self.lines.append(record.getMessage())

serve_url, started = _serve_url("127.0.0.1", 8000, "/upaya-iom/"), False
for _ in sys.stdin:
    recording = Recording()
    logging.getLogger("mkdocs").addHandler(recording)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    answer = {"counts": {}, "error": ""}
    try:
        config = load_config(site_dir=sys.argv[1])
        if not started:
            config.plugins.on_startup(command="serve", dirty=False)
            started = True
        config.site_url = serve_url
        kept = getattr(config.hooks["hooks/pipeline.py"], "KEPT", None)  # None: a build that keeps nothing
        before = kept.counts() if kept else {}
        build(config, serve_url=serve_url)
        answer["counts"] = {kind: [made - before.get(kind, (0, 0))[0], reused - before.get(kind, (0, 0))[1]]
                            for kind, (made, reused) in (kept.counts() if kept else {}).items()}
    except BaseException as exc:
        answer["error"] = f"{type(exc).__name__}: {exc}"
    logging.getLogger("mkdocs").removeHandler(recording)
    answer["log"] = recording.lines
    print(json.dumps(answer), flush=True)
"""


class Session:
    """One `mkdocs serve` process on a project copy: ``build()`` is its first build, then each rebuild."""

    def __init__(self, root: Path, site: Path, serve_language: str = ""):
        self.root, self.site = root, site
        env = {name: value for name, value in os.environ.items()
               if name not in ("PYTHONPATH", environment.SERVING, SERVE_LANGUAGE, "SITE_URL")}
        env.update({"NO_MKDOCS_2_WARNING": "1", **({SERVE_LANGUAGE: serve_language} if serve_language else {})})
        self.process = subprocess.Popen([sys.executable, "-c", SESSION, str(site)], cwd=root, env=env, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def build(self) -> dict:
        """One build; {"counts": kind -> (made, reused), "log": [lines], "error": '' or what stopped it}."""
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"the serve process ended:\n{self.process.stderr.read()[-3000:]}")
        answer = json.loads(line)
        answer["counts"] = {kind: tuple(value) for kind, value in answer["counts"].items()}
        return answer

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def built(answer: dict) -> dict[str, tuple[int, int]]:
    """What a build made and reused (kind -> (made, reused); (0, 0) for a kind it kept nothing of), failing with its
    log if it stopped."""
    assert not answer["error"], answer["error"] + "\n" + "\n".join(answer["log"][-20:])
    return {kind: answer["counts"].get(kind, (0, 0)) for kind in ("template", "print section", "page scripts")}


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, f"{path.name}: no {pattern!r} to edit"
    path.write_text(new, encoding="utf-8")


@dataclass
class Rebuilt:
    """One build of the session: what the process answered and the pages the tests read, as they were then."""

    answer: dict
    pages: dict[str, str]
    site: Path | None = None  # a copy of the whole site as it was then, where the tests need more than READ


# The pages the tests read after each build (below the site).
READ = ("", "pendahuluan", "simpulan", "daftar-pustaka", "cetak")


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> dict[str, Rebuilt]:
    """One `uv run mkdocs serve` session on a copy of the project (SERVE_LANGUAGE unset) and a maintainer's edits, one
    rebuild each: "first" (its first build; the site copied to ``first-site``), "reference" (a title of
    references.bib), "words" (hooks/edition/strings.yml's word before the version, on every page), "broken" (a heading
    without its ID), "repaired" (the heading with an ID, in the page and its twin)."""
    tmp = tmp_path_factory.mktemp("serve-session")
    process = Session(copy_project(tmp / "proyek"), tmp / "site")
    docs, found = process.root / "docs", {}

    def rebuild(name: str) -> None:
        answer = process.build()
        pages = {url: process.page(url) for url in READ} if not answer["error"] else {}
        found[name] = Rebuilt(answer, pages)

    try:
        rebuild("first")
        built(found["first"].answer)
        found["first"].site = Path(shutil.copytree(process.site, tmp / "first-site"))
        edit(process.root / "references.bib", r"(title\s*=\s*\{Peran )(\\emph\{International Organization for "
                                              r"Migration\} \(IOM\) dalam Kasus)", r"\1Ukuranbaru \2")
        rebuild("reference")
        edit(process.root / "hooks" / "edition" / "strings.yml", r"^  version_word: Versi$", "  version_word: Terbitan")
        rebuild("words")
        original = (docs / "simpulan.md").read_text(encoding="utf-8")
        (docs / "simpulan.md").write_text(original + "\n## Bagian tanpa tanda\n", encoding="utf-8")
        rebuild("broken")
        (docs / "simpulan.md").write_text(original + "\n## Bagian dengan tanda {#bagian-dengan-tanda}\n",
                                          encoding="utf-8")
        twin = docs / "simpulan.en.md"  # checked even while only the original is served
        twin.write_text(twin.read_text(encoding="utf-8") + "\n## A marked section {#bagian-dengan-tanda}\n",
                        encoding="utf-8")
        rebuild("repaired")
    finally:
        process.close()
    return found


def test_an_edited_reference_is_shown_and_only_what_it_changes_is_made_again(session):
    """A references.bib edit shows on /daftar-pustaka/ at the next rebuild: the pages that show the entry get their
    policy again, the others' and the compiled templates are kept (so the keeping is real, and keyed by content)."""
    built(session["first"].answer)
    assert "Ukuranbaru" not in session["first"].pages["daftar-pustaka"]
    done, pages = built(session["reference"].answer), session["reference"].pages
    assert "Peran Ukuranbaru" in pages["daftar-pustaka"], "the rebuilt page shows the old title"
    assert "Peran Ukuranbaru" in pages["cetak"], "the print page's reference list shows the old title"
    assert "Ukuranbaru" not in pages["simpulan"]
    made, reused = done["page scripts"]
    assert made >= 2 and reused >= 10, f"page policies made again {made}, kept from the first build {reused}: {done}"
    assert done["template"][0] == 0 and done["template"][1] >= 40, f"templates compiled again, or not kept: {done}"


def test_edited_words_are_shown_on_every_page(session):
    """An edit of hooks/edition/strings.yml (the word before the version, on every page) shows on every page at the
    next rebuild: every page's policy is made again, while the print page's sections (the pages' own text) and the
    templates are kept."""
    done, pages = built(session["words"].answer), session["words"].pages
    for url in READ:
        assert "Terbitan 1." in pages[url] and "Versi 1." not in pages[url], url
    made, reused = done["page scripts"]
    assert made >= 14 and reused <= 2, f"pages kept with their old words: {done}"
    assert done["print section"][0] == 0 and done["print section"][1] >= 8, f"print sections not kept: {done}"
    assert done["template"][0] == 0 and done["template"][1] >= 40, f"templates compiled again, or not kept: {done}"


def test_a_broken_page_still_fails_the_rebuild_and_its_repair_shows(session):
    """What a build keeps never hides a fault: a heading without its ID fails the rebuild naming file and line, as
    in a fresh process; repaired (in the twin too, which is checked though not served), the page shows it."""
    answer = session["broken"].answer
    assert answer["error"], "the rebuild did not stop"
    assert any(re.search(r"docs/simpulan\.md:\d+: .*Bagian tanpa tanda", line) for line in answer["log"]), \
        "\n".join(answer["log"][-20:])
    built(session["repaired"].answer)
    assert 'id="bagian-dengan-tanda"' in session["repaired"].pages["simpulan"]


# ---------------------------------------------------------------- one language served

@pytest.fixture(scope="module")
def served_modes(tmp_path_factory, session) -> dict[str, tuple[Path, str]]:
    """SERVE_LANGUAGE unset (the session's first build), en and all (each the first build of a serve process on its
    own copy): (site, log)."""
    found = {"": (session["first"].site, "\n".join(session["first"].answer["log"]))}
    for choice in ("en", "all"):
        tmp = tmp_path_factory.mktemp(f"serve-{choice}")
        process = Session(copy_project(tmp / "proyek"), tmp / "site", choice)
        try:
            answer = process.build()
        finally:
            process.close()
        built(answer)
        found[choice] = (process.site, "\n".join(answer["log"]))
    return found


@pytest.mark.parametrize("choice,made,not_made,says", [
    ("", "pendahuluan", "en/pendahuluan",
     "serving only the language 'id' at http://127.0.0.1:8000/upaya-iom/ "),
    ("en", "en/pendahuluan", "pendahuluan", "serving only the language 'en' at http://127.0.0.1:8000/upaya-iom/en/"),
], ids=["unset", "en"])
def test_serve_builds_one_language_and_says_how_to_see_the_others(served_modes, choice, made, not_made, says):
    """Under `mkdocs serve`, SERVE_LANGUAGE unset builds the original only, `en` the translation only (at its
    address, with the stylesheet and scripts it loads from the site's root); the console says which, and how to see
    the other and every language, and that the EPUB and the PDF are `mkdocs build`'s (no page links them here)."""
    site, log = served_modes[choice]
    assert says in log, f"the console does not say which language is served:\n{log[-3000:]}"
    other = "en" if choice == "" else "id"
    assert f"To see '{other}': SERVE_LANGUAGE={other} uv run mkdocs serve." in log, log[-3000:]
    assert "Every language: SERVE_LANGUAGE=all uv run mkdocs serve." in log
    assert "The EPUB and the PDF are written by `uv run mkdocs build`" in log, log[-3000:]
    home = (site / made.replace("pendahuluan", "") / "index.html").read_text(encoding="utf-8")
    assert '.epub" download' not in home, "the home page links an EPUB that mkdocs serve does not write"
    assert (site / made / "index.html").is_file(), f"{made}/ not built"
    assert not (site / not_made / "index.html").exists(), f"{not_made}/ built although not served"
    for asset in ("assets/edition.css", "assets/edition.js", "assets/favicon.svg", "404.html"):
        assert (site / asset).is_file(), f"{asset} missing when serving '{choice or 'unset'}'"


@pytest.mark.parametrize("url", ["pendahuluan", "en/pendahuluan", "en/daftar-pustaka", "daftar-pustaka", "en/cetak"])
def test_a_language_served_alone_is_built_as_with_every_language(served_modes, url):
    """SERVE_LANGUAGE=all builds every language (and says so); a page of a language served alone is the very page
    the every-language serve builds (language switcher, links, citations and all)."""
    every, log = served_modes["all"]
    assert "serving every language" in log, log[-3000:]
    alone = served_modes["en" if url.startswith("en/") else ""][0]
    assert (alone / url / "index.html").read_text(encoding="utf-8") == \
        (every / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("serving,value,expected", [
    (False, "en", ("id", "en")), (False, "", ("id", "en")), (True, "", ("id",)), (True, "en", ("en",)),
    (True, "all", ("id", "en")),
])
def test_only_serve_chooses_languages(serving, value, expected):
    """SERVE_LANGUAGE chooses under `mkdocs serve` only: `mkdocs build` builds every language whatever it says."""
    env = environment.read({SERVE_LANGUAGE: value, environment.SERVING: "1" if serving else ""},
                           "http://127.0.0.1:8000/upaya-iom/", ("id", "en"))
    assert environment.served_languages(env, ("id", "en")) == expected
