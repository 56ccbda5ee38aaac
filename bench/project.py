"""What a build of the site reads, and a way to copy it (for benchmarks and mutation tests); the engine that builds
it (``engine.command``: SITE_ENGINE, hooks/edition/engine.py)."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "hooks") not in sys.path:
    sys.path.insert(0, str(ROOT / "hooks"))
from edition import engine  # noqa: E402,F401  (the engine that builds: SITE_ENGINE, hooks/edition/engine.py)
PROJECT_PARTS = ["mkdocs.yml", "CITATION.cff", "references.bib", "docs", "hooks", "overrides", "figures"]


# Build caches keyed by the hash of their inputs (formatted citations, drawn figures, compiled templates, minified
# assets, what each page's policy is made from, the social card, the EPUBs): a copy that changes an input misses its cache
# entry and recomputes it, so carrying them over is always safe.
CACHES = [".cache/citations", ".cache/figures", ".cache/templates", ".cache/minified", ".cache/policies",
          ".cache/social-card", ".cache/epub"]


def copy_project(dest: Path, caches: bool = True, source: Path | None = None) -> Path:
    """A copy of what a build of ``source`` (default: this checkout) reads, and unless ``caches`` is false its
    build caches, in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS + (CACHES if caches else []):
        source_part = (source or ROOT) / part
        if source_part.is_dir():
            shutil.copytree(source_part, dest / part)
        elif source_part.exists():
            shutil.copy2(source_part, dest / part)
    return dest


def arguments(description: str, argv: list[str]) -> argparse.Namespace:
    """A benchmark's command line: how many runs (default 5) and, with --project, another checkout to measure."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--project", type=Path, default=None,
                        help="measure another checkout (default: this one); it is copied, never edited")
    return parser.parse_args(argv)
