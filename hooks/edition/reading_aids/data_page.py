"""The "Data dan angka" page: every number of the article and a timeline of IOM's activities.

Both come from one data file each in figures/ (``angka.csv``, ``linimasa.csv``);
``read_rows`` checks them (failing with file and line), ``numbers_table`` and
``timeline`` render them on ``docs/data.md`` in place of ``<!-- insert: numbers -->``
and ``<!-- insert: timeline -->``, linking each row to the paragraph or figure it comes
from and to its reference; both CSV files are published under ``unduh/``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import languages
from edition.citations.bibtex_text import plain

SOURCES = {"numbers": "angka.csv", "timeline": "linimasa.csv"}  # marker name -> figures/<file>
ANCHOR_RE = r"(\{{[^}}]*#{0}[\s}}])|(id=\"{0}\")"


def read_rows(project: Path, docs: Path, name: str, keys) -> list[dict]:
    """Rows of a data file, checked against the pages, their anchors and references.bib."""
    filename = SOURCES[name]
    path = project / "figures" / filename
    if not path.is_file():
        raise PluginError(f"figures/{filename}: not found")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    problems = []
    for number, row in enumerate(rows, start=2):
        page = docs / row["halaman"]
        if not page.is_file():
            problems.append(f"figures/{filename}:{number}: halaman '{row['halaman']}' is not a page in docs/")
        elif not re.search(ANCHOR_RE.format(re.escape(row["anchor"])), page.read_text(encoding="utf-8")):
            problems.append(f"figures/{filename}:{number}: anchor '#{row['anchor']}' not found in docs/{row['halaman']}")
        if row["rujukan"] and row["rujukan"] not in keys:
            problems.append(f"figures/{filename}:{number}: rujukan '{row['rujukan']}' is not a key of references.bib")
    if problems:
        raise PluginError("data file errors:\n  " + "\n  ".join(problems))
    return rows


def link(row: dict) -> str:
    return f"{row['halaman']}#{row['anchor']}"


def field(row: dict, name: str, language: str) -> str:
    """A column in the page's language: ``ukuran_en`` beside ``ukuran``, falling back to the original."""
    return row.get(f"{name}_{language}") or row[name] if language != languages.DEFAULT else row[name]


def reference(row: dict, entries, strings: dict) -> str:
    key = row["rujukan"]
    if not key:
        return strings["no_reference"]
    entry = entries[key]
    names = [plain(" ".join(p.last_names)) for p in entry.persons.get("author", [])]
    et_al = strings["et_al"]
    who = names[0] + (f" {et_al}" if len(names) > 2 else f" & {names[1]}" if len(names) == 2 else "")
    return f"[{who} ({entry.fields['year']})](daftar-pustaka.md#ref-{key})"


def numbers_table(rows, entries, language: str, strings: dict) -> str:
    lines = [strings["numbers_header"], "|---:|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {field(row, 'nilai', language)} | {field(row, 'ukuran', language)} | {field(row, 'periode', language) or '—'} "
            f"| {field(row, 'menurut_teks', language) or '—'} | {reference(row, entries, strings)} "
            f"| [{strings['to_sentence']}]({link(row)}){{ #angka-{row['id']} }} |"
        )
    return "\n".join(lines)


def timeline(rows, entries, language: str, strings: dict) -> str:
    items = ['<ol class="timeline" markdown>']
    for row in rows:
        basis = "" if row["dasar_tanggal"] == "teks" else strings["year_of_reference"]
        items.append(f'<li markdown="span"><strong>{row["tahun"]}</strong>{basis}: {field(row, "kegiatan", language)}. '
                     f'[{strings["to_section"]}]({link(row)}) · {reference(row, entries, strings)}</li>')
    items.append("</ol>")
    return "\n".join(items)


def data_downloads(project: Path) -> dict[str, str]:
    """The data files: file name below the site -> text."""
    found = {}
    for filename in SOURCES.values():
        path = project / "figures" / filename
        if not path.is_file():
            raise PluginError(f"figures/{filename}: not found")
        found[f"unduh/{filename}"] = path.read_text(encoding="utf-8")
    return found
