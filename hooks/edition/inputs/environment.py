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
- ``SERVE_LANGUAGE``: which languages ``mkdocs serve`` builds: unset, only the original's (a rebuild then takes one
  language's time, not all of theirs); a language's code (``en``), only that one; ``all``, every language. A
  ``mkdocs build`` builds every language whatever it says (but a wrong value fails there too).
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

from mkdocs.plugins import get_plugin_logger

from edition.inputs.input_files import InputError

REPOSITORY_RE = re.compile(r"^https://[a-z0-9.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
SERVING = "EDITION_SERVING"  # set under `mkdocs serve`, whose live reload adds an inline script (edition/output/csp.py)
DEFAULT_BROWSER = "/usr/bin/chromium"  # Debian's, when BROWSER_PATH is unset
SERVE_LANGUAGE = "SERVE_LANGUAGE"  # which languages mkdocs serve builds
EVERY_LANGUAGE = "all"
BOOKS_NOTE = " The EPUB and the PDF are written by `uv run mkdocs build` (the PDF with BUILD_PDF=1), not here."
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
    serve_language: str = ""  # SERVE_LANGUAGE as given ('' when unset): see served_languages

    @property
    def writes_books(self) -> bool:
        """The build writes each language's EPUB: every build but `mkdocs serve`'s, whose rebuild it would hold up
        by a third of a second for a download nobody previews at each edit (as the PDF waits for BUILD_PDF=1)."""
        return not self.serving

    @property
    def archived(self) -> bool:
        """This build is a released version published below the latest (edition.output.versioned_site)."""
        return self.latest_url != self.site_url


def slashed(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def read(environment, site_url: str, codes: tuple[str, ...] = ()) -> Environment:
    """The environment variables, checked (``site_url``: the configuration's, from SITE_URL; ``codes``: the
    edition's languages, which SERVE_LANGUAGE names); fails on any problem, naming the variable."""
    check(environment, site_url, codes)
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
        serve_language=environment.get(SERVE_LANGUAGE, "").strip(),
    )


def served_languages(environment: Environment, codes: tuple[str, ...]) -> tuple[str, ...]:
    """The languages this build makes, of the edition's ``codes`` (the original's first): every one, but under
    ``mkdocs serve``, where SERVE_LANGUAGE chooses (unset: the original's only; a code: that one; ``all``: every
    one; anything else failed in ``read``)."""
    value = environment.serve_language
    if not environment.serving or value == EVERY_LANGUAGE:
        return codes
    return (value or codes[0],)


def serve_language_problem(value: str, codes: tuple[str, ...]) -> str:
    """The problem of SERVE_LANGUAGE ('' if unset, a language of the edition or ``all``)."""
    if not value or value == EVERY_LANGUAGE or not codes or value in codes:
        return ""
    return (f"{SERVE_LANGUAGE}: '{value}' is neither a language of the edition ({', '.join(codes)}) nor "
            f"'{EVERY_LANGUAGE}' (unset: mkdocs serve builds the original's language only)")


def served_note(served: tuple[str, ...], codes: tuple[str, ...], address: dict[str, str]) -> str:
    """What ``mkdocs serve`` says at every build: the languages it builds, where, and how to see the others
    (``address``: language -> the served address of its home page)."""
    if served == codes:
        return (f"serving every language ({', '.join(f'{code}: {address[code]}' for code in codes)}); a rebuild "
                f"builds them all. Unset {SERVE_LANGUAGE} to rebuild the original's language only, faster."
                + BOOKS_NOTE)
    others = [code for code in codes if code not in served]
    return (f"serving only the language '{served[0]}' at {address[served[0]]} (a rebuild builds that one only; "
            f"the other languages' pages are not built: {', '.join(address[code] for code in others)} answers 404). "
            + " ".join(f"To see '{code}': {SERVE_LANGUAGE}={code} uv run mkdocs serve." for code in others)
            + f" Every language: {SERVE_LANGUAGE}={EVERY_LANGUAGE} uv run mkdocs serve." + BOOKS_NOTE)


def announce_served(served: tuple[str, ...], codes: tuple[str, ...], address: dict[str, str]) -> None:
    """Say on mkdocs serve's console which languages it builds (``served_note``)."""
    get_plugin_logger("edition").info(served_note(served, codes, address))


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


def problems(environment, site_url: str, codes: tuple[str, ...] = ()) -> list[str]:
    """Every problem of the build's environment variables (``site_url``: the configuration's, from SITE_URL;
    ``codes``: the edition's languages)."""
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
    found.append(serve_language_problem(environment.get(SERVE_LANGUAGE, "").strip(), codes))
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


def check(environment, site_url: str, codes: tuple[str, ...] = ()) -> None:
    """Fail on any problem of the environment variables."""
    found = problems(environment, site_url, codes)
    if found:
        raise InputError("environment variables with problems", found)
