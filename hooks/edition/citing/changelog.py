"""'Riwayat perubahan' / 'Change log': every release, newest first, from docs/riwayat.yml.

Maintainers edit one file, ``docs/riwayat.yml`` (not a page: mkdocs.yml excludes it), a
list of releases::

    - version: 1.1.0            # MAJOR.MINOR.PATCH, as in CITATION.cff and the tag v1.1.0
      date: 2026-11-29          # as date-released in CITATION.cff
      changes:
        - id: Teks perubahan dalam bahasa Indonesia.
          en: The change in English.
          links: [daftar-pustaka.md, tentang.md#catatan-editor]   # the affected sections

``load`` reads it into ``Entry`` items (one per release, each ``Change`` with its text in every language);
``entries_markdown`` writes the list into the page's ``<!-- insert: changelog -->`` in the
page's language; each link is labelled with the linked heading's own title in that language
and MkDocs checks (strict) that it resolves. A link to one language's file (``simpulan.en.md``:
a change of the English translation only) leads to that language's page from both logs. The newest entry must be the release that
CITATION.cff names, so the page, the banner and the cite box never disagree; every earlier release records
its ``commit`` (the full hash), from which ``edition.output.versioned_site`` builds it. A problem names
``docs/riwayat.yml:LINE``; all of them are reported together, except a link to a missing page or ID, which is
reported with the pages' own problems (``page_problems``, in the pipeline's page check).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import pages
from edition.citing.release import Release, iso_date, long_date, semver, version_root
from edition.inputs import heading_ids, input_files
from edition.inputs.languages import Languages

COMMIT_RE = re.compile(r"[0-9a-f]{40}")  # a release's commit, so it builds even where its tag was not fetched
LABEL = f"docs/{pages.CHANGELOG_DATA}"


@dataclass(frozen=True)
class Change:
    """One change of a release: its text in every language (code -> text) and the sections it affects."""

    text: dict[str, str]
    links: tuple[str, ...]  # page.md or page.md#id below docs/ (x.en.md: the English translation's only)
    spots: dict[str, str]  # link -> where docs/riwayat.yml gives it (file:line, release, change)


@dataclass(frozen=True)
class Entry(Release):
    """One release of the change log."""

    changes: tuple[Change, ...] = ()
    commit: str = ""  # the released commit (full hash): required once a newer release supersedes it
    line: int = 0  # of its entry in docs/riwayat.yml


def load(docs_dir: Path, release: Release, languages: Languages) -> list[Entry]:
    """The releases of docs/riwayat.yml, checked: newest first, complete, the newest = CITATION.cff's, every
    earlier one with its commit, each change in every language. Problems name ``docs/riwayat.yml:LINE`` and are
    reported together."""
    label = LABEL
    data = input_files.yaml_data(Path(docs_dir) / pages.CHANGELOG_DATA, label)
    if not isinstance(data, input_files.Sequence) or not data:
        raise input_files.InputError(f"{label} is not valid", [
            f"{label}:1: must be a list of releases ('- version: ...' with date and changes), "
            f"not {input_files.kind(data)}"])
    releases, problems, previous = [], [], None
    for number, item in enumerate(data):
        at = input_files.where(label, data, number)
        not_mapping = input_files.not_a_mapping(item, at, f"release {number + 1}", "version, date, changes")
        problems += not_mapping
        if not_mapping:
            continue
        missing = [key for key in ("version", "date", "changes") if key not in item]
        unknown = sorted(str(key) for key in set(item) - {"version", "date", "changes", "commit"})
        problems += [f"{at}: release {number + 1} has no '{key}'" for key in missing]
        problems += [f"{input_files.where(label, item, key)}: unknown key '{key}' (a release has version, date, "
                     "commit and changes)" for key in unknown]
        if missing:
            continue
        version = str(item["version"])
        try:
            order = semver(version, f"{input_files.where(label, item, 'version')}: version")
            date = iso_date(item["date"], f"{input_files.where(label, item, 'date')}: release {version}: date")
        except PluginError as exc:
            problems.append(str(exc))
            continue
        if previous and (order >= previous[0] or date > previous[1]):
            problems.append(f"{at}: release {version}: releases go newest first, by version and by date")
        previous = (order, date)
        changes = change_list(item, label, version, languages, problems)
        commit = item.get("commit")
        if commit is not None and not (isinstance(commit, str) and COMMIT_RE.fullmatch(commit)):
            problems.append(f"{input_files.where(label, item, 'commit')}: release {version}: commit must be a full "
                            f"40-character commit hash, got '{commit}'")
        elif commit is None and releases:  # superseded: built from its recorded commit (versioned_site)
            problems.append(f"{at}: release {version} is superseded by {releases[0].version} but records no "
                            f"commit: add 'commit: <full hash>' (git rev-parse v{version}^{{commit}}; "
                            "README, Releases)")
        releases.append(Entry(version=version, date=date, changes=tuple(changes), commit=commit or "",
                              line=input_files.line_of(data, number)))
    if problems:
        raise input_files.InputError(f"{label} is not valid", problems)
    newest = releases[0]
    if (newest.version, newest.date) != (release.version, release.date):
        raise PluginError(f"{label}:{newest.line}: the newest release is {newest.version} of {newest.date}, "
                          f"but CITATION.cff says version {release.version} of {release.date}: they must agree")
    return releases


def change_list(item, label: str, version: str, languages: Languages, problems: list[str]) -> list[Change]:
    """The changes of one release, checked (problems appended, naming their lines)."""
    changes = item["changes"]
    if not isinstance(changes, input_files.Sequence) or not changes:
        problems.append(f"{input_files.where(label, item, 'changes')}: release {version}: 'changes' must be a list "
                        f"of one or more changes, not {input_files.kind(changes)}")
        return []
    found = []
    for index, change in enumerate(changes):
        spot = f"{input_files.where(label, changes, index)}: release {version}, change {index + 1}"
        not_mapping = input_files.not_a_mapping(change, spot, "", f"{', '.join(languages.codes)}, links")
        problems += not_mapping
        if not_mapping:
            continue
        wrong = [key for key in languages.codes if not isinstance(change.get(key), str) or not change[key].strip()]
        problems += [f"{input_files.where(label, change, key)}: release {version}, change {index + 1}: '{key}' must be "
                     f"the change's text in that language, not {input_files.kind(change.get(key))}" for key in wrong]
        links = change.get("links")
        if not isinstance(links, input_files.Sequence) or not links:
            problems.append(f"{input_files.where(label, change, 'links')}: release {version}, change {index + 1}: "
                            f"'links' must be a list of the affected pages ([page.md, page.md#id]), "
                            f"not {input_files.kind(links)}")
            continue
        spots = {}
        for position, link in enumerate(links):
            spot = f"{input_files.where(label, links, position)}: release {version}, change {index + 1}"
            if not isinstance(link, str) or not link.partition("#")[0].endswith(".md"):
                problems.append(f"{spot}: link {link!r} is not a page of docs/ (page.md or page.md#id)")
            else:
                spots[link] = spot
        if not wrong:
            found.append(Change(text={k: " ".join(change[k].split()) for k in languages.codes}, links=tuple(links),
                                spots=spots))
    return found


def page_problems(releases: list[Entry], docs_dir: Path, languages: Languages) -> list[str]:
    """Every change's links checked against the pages (reported with the pages' own problems, so that a deleted
    page or ID is named once with everything else wrong with the pages)."""
    read = {}
    return [problem for item in releases for change in item.changes
            for link, spot in change.spots.items() for problem in link_problems(link, spot, docs_dir, languages, read)]


def link_problems(link: str, spot: str, docs_dir: Path, languages: Languages,
                  read: dict[Path, set[str]]) -> list[str]:
    """A change's link: a page (``.md``) of docs/ that exists in every language, and an ID that it has (``read``:
    the IDs of the pages read for the links checked before)."""
    page, _, anchor = link.partition("#")
    problems = []
    for language in languages.codes:
        path = Path(docs_dir) / languages.source_file(page, language)
        if not path.is_file():
            problems.append(f"{spot}: link '{link}': no docs/{languages.source_file(page, language)}")
        elif anchor and anchor not in heading_ids.file_ids(path, read):
            problems.append(f"{spot}: link '{link}': docs/{languages.source_file(page, language)} has no ID '{anchor}'")
    return problems


def link_label(docs_dir: Path, link: str, language: str, languages: Languages) -> str:
    """The linked section's heading in ``language`` (the page's first heading without an anchor)."""
    page, _, anchor = link.partition("#")
    path = Path(docs_dir) / languages.source_file(page, language)
    headings = [h for h in heading_ids.headings(path.read_text(encoding="utf-8")) if h.id]
    heading = next((h for h in headings if h.id == anchor), None) if anchor else None
    heading = heading or next(iter(headings), None)
    if heading is None:
        raise PluginError(f"docs/{path.name}: no heading with an ID to label the link '{link}' in {LABEL}")
    return heading.title.replace("*", "").strip()


def link_markdown(docs_dir: Path, link: str, language: str, to_root: str, languages: Languages) -> str:
    """A Markdown link in the page's language; to another language's page (``x.en.md``), an HTML link."""
    page, _, anchor = link.partition("#")
    target = languages.of(page) if languages.neutral(page) != page else language
    label = link_label(docs_dir, link, target, languages)
    if target == language:
        return f"[{label}]({languages.neutral(link)})"
    href = to_root + languages.prefix(target) + pages.url(languages.neutral(page)) + (f"#{anchor}" if anchor else "")
    return f'<a href="{href}" hreflang="{target}" lang="{target}">{html.escape(label)}</a>'


def heading_id(version: str) -> str:
    return "versi-" + version.replace(".", "-")


def entries_markdown(releases: list[Entry], docs_dir: Path, language: str, page_url: str, latest_url: str,
                     strings: dict, versions: bool, languages: Languages) -> str:
    """The change log in one language, as Markdown (links relative to docs/, checked by MkDocs; ``page_url``: the
    page's URL below the site, under which a link to another language's page is written); a link to each
    version only where the versions are published beside the build (``versions``)."""
    to_root = "../" * page_url.count("/")  # from the page to the site's root
    parts = []
    for item in releases:
        version = item.version
        parts.append(f"## {strings['version_word']} {version} — {long_date(item.date, strings)} "
                     f"{{#{heading_id(version)}}}\n")
        if versions:
            parts.append(f"[{strings['version_read']}]({version_root(latest_url, version)})\n")
        for change in item.changes:
            links = ", ".join(link_markdown(docs_dir, link, language, to_root, languages) for link in change.links)
            parts.append(f"- {change.text[language]} {strings['changelog_see']} {links}.")
        parts.append("")
    return "\n".join(parts)
