"""Figures redrawn at build time from data kept in figures/ (no image is committed).

Gambar 1 is drawn by ``figures/gambar_1.py`` (matplotlib) from ``figures/gambar-1.csv``.
The drawing starts in a background process as soon as the configuration is loaded
and is cached in ``.cache/figures/`` under the hash of the script and the data, so a
rebuild with nothing changed draws nothing. In the page, ``<!-- grafik: gambar-1 -->``
becomes the inline SVG (text in ``currentColor``: legible in both palettes, no
JavaScript needed) and ``<!-- data: gambar-1 -->`` the data as a table; the CSV is
published as ``unduh/gambar-1.csv``.
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import bahasa

FIGURES = {"gambar-1": ("gambar_1.py", "gambar-1.csv")}
ALT = {"gambar-1": "chart_alt"}  # key of the alt text in hooks/bahasa.py
_jobs: dict[str, tuple[subprocess.Popen | None, Path]] = {}


def _paths(config, name, language=bahasa.DEFAULT):
    project = Path(config.config_file_path).parent
    script, data = FIGURES[name]
    script, data = project / "figures" / script, project / "figures" / data
    for path in (script, data):
        if not path.is_file():
            raise PluginError(f"figures/{path.name}: not found (needed for {name})")
    digest = hashlib.sha256(script.read_bytes() + data.read_bytes()).hexdigest()[:16]
    return project, script, data, project / ".cache" / "figures" / f"{name}-{language}-{digest}.svg"


@event_priority(-10)
def on_config(config):
    language = bahasa.current(config)
    for name in FIGURES:
        project, script, _, out = _paths(config, name, language)
        job = None
        if not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            job = subprocess.Popen([sys.executable, str(script), str(out), language], cwd=project,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _jobs[name] = (job, out)
    return config


def svg_for(name: str, language: str = bahasa.DEFAULT) -> str:
    job, out = _jobs[name]
    if job is not None:
        _, err = job.communicate(timeout=120)
        if job.returncode != 0:
            raise PluginError(f"figures/{FIGURES[name][0]} failed:\n{err.strip()[-1500:]}")
        _jobs[name] = (None, out)
    svg = out.read_text(encoding="utf-8")
    label = html.escape(bahasa.t(language, ALT[name]))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    svg = re.sub(r' width="[\d.]+pt" height="[\d.]+pt"', ' width="100%"', svg, count=1)
    return f'<div class="grafik" markdown="0">{svg}</div>'


CATEGORIES_EN = {"anak": "children", "dewasa": "adults"}


def data_table(data: Path, language: str = bahasa.DEFAULT) -> str:
    """The figure's data as a Markdown table: one row per year, one column per category."""
    with open(data, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    categories = list(dict.fromkeys(r["kategori"] for r in rows))
    years = sorted({r["tahun"] for r in rows})
    value = {(r["tahun"], r["kategori"]): r for r in rows}
    names = {c: (CATEGORIES_EN.get(c, c) if language == "en" else c) for c in categories}
    cases = bahasa.t(language, "chart_table_cases")
    head = f"| {bahasa.t(language, 'chart_table_year')} | " + " | ".join(cases.format(names[c]) for c in categories) + " |"
    lines = [head, "|---|" + "---:|" * len(categories)]
    for year in years:
        column = "catatan_en" if language == "en" and "catatan_en" in rows[0] else "catatan"
        note = next((value[(year, c)][column] for c in categories if value[(year, c)][column]), "")
        label = f"{year} ({note})" if note else year
        lines.append(f"| {label} | " + " | ".join(value[(year, c)]["kasus"] for c in categories) + " |")
    return "\n".join(lines)


@event_priority(-150)  # after mkdocs-static-i18n rebuilds the file list
def on_files(files, config):
    for name in FIGURES:
        _, _, data, _ = _paths(config, name)
        files.append(File.generated(config, f"unduh/{data.name}", content=data.read_text(encoding="utf-8")))
    return files


def on_page_markdown(markdown, page, config, files):
    for name in FIGURES:
        chart, table = f"<!-- grafik: {name} -->", f"<!-- data: {name} -->"
        if chart in markdown:
            markdown = markdown.replace(chart, svg_for(name, bahasa.of(page.file)))
        if table in markdown:
            markdown = markdown.replace(table, data_table(_paths(config, name)[2], bahasa.of(page.file)))
    return markdown
