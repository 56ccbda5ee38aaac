"""Build time of the site against the same pages built by MkDocs and Material alone.

Both builds run as separate ``mkdocs build`` processes on a copy of the project,
several times each, interleaved; the medians and their ratio are printed (goal: at
most 1.5). The plain variant drops the bibtex plugin and the build pipeline
(hooks/pipeline.py, which would render the citations itself without the plugin), so
``[@key]`` and the content markers stay as raw text there: the ratio is the cost of
citations and of every step of the edition together. Both run on the engine
``SITE_ENGINE`` names (hooks/edition/engine.py). Both languages are built on both sides. Gambar 1
is drawn once in the warm-up and then comes from its cache.

    uv run python -m bench.build_time [RUNS]
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.project import copy_project, engine


def without_bibtex(config_text: str) -> str:
    """mkdocs.yml less the bibtex plugin and the pipeline hook; everything else as it is."""
    text = re.sub(r"\n  - bibtex:\n(?:      .*\n)+", "\n", config_text)
    text = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", text)
    assert "bibtex:" not in text and "hooks/pipeline.py" not in text
    return text



def project_copy() -> Path:
    folder = copy_project(Path(tempfile.mkdtemp(prefix="bench-")) / "proyek", caches=False)
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs-plain.yml").write_text(without_bibtex(config), encoding="utf-8")
    return folder


def one_build(folder: Path, config: str) -> float:
    # Bytecode is cached (as on any developer machine) so that both sides pay the same
    # import cost: the warm-up build writes the .pyc files.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    started = time.perf_counter()
    subprocess.run(engine.command("build", "-q", "-f", config, "--site-dir", "out", environ=env),
                   cwd=folder, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 5
    folder = project_copy()
    cache = folder / ".cache" / "citations"
    cold, warm, without = [], [], []
    one_build(folder, "mkdocs.yml")  # warm up: file cache, CSL copy, .pyc files
    one_build(folder, "mkdocs-plain.yml")
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(one_build(folder, "mkdocs.yml"))  # one pandoc run
        warm.append(one_build(folder, "mkdocs.yml"))  # citations unchanged: no pandoc run
        without.append(one_build(folder, "mkdocs-plain.yml"))
    base = statistics.median(without)
    print(f"runs: {runs} each, interleaved, whole `mkdocs build` processes, bytecode cached")
    for label, times in (("with citations, cold (one pandoc run per language)", cold),
                         ("with citations, citation cache warm", warm),
                         ("without the bibtex plugin", without)):
        print(f"{label:40} median {statistics.median(times):.2f} s  (min {min(times):.2f}, max {max(times):.2f})")
    print(f"ratio cold / without: {statistics.median(cold) / base:.2f}   (goal: at most 1.5)")
    print(f"ratio warm / without: {statistics.median(warm) / base:.2f}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
