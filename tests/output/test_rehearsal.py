"""The rehearsal of the deploy (.ci/rehearse.py): pages.yml's own steps, run on a clean clone, deploy an artifact
that holds the latest, every release and both PDFs and passes the output contract; and the runner itself stops
at a broken step, naming it, and refuses what it cannot rehearse faithfully."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT

RUNNER = ROOT / ".ci" / "rehearse.py"
spec = importlib.util.spec_from_file_location("rehearse", RUNNER)
rehearse = sys.modules["rehearse"] = importlib.util.module_from_spec(spec)  # .ci/ is no package
spec.loader.exec_module(rehearse)

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
CHECKOUT = "actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1"


# ------------------------------------------------------------------ the real workflow, rehearsed (tests/conftest.py)

def releases() -> list[str]:
    return [str(entry["version"]) for entry in yaml.safe_load((ROOT / "docs/riwayat.yml").read_text(encoding="utf-8"))]


def test_rehearsal_ran_every_step_of_the_build_and_deploy_jobs(deployed):
    """Every step of the build and deploy jobs ran and succeeded (none skipped: the event is a push to main); the
    test job is the only one not run, being this suite."""
    flow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = deployed.summary["steps"]
    assert deployed.summary["error"] is None
    assert [s["job"] for s in steps if s["outcome"] == "not run"] == ["test"]
    for job in ("build", "deploy"):
        ran = [s for s in steps if s["job"] == job]
        assert len(ran) == len(flow["jobs"][job]["steps"]) and all(s["outcome"] == "success" for s in ran), ran


def test_deployed_artifact_holds_the_latest_every_release_and_both_pdfs(deployed):
    """What Pages would serve: the latest, /v/<version>/ of every release of docs/riwayat.yml in both languages,
    both PDFs, nothing hidden left behind; the output contract judged it (in the workflow's step and after deploying)."""
    served = deployed.served
    assert served.name == "upaya-iom" and (served / "index.html").is_file() and (served / "en" / "index.html").is_file()
    for version in releases():
        assert (served / "v" / version / "index.html").is_file() and (served / "v" / version / "en" / "index.html").is_file()
    for prefix in ("", "en/"):
        assert (served / prefix / "unduh" / "artikel-lengkap.pdf").read_bytes()[:5] == b"%PDF-"
    assert deployed.log.count(" holds\n") >= 2, "the output contract did not judge the artifact twice"
    assert not [p for p in served.rglob(".*")]


def test_every_step_github_alone_can_run_has_a_local_equivalent():
    """Each action pages.yml uses has a local equivalent in the runner, and so has the runner's installation of uv."""
    flow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    for job in flow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert step["uses"].split("@")[0] in rehearse.LOCAL_EQUIVALENTS, step["uses"]
            elif "pip install" in step["run"]:
                assert "uv-requirements.txt" in step["run"], "an install the runner would try from the network"


# ------------------------------------------------------------------ the runner on small workflows

def tiny_repository(tmp_path: Path, workflow: str) -> Path:
    """A git repository holding one workflow and the uv pin of this one."""
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "t.yml").write_text(workflow, encoding="utf-8")
    (repo / ".ci").mkdir()
    (repo / ".ci" / "uv-requirements.txt").write_text((ROOT / ".ci/uv-requirements.txt").read_text(encoding="utf-8"))
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "t"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env={**os.environ, **GIT_ENV})
    return repo


def rehearse_tiny(tmp_path: Path, workflow: str, *extra: str) -> tuple[subprocess.CompletedProcess, dict]:
    repo = tiny_repository(tmp_path, workflow)
    work = tmp_path / "work"
    result = subprocess.run([sys.executable, str(RUNNER), "--workflow", str(repo / ".github/workflows/t.yml"),
                             "--source", str(repo), "--workdir", str(work), *extra],
                            capture_output=True, text=True, timeout=120)
    return result, json.loads((work / "rehearsal.json").read_text(encoding="utf-8"))


BROKEN = f"""on: push
env:
  GREETING: hello
jobs:
  first:
    runs-on: ubuntu-24.04
    timeout-minutes: 2
    strategy:
      matrix:
        word: [satu]
    steps:
      - uses: {CHECKOUT}
      - name: Writes the environment for ${{{{ matrix.word }}}}
        run: echo "FROM_STEP=${{GREETING}}-${{{{ matrix.word }}}}-${{{{ vars.MISSING || 'default' }}}}" >> "$GITHUB_ENV"
      - name: Reads it back in a clean clone
        run: test "$FROM_STEP" = "hello-satu-default" && test -f .ci/uv-requirements.txt && test "$CI" = true
      - name: Skipped on push
        if: github.event_name == 'pull_request'
        run: exit 9
      - name: Broken step
        run: |
          echo before
          false
          echo never
      - name: Never reached
        run: touch never
  second:
    needs: first
    runs-on: ubuntu-24.04
    timeout-minutes: 1
    steps:
      - run: echo nor this
"""


def test_runner_stops_at_a_broken_step_and_names_it(tmp_path):
    """A step that exits non-zero stops its job (the steps after it do not run, nor the jobs that need it) and the
    rehearsal fails naming job and step; the steps before it ran with the workflow's environment, $GITHUB_ENV, the
    matrix, an unset repository variable as null and their if:."""
    result, summary = rehearse_tiny(tmp_path, BROKEN)
    assert result.returncode == 1
    assert "rehearse: FAILED: job first (word=satu), step 5 'Broken step': exit status 1" in result.stderr
    outcomes = {s["name"]: s["outcome"] for s in summary["steps"]}
    assert outcomes == {CHECKOUT.split(" ")[0]: "success", "Writes the environment for satu": "success",
                        "Reads it back in a clean clone": "success", "Skipped on push": "skipped",
                        "Broken step": "failure"}
    lines = result.stdout.splitlines()
    assert "before" in lines and "never" not in lines and "nor this" not in lines


@pytest.mark.parametrize("step,message", [
    ("uses: actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830 # v4.3.0",
     "no local equivalent for actions/cache"),
    ("run: echo ${{ hashFiles('x') }}", "function hashFiles() is not rehearsed"),
    ("run: echo ${{ secrets_typo.X }}", "the context secrets_typo is not rehearsed"),
    ("shell: pwsh\n        run: echo x", "shell 'pwsh' is not rehearsed"),
], ids=["action", "function", "context", "shell"])
def test_runner_refuses_what_it_cannot_rehearse(tmp_path, step, message):
    """An action without a local equivalent, an expression or shell the runner does not know: a failure naming it,
    never a step silently skipped."""
    workflow = f"on: push\njobs:\n  only:\n    runs-on: ubuntu-24.04\n    steps:\n      - {step}\n"
    result, _ = rehearse_tiny(tmp_path, workflow)
    assert result.returncode == 1 and message in result.stderr, result.stderr


def test_rehearsal_inherits_nothing_of_the_environment_that_started_it(tmp_path, monkeypatch):
    """Started from `uv run` (or a test run), the rehearsal drops the starting project's virtual environment from
    PATH, and uv's, pytest's and GitHub's own variables: each clone uses its own, as on a fresh runner."""
    venv = tmp_path / "project" / ".venv"
    monkeypatch.setenv("VIRTUAL_ENV", str(venv))
    monkeypatch.setenv("PATH", os.pathsep.join([str(venv / "bin"), "/usr/bin"]))
    for name in ("UV_PYTHON", "UV_PROJECT_ENVIRONMENT", "PYTEST_XDIST_WORKER", "GITHUB_PATH", "PYTHONPATH"):
        monkeypatch.setenv(name, "from-outside")
    monkeypatch.setenv("UV_CACHE_DIR", str(tmp_path / "uv-cache"))
    runner = rehearse.Rehearsal(source=tmp_path, workdir=tmp_path / "work", workflow={}, event="push",
                                repository="pembaca/upaya-iom", browser="/usr/bin/chromium", offline=True)
    env = runner.base_environment()
    assert env["PATH"] == "/usr/bin" and "VIRTUAL_ENV" not in env
    assert not {"UV_PYTHON", "UV_PROJECT_ENVIRONMENT", "PYTEST_XDIST_WORKER", "PYTHONPATH"} & set(env)
    assert "GITHUB_PATH" not in env  # each job gets its own
    assert env["UV_CACHE_DIR"] == str(tmp_path / "uv-cache") and env["UV_OFFLINE"] == "1" and env["CI"] == "true"
