"""The environment variables a build reads, read in one step (``read``) and checked before anything uses them (all
problems at once): the only module that reads them.

- ``SITE_URL`` (read by mkdocs.yml as ``site_url``): the published address, ``http(s)://host/path/``.
- ``LATEST_URL``: set by ``edition.output.versioned_site`` when the build is an archived version: the latest
  version's address, ``http(s)://host/path/``.
- ``REPOSITORY_URL``: where readers report errors, ``https://<host>/<owner>/<repository>``.
- ``BUILD_PDF``: ``1`` prints the PDF, ``0`` or unset does not; anything else is a mistake, not a "no".
- ``BROWSER_PATH``: the Chromium that prints the PDF; when set (and the PDF is printed) it must be a program
  that says it is Chromium or Chrome (``--version``).
- ``WITH_VERSIONS``: ``1`` when the released versions are published beside this build, under ``v/`` (set by the
  Pages workflow and edition.output.versioned_site).
- ``EDITION_SERVING`` (``SERVING``): set by the pipeline's ``on_startup`` under ``mkdocs serve``.
- ``SITE_ENGINE`` (``ENGINE``): the program that builds the site, ``mkdocs`` (unset) or ``properdocs``; read here
  for ``edition.engine``, which checks it and gives every build its command.
- ``MKDOCS_BIBTEX``: read by mkdocs.yml itself (the bibtex plugin's ``enabled:``), not here.

A wrong value fails naming the variable and saying what it should be: no silent fallback.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from edition.inputs.input_files import InputError

REPOSITORY_RE = re.compile(r"^https://[a-z0-9.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
SERVING = "EDITION_SERVING"  # set under `mkdocs serve`, whose live reload adds an inline script (edition/output/csp.py)
DEFAULT_BROWSER = "/usr/bin/chromium"  # Debian's, when BROWSER_PATH is unset
ENGINE = "SITE_ENGINE"  # the program that builds the site (edition.engine)


@dataclass(frozen=True)
class Environment:
    """What the environment tells a build, checked."""

    site_url: str  # the published address (SITE_URL, through mkdocs.yml's site_url), ending in "/"
    latest_url: str  # the latest version's address: LATEST_URL when this build is an archived version, else site_url
    repository_url: str  # where readers report errors (REPOSITORY_URL), '' when none is named
    versions: bool  # the released versions are published beside this build, under v/ (WITH_VERSIONS, LATEST_URL)
    build_pdf: bool  # BUILD_PDF=1
    browser_path: str  # the Chromium that prints the PDF: BROWSER_PATH, else /usr/bin/chromium if it exists, else ''
    serving: bool  # under `mkdocs serve`

    @property
    def archived(self) -> bool:
        """This build is a released version published below the latest (edition.output.versioned_site)."""
        return self.latest_url != self.site_url


def slashed(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def read(environment, site_url: str) -> Environment:
    """The environment variables, checked (``site_url``: the configuration's, from SITE_URL); fails on any
    problem, naming the variable."""
    check(environment, site_url)
    browser = environment.get("BROWSER_PATH") or (DEFAULT_BROWSER if Path(DEFAULT_BROWSER).exists() else "")
    return Environment(
        site_url=slashed(site_url),
        latest_url=slashed(environment.get("LATEST_URL") or site_url),
        repository_url=(environment.get("REPOSITORY_URL") or "").rstrip("/"),
        # only then does a page offer a version's permanent address: a local build links to no page it lacks
        versions=environment.get("WITH_VERSIONS") == "1" or bool(environment.get("LATEST_URL")),
        build_pdf=environment.get("BUILD_PDF") == "1",
        browser_path=browser,
        serving=environment.get(SERVING) == "1",
    )


def site_url(environment) -> str:
    """The published address SITE_URL names ('' when unset), for a command that builds outside MkDocs."""
    return environment.get("SITE_URL", "")


def site_engine(environment) -> str:
    """The engine SITE_ENGINE names ('' when unset or blank), for edition.engine, which checks it."""
    return environment.get(ENGINE, "").strip()


def note_command(command: str, environment) -> None:
    """Remember, for the builds of this process, that it serves the site (``mkdocs serve``)."""
    if command == "serve":
        environment[SERVING] = "1"


def address_problem(name: str, value: str) -> str:
    """The problem of an address variable ('' if it is an http(s) address with a host and no query)."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment or " " in value:
        return f"{name}: '{value}' is not an address http(s)://host/path/ (no query, no #fragment)"
    return ""


def problems(environment, site_url: str) -> list[str]:
    """Every problem of the build's environment variables (``site_url``: the configuration's, from SITE_URL)."""
    found = []
    if not site_url:
        found.append("mkdocs.yml: site_url is required (set SITE_URL)")
    else:
        found.append(address_problem("SITE_URL (mkdocs.yml: site_url)", site_url))
    latest = environment.get("LATEST_URL", "")
    if latest:
        found.append(address_problem("LATEST_URL", latest))
    repository = (environment.get("REPOSITORY_URL") or "").rstrip("/")
    if repository and not REPOSITORY_RE.match(repository):
        found.append(f"REPOSITORY_URL: '{repository}' is not https://<host>/<owner>/<repository>")
    pdf = environment.get("BUILD_PDF", "")
    if pdf not in ("", "0", "1"):
        found.append(f"BUILD_PDF: '{pdf}' is neither 1 (print the PDF) nor 0 (do not; the same as unset)")
    browser = environment.get("BROWSER_PATH", "")
    if browser and pdf == "1":
        found.append(browser_problem(browser))
    return [problem for problem in found if problem]


def browser_problem(browser: str) -> str:
    """The problem of BROWSER_PATH ('' if it is a Chromium: a program that answers --version with its name)."""
    hint = f"the Chromium that prints the PDF, e.g. {DEFAULT_BROWSER}; unset it to use {DEFAULT_BROWSER}"
    if not (Path(browser).is_file() and os.access(browser, os.X_OK)):
        return f"BROWSER_PATH: '{browser}' is not a program ({hint})"
    try:
        answer = subprocess.run([browser, "--version"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return f"BROWSER_PATH: '{browser}' does not run ({exc}; {hint})"
    if "chrom" not in answer.lower():
        return f"BROWSER_PATH: '{browser}' is not Chromium or Chrome (--version says {answer.strip()[:60]!r}; {hint})"
    return ""


def check(environment, site_url: str) -> None:
    """Fail on any problem of the environment variables."""
    found = problems(environment, site_url)
    if found:
        raise InputError("environment variables with problems", found)
