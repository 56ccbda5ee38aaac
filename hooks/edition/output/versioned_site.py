"""Every released version at its permanent address: ``<site>/v/<version>/``, built from its git tag.

    PYTHONPATH=hooks uv run python -m edition.output.versioned_site --latest --site-dir site

With ``--latest`` the current tree is first built at the root (strictly, as ``mkdocs build
--strict``); without it the root is left as it is (the Pages workflow builds it first; a build
at the root afterwards would wipe ``v/``). Then each release of docs/riwayat.yml is built
into ``v/<version>/``:

- from the commit its entry records (``commit:``, required of every superseded release; its tag
  ``v<version>``, if this clone has it, must point to the same commit), built with today's toolchain
  and that commit's own code and templates (``git archive``); the release CITATION.cff names, from
  its tag, or from the current tree while it is not tagged yet (the version about to be released);
- with ``SITE_URL`` = its permanent address and ``LATEST_URL`` = the root, so its pages say
  which version they are, link to the same section in the latest and name it as canonical;
- then each page is checked and, for releases whose code predates versions (1.0.0), given
  what its own templates could not: the banner and the cite box's two addresses (the current
  tree's overrides/partials/version_banner.html and cite_box_versions.html),
  ``<meta name="robots" content="noindex">`` and the latest as canonical URL;
- every release's pages and citation downloads get today's complete record of the work
  (edition.output.archived_record: head tags, cite box, no ``<time datetime>``);
- and, last, every page, redirect stubs too, gets the current Content-Security-Policy
  (edition.output.csp): a banner this code wrote, or one with an inline ``onclick`` (1.1.0's),
  gets its link's behaviour from the current tree's script instead (``assets/archived-banner.js``).

A superseded release without a recorded commit (or with one this clone lacks, or that its tag
contradicts), or a tag ``v*`` without an entry in docs/riwayat.yml, fails the build naming it.
``robots.txt`` at the root (edition.output.robots) disallows ``v/``.

Why not mike: mike commits each version to a gh-pages branch, while this site is deployed as one
artifact by actions/deploy-pages; building each tag into ``v/<version>/`` of that one artifact
needs no branch, no symlinks (which the Pages artifact rejects), and no history to keep.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.exceptions import PluginError

from edition import engine, pages
from edition.citing import changelog, release
from edition.citing.changelog import Entry
from edition.citing.record import Work
from edition.inputs import citation_file, environment, languages
from edition.inputs.languages import Languages
from edition.output import archived_record, bundle, csp
from edition.output.minify import minified
from edition.output.page_source import PageSource

TAG_RE = re.compile(r"^v(\d+\.\d+\.\d+)$")
CITE_BOX_IDS = {"cite-box", "kutip"}  # the cite box's <details> (1.0.0 called it kutip)
NOINDEX = '<meta name="robots" content="noindex">'
# 1.1.0's banner (ab93ab2) kept the reader's #section on its link to the latest with an inline handler, which the
# Content-Security-Policy refuses; the current tree's scripts do it (docs/assets/scripts/section-links.js).
BANNER_HANDLER = "this.hash=location.hash"
BANNER_SCRIPT = "assets/archived-banner.js"  # in an archived version whose own scripts lack the banner's
BANNER_SCRIPTS = ["core.js", "section-links.js"]  # of the current tree's bundle (edition.output.bundle)


def git(project: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=project, capture_output=True)
    if result.returncode != 0:
        raise PluginError(f"git {' '.join(args)}: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def release_tags(project: Path) -> dict[str, str]:
    """version -> tag, for every tag ``vMAJOR.MINOR.PATCH`` of the repository."""
    names = git(project, "tag", "--list", "v*").decode().split()
    return {m.group(1): name for name in names if (m := TAG_RE.match(name))}


def plan(releases: list[Entry], current: release.Release, tags: dict[str, str]) -> list[tuple[Entry, str | None]]:
    """(release, what to build it from) for every release, newest first: a superseded release from the commit
    its entry records (changelog.load requires it; build_versions checks that its tag agrees); the current one
    from its recorded commit or its tag, else (not tagged yet) None, the current tree. Fails on a mismatch."""
    listed = {item.version for item in releases}
    unlisted = sorted(set(tags) - listed)
    if unlisted:
        raise PluginError(f"{changelog.LABEL}: no entry for the tag(s) {', '.join('v' + v for v in unlisted)}")
    builds = []
    for item in releases:
        version, line = item.version, item.line
        if version != current.version:
            if not item.commit:
                raise PluginError(f"{changelog.LABEL}{f':{line}' if line else ''}: release {version} is superseded "
                                  "but records no commit to build it from (commit: <full hash>; README, Releases)")
            builds.append((item, item.commit))
        else:
            builds.append((item, item.commit or tags.get(version) or None))
    return builds


def check_commits(project: Path, releases: list[Entry], tags: dict[str, str]) -> None:
    """Each recorded commit is in this clone, and the release's tag (if any) points to it."""
    for item in releases:
        commit, version = item.commit, item.version
        if not commit:
            continue
        where = f"{changelog.LABEL}:{item.line}" if item.line else changelog.LABEL
        try:
            git(project, "cat-file", "-e", f"{commit}^{{commit}}")
        except PluginError:
            raise PluginError(f"{where}: release {version} records commit {commit}, which this clone does not "
                              "have (fetch the whole history: the Pages workflow checks out with "
                              "fetch-depth: 0)") from None
        if version in tags:
            tagged = git(project, "rev-parse", f"{tags[version]}^{{commit}}").decode().strip()
            if tagged != commit:
                raise PluginError(f"{where}: release {version} records commit {commit}, but its tag points to "
                                  f"{tagged}")


def release_cache(project: Path, ref: str) -> Path:
    """The build caches of the release built from ``ref`` (a commit or a tag), kept between runs."""
    return project / ".cache" / "versions" / ref


def export_tag(project: Path, tag: str, dest: Path) -> Path:
    """The tree of ``tag`` in ``dest`` (no .git), with its own cache folder kept between runs."""
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(git(project, "archive", "--format=tar", tag))) as archive:
        archive.extractall(dest, filter="data")
    cache = release_cache(project, tag)
    cache.mkdir(parents=True, exist_ok=True)
    (dest / ".cache").symlink_to(cache, target_is_directory=True)
    return dest


def mkdocs_build(tree: Path, out: Path, site_url: str, latest_url: str | None) -> None:
    """``mkdocs build --strict`` of ``tree`` published at ``site_url`` (an archived version when ``latest_url``), by
    the engine ``SITE_ENGINE`` names (edition.engine)."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", "WITH_VERSIONS": "1"}
    env.pop("LATEST_URL", None)
    if latest_url:
        env["LATEST_URL"] = latest_url
        env.pop("BUILD_PDF", None)  # the PDF is printed for the latest only
    try:
        argv = engine.command("build", "--strict", "--site-dir", str(out), environ=env)
    except engine.EngineError as exc:
        raise PluginError(str(exc)) from None
    result = subprocess.run(argv, cwd=tree, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"building {site_url} from {tree} failed:\n{result.stdout}{result.stderr}")


def partials(project: Path) -> dict:
    """The current tree's version partials: the banner and the cite box's addresses; and the banner's script
    (``banner_script``: the bundle's core and section links, minified)."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(project / "overrides"), autoescape=True)
    found = {name: environment.get_template(f"partials/{name}.html") for name in ("version_banner", "cite_box_versions")}
    scripts = project / "docs" / bundle.FOLDER
    return {**found, "banner_script": "\n".join(minified(scripts / name) for name in BANNER_SCRIPTS) + "\n"}


def finish_page(text: str, url: str, item: Entry, latest_url: str, repository: str, strings: dict,
                templates: dict, record: Work, languages: Languages) -> str:
    """One archived page: canonical -> the latest, noindex, and the banner and the cite box's addresses when its
    own templates had none; today's ``record`` of its work (edition.output.archived_record); a banner this code
    wrote, or one with 1.1.0's inline handler, gets its behaviour from the current tree's script
    (``BANNER_SCRIPT``, written by finish_version); last, the Content-Security-Policy, hashing the inline scripts
    the page holds (edition.output.csp)."""
    root = release.version_root(latest_url, item.version)
    where = f"{urlsplit(root).path}{url}"
    page = PageSource(text, where)
    if page.find("meta", http_equiv="refresh"):  # a redirect stub: nothing to read on it
        return csp.protect(text, where)
    version = release.page_version(url, record.root, item, root, latest_url, repository, strings)
    canonical = page.find("link", rel="canonical")
    if canonical:
        page.replace_element(canonical, f'<link rel="canonical" href="{version.latest_url}">')
    if page.find("meta", name="robots") is None:
        page.insert(page.find("head").close_start, f"  {NOINDEX}\n  ")
    article = page.find("article", class_="md-content__inner")
    banner = article is not None and page.find(class_="version-banner") is None  # written here
    if banner:
        page.insert(article.open_end, templates["version_banner"].render(edition_version=version, strings=strings))
    box = page.find("details", id=CITE_BOX_IDS)
    if box and page.find(class_="cite-box-versions") is None:
        page.insert(box.close_start, templates["cite_box_versions"].render(edition_version=version, strings=strings))
    archived_record.complete_page(page, url, record, strings, root, languages)
    handlers = page.find_all(onclick=BANNER_HANDLER)
    for element in handlers:
        page.replace(element.start, element.open_end,
                     page.start_tag(element).replace(f' onclick="{BANNER_HANDLER}"', ""))
    if banner or handlers:
        script = f'<script src="{urlsplit(root).path}{BANNER_SCRIPT}" defer></script>'
        page.insert(page.find("body").close_start, f"  {script}\n  ")
    return csp.protect(page.result(), where)


def finish_version(out: Path, item: Entry, latest_url: str, repository: str, languages: Languages,
                   all_strings: dict, templates, project: Path) -> int:
    """Every page of an archived version finished (finish_page), its citation downloads given today's record (from
    ``project``, the current tree, whose ``languages`` and words, ``all_strings``, they are given), the banner's
    script written if a page loads it; returns how many pages."""
    records = archived_record.work_records(project, release.version_root(latest_url, item.version), languages,
                                           all_strings)
    archived_record.complete_downloads(out, records, all_strings, languages)
    count = 0
    script = out / BANNER_SCRIPT
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        url = rel.removesuffix("index.html") if rel.endswith("index.html") else rel
        language = languages.of_url(url)
        text = path.read_text(encoding="utf-8")
        finished = finish_page(text, url, item, latest_url, repository, all_strings[language], templates,
                               records[language], languages)
        if finished != text:
            path.write_text(finished, encoding="utf-8")
        if BANNER_SCRIPT in finished and not script.is_file():
            script.parent.mkdir(parents=True, exist_ok=True)
            script.write_text(templates["banner_script"], encoding="utf-8")
        count += 1
    return count


def build_versions(project: Path, site_dir: Path, site_url: str, with_latest: bool = False) -> list[str]:
    """Build the latest (if asked) and every release under ``site_dir``; returns the versions built."""
    latest_url = site_url if site_url.endswith("/") else site_url + "/"
    edition_languages, all_strings = languages.read_project(project)
    current = release.load_release(citation_file.read(project, edition_languages.default))
    releases = changelog.load(project / "docs", current, edition_languages)
    tags = release_tags(project)
    check_commits(project, releases, tags)
    builds = plan(releases, current, tags)
    if with_latest:
        mkdocs_build(project, site_dir, latest_url, None)
    repository = environment.read(os.environ, latest_url).repository_url
    templates = partials(project)
    built = []
    with tempfile.TemporaryDirectory(prefix="versions-") as tmp:
        for item, tag in builds:
            version = item.version
            out = site_dir / pages.VERSIONS / version
            if out.exists():
                shutil.rmtree(out)
            tree = export_tag(project, tag, Path(tmp) / version) if tag else project
            mkdocs_build(tree, out, release.version_root(latest_url, version), latest_url)
            count = finish_version(out, item, latest_url, repository, edition_languages, all_strings, templates,
                                   project)
            print(f"{pages.VERSIONS}/{version}/: {count} pages, from {tag or 'the current tree (not tagged yet)'}")
            built.append(version)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", default="site", help="the site's folder (default: site)")
    parser.add_argument("--project", default=".", help="the repository (default: the current folder)")
    parser.add_argument("--site-url", default=environment.site_url(os.environ),
                        help="the latest version's address (default: $SITE_URL)")
    parser.add_argument("--latest", action="store_true", help="also build the latest at the root, first")
    args = parser.parse_args(argv)
    if not args.site_url:
        raise SystemExit("versioned_site: set SITE_URL (or --site-url): the address of the latest version")
    try:
        build_versions(Path(args.project).resolve(), Path(args.site_dir).resolve(), args.site_url, args.latest)
    except PluginError as exc:
        raise SystemExit(f"versioned_site: {exc}") from None
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
