"""The supply chain: CI installs uv only at its pinned version and hashes; the npm checkers come only from
their committed lockfiles with integrity hashes, checked again whenever a cached install is reused."""

from __future__ import annotations

import base64
import json
import re
import shutil

import pytest

import tools
from support import ROOT
from tools import LOCKS, NPM_CACHE, install, lock_folder, npm_package

UV_REQUIREMENTS = ROOT / ".ci" / "uv-requirements.txt"
UV_INSTALLERS = [ROOT / ".ci" / "run", ROOT / ".github" / "workflows" / "pages.yml",
                 ROOT / ".github" / "workflows" / "links.yml"]
CHECKERS = sorted(path.name for path in LOCKS.iterdir() if (path / "package-lock.json").is_file())
SMALLEST = "@mozilla/readability"  # the checker the tamper tests install again (43 KB)


def commands(path) -> list[str]:
    """The shell commands of a script or workflow, continuation lines joined."""
    return [" ".join(line.split()) for line in path.read_text(encoding="utf-8").replace("\\\n", " ").splitlines()]


def test_uv_requirements_pin_one_version_by_hash():
    """.ci/uv-requirements.txt pins uv to one exact version, with the sha256 of each of its files on PyPI."""
    text = UV_REQUIREMENTS.read_text(encoding="utf-8")
    assert re.findall(r"^([A-Za-z0-9_.-]+)==", text, re.M) == ["uv"]
    assert re.search(r"^uv==\d+\.\d+\.\d+ \\$", text, re.M)
    hashes = re.findall(r"--hash=sha256:([0-9a-f]+)", text)
    assert len(hashes) >= 2 and all(len(h) == 64 for h in hashes) and len(set(hashes)) == len(hashes)


@pytest.mark.parametrize("path", UV_INSTALLERS, ids=lambda p: p.name)
def test_uv_installed_only_by_hash(path):
    """Every install of a Python package in CI's scripts is uv's, by pip with --require-hashes from the pinned file."""
    installs = [c for c in commands(path) if re.search(r"\bpipx? install\b|\buv tool install\b|astral\.sh", c)]
    assert installs, f"{path.name} does not install uv"
    for command in installs:
        assert re.search(r"\bpip install\b", command) and "--require-hashes" in command, command
        assert "-r .ci/uv-requirements.txt" in command and "--no-deps" in command, command


def test_ci_puts_the_pinned_uv_first():
    """.ci/run uses the uv it installed (first on PATH), not whatever uv the machine has."""
    run = "\n".join(commands(ROOT / ".ci" / "run"))
    assert 'export PATH="$uv_home/bin:$PATH"' in run
    assert "if ! command -v uv" not in run


@pytest.mark.parametrize("folder", CHECKERS)
def test_checker_lockfile_has_an_integrity_hash_for_every_package(folder):
    """A checker's package.json pins one exact version; its lockfile gives a sha512 for every package of the tree."""
    package = json.loads((LOCKS / folder / "package.json").read_text(encoding="utf-8"))
    [(name, version)] = package["dependencies"].items()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: '{version}' is not an exact version"
    assert lock_folder(name).name == folder
    lock = json.loads((LOCKS / folder / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["lockfileVersion"] >= 2 and lock["packages"][""]["dependencies"] == {name: version}
    packages = {path: entry for path, entry in lock["packages"].items() if path}
    assert packages[f"node_modules/{name}"]["version"] == version
    unhashed = [path for path, entry in packages.items() if not entry.get("integrity", "").startswith("sha512-")]
    assert not unhashed, f"no sha512 integrity for {unhashed}"


def test_every_npm_checker_used_is_locked():
    """Every npm_package(...) of the tests and benchmarks names a checker with a committed lockfile."""
    sources = [*(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").glob("*.py")]
    used = {name for path in sources for name in re.findall(r"npm_package\(\"([^\"]+)\"", path.read_text("utf-8"))}
    assert used and {lock_folder(name).name for name in used} <= set(CHECKERS), used


@pytest.fixture(scope="module")
def locked():
    """The smallest checker installed as the tests install it (its tarball is then in npm's cache), and its lock."""
    folder = npm_package(SMALLEST)
    lock = json.loads((lock_folder(SMALLEST) / "package-lock.json").read_text(encoding="utf-8"))
    return folder, lock["packages"][f"node_modules/{SMALLEST}"]["integrity"]


def test_tampered_cached_install_is_replaced(locked, tmp_path, monkeypatch):
    """A cached install whose files were altered (one changed, one added) is installed again from the lockfile."""
    folder, _ = locked
    monkeypatch.setattr(tools, "CACHE", tmp_path)  # a cache of its own: the suite's is in use
    npm_package.cache_clear()
    try:
        first = npm_package(SMALLEST)
        script, planted = first / "Readability.js", first / "planted.js"
        script.write_bytes(script.read_bytes() + b"\nwindow.tampered = true;\n")
        planted.write_text("window.planted = true;\n", encoding="utf-8")
        npm_package.cache_clear()  # a later run reusing the cached folder
        again = npm_package(SMALLEST)
    finally:
        npm_package.cache_clear()
    assert again == first
    assert (again / "Readability.js").read_bytes() == (folder / "Readability.js").read_bytes()
    assert b"tampered" not in script.read_bytes() and not planted.exists()


def test_tampered_npm_cache_is_refused(locked, tmp_path):
    """A cached tarball whose bytes changed fails its integrity check: it is dropped and nothing is installed from it
    (offline the install fails; npm_package then fetches the package again)."""
    _, integrity = locked
    cache = tmp_path / "npm-cache"
    shutil.copytree(NPM_CACHE, cache)
    algorithm, digest = integrity.split("-", 1)
    hexdigest = base64.b64decode(digest).hex()
    tarball = cache / "_cacache" / "content-v2" / algorithm / hexdigest[:2] / hexdigest[2:4] / hexdigest[4:]
    assert tarball.is_file(), "the checker's tarball is not where npm's cache keeps it"
    tarball.write_bytes(tarball.read_bytes()[:-16] + b"0123456789abcdef")
    result = install(lock_folder(SMALLEST), tmp_path / "install", npm_cache=cache, offline=True)
    assert result.returncode != 0, result.stdout
    assert not (tmp_path / "install" / "node_modules" / SMALLEST / "Readability.js").exists()
    assert not tarball.exists(), "the altered tarball was kept in the cache"


def test_wrong_lockfile_hash_is_refused(locked, tmp_path):
    """A lockfile whose integrity does not match the package makes npm ci fail (EINTEGRITY): nothing installed."""
    _, integrity = locked
    lock_dir = tmp_path / "lock"
    shutil.copytree(lock_folder(SMALLEST), lock_dir)
    lockfile = lock_dir / "package-lock.json"
    wrong = integrity[:20] + ("A" if integrity[20] != "A" else "B") + integrity[21:]
    lockfile.write_text(lockfile.read_text(encoding="utf-8").replace(integrity, wrong), encoding="utf-8")
    result = install(lock_dir, tmp_path / "install", offline=True)
    assert result.returncode != 0 and "EINTEGRITY" in result.stdout + result.stderr, result.stdout + result.stderr
    assert not (tmp_path / "install" / "node_modules" / SMALLEST / "Readability.js").exists()
