"""The "Data dan angka" page: every number of the article and a timeline of IOM's activities.

Both come from one data file each in figures/ (``angka.csv``, ``linimasa.csv``); this
hook checks them (failing with file, line and column), renders them as tables on
``docs/data.md`` in place of ``<!-- tabel-angka -->`` and ``<!-- linimasa -->``, links
each row to the paragraph or figure it comes from and to its reference, and publishes
both CSV files under ``unduh/``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import bahasa

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


def field(row: dict, name: str, language: str) -> str:
    """A column in the page's language: ``ukuran_en`` beside ``ukuran``, falling back to the original."""
    return row.get(f"{name}_{language}") or row[name] if language != bahasa.DEFAULT else row[name]


def reference(row: dict, config, language: str = bahasa.DEFAULT) -> str:
    key = row["rujukan"]
    if not key:
        return bahasa.t(language, "no_reference")
    entry = config.plugins["bibtex"].registry.bib_data.entries[key]
    names = [" ".join(p.last_names) for p in entry.persons.get("author", [])]
    et_al = bahasa.t(language, "et_al")
    who = names[0] + (f" {et_al}" if len(names) > 2 else f" & {names[1]}" if len(names) == 2 else "")
    who = who.replace("{", "").replace("}", "")
    return f"[{who} ({entry.fields['year']})](daftar-pustaka.md#ref-{key})"


def numbers_table(rows, config, language: str = bahasa.DEFAULT) -> str:
    lines = [bahasa.t(language, "numbers_header"), "|---:|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {field(row, 'nilai', language)} | {field(row, 'ukuran', language)} | {field(row, 'periode', language) or '—'} "
            f"| {field(row, 'menurut_teks', language) or '—'} | {reference(row, config, language)} "
            f"| [{bahasa.t(language, 'to_sentence')}]({link(row)}){{ #angka-{row['id']} }} |"
        )
    return "\n".join(lines)


def timeline(rows, config, language: str = bahasa.DEFAULT) -> str:
    items = ['<ol class="linimasa" markdown>']
    for row in rows:
        basis = "" if row["dasar_tanggal"] == "teks" else bahasa.t(language, "year_of_reference")
        items.append(f'<li markdown="span"><strong>{row["tahun"]}</strong>{basis}: {field(row, "kegiatan", language)}. '
                     f'[{bahasa.t(language, "to_section")}]({link(row)}) · {reference(row, config, language)}</li>')
    items.append("</ol>")
    return "\n".join(items)


@event_priority(-150)  # after mkdocs-static-i18n rebuilds the file list
def on_files(files, config):
    project = Path(config.config_file_path).parent
    for filename, _ in SOURCES.values():
        path = project / "figures" / filename
        if path.is_file():
            files.append(File.generated(config, f"unduh/{filename}", content=path.read_text(encoding="utf-8")))
    return files


def on_page_markdown(markdown, page, config, files):
    if bahasa.source(page.file) != PAGE:
        return markdown
    language = bahasa.of(page.file)
    for name, (filename, marker) in SOURCES.items():
        if marker not in markdown:
            raise PluginError(f"docs/{PAGE}: the marker {marker} for figures/{filename} is missing")
    markdown = markdown.replace(SOURCES["angka"][1], numbers_table(read_rows(config, "angka"), config, language))
    return markdown.replace(SOURCES["linimasa"][1], timeline(read_rows(config, "linimasa"), config, language))
