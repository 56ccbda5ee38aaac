"""'Riwayat perubahan' / 'Change log': every release, newest first, from docs/riwayat.yml.

Maintainers edit one file, ``docs/riwayat.yml`` (not a page: mkdocs.yml excludes it), a
list of releases::

    - version: 1.1.0            # MAJOR.MINOR.PATCH, as in CITATION.cff and the tag v1.1.0
      date: 2026-11-29          # as date-released in CITATION.cff
      changes:
        - id: Teks perubahan dalam bahasa Indonesia.
          en: The change in English.
          links: [daftar-pustaka.md, tentang.md#catatan-editor]   # the affected sections

``entries_markdown`` writes the list into the page's ``<!-- insert: changelog -->`` in the
page's language; each link is labelled with the linked heading's own title in that language
and MkDocs checks (strict) that it resolves. A link to one language's file (``simpulan.en.md``:
a change of the English translation only) leads to that language's page from both logs. The newest entry must be the release that
CITATION.cff names, so the page, the banner and the cite box never disagree.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from edition import languages
from edition.citing.release import iso_date, long_date, semver, version_root

COMMIT_RE = re.compile(r"[0-9a-f]{40}")  # a release's commit, so it builds even where its tag was not fetched

FILE = "riwayat.yml"
HEADING_RE = re.compile(r"^(#{1,6})\s+(?P<title>.+?)\s*\{#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$", re.M)


def load(docs_dir: Path, release: dict) -> list[dict]:
    """The releases of docs/riwayat.yml, checked: newest first, complete, the newest = CITATION.cff's."""
    label = f"docs/{FILE}"
    try:
        data = yaml.safe_load((Path(docs_dir) / FILE).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PluginError(f"{label}: cannot be read: {exc}") from exc
    if not isinstance(data, list) or not data:
        raise PluginError(f"{label}: must be a list of releases (version, date, changes)")
    releases, previous = [], None
    for number, item in enumerate(data, 1):
        where = f"{label}: release {number}"
        if not isinstance(item, dict) or not {"version", "date", "changes"} <= set(item):
            raise PluginError(f"{where}: needs 'version', 'date' and 'changes'")
        version = str(item["version"])
        order = semver(version, f"{where}: version")
        date = iso_date(item["date"], f"{where} ({version}): date")
        if previous and (order >= previous[0] or date > previous[1]):
            raise PluginError(f"{where} ({version}): releases go newest first, by version and by date")
        previous = (order, date)
        changes = []
        for index, change in enumerate(item["changes"] or [], 1):
            spot = f"{where} ({version}), change {index}"
            missing = [k for k in (*languages.LANGUAGES, "links") if not (change or {}).get(k)]
            if missing:
                raise PluginError(f"{spot}: missing {', '.join(missing)}")
            for link in change["links"]:
                page = link.partition("#")[0]
                for language in languages.LANGUAGES:
                    if not (Path(docs_dir) / languages.source_file(page, language)).is_file():
                        raise PluginError(f"{spot}: link '{link}': no docs/{languages.source_file(page, language)}")
            changes.append({**{k: " ".join(str(change[k]).split()) for k in languages.LANGUAGES},
                            "links": list(change["links"])})
        if not changes:
            raise PluginError(f"{where} ({version}): no changes listed")
        commit = str(item.get("commit", ""))
        if commit and not COMMIT_RE.fullmatch(commit):
            raise PluginError(f"{where} ({version}): commit must be a full 40-character commit hash, got '{commit}'")
        releases.append({"version": version, "date": date, "changes": changes, "commit": commit})
    newest = releases[0]
    if (newest["version"], newest["date"]) != (release["version"], release["date"]):
        raise PluginError(f"{label}: the newest release is {newest['version']} of {newest['date']}, but CITATION.cff "
                          f"says version {release['version']} of {release['date']}: they must agree")
    return releases


def link_label(docs_dir: Path, link: str, language: str) -> str:
    """The linked section's heading in ``language`` (the page's title without an anchor)."""
    page, _, anchor = link.partition("#")
    path = Path(docs_dir) / languages.source_file(languages.SUFFIX_RE.sub(".md", page), language)
    headings = {m["id"]: m["title"] for m in HEADING_RE.finditer(path.read_text(encoding="utf-8"))}
    if anchor and anchor in headings:
        title = headings[anchor]
    else:
        first = HEADING_RE.search(path.read_text(encoding="utf-8"))
        if first is None:
            raise PluginError(f"docs/{path.name}: no heading with an ID to label the link '{link}' in docs/{FILE}")
        title = first["title"]
    return title.replace("*", "").strip()


def page_url(source: str) -> str:
    """The URL (below the language's root) of a docs/ page: ``a/index.md`` -> ``a/``, ``b.md`` -> ``b/``."""
    stem = source.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index").removesuffix("index") + "/"


def link_markdown(docs_dir: Path, link: str, language: str, to_root: str) -> str:
    """A Markdown link in the page's language; to another language's page (``x.en.md``), an HTML link."""
    page, _, anchor = link.partition("#")
    match = languages.SUFFIX_RE.search(page)
    target = match.group(1) if match else language
    label = link_label(docs_dir, link, target)
    if target == language:
        return f"[{label}]({languages.SUFFIX_RE.sub('.md', link)})"
    href = to_root + languages.prefix(target) + page_url(languages.SUFFIX_RE.sub(".md", page)) + (f"#{anchor}" if anchor else "")
    return f'<a href="{href}" hreflang="{target}" lang="{target}">{html.escape(label)}</a>'


def heading_id(version: str) -> str:
    return "versi-" + version.replace(".", "-")


def entries_markdown(releases: list[dict], docs_dir: Path, language: str, to_root: str, latest_url: str,
                     strings: dict, versions: bool = True) -> str:
    """The change log in one language, as Markdown (links relative to docs/, checked by MkDocs;
    ``to_root``: from the page to the site's root, for links to another language); a link to each version
    only where the versions are published (``versions``: edition.citing.release.versions_published)."""
    parts = []
    for item in releases:
        version = item["version"]
        parts.append(f"## {strings['version_word']} {version} — {long_date(item['date'], strings)} "
                     f"{{#{heading_id(version)}}}\n")
        if versions:
            parts.append(f"[{strings['version_read']}]({version_root(latest_url, version)})\n")
        for change in item["changes"]:
            links = ", ".join(link_markdown(docs_dir, link, language, to_root) for link in change["links"])
            parts.append(f"- {change[language]} {strings['changelog_see']} {links}.")
        parts.append("")
    return "\n".join(parts)
