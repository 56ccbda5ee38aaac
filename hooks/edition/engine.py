"""The program that builds the site, chosen in one place: the ``SITE_ENGINE`` environment variable (read, like
every environment variable, by edition.inputs.environment).

    PYTHONPATH=hooks uv run python -m edition.engine build --strict --site-dir site     # MkDocs 1.6.1
    SITE_ENGINE=properdocs PYTHONPATH=hooks uv run python -m edition.engine build ...   # ProperDocs

``mkdocs`` (the default) is MkDocs 1.6.1, the last 1.x, unmaintained; ``properdocs`` is ProperDocs, its
maintained fork (a dependency, so both are always installed). Both read the same ``mkdocs.yml``, load the same
plugins and ``hooks/pipeline.py``, and write the same site but for its ``<meta name="generator">``
(tests/output/test_engines.py builds with ProperDocs at every run and diffs; MAINTAINING.md).

Every program that builds the site asks this module for the command, so that the variable reaches all of them:
the Pages workflow (``python -m edition.engine``), ``edition.output.versioned_site`` (the archived releases),
the tests (``tests/support.py``, ``tests/anchors.py``) and the benchmarks (``bench/``). ``uv run mkdocs serve``
(or ``uv run properdocs serve``) stays the way to preview. An unknown value stops with a message naming the
variable and the engines there are.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Mapping

from edition.inputs import environment

VARIABLE = environment.ENGINE
DEFAULT = "mkdocs"
# name (the Python module run with ``python -m``) -> what it is
ENGINES = {
    "mkdocs": "MkDocs 1.6.1 (the last 1.x, unmaintained; the default)",
    "properdocs": "ProperDocs 1.6 (the maintained fork of MkDocs 1.6; reads mkdocs.yml)",
}
CONFIG_FILE = "mkdocs.yml"
# ProperDocs looks for properdocs.yml first and says so at every build unless it is named: it is, explicitly.
NAMES_ITS_CONFIG = {"properdocs"}
SUBCOMMANDS_WITH_CONFIG = {"build", "serve", "gh-deploy"}


class EngineError(ValueError):
    """SITE_ENGINE names no engine, or one that is not installed."""


def chosen(environ: Mapping[str, str] | None = None) -> str:
    """The engine ``SITE_ENGINE`` names (``mkdocs`` when unset or empty)."""
    value = environment.site_engine(os.environ if environ is None else environ) or DEFAULT
    if value not in ENGINES:
        raise EngineError(f"{VARIABLE}={value!r} is not an engine: use one of "
                          + ", ".join(f"{name} ({what})" for name, what in ENGINES.items()))
    if importlib.util.find_spec(value) is None:
        raise EngineError(f"{VARIABLE}={value}: the {value} package is not installed (uv sync --locked)")
    return value


def command(*arguments: str, environ: Mapping[str, str] | None = None) -> list[str]:
    """``[python, -m, <engine>, *arguments]`` for the chosen engine, run in the project's folder (ProperDocs is
    told to read mkdocs.yml unless the arguments name a configuration file)."""
    engine = chosen(environ)
    arguments = list(arguments)
    names_config = any(a in ("-f", "--config-file") or a.startswith("--config-file=") for a in arguments)
    if engine in NAMES_ITS_CONFIG and arguments and arguments[0] in SUBCOMMANDS_WITH_CONFIG and not names_config:
        arguments[1:1] = ["-f", CONFIG_FILE]
    return [sys.executable, "-m", engine, *arguments]


def main(argv: list[str] | None = None) -> int:
    """``python -m edition.engine build --strict ...``: the chosen engine with these arguments."""
    try:
        argv_command = command(*(sys.argv[1:] if argv is None else argv))
    except EngineError as exc:
        raise SystemExit(f"edition.engine: {exc}") from None
    return subprocess.run(argv_command, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
