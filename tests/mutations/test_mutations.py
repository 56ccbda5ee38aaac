"""Mutation tests: one fault at a time in a copy of the project; the build or the check must
fail with one line naming the file and the offending link or key."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest

from conftest import build_site, copy_project
from linkcheck import internal_check


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to break."""
    return copy_project(tmp_path / "proyek")


def append(path: Path, text: str) -> int:
    """Append a paragraph to a Markdown file; return its line number."""
    content = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(content + text + "\n", encoding="utf-8")
    return content.count("\n") + 1


def failing_build(project: Path) -> str:
    result = build_site(project, project / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed despite the fault:\n{log}"
    assert "Traceback" not in log, f"a traceback instead of a message:\n{log}"
    return log


def one_line_with(log: str, *needles: str) -> str:
    lines = [line for line in log.splitlines() if all(n in line for n in needles)]
    assert lines, f"no single line names {needles}:\n{log}"
    return lines[0]


BROKEN_LINKS = {
    "link-to-missing-page": ("[halaman hilang](tidak-ada.md)", "tidak-ada.md"),
    "link-to-missing-anchor-on-another-page": ("[bagian hilang](pendahuluan.md#bagian-yang-tidak-ada)",
                                               "bagian-yang-tidak-ada"),
    "missing-image": ("![Gambar hilang](gambar/tidak-ada.png)", "gambar/tidak-ada.png"),
    "root-absolute-link": ("[absolut](/tentang/)", "/tentang/"),  # broken under the Pages subpath
}


@pytest.mark.parametrize("fault", list(BROKEN_LINKS))
def test_broken_link_fails_the_build(project, fault):
    """A broken link, anchor or image fails the build with one line naming the file and the link."""
    markdown, needle = BROKEN_LINKS[fault]
    append(project / "docs/simpulan.md", markdown)
    one_line_with(failing_build(project), "simpulan.md", needle)


def test_deleted_theme_asset(project):
    """A theme asset missing from the built site fails the internal check, naming page and asset."""
    site = project / "site" / "upaya-iom"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    stylesheet = Path(glob.glob(str(site / "assets/stylesheets/main.*.min.css"))[0])
    stylesheet.unlink()
    report = internal_check(site, project / "docs")
    line = next((f for f in report.failures if stylesheet.name in f and f.startswith("/pendahuluan/")), None)
    assert line is not None, report.failures
    assert "(docs/pendahuluan.md)" in line and "File not found" in line


def test_unknown_citation_key(project):
    """An unknown citation key fails the build, naming file, line and key."""
    number = append(project / "docs/simpulan.md", "Kutipan palsu [@tidakada2020].")
    one_line_with(failing_build(project), f"docs/simpulan.md:{number}", "tidakada2020")


def test_malformed_bibtex_entry(project):
    """A malformed BibTeX entry fails the build with references.bib and its line, no traceback."""
    bib = project / "references.bib"
    text = bib.read_text(encoding="utf-8")
    broken = text.replace("  year      = {2018},\n  doi", "  year      = {2018}\n  doi", 1)
    assert broken != text
    bib.write_text(broken, encoding="utf-8")
    line = one_line_with(failing_build(project), "references.bib:")
    assert re.search(r"references\.bib:\d+:", line)


def test_duplicate_bibtex_key(project):
    """A duplicate BibTeX key fails the build, naming the key and both lines."""
    bib = project / "references.bib"
    text = bib.read_text(encoding="utf-8")
    entry = re.search(r"@book\{hutabarat2021,.*?\n\}\n", text, re.S).group(0)
    bib.write_text(text + "\n" + entry, encoding="utf-8")
    line = one_line_with(failing_build(project), "references.bib:", "duplicate key 'hutabarat2021'")
    assert "first defined on line" in line


def test_heading_without_id(project):
    """A heading without an explicit ID fails the build, naming file and line."""
    number = append(project / "docs/simpulan.md", "## Bagian baru tanpa ID")
    one_line_with(failing_build(project), f"docs/simpulan.md:{number}", "heading without explicit ID")


def test_all_failures_reported_at_once(project):
    """Two unknown keys in two files: both are reported in one run, one line each."""
    first = append(project / "docs/simpulan.md", "[@salahsatu2001]")
    second = append(project / "docs/pendahuluan.md", "[@salahdua2002]")
    log = failing_build(project)
    one_line_with(log, f"docs/simpulan.md:{first}", "salahsatu2001")
    one_line_with(log, f"docs/pendahuluan.md:{second}", "salahdua2002")
