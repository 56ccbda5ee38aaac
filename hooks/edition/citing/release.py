"""The edition's release: its version and date, and where each version of a page lives.

The version and the release date are read from CITATION.cff (``version``, ``date-released``),
the one place a maintainer sets them (README, "Releases"): ``Release``. Every released version is also
published under ``<latest>/v/<version>/`` (edition.output.versioned_site builds them from
their git tags). A build is an *archived* version when the environment names a different
address for the latest one (``LATEST_URL``, set by the versioned build; edition.inputs.environment): its
pages then carry a banner, point their canonical URL to the latest and ask search engines not to index them.
``page_version`` gives each page these facts (``PageVersion``, the templates' ``edition_version``).

``REPOSITORY_URL`` (https://github.com/<owner>/<repo>, set by the Pages workflow from
``github.repository``) gives each page a "Laporkan kesalahan" link that opens a new issue
there; without it (local builds) no such link is shown: no repository is ever guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError

from edition import pages
from edition.inputs import citation_file

SEMVER_RE = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


@dataclass(frozen=True)
class Release:
    """A release of the edition: its version and date."""

    version: str  # MAJOR.MINOR.PATCH
    date: dt.date


@dataclass(frozen=True)
class PageVersion:
    """The version facts of one page (the templates' ``edition_version``)."""

    version: str
    date: str  # the release date in words, in the page's language
    archived: bool  # the page is of an archived version (under v/<version>/ below the latest)
    page_url: str  # the page's own address
    latest_url: str  # the same page in the latest version
    version_url: str  # this page in this version, for good ('' unless the versions are published beside it)
    changelog_url: str
    report_url: str  # a new issue about the page ('' without REPOSITORY_URL)


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


def load_release(data) -> Release:
    """``version`` and ``date-released`` of CITATION.cff (``data``: as edition.inputs.citation_file.read returns
    it), checked."""
    version = str(data["version"])
    semver(version, f"{citation_file.where(data, 'version')}: version")
    return Release(version, iso_date(data["date-released"], f"{citation_file.where(data, 'date-released')}: "
                                                          "date-released"))


def long_date(date: dt.date, strings: dict) -> str:
    """'29 November 2026' in the language of ``strings`` (its ``months``)."""
    return f"{date.day} {strings['months'][date.month - 1]} {date.year}"


def version_root(latest_url: str, version: str) -> str:
    """Where a released version is published."""
    return f"{latest_url}{pages.VERSIONS}/{version}/"


def report_url(repository: str, page_url: str, version: str, strings: dict) -> str:
    """A new-issue link of the repository, prefilled with the page's address and version."""
    if not repository:
        return ""
    query = urlencode({"title": strings["report_title"].format(version=version, url=page_url),
                       "body": strings["report_body"].format(version=version, url=page_url)})
    return f"{repository}/issues/new?{query}"


def page_version(url: str, prefix: str, release: Release, site_url: str, latest: str, repository: str,
                 strings: dict, versions: bool = True) -> PageVersion:
    """The version facts of the page at ``url`` (below ``site_url``; ``prefix``: its language's root below the
    site); the version's permanent address only when the versions are published beside it (``versions``)."""
    here = site_url + url
    return PageVersion(
        version=release.version,
        date=long_date(release.date, strings),
        archived=site_url != latest,
        page_url=here,
        latest_url=latest + url,
        version_url=version_root(latest, release.version) + url if versions else "",
        changelog_url=latest + prefix + pages.url(pages.CHANGELOG),
        report_url=report_url(repository, here, release.version, strings),
    )


def canonical_url(version: PageVersion, own: str) -> str:
    """The page's canonical address: the latest version's for an archived page, else its own (``own``)."""
    return version.latest_url if version.archived else own
