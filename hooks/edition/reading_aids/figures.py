"""Figures redrawn at build time from data kept in figures/ (no image is committed).

Gambar 1 is drawn by ``figures/gambar_1.py`` (matplotlib) from ``figures/gambar-1.csv``.
``start_drawing`` starts the drawing in a background process as soon as the
configuration is loaded; it is cached in ``.cache/figures/`` under the hash of the
script and the data, so a rebuild with nothing changed draws nothing. In the page,
``<!-- insert: chart gambar-1 -->`` becomes the inline SVG (text in ``currentColor``:
legible in both palettes, no JavaScript needed) and ``<!-- insert: chart-data gambar-1 -->``
the data as a table; the CSV is published as ``unduh/gambar-1.csv``.
"""

from __future__ import annotations

import csv
import hashlib
import html
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

FIGURES = {"gambar-1": ("gambar_1.py", "gambar-1.csv")}
ALT = {"gambar-1": "chart_alt"}  # key of the alt text in hooks/edition/strings.yml
CATEGORIES_EN = {"anak": "children", "dewasa": "adults"}


@dataclass
class FigureJob:
    """A figure being drawn (``process`` is None once done or when the drawing was cached)."""

    name: str
    data: Path
    svg: Path
    process: subprocess.Popen | None
    partial: Path | None = None  # where the process draws; renamed to ``svg`` when it is done


def paths(project: Path, name: str, language: str) -> tuple[Path, Path, Path]:
    """(script, data, cached drawing) of a figure; fails naming a missing file."""
    script, data = (project / "figures" / part for part in FIGURES[name])
    for path in (script, data):
        if not path.is_file():
            raise PluginError(f"figures/{path.name}: not found (needed for {name})")
    digest = hashlib.sha256(script.read_bytes() + data.read_bytes()).hexdigest()[:16]
    return script, data, project / ".cache" / "figures" / f"{name}-{language}-{digest}.svg"


def start_drawing(project: Path, language: str) -> dict[str, FigureJob]:
    """Start drawing every figure not drawn yet, in background processes."""
    jobs = {}
    for name in FIGURES:
        script, data, out = paths(project, name, language)
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


def data_table(data: Path, language: str, strings: dict) -> str:
    """The figure's data as a Markdown table: one row per year, one column per category."""
    with open(data, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    categories = list(dict.fromkeys(r["kategori"] for r in rows))
    years = sorted({r["tahun"] for r in rows})
    value = {(r["tahun"], r["kategori"]): r for r in rows}
    names = {c: (CATEGORIES_EN.get(c, c) if language == "en" else c) for c in categories}
    cases = strings["chart_table_cases"]
    head = f"| {strings['chart_table_year']} | " + " | ".join(cases.format(names[c]) for c in categories) + " |"
    lines = [head, "|---|" + "---:|" * len(categories)]
    for year in years:
        column = "catatan_en" if language == "en" and "catatan_en" in rows[0] else "catatan"
        note = next((value[(year, c)][column] for c in categories if value[(year, c)][column]), "")
        label = f"{year} ({note})" if note else year
        lines.append(f"| {label} | " + " | ".join(value[(year, c)]["kasus"] for c in categories) + " |")
    return "\n".join(lines)


def figure_downloads(jobs: dict[str, FigureJob]) -> dict[str, str]:
    """The figures' data files: file name below the site -> text."""
    return {f"unduh/{job.data.name}": job.data.read_text(encoding="utf-8") for job in jobs.values()}
