"""What a build of the site reads, and a way to copy it (for benchmarks and mutation tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["mkdocs.yml", "CITATION.cff", "references.bib", "docs", "hooks", "overrides", "figures"]


def copy_project(dest: Path) -> Path:
    """A copy of what a build reads (no caches, no built site) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest
