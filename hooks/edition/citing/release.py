"""The edition's release: its version and date, and where each version of a page lives.

The version and the release date are read from CITATION.cff (``version``, ``date-released``),
the one place a maintainer sets them (README, "Releases"). Every released version is also
published under ``<latest>/v/<version>/`` (edition.output.versioned_site builds them from
their git tags). A build is an *archived* version when the environment names a different
address for the latest one (``LATEST_URL``, set by the versioned build): its pages then carry
a banner, point their canonical URL to the latest and ask search engines not to index them.

``REPOSITORY_URL`` (https://github.com/<owner>/<repo>, set by the Pages workflow from
``github.repository``) gives each page a "Laporkan kesalahan" link that opens a new issue
there; without it (local builds) no such link is shown: no repository is ever guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError

from edition import languages
from edition.inputs import citation_file, environment

SEMVER_RE = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
REPOSITORY_RE = environment.REPOSITORY_RE
VERSIONS_DIR = "v"  # released versions: <latest>/v/<version>/
CHANGELOG_PAGE = "riwayat-perubahan/"


def semver(text, where: str) -> tuple[int, int, int]:
    """A MAJOR.MINOR.PATCH version as a tuple (for ordering); fails naming ``where``."""
    match = SEMVER_RE.match(str(text))
    if not match:
        raise PluginError(f"{where}: '{text}' is not a version MAJOR.MINOR.PATCH (e.g. 1.1.0)")
    return tuple(int(part) for part in match.groups())


def iso_date(value, where: str) -> dt.date:
    """A YYYY-MM-DD date (YAML may already have parsed it); fails naming ``where``."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PluginError(f"{where}: '{value}' is not a date YYYY-MM-DD") from None


def load_release(project: Path) -> dict:
    """``version`` and ``date-released`` of CITATION.cff, checked."""
    data = citation_file.read(project)
    version = str(data["version"])
    semver(version, f"{citation_file.where(data, 'version')}: version")
    return {"version": version,
            "date": iso_date(data["date-released"], f"{citation_file.where(data, 'date-released')}: date-released")}


def long_date(date: dt.date, strings: dict) -> str:
    """'29 November 2026' in the language of ``strings`` (its ``months``)."""
    return f"{date.day} {strings['months'][date.month - 1]} {date.year}"


def version_root(latest_url: str, version: str) -> str:
    """Where a released version is published."""
    return f"{latest_url}{VERSIONS_DIR}/{version}/"


def latest_url(site_url: str, environment: dict) -> str:
    """The latest version's address: ``LATEST_URL`` when this build is an archived version, else the site's own."""
    latest = environment.get("LATEST_URL") or site_url
    return latest if latest.endswith("/") else latest + "/"


def versions_published(environment: dict) -> bool:
    """Whether the released versions are published beside this build, under ``v/``: ``WITH_VERSIONS=1`` (set by
    the Pages workflow and edition.output.versioned_site), or this build is one of them (``LATEST_URL``). Only
    then does a page offer a version's permanent address: a local build links to no page it does not contain."""
    return environment.get("WITH_VERSIONS") == "1" or bool(environment.get("LATEST_URL"))


def repository_url(environment: dict) -> str:
    """The repository that deploys the site (``REPOSITORY_URL``), or '' when none is named."""
    url = (environment.get("REPOSITORY_URL") or "").rstrip("/")
    if url and not REPOSITORY_RE.match(url):
        raise PluginError(f"REPOSITORY_URL: '{url}' is not https://<host>/<owner>/<repository>")
    return url


def report_url(repository: str, page_url: str, version: str, strings: dict) -> str:
    """A new-issue link of the repository, prefilled with the page's address and version."""
    if not repository:
        return ""
    query = urlencode({"title": strings["report_title"].format(version=version, url=page_url),
                       "body": strings["report_body"].format(version=version, url=page_url)})
    return f"{repository}/issues/new?{query}"


def page_version(url: str, language: str, release: dict, site_url: str, latest: str, repository: str,
                 strings: dict, versions: bool = True) -> dict:
    """The version facts of the page at ``url`` (below ``site_url``), context key ``edition_version``; the
    version's permanent address only when the versions are published (``versions_published``)."""
    version = release["version"]
    archived = site_url != latest
    here = site_url + url
    home = latest + languages.prefix(language)
    return {
        "version": version,
        "date": long_date(release["date"], strings),
        "archived": archived,
        "page_url": here,
        "latest_url": latest + url,  # the same page in the latest version
        "version_url": version_root(latest, version) + url if versions else "",  # this page in this version, for good
        "changelog_url": home + CHANGELOG_PAGE,
        "report_url": report_url(repository, here, version, strings),
    }
