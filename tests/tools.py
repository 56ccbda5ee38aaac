"""Checkers the project did not write, installed from npm with committed lockfiles.

Each checker has a folder in ``tests/npm/`` (``vnu-jar``, ``mozilla-readability``, ``lighthouse``) holding a
``package.json`` that pins its exact version and a ``package-lock.json`` that gives the integrity hash
(sha512) of every package of its tree. ``npm_package("vnu-jar")`` runs ``npm ci`` on that lockfile into
``.cache/npm/<folder>/`` (scripts off) and returns the package's folder. ``npm ci`` removes what is installed
and extracts every package again, each checked against the lockfile's hash, so a cached install that was
altered is never used: it is reinstalled from npm's own cache (``.cache/npm/npm-cache``, content-addressed,
checked on read), and when that cache fails the check too, fetched again from the registry; if that is
not possible, the test fails (on CI) or is skipped (locally) with npm's message. The first use on a machine
needs the registry; later runs need no network. Without npm the test using a checker is skipped with the
reason; on CI (``CI=true``) it fails instead, so a green CI has really run it.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "tests" / "npm"  # one folder per checker: package.json and package-lock.json, committed
CACHE = ROOT / ".cache" / "npm"  # the installs, one folder per checker
NPM_CACHE = CACHE / "npm-cache"  # npm's own cache: its _cacache/ holds the tarballs, content-addressed
LOCK_FILES = ("package.json", "package-lock.json")


def unavailable(reason: str):
    """Skip (locally) or fail (on CI) a test whose external checker cannot be had."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required on CI)")
    pytest.skip(reason)


def lock_folder(name: str) -> Path:
    """The committed folder of a checker: ``@mozilla/readability`` -> tests/npm/mozilla-readability."""
    return LOCKS / name.removeprefix("@").replace("/", "-")


def locked_version(name: str) -> str:
    """The exact version of a checker, as its committed package.json pins it."""
    return json.loads((lock_folder(name) / "package.json").read_text(encoding="utf-8"))["dependencies"][name]


@contextmanager
def exclusive(path: Path):
    """One process at a time installs into a folder (two pytest workers may ask at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def install(lock_dir: Path, prefix: Path, npm_cache: Path = NPM_CACHE, offline: bool = False,
            npm: str | None = None) -> subprocess.CompletedProcess:
    """``npm ci`` of a committed lockfile into ``prefix``: node_modules removed, every package extracted again after
    its integrity is checked against the lockfile (from ``npm_cache``, or, unless ``offline``, the registry)."""
    prefix.mkdir(parents=True, exist_ok=True)
    for name in LOCK_FILES:  # the committed files, never a copy left in the cache
        shutil.copyfile(lock_dir / name, prefix / name)
    command = [npm or shutil.which("npm") or "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund",
               "--cache", str(npm_cache), *(["--offline"] if offline else [])]
    return subprocess.run(command, cwd=prefix, capture_output=True, text=True, timeout=600)


@functools.cache
def npm_package(name: str) -> Path:
    """The folder of a checker at the version its lockfile pins, installed (again) and verified by ``npm ci``."""
    lock_dir = lock_folder(name)
    if not (lock_dir / "package-lock.json").is_file():
        pytest.fail(f"no lockfile for {name}: add tests/npm/{lock_dir.name}/package.json and package-lock.json")
    npm = shutil.which("npm")
    if npm is None:
        unavailable(f"npm is not installed, so {name}@{locked_version(name)} cannot be installed")
    prefix = CACHE / lock_dir.name
    with exclusive(prefix):
        result = install(lock_dir, prefix, offline=True, npm=npm)  # the cached tarballs, checked
        if result.returncode != 0:  # not cached yet, or a cached tarball failed its check: from the registry
            result = install(lock_dir, prefix, npm=npm)
    folder = prefix / "node_modules" / name
    if result.returncode != 0 or not (folder / "package.json").is_file():
        unavailable(f"npm ci of tests/npm/{lock_dir.name} ({name}@{locked_version(name)}) failed: "
                    f"{result.stderr.strip()[-600:]}")
    return folder


def java() -> str:
    """The java executable (Debian's default-jre-headless on CI)."""
    found = shutil.which("java")
    if found is None:
        unavailable("java is not installed (apt-get install default-jre-headless)")
    return found
