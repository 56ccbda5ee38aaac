"""Build time of the site against the same pages built by MkDocs and Material alone.

Both builds run as separate ``mkdocs build`` processes on a copy of the project,
several times each, interleaved; the medians and their ratio are printed (goal: at
most 2, issue 24). The plain variant drops the bibtex plugin, the build pipeline
(hooks/pipeline.py, which would render the citations itself without the plugin) and the
theme's overrides (their templates read what the pipeline gives them), so ``[@key]`` and the
content markers stay as raw text there: the ratio is the cost of citations, of the
overrides and of every step of the edition together. Both run on the engine
``SITE_ENGINE`` names (hooks/edition/engine.py). Both languages are built on both sides. Gambar 1
is drawn once in the warm-up and then comes from its cache. "Cold" builds start without the edition's other build
caches (bench.project.CACHES: the formatted citations, compiled templates, minified assets, the pages' script
readings, the social card), as the first build of a clone does; "warm" builds find them, as every later build does.
The plain variant has no cache to warm.

    uv run python -m bench.build_time [RUNS]
    uv run python -m bench.build_time 5 --project OTHER_CHECKOUT   # e.g. an older commit, to compare
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.project import CACHES, arguments, copy_project, engine


def without_bibtex(config_text: str) -> str:
    """mkdocs.yml less the bibtex plugin, the pipeline hook and the overrides; everything else as it is."""
    text = re.sub(r"\n  - bibtex:\n(?:      .*\n)+", "\n", config_text)
    text = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", text)
    text = re.sub(r"\n  custom_dir: overrides\n", "\n", text)
    assert not re.search(r"\n  - bibtex:|\nhooks:|custom_dir:", text), "mkdocs.yml: a part of the edition not removed"
    return text



def project_copy(source: Path | None = None) -> Path:
    folder = copy_project(Path(tempfile.mkdtemp(prefix="bench-")) / "proyek", caches=False, source=source)
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs-plain.yml").write_text(without_bibtex(config), encoding="utf-8")
    return folder


def one_build(folder: Path, config: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and its subprocesses) of one ``mkdocs build``."""
    # Bytecode is cached (as on any developer machine) so that both sides pay the same
    # import cost: the warm-up build writes the .pyc files.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    started, cpu = time.perf_counter(), children_cpu()
    strict = ["--strict"] if config == "mkdocs.yml" else []  # the edition's gate; plain Material warns of its markers
    subprocess.run(engine.command("build", "-q", *strict, "-f", config, "--site-dir", "out", environ=env),
                   cwd=folder, env=env, check=True, capture_output=True)
    return time.perf_counter() - started, children_cpu() - cpu


def children_cpu() -> float:
    """CPU seconds (user and system) of the finished child processes so far: on a shared machine, less swayed by the
    others' load than the wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    args = arguments(__doc__.split("\n\n")[0], argv)
    runs = args.runs
    folder = project_copy(args.project)
    caches = [folder / cache for cache in CACHES if not cache.endswith("figures")]
    cold, warm, without = [], [], []
    one_build(folder, "mkdocs.yml")  # warm up: file cache, CSL copy, .pyc files
    one_build(folder, "mkdocs-plain.yml")
    for _ in range(runs):
        for cache in caches:
            shutil.rmtree(cache, ignore_errors=True)
        cold.append(one_build(folder, "mkdocs.yml"))  # one pandoc run per language, every template compiled, ...
        warm.append(one_build(folder, "mkdocs.yml"))  # citations unchanged: no pandoc run
        without.append(one_build(folder, "mkdocs-plain.yml"))
    print(f"runs: {runs} each, interleaved, whole `mkdocs build` processes, bytecode cached")
    rows = (("the edition, build caches cold", cold), ("the edition, build caches warm", warm),
            ("plain Material, same pages", without))
    for label, times in rows:
        wall, cpu = [t[0] for t in times], [t[1] for t in times]
        print(f"{label:32} wall median {statistics.median(wall):.2f} s (min {min(wall):.2f}, max {max(wall):.2f})"
              f"   CPU median {statistics.median(cpu):.2f} s")
    for label, times in rows[:2]:
        ratio = statistics.median(t[0] for t in times) / statistics.median(t[0] for t in without)
        cpu_ratio = statistics.median(t[1] for t in times) / statistics.median(t[1] for t in without)
        print(f"ratio {label.split()[-1]} / plain: wall {ratio:.2f}, CPU {cpu_ratio:.2f}   (goal: at most 2)")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
