"""The "Data dan angka" page: every number of the article and a timeline of IOM's activities.

Both come from one data file each in figures/ (``angka.csv``, ``linimasa.csv``);
``read_all`` checks them (columns, ids, years, pages, anchors and references; every problem of both
files at once, each with its file and line), ``numbers_table`` and
``timeline`` render them on ``docs/data.md`` in place of ``<!-- insert: numbers -->``
and ``<!-- insert: timeline -->`` (``fill``), linking each row to the paragraph or figure it comes
from and to its reference; both CSV files are published under ``unduh/``. A column ``<name>_en`` beside a text
column gives it in English (a language's ``column_suffix``).
"""

from __future__ import annotations

import re
from pathlib import Path

from edition import pages
from edition.citations.bibtex_text import plain
from edition.inputs import heading_ids, input_files, markers
from edition.inputs.languages import Locale

SOURCES = {"numbers": "angka.csv", "timeline": "linimasa.csv"}  # marker name -> figures/<file>
# The columns each file needs (an English column ``<name>_en`` beside a text column is optional).
COLUMNS = {
    "numbers": ("id", "nilai", "ukuran", "periode", "menurut_teks", "rujukan", "halaman", "anchor"),
    "timeline": ("tahun", "dasar_tanggal", "kegiatan", "rujukan", "halaman", "anchor"),
}
DATE_BASES = ("teks", "tahun rujukan")  # the year is the text's, or the year of the reference cited for it
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_all(project: Path, docs: Path, entries) -> dict[str, list[dict]]:
    """The rows of every data file (marker name -> rows), checked; the problems of all of them reported together."""
    found, problems = {}, []
    for name in SOURCES:
        try:
            found[name] = read_rows(project, docs, name, entries)
        except input_files.InputError as exc:
            problems += exc.problems
    if problems:
        raise input_files.InputError("data file errors", problems)
    return found


def read_rows(project: Path, docs: Path, name: str, entries) -> list[dict]:
    """Rows of a data file, checked against the pages, their anchors and references.bib."""
    filename = SOURCES[name]
    label = f"figures/{filename}"
    rows = input_files.csv_rows(project / "figures" / filename, label, COLUMNS[name])
    problems, ids, read = [], {}, {}
    docs = Path(docs).resolve()
    for number, row in rows:
        at = f"{label}:{number}"
        page = (docs / row["halaman"]).resolve()
        if not (row["halaman"].endswith(".md") and page.is_file() and page.is_relative_to(docs)
                and page.relative_to(docs).as_posix() == row["halaman"] and not row["halaman"].startswith("includes/")):
            problems.append(f"{at}: halaman '{row['halaman']}' is not a page in docs/")
        elif row["anchor"] not in heading_ids.file_ids(page, read):
            problems.append(f"{at}: anchor '#{row['anchor']}' not found in docs/{row['halaman']}")
        if row["rujukan"] and row["rujukan"] not in entries:
            problems.append(f"{at}: rujukan '{row['rujukan']}' is not a key of references.bib")
        if name == "numbers":
            if not ID_RE.match(row["id"]):
                problems.append(f"{at}: id '{row['id']}' is not lowercase and hyphenated (it is the anchor "
                                f"#angka-{row['id']})")
            elif row["id"] in ids:
                problems.append(f"{at}: id '{row['id']}' is used twice (first on line {ids[row['id']]})")
            ids.setdefault(row["id"], number)
            problems += [f"{at}: {column} is empty" for column in ("nilai", "ukuran") if not row[column].strip()]
        else:
            problems += timeline_problems(row, at, entries)
    if problems:
        raise input_files.InputError(f"{label} is not valid", problems)
    return [row for _, row in rows]


def timeline_problems(row: dict, at: str, entries) -> list[str]:
    """A timeline row: a year, what it is based on (and, for a reference's year, that year), an activity."""
    problems = []
    if not re.fullmatch(r"\d{4}", row["tahun"]):
        problems.append(f"{at}: tahun '{row['tahun']}' is not a year (four digits)")
    if row["dasar_tanggal"] not in DATE_BASES:
        problems.append(f"{at}: dasar_tanggal '{row['dasar_tanggal']}' is neither {' nor '.join(DATE_BASES)}")
    elif row["dasar_tanggal"] == "tahun rujukan":
        entry = entries[row["rujukan"]] if row["rujukan"] in entries else None
        if not row["rujukan"]:
            problems.append(f"{at}: dasar_tanggal 'tahun rujukan' needs the reference whose year it is (rujukan)")
        elif entry is not None and entry.fields.get("year") != row["tahun"]:
            problems.append(f"{at}: tahun {row['tahun']} is said to be the year of {row['rujukan']}, "
                            f"which is {entry.fields.get('year')}")
    if not row["kegiatan"].strip():
        problems.append(f"{at}: kegiatan is empty")
    return problems


def link(row: dict) -> str:
    return f"{row['halaman']}#{row['anchor']}"


def field(row: dict, name: str, locale: Locale) -> str:
    """A column in the page's language: ``ukuran_en`` beside ``ukuran``, falling back to the original."""
    return row.get(name + locale.column_suffix) or row[name]


def reference(row: dict, entries, strings: dict) -> str:
    key = row["rujukan"]
    if not key:
        return strings["no_reference"]
    entry = entries[key]
    names = [plain(" ".join(p.last_names)) for p in entry.persons.get("author", [])]
    et_al = strings["et_al"]
    who = names[0] + (f" {et_al}" if len(names) > 2 else f" & {names[1]}" if len(names) == 2 else "")
    return f"[{who} ({entry.fields['year']})]({pages.BIBLIOGRAPHY}#ref-{key})"


def numbers_table(rows, entries, locale: Locale, strings: dict) -> str:
    lines = [strings["numbers_header"], "|---:|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {field(row, 'nilai', locale)} | {field(row, 'ukuran', locale)} | {field(row, 'periode', locale) or '—'} "
            f"| {field(row, 'menurut_teks', locale) or '—'} | {reference(row, entries, strings)} "
            f"| [{strings['to_sentence']}]({link(row)}){{ #angka-{row['id']} }} |"
        )
    return "\n".join(lines)


def timeline(rows, entries, locale: Locale, strings: dict) -> str:
    items = ['<ol class="timeline" markdown>']
    for row in rows:
        basis = "" if row["dasar_tanggal"] == "teks" else strings["year_of_reference"]
        items.append(f'<li markdown="span"><strong>{row["tahun"]}</strong>{basis}: {field(row, "kegiatan", locale)}. '
                     f'[{strings["to_section"]}]({link(row)}) · {reference(row, entries, strings)}</li>')
    items.append("</ol>")
    return "\n".join(items)


def fill(markdown: str, project: Path, docs: Path, entries, locale: Locale, strings: dict) -> str:
    """The page with its ``numbers`` and ``timeline`` markers filled (the data files read only where one is)."""
    if not any(marker.name in SOURCES for marker in markers.find(markdown)):
        return markdown
    rows = read_all(project, docs, entries)
    markdown = markers.fill(markdown, "numbers", lambda _: numbers_table(rows["numbers"], entries, locale, strings))
    return markers.fill(markdown, "timeline", lambda _: timeline(rows["timeline"], entries, locale, strings))


def data_downloads(project: Path) -> dict[str, str]:
    """The data files: file name below the site -> text."""
    return {pages.download(filename): input_files.text(project / "figures" / filename, f"figures/{filename}")
            for filename in SOURCES.values()}
