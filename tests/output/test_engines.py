"""Two engines, one site: the project built by ProperDocs (SITE_ENGINE=properdocs, hooks/edition/engine.py) is the
session's MkDocs 1.6.1 build, file for file, but for the generator tag, and holds the output contract."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from contract import build_date_epoch, check, tree_differences
from support import ROOT, TEST_SITE_URL, build_site, engine

GENERATOR_RE = re.compile(r'<meta name="generator" content="mkdocs-([^,"]+), mkdocs-material-[^"]+">')


@pytest.fixture(scope="module")
def properdocs_site(site, tmp_path_factory):
    """The project built by ProperDocs, strictly, on the session build's date: its folder."""
    out = tmp_path_factory.mktemp("properdocs") / "upaya-iom"
    result = build_site(ROOT, out, extra_env={"SITE_ENGINE": "properdocs",
                                              "SOURCE_DATE_EPOCH": str(build_date_epoch(site.root))})
    assert result.returncode == 0, f"properdocs build --strict failed:\n{result.stdout}{result.stderr}"
    return out


def test_each_build_names_its_engine(site, properdocs_site):
    """The switch reaches the build: ProperDocs wrote the one build, MkDocs 1.6.1 the other (their generator tags)."""
    ours, theirs = (root.joinpath("pendahuluan", "index.html").read_text(encoding="utf-8")
                    for root in (site.root, properdocs_site))
    assert GENERATOR_RE.search(ours).group(1) == "1.6.1"
    assert re.fullmatch(r"ProperDocs 1\.6\.\d+", GENERATOR_RE.search(theirs).group(1))


def test_properdocs_build_holds_the_contract(properdocs_site):
    """ProperDocs' build breaks none of the contract's promises."""
    problems = check(properdocs_site, ROOT, TEST_SITE_URL)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def test_engines_build_the_same_site(site, properdocs_site):
    """Normalised for the generator tag only, the two builds are byte for byte the same: the diff is empty."""
    differences = tree_differences(site.root, properdocs_site)
    assert not differences, f"{len(differences)} differences:\n" + "\n".join(differences[:30])


def test_an_unknown_engine_stops_naming_the_variable():
    """SITE_ENGINE=zensical (reads mkdocs.yml but skips the hook and the plugins) is refused, naming the variable
    and the engines there are; unset or empty is MkDocs."""
    with pytest.raises(engine.EngineError, match=r"SITE_ENGINE='zensical' is not an engine: use one of mkdocs "):
        engine.chosen({"SITE_ENGINE": "zensical"})
    assert engine.chosen({}) == engine.chosen({"SITE_ENGINE": " "}) == "mkdocs"
    result = subprocess.run([sys.executable, "-m", "edition.engine", "build"], capture_output=True, text=True,
                            env={**os.environ, "SITE_ENGINE": "zensical", "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode != 0 and "edition.engine: SITE_ENGINE='zensical' is not an engine" in result.stderr


def test_properdocs_is_told_its_configuration():
    """ProperDocs reads mkdocs.yml because it is named (it would look for properdocs.yml first); MkDocs needs no -f."""
    assert engine.command("build", "--strict", environ={"SITE_ENGINE": "properdocs"})[2:6] == [
        "properdocs", "build", "-f", "mkdocs.yml"]
    assert engine.command("build", "-f", "other.yml", environ={"SITE_ENGINE": "properdocs"})[3:] == [
        "build", "-f", "other.yml"]
    assert engine.command("build", environ={})[2:] == ["mkdocs", "build"]
