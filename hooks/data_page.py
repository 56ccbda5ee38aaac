"""The "Data dan angka" page: every number of the article and a timeline of IOM's activities.

Both come from one data file each in figures/ (``angka.csv``, ``linimasa.csv``); this
hook checks them (failing with file, line and column), renders them as tables on
``docs/data.md`` in place of ``<!-- tabel-angka -->`` and ``<!-- linimasa -->``, links
each row to the paragraph or figure it comes from and to its reference, and publishes
both CSV files under ``unduh/``.
"""

from __future__ import annotations

import csv
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

PAGE = "data.md"
SOURCES = {"angka": ("angka.csv", "<!-- tabel-angka -->"), "linimasa": ("linimasa.csv", "<!-- linimasa -->")}
ANCHOR_RE = r"(\{{[^}}]*#{0}[\s}}])|(id=\"{0}\")"


def read_rows(config, name: str) -> list[dict]:
    """Rows of figures/<name>.csv, checked against the pages, their anchors and references.bib."""
    project = Path(config.config_file_path).parent
    filename = SOURCES[name][0]
    path = project / "figures" / filename
    if not path.is_file():
        raise PluginError(f"figures/{filename}: not found")
    keys = config.plugins["bibtex"].registry.bib_data.entries
    docs = Path(config.docs_dir)
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


def reference(row: dict, config) -> str:
    key = row["rujukan"]
    if not key:
        return "tanpa rujukan dalam teks"
    entry = config.plugins["bibtex"].registry.bib_data.entries[key]
    names = [" ".join(p.last_names) for p in entry.persons.get("author", [])]
    who = names[0] + (" dkk." if len(names) > 2 else f" & {names[1]}" if len(names) == 2 else "")
    who = who.replace("{", "").replace("}", "")
    return f"[{who} ({entry.fields['year']})](daftar-pustaka.md#ref-{key})"


def numbers_table(rows, config) -> str:
    lines = ["| Nilai | Yang diukur | Periode | Menurut teks | Rujukan | Di artikel |", "|---:|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {row['nilai']} | {row['ukuran']} | {row['periode'] or '—'} | {row['menurut_teks'] or '—'} "
            f"| {reference(row, config)} | [ke kalimatnya]({link(row)}){{ #angka-{row['id']} }} |"
        )
    return "\n".join(lines)


def timeline(rows, config) -> str:
    items = ['<ol class="linimasa" markdown>']
    for row in rows:
        basis = "" if row["dasar_tanggal"] == "teks" else " (tahun menurut rujukannya)"
        items.append(f'<li markdown="span"><strong>{row["tahun"]}</strong>{basis}: {row["kegiatan"]}. '
                     f'[Ke bagiannya]({link(row)}) · {reference(row, config)}</li>')
    items.append("</ol>")
    return "\n".join(items)


def on_files(files, config):
    project = Path(config.config_file_path).parent
    for filename, _ in SOURCES.values():
        path = project / "figures" / filename
        if path.is_file():
            files.append(File.generated(config, f"unduh/{filename}", content=path.read_text(encoding="utf-8")))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        return markdown
    for name, (filename, marker) in SOURCES.items():
        if marker not in markdown:
            raise PluginError(f"docs/{PAGE}: the marker {marker} for figures/{filename} is missing")
    markdown = markdown.replace(SOURCES["angka"][1], numbers_table(read_rows(config, "angka"), config))
    return markdown.replace(SOURCES["linimasa"][1], timeline(read_rows(config, "linimasa"), config))
