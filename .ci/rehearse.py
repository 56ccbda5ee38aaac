"""Rehearse a GitHub Actions workflow on this machine, on a clean clone: pages.yml's own steps, before a push.

    uv run python .ci/rehearse.py                      # every job of pages.yml (test: each matrix Python found here)
    uv run python .ci/rehearse.py --skip-job test      # the build and deploy jobs (what the test suite runs)
    uv run python .ci/rehearse.py --matrix python=3.11 --workdir /tmp/rehearsal

actionlint checks the workflow's syntax; this runs it. Each job starts, as on GitHub, from a fresh clone of this
repository (full history when the checkout asks for ``fetch-depth: 0``; ``--uncommitted`` carries over the working
tree's uncommitted changes, which a clean CI checkout would not have), with its own ``RUNNER_TEMP``, and runs its
steps in order: every ``run:`` step verbatim, with the workflow's environment (workflow < job < step, ``$GITHUB_ENV``
and ``$GITHUB_PATH`` honoured), its ``if:``, its shell (``bash -e``, or ``bash --noprofile --norc -eo pipefail``
for ``shell: bash``) and its job's timeout; jobs in the order their ``needs`` give, each matrix leg on its own.
What only GitHub's runners can do is replaced, each by a local equivalent (LOCAL_EQUIVALENTS, printed as it is
used): the checkout, uv's installation (the uv here must be the pinned one), ``uv python install`` (the Python must
be on this machine), the runner's Chrome (Chromium here), the Pages artifact (the action's own ``tar`` command and
the rules Pages applies to it) and the deployment (the artifact unpacked where a server would serve it). Then the
deployed artifact is judged by the output contract (tests/contract.py, with the releases and the PDFs).

A step that fails stops its job, and the rehearsal fails naming the job and the step (exit status 1); the summary
(``rehearsal.json`` in the work folder) lists every step with its outcome and time. ``--offline`` makes every uv
command use only its cache (the test suite's default run needs no network). tests/conftest.py's ``deployed``
fixture runs the build and deploy jobs once per test session and hands the deployed site to the tests of the PDF
and of the archived releases; tests/output/test_rehearsal.py checks the rehearsal and this runner.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXPRESSION_RE = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
TOKEN_RE = re.compile(r"\s*(?:('(?:[^']|'')*')|(\|\||&&|==|!=|[(),!])|([A-Za-z_][\w.-]*|\d+(?:\.\d+)?))")
PAGES_LIMIT = 1 << 30  # bytes: the artifact size GitHub Pages supports (10 GB is its absolute limit)
LOCAL_EQUIVALENTS = {
    "actions/checkout": "a clone of the repository (git clone --no-local; full history for fetch-depth: 0)",
    "actions/upload-pages-artifact": "the action's own tar command into the work folder, then Pages' artifact "
                                     "rules (files and folders only, under 1 GB)",
    "actions/deploy-pages": "the artifact unpacked into <work>/pages/<repository>/ (what Pages serves), then the "
                            "output contract (tests/contract.py --versions --pdf)",
    "uv-requirements": "uv is installed from PyPI by the runner; here the uv on PATH must be the version "
                       ".ci/uv-requirements.txt pins",
    "uv python install": "downloads a Python on GitHub; here `uv python find` must find it on this machine",
    "BROWSER_PATH": "the runner's Chrome; here the browser --browser names (Chromium)",
}
# What a rehearsal must not inherit from the shell or the test run that started it.
DROPPED_ENVIRONMENT = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "CONDA_PREFIX")
DROPPED_PREFIXES = ("UV_", "PYTEST_", "GITHUB_", "RUNNER_")
KEPT_UV = ("UV_CACHE_DIR",)


class RehearsalError(Exception):
    """A job or step that fails, or a workflow this runner cannot rehearse faithfully."""


# ----------------------------------------------------------------------------------------------- expressions

class Expression:
    """GitHub's expression language, the part workflows here use: literals, context paths (``matrix.python``),
    ``format()``, ``contains()``, ``startsWith()``, ``success()``/``always()``, ``!``, ``==``, ``!=``, ``&&``,
    ``||`` and parentheses. Anything else fails loudly, naming the expression."""

    FUNCTIONS = {
        "format": lambda text, *args: re.sub(r"\{(\d+)\}", lambda m: Expression.text(args[int(m.group(1))]), text),
        "contains": lambda haystack, needle: (needle in haystack) if isinstance(haystack, (list, dict))
        else str(needle).lower() in str(haystack).lower(),
        "startsWith": lambda text, start: str(text).lower().startswith(str(start).lower()),
        "endsWith": lambda text, end: str(text).lower().endswith(str(end).lower()),
        "success": lambda: True,
        "always": lambda: True,
    }

    def __init__(self, source: str, context: dict):
        self.source, self.context, self.tokens, self.position = source, context, [], 0
        at = 0
        while at < len(source):
            match = TOKEN_RE.match(source, at)
            if match is None or match.end() == at:
                if source[at:].strip() == "":
                    break
                raise RehearsalError(f"${{{{ {source} }}}}: cannot read {source[at:]!r}")
            self.tokens.append(match.group(1) or match.group(2) or match.group(3))
            at = match.end()

    @staticmethod
    def text(value) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return "" if value is None else str(value)

    def value(self):
        result = self.either()
        if self.position != len(self.tokens):
            raise RehearsalError(f"${{{{ {self.source} }}}}: unexpected {self.tokens[self.position]!r}")
        return result

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected: str | None = None):
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise RehearsalError(f"${{{{ {self.source} }}}}: expected {expected or 'more'}, found {token!r}")
        self.position += 1
        return token

    def either(self):
        value = self.both()
        while self.peek() == "||":
            self.take()
            other = self.both()
            value = value or other
        return value

    def both(self):
        value = self.comparison()
        while self.peek() == "&&":
            self.take()
            other = self.comparison()
            value = value and other
        return value

    def comparison(self):
        value = self.unary()
        while self.peek() in ("==", "!="):
            operator, other = self.take(), self.unary()
            same = (value.lower() == other.lower()) if isinstance(value, str) and isinstance(other, str) else value == other
            value = same if operator == "==" else not same
        return value

    def unary(self):
        if self.peek() == "!":
            self.take()
            return not self.unary()
        return self.atom()

    def atom(self):
        token = self.take()
        if token == "(":
            value = self.either()
            self.take(")")
            return value
        if token.startswith("'"):
            return token[1:-1].replace("''", "'")
        if token in ("true", "false"):
            return token == "true"
        if token == "null":
            return None
        if re.fullmatch(r"\d+(\.\d+)?", token):
            return float(token) if "." in token else int(token)
        if self.peek() == "(":
            if token not in self.FUNCTIONS:
                raise RehearsalError(f"${{{{ {self.source} }}}}: function {token}() is not rehearsed")
            self.take("(")
            args = []
            while self.peek() != ")":
                args.append(self.either())
                if self.peek() == ",":
                    self.take()
            self.take(")")
            return self.FUNCTIONS[token](*args)
        head, *rest = token.split(".")
        if head not in self.context:
            raise RehearsalError(f"${{{{ {self.source} }}}}: the context {head} is not rehearsed")
        value = self.context[head]
        for part in rest:  # as on GitHub, a property a context lacks is null (an unset repository variable)
            value = value.get(part) if isinstance(value, dict) else None
        return value


def substitute(value, context: dict):
    """A workflow value with every ``${{ }}`` replaced (strings only)."""
    if not isinstance(value, str):
        return value
    return EXPRESSION_RE.sub(lambda m: Expression.text(Expression(m.group(1), context).value()), value)


def holds(condition, context: dict) -> bool:
    """An ``if:``: with or without ``${{ }}``; absent means success()."""
    if condition is None:
        return True
    if isinstance(condition, bool):
        return condition
    inner = EXPRESSION_RE.fullmatch(condition.strip())
    return bool(Expression(inner.group(1) if inner else condition, context).value())


# ----------------------------------------------------------------------------------------------- the run

@dataclass
class Step:
    job: str
    name: str
    outcome: str = "skipped"
    seconds: float = 0.0
    note: str = ""


@dataclass
class Rehearsal:
    """One rehearsal: its options, where it works, what it found."""

    source: Path
    workdir: Path
    workflow: dict
    event: str
    repository: str
    browser: str
    offline: bool = False
    uncommitted: bool = False
    share_caches: Path | None = None
    skipped_jobs: dict[str, str] = field(default_factory=dict)
    matrix_filter: dict[str, str] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    artifacts: dict[str, Path] = field(default_factory=dict)
    served: Path | None = None
    build_workspace: Path | None = None
    site_url: str = ""

    def log(self, message: str) -> None:
        print(f"[rehearse] {message}", flush=True)

    # ------------------------------------------------------------------ context and environment

    def context(self, matrix: dict | None = None) -> dict:
        owner, name = self.repository.split("/", 1)
        return {
            "github": {"repository": self.repository, "repository_owner": owner, "server_url": "https://github.com",
                       "event_name": self.event, "ref": "refs/heads/main", "ref_name": "main",
                       "event": {"repository": {"name": name}}, "workspace": ""},
            "vars": {},  # no repository variables: the workflow's own defaults apply
            "secrets": {},
            "runner": {"os": "Linux", "arch": "X64", "temp": ""},
            "matrix": matrix or {},
            "strategy": {},
            "env": {},
            "steps": {},
            "needs": {},
        }

    def base_environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items()
               if key not in DROPPED_ENVIRONMENT and (not key.startswith(DROPPED_PREFIXES) or key in KEPT_UV)}
        if os.environ.get("VIRTUAL_ENV"):  # `uv run` put the starting project's environment first on PATH: not ours
            own = Path(os.environ["VIRTUAL_ENV"]).resolve()
            env["PATH"] = os.pathsep.join(entry for entry in env.get("PATH", "").split(os.pathsep)
                                          if entry and own not in Path(entry).resolve().parents
                                          and Path(entry).resolve() != own)
        env.update({"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": self.event,
                    "GITHUB_REPOSITORY": self.repository, "GITHUB_REF": "refs/heads/main",
                    "GITHUB_SERVER_URL": "https://github.com", "RUNNER_OS": "Linux"})
        if self.offline:
            env["UV_OFFLINE"] = "1"
        return env

    # ------------------------------------------------------------------ jobs

    def job_order(self) -> list[str]:
        jobs, order = self.workflow["jobs"], []
        pending = dict(jobs)
        while pending:
            ready = [name for name, job in pending.items()
                     if all(need in order for need in as_list(job.get("needs")))]
            if not ready:
                raise RehearsalError(f"jobs with unmet or circular needs: {sorted(pending)}")
            for name in ready:
                order.append(name)
                del pending[name]
        return order

    def legs(self, name: str, job: dict) -> list[dict]:
        matrix = (job.get("strategy") or {}).get("matrix")
        if not matrix:
            return [{}]
        if isinstance(matrix, str) or "include" in matrix or "exclude" in matrix:
            raise RehearsalError(f"job {name}: a matrix with include/exclude or an expression is not rehearsed")
        keys = list(matrix)
        legs = [dict(zip(keys, values)) for values in itertools.product(*(as_list(matrix[k]) for k in keys))]
        chosen = [leg for leg in legs if all(str(leg.get(k)) == v for k, v in self.matrix_filter.items() if k in leg)]
        for leg in legs:
            if leg not in chosen:
                self.log(f"job {name} {leg}: not rehearsed (--matrix {self.matrix_filter})")
        return chosen

    def run(self) -> None:
        results: dict[str, str] = {}
        for name in self.job_order():
            job = self.workflow["jobs"][name]
            needs = as_list(job.get("needs"))
            failed = [need for need in needs if results.get(need) != "success"]
            if name in self.skipped_jobs:
                results[name] = "success"
                self.steps.append(Step(name, "(whole job)", "not run", note=self.skipped_jobs[name]))
                self.log(f"job {name}: not run here ({self.skipped_jobs[name]}); its dependants run as if it passed")
                continue
            if failed:
                results[name] = "skipped"
                self.log(f"job {name}: skipped, its needs {failed} did not succeed")
                continue
            if not holds(job.get("if"), self.context()):
                results[name] = "skipped"
                self.log(f"job {name}: skipped (if: {job['if']})")
                continue
            for leg in self.legs(name, job):
                self.run_job(name, job, leg)
            results[name] = "success"

    def run_job(self, name: str, job: dict, leg: dict) -> None:
        label = name + (" (" + ", ".join(f"{k}={v}" for k, v in leg.items()) + ")" if leg else "")
        folder = self.workdir / "jobs" / re.sub(r"[^\w.-]+", "-", label).strip("-")
        workspace, temp = folder / "workspace", folder / "runner-temp"
        temp.mkdir(parents=True)
        context = self.context(leg)
        context["runner"]["temp"] = str(temp)
        context["github"]["workspace"] = str(workspace)
        env_file, path_file = temp / "github-env", temp / "github-path"
        env_file.touch()
        path_file.touch()
        environment = {**self.base_environment(), "RUNNER_TEMP": str(temp), "GITHUB_WORKSPACE": str(workspace),
                       "GITHUB_ENV": str(env_file), "GITHUB_PATH": str(path_file)}
        for key, value in (self.workflow.get("env") or {}).items():
            environment[key] = str(substitute(value, context))
        context["env"] = dict(environment)
        for key, value in (job.get("env") or {}).items():
            environment[key] = str(substitute(value, context))
        timeout = float(job.get("timeout-minutes", 360)) * 60
        deadline = time.monotonic() + timeout
        shims = self.shims(folder)
        self.log(f"job {label} (runs-on {job.get('runs-on')}, timeout {timeout / 60:.0f} min) in {folder}")
        self.site_url = environment.get("SITE_URL", self.site_url)
        for index, step in enumerate(job.get("steps", []), start=1):
            context["env"] = {**environment, **read_env_file(env_file)}
            step_name = str(substitute(step.get("name") or step.get("uses") or step.get("run", "").splitlines()[0],
                                       context))
            record = Step(label, step_name)
            self.steps.append(record)
            if not holds(step.get("if"), context):
                record.note = f"if: {step['if']}"
                self.log(f"  step {index} '{step_name}': skipped (if: {step['if']})")
                continue
            started = time.monotonic()
            try:
                if "uses" in step:
                    record.note = self.use(step, workspace, temp, context)
                else:
                    record.note = self.run_step(step, step_name, job, workspace, environment, env_file, path_file,
                                                shims, context, deadline)
            except RehearsalError as exc:
                record.outcome, record.seconds = "failure", time.monotonic() - started
                raise RehearsalError(f"job {label}, step {index} '{step_name}': {exc}") from None
            record.outcome, record.seconds = "success", time.monotonic() - started
            self.log(f"  step {index} '{step_name}': done in {record.seconds:.1f} s")
        if self.share_caches is not None and (workspace / ".cache").is_dir():
            copy_caches(workspace, self.share_caches)  # the next rehearsal starts warm

    def shims(self, folder: Path) -> Path:
        """A folder first on PATH with a ``uv`` that finds, instead of downloading, the Pythons ``uv python install``
        asks for, and passes everything else to the real uv."""
        real = os.environ.get("UV") or shutil.which("uv")
        if real is None:
            raise RehearsalError("no uv on this machine (the workflow's steps run uv)")
        shims = folder / "shims"
        shims.mkdir()
        script = shims / "uv"
        script.write_text(
            "#!/usr/bin/env bash\n"
            "# .ci/rehearse.py: on GitHub `uv python install` downloads a Python; here it must be on this machine.\n"
            'if [ "$1" = python ] && [ "$2" = install ]; then\n'
            "  shift 2\n"
            '  for version in "$@"; do\n'
            '    case "$version" in -*) continue ;; esac\n'
            f'    found=$("{real}" python find --no-project "$version" 2>/dev/null) || {{\n'
            '      echo "rehearsal: Python $version is not on this machine (uv python install would download it on'
            ' GitHub)" >&2; exit 1; }\n'
            '    echo "rehearsal: Python $version is $found (instead of uv python install)"\n'
            "  done\n"
            "  exit 0\n"
            "fi\n"
            f'exec "{real}" "$@"\n', encoding="utf-8")
        script.chmod(0o755)
        return shims

    def run_step(self, step: dict, step_name: str, job: dict, workspace: Path, environment: dict, env_file: Path,
                 path_file: Path, shims: Path, context: dict, deadline: float) -> str:
        script = str(substitute(step["run"], context))
        env = {**environment, **read_env_file(env_file)}
        for key, value in (step.get("env") or {}).items():
            env[key] = str(substitute(value, context))
        notes = []
        if "uv-requirements.txt" in script and re.search(r"\bpip install\b", script):
            return self.provision_uv(workspace)
        if "uv python install" in script:
            notes.append(LOCAL_EQUIVALENTS["uv python install"])
        if env.get("BROWSER_PATH") and not Path(env["BROWSER_PATH"]).exists():
            notes.append(f"BROWSER_PATH {env['BROWSER_PATH']} is not here: {self.browser}")
            env["BROWSER_PATH"] = self.browser
        extra_path = [line.strip() for line in path_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        env["PATH"] = os.pathsep.join([str(shims), *reversed(extra_path), env.get("PATH", "")])
        shell = step.get("shell") or ((job.get("defaults") or {}).get("run") or {}).get("shell") \
            or ((self.workflow.get("defaults") or {}).get("run") or {}).get("shell")
        if shell not in (None, "bash"):
            raise RehearsalError(f"shell {shell!r} is not rehearsed")
        directory = step.get("working-directory") or ((job.get("defaults") or {}).get("run") or {}).get(
            "working-directory")
        cwd = workspace / substitute(directory, context) if directory else workspace
        file = Path(env["RUNNER_TEMP"]) / f"step-{len(self.steps)}.sh"
        file.write_text(script, encoding="utf-8")
        argv = ["bash", "-e", str(file)] if shell is None else ["bash", "--noprofile", "--norc", "-eo", "pipefail",
                                                                   str(file)]
        self.log(f"  $ {script.strip()}" + "".join(f"\n    ({note})" for note in notes))
        remaining = deadline - time.monotonic()
        if step.get("timeout-minutes"):
            remaining = min(remaining, float(step["timeout-minutes"]) * 60)
        try:
            result = subprocess.run(argv, cwd=cwd, env=env, timeout=max(remaining, 1))
        except subprocess.TimeoutExpired:
            raise RehearsalError("the job's timeout ran out") from None
        if result.returncode != 0 and not step.get("continue-on-error"):
            raise RehearsalError(f"exit status {result.returncode}")
        return "; ".join(notes)

    def provision_uv(self, workspace: Path) -> str:
        pinned = re.search(r"^uv==([\d.]+)", (workspace / ".ci" / "uv-requirements.txt").read_text(encoding="utf-8"),
                           re.M)
        real = os.environ.get("UV") or shutil.which("uv")
        here = subprocess.run([real, "--version"], capture_output=True, text=True).stdout.split()
        if pinned is None or len(here) < 2 or here[1] != pinned.group(1):
            raise RehearsalError(f"the uv here is {' '.join(here) or 'missing'}, the workflow installs uv "
                                 f"{pinned.group(1) if pinned else '(no pin)'} (.ci/uv-requirements.txt)")
        self.log(f"  uv {here[1]} here = the pinned version ({LOCAL_EQUIVALENTS['uv-requirements']})")
        return LOCAL_EQUIVALENTS["uv-requirements"]

    # ------------------------------------------------------------------ actions

    def use(self, step: dict, workspace: Path, temp: Path, context: dict) -> str:
        action = step["uses"].split("@", 1)[0]
        inputs = {key: substitute(value, context) for key, value in (step.get("with") or {}).items()}
        if action not in LOCAL_EQUIVALENTS:
            raise RehearsalError(f"no local equivalent for {action} (add one to .ci/rehearse.py)")
        self.log(f"  {action} -> {LOCAL_EQUIVALENTS[action]}")
        if action == "actions/checkout":
            self.checkout(workspace, inputs)
        elif action == "actions/upload-pages-artifact":
            self.upload_pages_artifact(workspace, temp, inputs)
        elif action == "actions/deploy-pages":
            self.deploy_pages(inputs)
        return LOCAL_EQUIVALENTS[action]

    def checkout(self, workspace: Path, inputs: dict) -> None:
        depth = str(inputs.get("fetch-depth", 1))
        source = str(self.source) if depth == "0" else self.source.as_uri()
        git(self.source.parent, "clone", "--quiet", "--no-local", *(["--depth", depth] if depth != "0" else []),
            source, str(workspace))
        head = git(workspace, "rev-parse", "HEAD").strip()
        self.log(f"  cloned {self.source} at {head[:12]} (fetch-depth {depth})")
        if self.uncommitted:
            changed = carry_uncommitted(self.source, workspace)
            self.log(f"  --uncommitted: {len(changed)} uncommitted change(s) of the working tree applied"
                     + (f": {', '.join(changed[:8])}{' …' if len(changed) > 8 else ''}" if changed else ""))
        if self.share_caches is not None:
            carried = copy_caches(self.share_caches, workspace)
            self.log(f"  --share-caches: build caches {carried} from {self.share_caches} (keyed by their inputs)")
        self.build_workspace = workspace

    def upload_pages_artifact(self, workspace: Path, temp: Path, inputs: dict) -> None:
        name = inputs.get("name", "github-pages")
        path = workspace / str(inputs.get("path", "_site/"))
        if not path.is_dir():
            raise RehearsalError(f"upload-pages-artifact: path {inputs.get('path')!r} is not a folder of the workspace")
        hidden = str(inputs.get("include-hidden-files", "false")).lower() != "true"
        tar = self.workdir / "artifacts" / f"{name}.tar"
        tar.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["tar", "--dereference", "--hard-dereference", "--directory", str(path), "-cf", str(tar),
                        "--exclude=.git", "--exclude=.github", *(["--exclude=.[^/]*"] if hidden else []), "."],
                       check=True)
        problems, members = [], 0
        with tarfile.open(tar) as archive:
            for member in archive:
                members += 1
                if not (member.isfile() or member.isdir()):
                    problems.append(f"{member.name} is neither a file nor a folder")
        size = tar.stat().st_size
        left_out = sorted(p.relative_to(path).as_posix() for p in path.rglob(".*")) if hidden else []
        self.log(f"  artifact {name}: {members} members, {size / 1e6:.1f} MB"
                 + (f"; hidden paths left out, as on GitHub: {left_out[:5]}" if left_out else ""))
        if size >= PAGES_LIMIT:
            problems.append(f"{size} bytes, more than Pages supports (1 GB)")
        if problems:
            raise RehearsalError("the artifact would be refused by Pages:\n  " + "\n  ".join(problems))
        self.artifacts[name] = tar

    def deploy_pages(self, inputs: dict) -> None:
        name = inputs.get("artifact_name", "github-pages")
        if name not in self.artifacts:
            raise RehearsalError(f"deploy-pages: no artifact {name!r} was uploaded by the jobs it needs")
        served = self.workdir / "pages" / self.repository.split("/", 1)[1]
        served.mkdir(parents=True)
        with tarfile.open(self.artifacts[name]) as archive:
            archive.extractall(served, filter="data")
        self.served = served
        self.log(f"  deployed to {served} (serve {served.parent} and open /{served.name}/)")
        self.judge(served)

    def judge(self, served: Path) -> None:
        """The deployed artifact against the output contract, with the releases and the PDFs, by the clone's code."""
        if self.build_workspace is None:
            raise RehearsalError("deploy-pages: no checkout to judge the artifact with")
        env = {**self.base_environment(), "PATH": os.environ.get("PATH", "")}
        site_url = self.site_url or f"https://{self.repository.split('/')[0]}.github.io/{served.name}/"
        result = subprocess.run([os.environ.get("UV") or shutil.which("uv"), "run", "--locked", "python",
                                 "tests/contract.py", str(served), "--site-url", site_url, "--versions", "--pdf"],
                                cwd=self.build_workspace, env=env, capture_output=True, text=True)
        print(result.stdout + result.stderr, end="", flush=True)
        if result.returncode != 0:
            raise RehearsalError("the deployed artifact breaks the output contract (above)")

    def summary(self, error: str | None) -> dict:
        return {"source": str(self.source), "event": self.event, "repository": self.repository,
                "served": str(self.served) if self.served else None, "error": error,
                "steps": [vars(step) for step in self.steps]}


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def read_env_file(path: Path) -> dict[str, str]:
    """``$GITHUB_ENV``: ``NAME=value`` lines (and ``NAME<<DELIMITER`` blocks)."""
    found, lines = {}, path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and "=" not in line.split("<<", 1)[0]:
            key, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            found[key] = "\n".join(lines[index + 1:end])
            index = end
        elif "=" in line:
            key, value = line.split("=", 1)
            found[key] = value
        index += 1
    return found


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RehearsalError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def carry_uncommitted(source: Path, workspace: Path) -> list[str]:
    """The working tree's tracked changes, new files (not ignored) and deletions, copied into a clone of its HEAD."""
    changed = []
    for rel in git(source, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0"):
        here, there = source / rel, workspace / rel
        if not rel or not (here.is_file() or here.is_symlink()):
            continue
        if there.is_file() and not there.is_symlink() and not here.is_symlink() and there.read_bytes() == here.read_bytes():
            continue
        there.parent.mkdir(parents=True, exist_ok=True)
        if there.exists() or there.is_symlink():
            there.unlink()
        shutil.copy2(here, there, follow_symlinks=False)
        changed.append(rel)
    for rel in git(source, "ls-files", "-z", "--deleted").split("\0"):
        if rel and (workspace / rel).exists():
            (workspace / rel).unlink()
            changed.append(f"{rel} (deleted)")
    return changed


# The build's caches, each keyed by the hash of its inputs (bench/project.py lists those of one build; the compiled
# templates are left out: they are keyed by each template's path, which differs in every clone and virtual env).
CACHES = ("citations", "figures", "versions", "minified", "policies", "social-card", "epub")


def copy_caches(source: Path, target: Path) -> list[str]:
    """The build caches of one project folder copied into another's (files it lacks, or that differ)."""
    carried = []
    for name in CACHES:
        folder = source / ".cache" / name
        if folder.is_dir():
            shutil.copytree(folder, target / ".cache" / name, symlinks=True, dirs_exist_ok=True)
            carried.append(name)
    return carried


def default_browser() -> str:
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workflow", type=Path, default=ROOT / ".github" / "workflows" / "pages.yml")
    parser.add_argument("--source", type=Path, default=ROOT, help="the repository to clone (default: this one)")
    parser.add_argument("--workdir", type=Path, help="an empty or new folder (default: a new temporary one)")
    parser.add_argument("--event", default="push", help="push (default: deploys), pull_request, workflow_dispatch")
    parser.add_argument("--repository", default="pembaca/upaya-iom", help="owner/name the workflow deploys as")
    parser.add_argument("--skip-job", action="append", default=[], metavar="JOB",
                        help="do not run JOB; the jobs that need it run as if it had passed")
    parser.add_argument("--matrix", action="append", default=[], metavar="KEY=VALUE",
                        help="rehearse only the matrix legs with this value")
    parser.add_argument("--offline", action="store_true", help="uv uses only its cache (UV_OFFLINE=1)")
    parser.add_argument("--uncommitted", action="store_true",
                        help="apply the source's uncommitted changes to each clone")
    parser.add_argument("--share-caches", type=Path, metavar="PROJECT",
                        help="start each clone with PROJECT's build caches (.cache/citations, figures, versions, "
                             "minified, policies, social-card, epub: keyed by the hash of their inputs, so never "
                             "stale) and give them back after each job")
    parser.add_argument("--browser", default=default_browser(), help="stands in for the runner's Chrome")
    args = parser.parse_args(argv)

    workdir = (args.workdir or Path(tempfile.mkdtemp(prefix="rehearsal-"))).resolve()
    if workdir.exists() and any(workdir.iterdir()):
        raise SystemExit(f"rehearse: {workdir} is not empty")
    workflow = yaml.safe_load(args.workflow.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on` as true
    rehearsal = Rehearsal(source=args.source.resolve(), workdir=workdir, workflow=workflow, event=args.event,
                          repository=args.repository, browser=args.browser, offline=args.offline,
                          uncommitted=args.uncommitted,
                          share_caches=args.share_caches.resolve() if args.share_caches else None, matrix_filter=dict(item.split("=", 1) for item in args.matrix),
                          skipped_jobs={job: "--skip-job" for job in args.skip_job})
    rehearsal.log(f"{args.workflow.name} on {rehearsal.source}, event {args.event}, in {workdir}")
    error = None
    try:
        rehearsal.run()
    except RehearsalError as exc:
        error = str(exc)
    (workdir / "rehearsal.json").write_text(json.dumps(rehearsal.summary(error), indent=1), encoding="utf-8")
    for step in rehearsal.steps:
        rehearsal.log(f"{step.seconds:7.1f} s  {step.outcome:8} {step.job}: {step.name}")
    if error:
        print(f"rehearse: FAILED: {error}", file=sys.stderr, flush=True)
        return 1
    rehearsal.log("passed" + (f"; the site Pages would serve: {rehearsal.served}" if rehearsal.served else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
