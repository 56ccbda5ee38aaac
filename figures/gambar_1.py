"""Gambar 1, redrawn from the numbers the article gives (hasil-dan-pembahasan, "Perkembangan
Human Trafficking Tahun 2017-2022"): TPPO cases recorded by SIMFONI PPA, children and adults,
2019 to September 2021, as cited from Renaldi (2021).

    uv run python figures/gambar_1.py OUT.svg [id|en]

Writes an SVG whose text and axes use ``currentColor`` (so it follows the light and the dark
palette when inlined in the page) and whose two bar colours read on both backgrounds; its text is
in the page's own font. Its words (the categories and the axis) are the edition's own, in the language
asked for: ``chart_categories`` and ``chart_axis`` of hooks/edition/strings.yml. It is inlined in every
first visit of its page, so ``compact`` drops what draws nothing (matplotlib's group IDs, empty
background shapes, null rotations, the font list, coordinates finer than a hundredth of a point,
groups of one shape).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("gambar-1.csv")
STRINGS = Path(__file__).parents[1] / "hooks" / "edition" / "strings.yml"
COLOURS = {"anak": "#5b8def", "dewasa": "#e8913a"}


def labels(language: str, path: Path = STRINGS) -> dict[str, str]:
    """The chart's words in ``language``: each category's name (capitalised, for the legend) and "y", the axis."""
    words = yaml.safe_load(path.read_text(encoding="utf-8"))[language]
    return {**{name: text.capitalize() for name, text in words["chart_categories"].items()}, "y": words["chart_axis"]}


def read_data(path: Path = DATA) -> dict[str, dict[int, int]]:
    """{kategori: {tahun: kasus}} from the CSV."""
    series: dict[str, dict[int, int]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:  # a BOM (spreadsheets) is dropped
        for row in csv.DictReader(handle):
            series.setdefault(row["kategori"], {})[int(row["tahun"])] = int(row["kasus"])
    return series


def render_svg(series: dict[str, dict[int, int]], language: str = "id") -> str:
    words = labels(language)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.family": "sans-serif", "font.size": 11,
                         "svg.hashsalt": "gambar-1"})
    years = sorted({year for values in series.values() for year in values})
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    width = 0.38
    for offset, name in zip((-width / 2, width / 2), ("anak", "dewasa")):
        xs = [i + offset for i in range(len(years))]
        values = [series[name][y] for y in years]
        bars = ax.bar(xs, values, width, label=words[name], color=COLOURS[name])
        ax.bar_label(bars, padding=2, color="#010101")
    ax.set_xticks(range(len(years)), [str(y) if y != 2021 else "2021*" for y in years], color="#010101")
    ax.set_ylabel(words["y"], color="#010101")
    ax.tick_params(colors="#010101")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#010101")
    ax.set_ylim(0, max(max(v.values()) for v in series.values()) * 1.18)
    legend = ax.legend(frameon=False, loc="upper left")
    for text in legend.get_texts():
        text.set_color("#010101")
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", transparent=True, metadata={"Date": None, "Creator": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: the SVG is inlined
    svg = svg.replace("#010101", "currentColor")  # text and axes follow the page's colour
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    return compact(svg)


def compact(svg: str) -> str:
    """The same drawing in fewer bytes (see the module's docstring)."""
    svg = re.sub(r'<g id="[^"]*">', "<g>", svg)  # IDs no reference points to (clip paths and markers keep theirs)
    svg = re.sub(r'\s*<g>\s*<path d="[^"]*" style="fill: none"/>\s*</g>', "", svg)  # unfilled, unstroked shapes
    svg = re.sub(r" font-family: [^;]*;", "", svg)  # the page's font
    svg = re.sub(r' transform="rotate\(-?0 [^)]*\)"', "", svg)
    svg = re.sub(r"\d+\.\d{3,}", lambda m: f"{round(float(m.group(0)), 2):g}", svg)
    svg = re.sub(r' d="([^"]*)"', lambda m: ' d="' + " ".join(m.group(1).split()) + '"', svg)
    svg = re.sub(r"\s*\n\s*", "\n", svg)
    single = re.compile(r"<g>\n?(<(path|use|text)\b[^>]*(?:/>|>[^<]*</\2>))\n?</g>")  # a group of one shape
    while single.search(svg):
        svg = single.sub(r"\1", svg)
    return svg


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("gambar-1.svg")
    language = argv[1] if len(argv) > 1 else "id"
    out.write_text(render_svg(read_data(), language), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
