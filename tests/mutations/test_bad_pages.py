"""Bad input a maintainer can give the pages (a twin's ID, a deleted twin, headings, markers), the nav and the redirect
map, the abbreviations and the data page's CSV files: each fails the strict build with a plain message naming file and
line, never a traceback; and an edit of the edition's own words (hooks/edition/strings.yml) is rebuilt by mkdocs serve.

Faults one build reports together share that build (one fixture per batch); each fault keeps its own test.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest

from support import TEST_SITE_URL, copy_project
from test_bad_inputs import edit, line_of
from test_mutations import append, failing_build, one_line_with

TWIN = "hasil-dan-pembahasan/index"  # a page whose English twin gets a different heading ID
DELETED_TWIN = "hasil-dan-pembahasan/iom-sebagai-aktor.en.md"


# ---------------------------------------------------------------- pages, redirects and abbreviations: one build

@pytest.fixture(scope="module")
def page_faults(tmp_path_factory) -> tuple[str, dict[str, str]]:
    """One build of a copy with every fault below; fault -> the ``file:line`` its message must start with."""
    root = copy_project(tmp_path_factory.mktemp("pages") / "proyek")
    docs, at = root / "docs", {}
    original = line_of(docs / f"{TWIN}.md", r"\{#sejarah-human-trafficking\}")
    english = edit(docs / f"{TWIN}.en.md", r"\{#sejarah-human-trafficking\}", "{#history-of-human-trafficking}")
    at["twin-id"] = f"docs/{TWIN}.md:{original}: ID 'sejarah-human-trafficking' is 'history-of-human-trafficking' " \
                    f"in its twin docs/{TWIN}.en.md:{english}"
    (docs / DELETED_TWIN).unlink()
    at["deleted-twin"] = f"docs/{DELETED_TWIN}: not found: the twin of docs/{DELETED_TWIN.replace('.en.md', '.md')}"
    planted = {  # fault: (page, the text appended, the words of the message)
        "upper-case-unknown-marker": ("simpulan.md", "<!-- insert: NOSUCH -->", "unknown marker 'NOSUCH'"),
        "upper-case-marker": ("singkatan.md", "<!-- insert: GLOSSARY -->",
                              "marker name 'GLOSSARY' must be lower case: <!-- insert: glossary -->"),
        "marker-not-alone": ("simpulan.md", "Teks <!-- insert: glossary --> teks",
                             "marker '<!-- insert: glossary -->' is not alone on its line"),
        "chart-without-figure": ("pendahuluan.md", "<!-- insert: chart -->",
                                 "marker 'chart' needs the name of a figure"),
        "heading-without-space": ("simpulan.md", "##Bagian tanpa spasi",
                                  "heading without explicit ID: 'Bagian tanpa spasi'"),
        "underlined-heading": ("simpulan.md", "Bagian bergaris bawah\n---------------------",
                               "heading without explicit ID: 'Bagian bergaris bawah'"),
        "paragraph-id-taken": ("simpulan.md", "Teks.\n{ #simpulan }", "ID 'simpulan' already used on line 1"),
    }
    words = {}
    for fault, (page, text, message) in planted.items():
        line = append(docs / page, text) + (1 if fault == "paragraph-id-taken" else 0)
        at[fault], words[fault] = f"docs/{page}:{line}", message
    line = edit(docs / "daftar-pustaka.md", r"^<!-- insert: bibliography -->$", "<!-- insert: bibliography semua -->")
    at["marker-with-argument"] = f"docs/daftar-pustaka.md:{line}"
    words["marker-with-argument"] = "marker 'bibliography' takes no argument (remove 'semua')"
    line = edit(root / "mkdocs.yml", r"^  - Simpulan: simpulan\.md$", "  - Hilang: hilang.md")
    at["nav-lists-a-missing-page"] = f"mkdocs.yml:{line}: nav lists 'hilang.md', which is not a page in docs/"
    at["page-missing-from-nav"] = "docs/simpulan.md: a page that mkdocs.yml's nav does not list"
    line = edit(root / "mkdocs.yml", r"redirect_maps: \{\}", "redirect_maps:\n        pendahuluan.md: simpulan.md\n"
                "        lama.md: simpulan.md#tidak-ada\n        usang.md: tidak-ada.md")
    at["redirect-from-a-page"] = f"mkdocs.yml:{line + 1}: redirect 'pendahuluan.md': docs/pendahuluan.md is " \
                                 "still a page"
    at["redirect-to-a-missing-id"] = f"mkdocs.yml:{line + 2}: redirect 'lama.md': leads to '#tidak-ada', which " \
                                     "docs/simpulan.md does not have"
    at["redirect-to-a-missing-page"] = f"mkdocs.yml:{line + 3}: redirect 'usang.md': leads to docs/tidak-ada.md, " \
                                       "which is not a page"
    line = edit(docs / "riwayat.yml", r"links: \[index\.md, daftar-pustaka\.md, data\.md\]",
                "links: [index.md, daftar-pustaka.md#tidak-ada, data.md]")
    at["changelog-link-to-a-missing-id"] = f"docs/riwayat.yml:{line}: release 1.0.0, change 1: link " \
                                           "'daftar-pustaka.md#tidak-ada': docs/daftar-pustaka.md has no ID 'tidak-ada'"
    glossary = docs / "includes" / "singkatan.md"
    first = line_of(glossary, r"^\*\[TPPO\]:")
    at["abbreviation-twice"] = f"docs/includes/singkatan.md:{append(glossary, '*[TPPO]: lagi')}: 'TPPO' is defined " \
                               f"twice (first on line {first})"
    at["abbreviation-in-one-language"] = f"docs/includes/singkatan.md:{append(glossary, '*[XYZ]: hanya di sini')}: " \
                                         "'XYZ' has no definition in docs/includes/singkatan.en.md"
    at["malformed-abbreviation"] = f"docs/includes/singkatan.en.md:" \
                                   f"{append(docs / 'includes' / 'singkatan.en.md', 'TPPO: trafficking')}: not an " \
                                   "abbreviation line"
    return failing_build(root), {fault: f"{line}: {words[fault]}" if fault in words else line
                                 for fault, line in at.items()}


PAGE_FAULTS = ["twin-id", "deleted-twin", "upper-case-unknown-marker", "upper-case-marker", "marker-not-alone",
               "chart-without-figure", "marker-with-argument", "heading-without-space", "underlined-heading",
               "paragraph-id-taken", "nav-lists-a-missing-page", "page-missing-from-nav", "redirect-from-a-page", "redirect-to-a-missing-id", "redirect-to-a-missing-page",
               "changelog-link-to-a-missing-id", "abbreviation-twice", "abbreviation-in-one-language", "malformed-abbreviation"]


@pytest.mark.parametrize("fault", PAGE_FAULTS)
def test_page_fault(page_faults, fault):
    """A fault of a page, its twin, a marker, a heading, the nav, the redirect map, a change log link or the
    abbreviations fails the build with one line naming file and line (all of them in one run)."""
    log, expected = page_faults
    assert set(expected) == set(PAGE_FAULTS)
    one_line_with(log, expected[fault])


def test_upper_case_marker_is_not_called_malformed(page_faults):
    """An upper-case marker name alone on its line is reported as such, not as "malformed"."""
    log, expected = page_faults
    line = one_line_with(log, expected["upper-case-unknown-marker"])
    assert "malformed" not in line and "alone on its line" not in line


# ---------------------------------------------------------------- figures/angka.csv and figures/linimasa.csv

DATA_FAULTS = {  # fault: (file, pattern, replacement, the words of the message)
    "id-used-twice": ("angka.csv", r"^lpsk-perdagangan,140,", "lpsk-laporan,140,",
                      "id 'lpsk-laporan' is used twice (first on line 2)"),
    "id-not-an-anchor": ("angka.csv", r"^gsi-korban,", "GSI Korban!,",
                         "id 'GSI Korban!' is not lowercase and hyphenated"),
    "page-outside-docs": ("angka.csv", r"^(lpsk-laporan,.*?),pendahuluan\.md,", r"\1,../docs/pendahuluan.md,",
                          "halaman '../docs/pendahuluan.md' is not a page in docs/"),
    "year-not-a-year": ("linimasa.csv", r"^1951,teks,", "sekitar 1951,teks,", "tahun 'sekitar 1951' is not a year"),
    "unknown-date-basis": ("linimasa.csv", r"^2015,teks,", "2015,kira-kira,",
                           "dasar_tanggal 'kira-kira' is neither teks nor tahun rujukan"),
    "year-not-the-references": ("linimasa.csv", r"^2022,tahun rujukan,", "2021,tahun rujukan,",
                                "tahun 2021 is said to be the year of iomindonesia2022, which is 2022"),
}


@pytest.fixture(scope="module")
def data_faults(tmp_path_factory) -> tuple[str, dict[str, int]]:
    """One build of a copy whose data files have every fault of DATA_FAULTS."""
    root = copy_project(tmp_path_factory.mktemp("data") / "proyek")
    lines = {fault: edit(root / "figures" / name, pattern, new)
             for fault, (name, pattern, new, _) in DATA_FAULTS.items()}
    return failing_build(root), lines


@pytest.mark.parametrize("fault", list(DATA_FAULTS))
def test_data_file_fault(data_faults, fault):
    """A wrong row of the data page's CSV files fails naming file and line (both files' problems in one run)."""
    log, lines = data_faults
    name, _, _, words = DATA_FAULTS[fault]
    one_line_with(log, f"figures/{name}:{lines[fault]}: {words}")


# ---------------------------------------------------------------- mkdocs serve rebuilds after strings.yml changes

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_text(url: str) -> str:
    try:
        with urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (URLError, OSError):
        return ""


def wait_for(condition, seconds: float, server: subprocess.Popen) -> bool:
    """Poll ``condition`` until true, the server exits, or ``seconds`` pass."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and server.poll() is None:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_the_edition_words_change(tmp_path):
    """Under `mkdocs serve`, an edit of hooks/edition/strings.yml shows on the served page without a restart; its
    console says which language it serves and how to see the other."""
    root = copy_project(tmp_path / "proyek")
    port = free_port()
    url = f"http://127.0.0.1:{port}/upaya-iom/"
    env = {**{k: v for k, v in os.environ.items() if k != "SERVE_LANGUAGE"}, "SITE_URL": TEST_SITE_URL,
           "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=root,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: "Versi 1." in page_text(url), 240, server), "mkdocs serve did not serve the site"
        edit(root / "hooks" / "edition" / "strings.yml", r"^  version_word: Versi$", "  version_word: Terbitan")
        assert wait_for(lambda: "Terbitan 1." in page_text(url), 240, server), \
            "the served page still shows the old word: mkdocs serve does not watch hooks/edition/strings.yml"
    finally:
        server.terminate()
        try:
            _, console = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, console = server.communicate()
    assert "serving only the language 'id'" in console and "SERVE_LANGUAGE=en uv run mkdocs serve" in console, \
        f"mkdocs serve does not say which language it serves:\n{console[-3000:]}"
