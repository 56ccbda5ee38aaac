"""Checkers the project did not write, fetched from the npm registry on first use.

``npm_package("vnu-jar", "26.9.27")`` installs that exact version (scripts off: nothing
is downloaded but the package) into ``.cache/npm/`` and returns the package's folder,
so ``uv run pytest`` on a fresh machine needs nothing but npm. Without npm, or when the
registry cannot be reached, the test using it is skipped with the reason; on CI
(``CI=true``) it fails instead, so a green CI has really run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "npm"


def unavailable(reason: str):
    """Skip (locally) or fail (on CI) a test whose external checker cannot be had."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required on CI)")
    pytest.skip(reason)


def npm_package(name: str, version: str) -> Path:
    """The folder of an npm package at an exact version, installed once into .cache/npm/."""
    prefix = CACHE / f"{name.replace('/', '+')}@{version}"
    folder = prefix / "node_modules" / name
    if (folder / "package.json").is_file():
        return folder
    npm = shutil.which("npm")
    if npm is None:
        unavailable(f"npm is not installed, so {name}@{version} cannot be fetched")
    prefix.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([npm, "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund",
                             "--prefix", str(prefix), f"{name}@{version}"],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not (folder / "package.json").is_file():
        unavailable(f"npm install {name}@{version} failed: {result.stderr.strip()[-400:]}")
    return folder


def java() -> str:
    """The java executable (Debian's default-jre-headless on CI)."""
    found = shutil.which("java")
    if found is None:
        unavailable("java is not installed (apt-get install default-jre-headless)")
    return found
