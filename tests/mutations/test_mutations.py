"""Mutation tests: faults planted in a copy of the project; the build or the check must fail with one
line per fault naming the file (and line) and the offending link, key or marker.

Faults that one build reports together share that build (one per batch below), so the suite pays
for four builds, not one per fault; each fault keeps its own test.
"""

from __future__ import annotations

import glob
import re
import shutil
from pathlib import Path

import pytest

from linkcheck import internal_check
from support import build_site, copy_project


def append(path: Path, text: str) -> int:
    """Append a paragraph to a Markdown file; return its line number."""
    content = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(content + text + "\n", encoding="utf-8")
    return content.count("\n") + 1


def failing_build(project: Path) -> str:
    result = build_site(project, project / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed despite the faults:\n{log}"
    assert "Traceback" not in log, f"a traceback instead of a message:\n{log}"
    return log


def one_line_with(log: str, *needles: str) -> str:
    lines = [line for line in log.splitlines() if all(n in line for n in needles)]
    assert lines, f"no single line names {needles}:\n{log}"
    return lines[0]


# ---------------------------------------------------------------- batch 1: links MkDocs validates

BROKEN_LINKS = {
    "link-to-missing-page": ("[halaman hilang](tidak-ada.md)", "tidak-ada.md"),
    "link-to-missing-anchor-on-another-page": ("[bagian hilang](pendahuluan.md#bagian-yang-tidak-ada)",
                                               "bagian-yang-tidak-ada"),
    "missing-image": ("![Gambar hilang](gambar/tidak-ada.png)", "gambar/tidak-ada.png"),
    "root-absolute-link": ("[absolut](/tentang/)", "/tentang/"),  # broken under the Pages subpath
}


@pytest.fixture(scope="module")
def broken_links_log(tmp_path_factory) -> str:
    """One strict build of a copy with every broken link of BROKEN_LINKS in docs/simpulan.md."""
    project = copy_project(tmp_path_factory.mktemp("links") / "proyek")
    for markdown, _ in BROKEN_LINKS.values():
        append(project / "docs/simpulan.md", markdown)
    return failing_build(project)


@pytest.mark.parametrize("fault", list(BROKEN_LINKS))
def test_broken_link_fails_the_build(broken_links_log, fault):
    """A broken link, anchor or image fails the build with one line naming the file and the link."""
    one_line_with(broken_links_log, "simpulan.md", BROKEN_LINKS[fault][1])


# ---------------------------------------------------------------- batch 2: pages checked before rendering

@pytest.fixture(scope="module")
def page_faults(tmp_path_factory) -> tuple[str, dict[str, int]]:
    """One build of a copy with unknown keys in two files, a heading without ID and bad markers."""
    project = copy_project(tmp_path_factory.mktemp("pages") / "proyek")
    lines = {
        "unknown-key": append(project / "docs/simpulan.md", "Kutipan palsu [@tidakada2020]."),
        "second-file": append(project / "docs/pendahuluan.md", "[@salahdua2002]"),
        "heading": append(project / "docs/simpulan.md", "## Bagian baru tanpa ID"),
        "unknown-marker": append(project / "docs/data.md", "<!-- insert: tabel-ajaib -->"),
        "marker-off-its-page": append(project / "docs/simpulan.md", "<!-- insert: glossary -->"),
        "malformed-marker": append(project / "docs/tentang.md", "<!-- insert glossary -->"),
        "unknown-figure": append(project / "docs/pendahuluan.md", "<!-- insert: chart gambar-9 -->"),
    }
    return failing_build(project), lines


def test_unknown_citation_key(page_faults):
    """An unknown citation key fails the build, naming file, line and key."""
    log, lines = page_faults
    one_line_with(log, f"docs/simpulan.md:{lines['unknown-key']}", "tidakada2020")


def test_heading_without_id(page_faults):
    """A heading without an explicit ID fails the build, naming file and line."""
    log, lines = page_faults
    one_line_with(log, f"docs/simpulan.md:{lines['heading']}", "heading without explicit ID")


def test_all_failures_reported_at_once(page_faults):
    """Faults in two files are reported in one run, one line each."""
    log, lines = page_faults
    one_line_with(log, f"docs/simpulan.md:{lines['unknown-key']}", "tidakada2020")
    one_line_with(log, f"docs/pendahuluan.md:{lines['second-file']}", "salahdua2002")


@pytest.mark.parametrize("fault,file,needle", [
    ("unknown-marker", "docs/data.md", "unknown marker 'tabel-ajaib'"),
    ("marker-off-its-page", "docs/simpulan.md", "marker 'glossary' belongs on docs/singkatan.md"),
    ("malformed-marker", "docs/tentang.md", "malformed marker"),
    ("unknown-figure", "docs/pendahuluan.md", "names no figure 'gambar-9'"),
])
def test_bad_marker_fails_the_build(page_faults, fault, file, needle):
    """A content marker nobody fills, used off its page, malformed or naming no figure fails with file:line."""
    log, lines = page_faults
    one_line_with(log, f"{file}:{lines[fault]}", needle)


# ---------------------------------------------------------------- batch 3: references.bib

@pytest.fixture(scope="module")
def bib_faults_log(tmp_path_factory) -> str:
    """One build of a copy whose references.bib has a duplicate key and a malformed entry."""
    project = copy_project(tmp_path_factory.mktemp("bib") / "proyek")
    bib = project / "references.bib"
    text = bib.read_text(encoding="utf-8")
    duplicate = re.search(r"@book\{hutabarat2021,.*?\n\}\n", text, re.S).group(0)
    broken = text.replace("  year      = {2018},\n  doi", "  year      = {2018}\n  doi", 1)
    assert broken != text
    bib.write_text(broken + "\n" + duplicate, encoding="utf-8")
    return failing_build(project)


def test_malformed_bibtex_entry(bib_faults_log):
    """A malformed BibTeX entry fails the build with references.bib and its line, no traceback."""
    line = one_line_with(bib_faults_log, "references.bib:", "expected")
    assert re.search(r"references\.bib:\d+:", line)


def test_duplicate_bibtex_key(bib_faults_log):
    """A duplicate BibTeX key fails the build, naming the key and both lines."""
    line = one_line_with(bib_faults_log, "references.bib:", "duplicate key 'hutabarat2021'")
    assert "first defined on line" in line


# ---------------------------------------------------------------- batch 4: what only the link check sees

@pytest.fixture(scope="module")
def link_check_failures(tmp_path_factory) -> tuple[list[str], dict[str, int], str]:
    """A copy with raw-HTML links MkDocs does not validate, built, then a theme stylesheet deleted."""
    project = copy_project(tmp_path_factory.mktemp("check") / "proyek")
    lines = {
        "id": append(project / "docs/pendahuluan.md", '<a href="../halaman-hilang-id/">tautan mentah</a>'),
        "en": append(project / "docs/pendahuluan.en.md", '<a href="../halaman-hilang-en/">raw link</a>'),
    }
    site = project / "site" / "upaya-iom"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    stylesheet = Path(glob.glob(str(site / "assets/stylesheets/main.*.min.css"))[0])
    stylesheet.unlink()
    failures = internal_check(site, project / "docs").failures
    shutil.rmtree(project / "site")
    return failures, lines, stylesheet.name


def test_deleted_theme_asset(link_check_failures):
    """A theme asset missing from the built site fails the internal check, naming page and asset."""
    failures, _, stylesheet = link_check_failures
    line = next((f for f in failures if stylesheet in f and f.startswith("/pendahuluan/")), None)
    assert line is not None, failures
    assert "(docs/pendahuluan.md)" in line and "File not found" in line


@pytest.mark.parametrize("page,source", [
    ("/pendahuluan/", "docs/pendahuluan.md:{id}"),
    ("/cetak/", "docs/pendahuluan.md:{id}"),  # the print page names the page the link was written in
    ("/en/pendahuluan/", "docs/pendahuluan.en.md:{en}"),
    ("/en/cetak/", "docs/pendahuluan.en.md:{en}"),
], ids=["page", "print-page", "english-page", "english-print-page"])
def test_broken_link_names_its_markdown_source(link_check_failures, page, source):
    """A broken link is reported against the Markdown file and line it was written in."""
    failures, lines, _ = link_check_failures
    expected = f"{page} ({source.format(**lines)}): "
    line = next((f for f in failures if f.startswith(expected) and "halaman-hilang" in f), None)
    assert line is not None, "\n".join(f for f in failures if "halaman-hilang" in f)
