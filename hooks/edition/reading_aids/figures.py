"""Figures redrawn at build time from data kept in figures/ (no image is committed).

Gambar 1 is drawn by ``figures/gambar_1.py`` (matplotlib) from ``figures/gambar-1.csv``, whose rows
are checked first (``figure_rows``: a bad value fails the build naming the CSV file and line, never a
traceback from the script). Its words, in the page's language, are the edition's own (strings.yml's
``chart_categories``, ``chart_axis``): the script reads them, and the data table here.
``start_drawing`` starts the drawing in a background process as soon as the
configuration is loaded; it is cached in ``.cache/figures/`` under the hash of the
script, the data and the words, so a rebuild with nothing changed draws nothing. In the page,
``<!-- insert: chart gambar-1 -->`` becomes the inline SVG (text in ``currentColor``:
legible in both palettes, no JavaScript needed) and ``<!-- insert: chart-data gambar-1 -->``
the data as a table; the CSV is published as ``unduh/gambar-1.csv``.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import pages
from edition.inputs import input_files, markers
from edition.inputs.languages import Locale

FIGURES = {"gambar-1": ("gambar_1.py", "gambar-1.csv")}
ALT = {"gambar-1": "chart_alt"}  # key of the alt text in hooks/edition/strings.yml
CATEGORIES = "chart_categories"  # key of the categories the figure draws, and their names, in strings.yml
COLUMNS = ("tahun", "kategori", "kasus", "catatan")  # and catatan_en, the note in English (optional)


@dataclass
class FigureJob:
    """A figure being drawn (``process`` is None once done or when the drawing was cached)."""

    name: str
    data: Path
    svg: Path
    process: subprocess.Popen | None
    partial: Path | None = None  # where the process draws; renamed to ``svg`` when it is done


def words(strings: dict) -> str:
    """The figure's words in one language (part of its drawing's cache key)."""
    return json.dumps({key: strings[key] for key in (CATEGORIES, "chart_axis")}, ensure_ascii=False, sort_keys=True)


def paths(project: Path, name: str, language: str, strings: dict) -> tuple[Path, Path, Path]:
    """(script, data, cached drawing) of a figure; fails naming a missing file."""
    script, data = (project / "figures" / part for part in FIGURES[name])
    for path in (script, data):
        if not path.is_file():
            raise PluginError(f"figures/{path.name}: not found (needed for {name})")
    digest = hashlib.sha256(script.read_bytes() + data.read_bytes() + words(strings).encode()).hexdigest()[:16]
    return script, data, project / ".cache" / "figures" / f"{name}-{language}-{digest}.svg"


def figure_rows(data: Path, categories) -> list[dict[str, str]]:
    """The rows of a figure's data, checked (a year, one of the ``categories`` the figure draws, a whole number of
    cases; each year once per category): what the drawing script and the data table can rely on."""
    label = f"figures/{data.name}"
    rows = input_files.csv_rows(data, label, COLUMNS)
    problems, seen = [], {}
    for line, row in rows:
        year, category, cases = (row[column].strip() for column in COLUMNS[:3])
        if not re.fullmatch(r"\d{4}", year):
            problems.append(f"{label}:{line}: tahun '{row['tahun']}' is not a year (four digits)")
        if category not in categories:
            problems.append(f"{label}:{line}: kategori '{row['kategori']}' is not one the figure draws "
                            f"({', '.join(categories)})")
        if not re.fullmatch(r"\d+", cases):
            problems.append(f"{label}:{line}: kasus '{row['kasus']}' is not a whole number of cases (digits only)")
        if (year, category) in seen:
            problems.append(f"{label}:{line}: {year} {category} is given twice (first on line {seen[year, category]})")
        seen[year, category] = line
    if not problems:
        years = sorted({year for year, _ in seen})
        problems += [f"{label}: no row for {year} {category} (each year has a row for each of "
                     f"{', '.join(categories)})"
                     for year in years for category in categories if (year, category) not in seen]
    if problems:
        raise input_files.InputError(f"{label} is not valid", problems)
    return [{key: value.strip() for key, value in row.items()} for _, row in rows]


def start_drawing(project: Path, language: str, strings: dict) -> dict[str, FigureJob]:
    """Start drawing every figure not drawn yet, in background processes (its data checked first)."""
    jobs = {}
    for name in FIGURES:
        script, data, out = paths(project, name, language, strings)
        figure_rows(data, strings[CATEGORIES])
        process, partial = None, None
        if not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            partial = out.with_suffix(f".{os.getpid()}.tmp.svg")  # a parallel build never reads half a drawing
            process = subprocess.Popen([sys.executable, str(script), str(partial), language], cwd=project,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        jobs[name] = FigureJob(name, data, out, process, partial)
    return jobs


def chart(job: FigureJob, strings: dict) -> str:
    """The figure as inline SVG, waiting for its drawing if needed."""
    if job.process is not None:
        _, err = job.process.communicate(timeout=120)
        if job.process.returncode != 0:
            raise PluginError(f"figures/{FIGURES[job.name][0]} failed:\n{err.strip()[-1500:]}")
        job.partial.replace(job.svg)
        job.process = job.partial = None
    svg = job.svg.read_text(encoding="utf-8")
    label = html.escape(strings[ALT[job.name]])
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    svg = re.sub(r' width="[\d.]+pt" height="[\d.]+pt"', ' width="100%"', svg, count=1)
    return f'<div class="chart" markdown="0">{svg}</div>'


def data_table(data: Path, locale: Locale, strings: dict) -> str:
    """The figure's data as a Markdown table: one row per year, one column per category (the notes in the page's
    language: ``catatan_en`` beside ``catatan``, where given)."""
    rows = figure_rows(data, strings[CATEGORIES])
    categories = list(dict.fromkeys(r["kategori"] for r in rows))
    years = sorted({r["tahun"] for r in rows})
    value = {(r["tahun"], r["kategori"]): r for r in rows}
    names = strings[CATEGORIES]
    cases = strings["chart_table_cases"]
    head = f"| {strings['chart_table_year']} | " + " | ".join(cases.format(names[c]) for c in categories) + " |"
    lines = [head, "|---|" + "---:|" * len(categories)]
    for year in years:
        translated = "catatan" + locale.column_suffix
        column = translated if translated in rows[0] else "catatan"
        note = next((value[(year, c)][column] for c in categories if value[(year, c)][column]), "")
        label = f"{year} ({note})" if note else year
        lines.append(f"| {label} | " + " | ".join(value[(year, c)]["kasus"] for c in categories) + " |")
    return "\n".join(lines)


def fill(markdown: str, jobs: dict[str, FigureJob], locale: Locale, strings: dict) -> str:
    """The page with each ``chart`` marker as its figure and each ``chart-data`` marker as the figure's data."""
    markdown = markers.fill(markdown, "chart", lambda name: chart(jobs[name], strings))
    return markers.fill(markdown, "chart-data", lambda name: data_table(jobs[name].data, locale, strings))


def figure_downloads(jobs: dict[str, FigureJob]) -> dict[str, str]:
    """The figures' data files: file name below the site -> text."""
    return {pages.download(job.data.name): job.data.read_text(encoding="utf-8") for job in jobs.values()}
