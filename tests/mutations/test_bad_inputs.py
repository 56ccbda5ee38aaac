"""Bad input a maintainer can give the build's data files (CITATION.cff, docs/riwayat.yml, hooks/edition/strings.yml,
references.bib, figures/*.csv, any file not in UTF-8, the environment variables): each fails the strict build
with a plain message naming file and line (or the variable), never a traceback.

Faults one build reports together share that build (one fixture per batch); each fault keeps its own test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import build_site, copy_project
from test_mutations import failing_build, one_line_with


def edit(path: Path, pattern: str, new: str) -> int:
    """Replace the first match of ``pattern`` (a regular expression, multiline) in a file by ``new``; return the
    line the replacement starts on."""
    text = path.read_text(encoding="utf-8")
    found = re.search(pattern, text, re.M)
    assert found, f"{path.name} no longer holds {pattern!r}: update the test"
    path.write_text(text[: found.start()] + found.expand(new) + text[found.end():], encoding="utf-8")
    return text.count("\n", 0, found.start()) + 1


def line_of(path: Path, pattern: str) -> int:
    """The line of the first match of ``pattern`` in a file."""
    text = path.read_text(encoding="utf-8")
    found = re.search(pattern, text, re.M)
    assert found, f"{path.name} no longer holds {pattern!r}: update the test"
    return text.count("\n", 0, found.start()) + 1


def project(tmp_path_factory, name: str) -> Path:
    return copy_project(tmp_path_factory.mktemp(name) / "proyek")


# ---------------------------------------------------------------- any file maintainers edit, not in UTF-8

NOT_UTF8 = ["references.bib", "CITATION.cff", "docs/simpulan.md", "docs/riwayat.yml", "docs/includes/singkatan.md",
            "figures/angka.csv", "figures/gambar-1.csv", "hooks/edition/strings.yml"]


@pytest.fixture(scope="module")
def not_utf8(tmp_path_factory) -> tuple[str, dict[str, int]]:
    """One build of a copy in which each file of NOT_UTF8 ends with a line holding a Latin-1 byte."""
    root, lines = project(tmp_path_factory, "encoding"), {}
    for name in NOT_UTF8:
        data = (root / name).read_bytes()
        data += b"" if data.endswith(b"\n") else b"\n"
        lines[name] = data.count(b"\n") + 1
        (root / name).write_bytes(data + b"caf\xe9\n")
    return failing_build(root), lines


@pytest.mark.parametrize("name", NOT_UTF8)
def test_file_not_in_utf8(not_utf8, name):
    """A file that is not UTF-8 fails the build naming file and line (every such file in one run)."""
    log, lines = not_utf8
    one_line_with(log, f"{name}:{lines[name]}: not UTF-8 text (byte 0xe9)", "save the file with the UTF-8 encoding")


# ---------------------------------------------------------------- CITATION.cff

@pytest.mark.parametrize("content,words", [
    ("", "must be a mapping of keys (title, authors, version, ...), not empty"),
    ("- title: Upaya IOM\n- version: 1.1.0\n", "must be a mapping of keys (title, authors, version, ...), not a list"),
], ids=["empty", "a-list"])
def test_citation_file_not_a_mapping(tmp_path, content, words):
    """An empty CITATION.cff, or one that is not a mapping of keys, fails naming the file, line 1."""
    root = copy_project(tmp_path / "proyek")
    (root / "CITATION.cff").write_text(content, encoding="utf-8")
    one_line_with(failing_build(root), f"CITATION.cff:1: {words}")


def test_citation_file_key_given_twice(tmp_path):
    """A key given twice in CITATION.cff (YAML would keep the last silently) fails naming both lines."""
    root = copy_project(tmp_path / "proyek")
    first = line_of(root / "CITATION.cff", r"^version: ")
    edit(root / "CITATION.cff", r"^(version: .*)$", r"\1\nversion: 0.9.0")
    one_line_with(failing_build(root), f"CITATION.cff:{first + 1}: the key 'version' is given twice "
                                       f"(first on line {first})")


# Each fault: (pattern of the line in CITATION.cff, its replacement, the words of the message).
CITATION_FAULTS = {
    "title-a-list": (r"^title: >-\n  Upaya IOM \(International Organization for Migration\) dalam Menangani Kasus\n"
                     r"  Human Trafficking di Indonesia Tahun 2017-2022$", "title: [Upaya IOM]",
                     "'title' must be text, not a list"),
    "author-given-names-a-number": (r"^  - given-names: Eriston$", "  - given-names: 42",
                                    "'authors[1].given-names' must be text, not a number (42) (quote it)"),
    "author-family-names-a-list": (r"^  - family-names: Alfajri$", "  - family-names: [Alfajri]",
                                   "'authors[2].family-names' must be text, not a list"),
    "abstract-a-mapping": (r"^abstract: >-$", "abstract: {id: x}\nx-abstract: >-",
                           "'abstract' must be text, not a mapping (key: value)"),
    "keyword-a-number": (r"^  - Indonesia$", "  - 2017", "keywords item 3 must be text, not a number (2017)"),
    "version-a-list": (r"^version: .*$", "version: [1, 1, 0]", "'version' must be a single value, not a list"),
    "languages-text": (r"^  languages:\n    - id$", "  languages: id",
                       "'preferred-citation.languages' must be a list of one or more items"),
}


@pytest.fixture(scope="module")
def citation_faults(tmp_path_factory) -> tuple[str, dict[str, int]]:
    """One build of a copy whose CITATION.cff has every fault of CITATION_FAULTS."""
    root = project(tmp_path_factory, "cff")
    path = root / "CITATION.cff"
    for pattern, new, _ in CITATION_FAULTS.values():
        edit(path, pattern, new)
    lines = {fault: line_of(path, "^" + re.escape(new.splitlines()[0]) + "$")  # once all are planted
             for fault, (_, new, _) in CITATION_FAULTS.items()}
    return failing_build(root), lines


@pytest.mark.parametrize("fault", list(CITATION_FAULTS))
def test_citation_file_value_of_the_wrong_kind(citation_faults, fault):
    """A value of CITATION.cff of the wrong type or shape fails naming its line (all such values in one run)."""
    log, lines = citation_faults
    one_line_with(log, f"CITATION.cff:{lines[fault]}: {CITATION_FAULTS[fault][2]}")


# ---------------------------------------------------------------- docs/riwayat.yml

# Each fault: (pattern, replacement, the line named once all are planted, the words of the message).
RELEASE_LOG_FAULTS = {
    # a superseded release must record the commit it is built from: the entry is named
    "superseded-without-commit": (r"^  commit: 8b1d47a2283100c656d1d69d1a70dec9c27a9b4a.*\n", "",
                                  r"^- version: 1\.0\.0$", "release 1.0.0 is superseded by"),
    "change-as-text": (r"^  changes:\n    - id: >-\n        Rilis pertama",
                       "  changes:\n    - Rilis pertama.\n    - id: >-\n        Rilis pertama",
                       r"^    - Rilis pertama\.$",
                       "release 1.0.0, change 1: must be a mapping (id, en, links), not text"),
    "links-as-text": (r"links: \[cetak\.md\]", "links: cetak.md", r"links: cetak\.md$",
                      "'links' must be a list of the affected pages"),
    # a link to a missing page or ID is checked with the pages (tests/mutations/test_bad_pages.py)
    "unknown-key": (r"^(- version: 1\.0\.0)$", r"\1\n  notes: catatan", r"^  notes: catatan$", "unknown key 'notes'"),
}


@pytest.fixture(scope="module")
def release_log_faults(tmp_path_factory) -> tuple[str, dict[str, int]]:
    """One build of a copy whose docs/riwayat.yml has every fault of RELEASE_LOG_FAULTS."""
    root = project(tmp_path_factory, "riwayat")
    path = root / "docs" / "riwayat.yml"
    for pattern, new, _, _ in RELEASE_LOG_FAULTS.values():
        edit(path, pattern, new)
    lines = {fault: line_of(path, at) for fault, (_, _, at, _) in RELEASE_LOG_FAULTS.items()}
    return failing_build(root), lines


@pytest.mark.parametrize("fault", list(RELEASE_LOG_FAULTS))
def test_release_log_fault(release_log_faults, fault):
    """A wrong entry of docs/riwayat.yml (a superseded release without its commit included) fails naming its line."""
    log, lines = release_log_faults
    line = one_line_with(log, f"docs/riwayat.yml:{lines[fault]}: ", RELEASE_LOG_FAULTS[fault][3])
    if fault == "superseded-without-commit":
        assert "records no commit" in line


# ---------------------------------------------------------------- hooks/edition/strings.yml

STRINGS_FAULTS = {  # in the English table
    "text-made-a-list": (r"^  version_word: Version$", "  version_word: [Version]",
                         "en.version_word is a list of 1 where id.version_word"),
    "unknown-slot": (r"^(  report_title: .*)\{version\}", r"\1{versi}",
                     "en.report_title: uses {versi}, which the build does not fill"),
    "list-too-short": (r"^(  months: )\[January, ", r"\1[", "en.months is a list of 11 where id.months"),
    "a-number": (r"^  no_year: n\.d\.$", "  no_year: 7",
                 "en.no_year: must be text (or a list of text), not a number (7)"),
    "script-slot-differs": (r"^(    citation_copied: .*)\{0\}", r"\1{1}",
                            "en.script.citation_copied has the slots {1} where id.script.citation_copied"),
}


@pytest.fixture(scope="module")
def strings_faults(tmp_path_factory) -> tuple[str, dict[str, int]]:
    """One build of a copy whose strings.yml has every fault of STRINGS_FAULTS in its English table."""
    root = project(tmp_path_factory, "strings")
    path = root / "hooks" / "edition" / "strings.yml"
    text = path.read_text(encoding="utf-8")
    english = text.index("\nen:\n")
    head, tail = text[:english], text[english:]
    lines = {}
    for fault, (pattern, new, _) in STRINGS_FAULTS.items():
        found = re.search(pattern, tail, re.M)
        assert found, f"strings.yml's English table no longer holds {pattern!r}: update the test"
        lines[fault] = (head + tail[: found.start()]).count("\n") + 1
        tail = tail[: found.start()] + found.expand(new) + tail[found.end():]
    path.write_text(head + tail, encoding="utf-8")
    return failing_build(root), lines


@pytest.mark.parametrize("fault", list(STRINGS_FAULTS))
def test_strings_fault(strings_faults, fault):
    """A word of strings.yml of the wrong kind, shape or slots fails naming its line (all of them in one run)."""
    log, lines = strings_faults
    one_line_with(log, f"hooks/edition/strings.yml:{lines[fault]}: {STRINGS_FAULTS[fault][2]}")


def test_strings_not_a_mapping(tmp_path):
    """A strings.yml that is not a mapping of languages fails naming the file, line 1."""
    root = copy_project(tmp_path / "proyek")
    (root / "hooks" / "edition" / "strings.yml").write_text("- id\n- en\n", encoding="utf-8")
    one_line_with(failing_build(root), "hooks/edition/strings.yml:1: must map each language (id, en) to its table "
                                       "of words, not a list")


# ---------------------------------------------------------------- references.bib

def test_empty_bibliography(tmp_path):
    """An empty references.bib says so, rather than only listing every citation as unknown."""
    root = copy_project(tmp_path / "proyek")
    (root / "references.bib").write_text("", encoding="utf-8")
    one_line_with(failing_build(root), "references.bib:1: no entries")


# ---------------------------------------------------------------- figures/gambar-1.csv

FIGURE_FAULTS = {
    "cases-not-a-number": (r"^2020,anak,181,", "2020,anak,181 kasus,", "kasus '181 kasus' is not a whole number"),
    "negative-cases": (r"^2019,dewasa,104,", "2019,dewasa,-104,", "kasus '-104' is not a whole number"),
    "year-not-a-year": (r"^2021,dewasa,173,", "20x1,dewasa,173,", "tahun '20x1' is not a year (four digits)"),
    "unknown-category": (r"^2019,anak,86,", "2019,remaja,86,", "kategori 'remaja' is not one the figure draws"),
}


@pytest.fixture(scope="module")
def figure_faults(tmp_path_factory) -> tuple[str, dict[str, int]]:
    """One build of a copy whose figures/gambar-1.csv has every fault of FIGURE_FAULTS."""
    root = project(tmp_path_factory, "gambar")
    path = root / "figures" / "gambar-1.csv"
    lines = {fault: edit(path, pattern, new) for fault, (pattern, new, _) in FIGURE_FAULTS.items()}
    return failing_build(root), lines


@pytest.mark.parametrize("fault", list(FIGURE_FAULTS))
def test_figure_data_fault(figure_faults, fault):
    """A bad value in figures/gambar-1.csv fails naming the CSV file and line, not the drawing script's traceback."""
    log, lines = figure_faults
    one_line_with(log, f"figures/gambar-1.csv:{lines[fault]}: {FIGURE_FAULTS[fault][2]}")


@pytest.mark.parametrize("content,words", [
    ("", "figures/gambar-1.csv:1: empty; its first line names the columns: tahun, kategori, kasus, catatan"),
    ("tahun,kategori,catatan\n2019,anak,\n", "figures/gambar-1.csv:1: no column 'kasus' in the header"),
], ids=["empty", "missing-column"])
def test_figure_data_file_unusable(tmp_path, content, words):
    """An empty figures/gambar-1.csv, or one without a needed column, fails naming the file."""
    root = copy_project(tmp_path / "proyek")
    (root / "figures" / "gambar-1.csv").write_text(content, encoding="utf-8")
    one_line_with(failing_build(root), words)


# ---------------------------------------------------------------- environment variables

ENVIRONMENT_FAULTS = {
    "SITE_URL": ("ftp://pembaca.example/upaya-iom/", "SITE_URL (mkdocs.yml: site_url): 'ftp://pembaca.example/"
                 "upaya-iom/' is not an address http(s)://host/path/"),
    "LATEST_URL": ("bukan alamat", "LATEST_URL: 'bukan alamat' is not an address http(s)://host/path/"),
    "BUILD_PDF": ("true", "BUILD_PDF: 'true' is neither 1 (print the PDF) nor 0"),
    "SERVE_LANGUAGE": ("fr", "SERVE_LANGUAGE: 'fr' is neither a language of the edition (id, en) nor 'all'"),
}


@pytest.fixture(scope="module")
def environment_faults(tmp_path_factory) -> str:
    """One build of a copy with every wrong variable of ENVIRONMENT_FAULTS."""
    root = project(tmp_path_factory, "environment")
    env = {name: value for name, (value, _) in ENVIRONMENT_FAULTS.items()}
    result = build_site(root, root / "site", site_url=env.pop("SITE_URL"), extra_env=env)
    log = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in log, log
    return log


@pytest.mark.parametrize("name", list(ENVIRONMENT_FAULTS))
def test_environment_variable_fault(environment_faults, name):
    """A wrong environment variable fails the build naming it and saying what it should be (all in one run)."""
    one_line_with(environment_faults, ENVIRONMENT_FAULTS[name][1])


@pytest.mark.parametrize("program,words", [
    (None, "is not a program"),
    ("#!/bin/sh\necho 'Pemutar musik 1.0'\n", "is not Chromium or Chrome (--version says 'Pemutar musik 1.0'"),
], ids=["missing", "not-chromium"])
def test_browser_path_not_chromium(tmp_path, program, words):
    """BUILD_PDF=1 with a BROWSER_PATH that is not a program, or not Chromium, fails at once, naming the variable."""
    root = copy_project(tmp_path / "proyek")
    browser = tmp_path / "chromium"
    if program is not None:
        browser.write_text(program, encoding="utf-8")
        browser.chmod(0o755)
    result = build_site(root, root / "site", extra_env={"BUILD_PDF": "1", "BROWSER_PATH": str(browser)})
    log = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in log, log
    one_line_with(log, f"BROWSER_PATH: '{browser}' {words}")
