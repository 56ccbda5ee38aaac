"""The output contract: what every build of this edition must hold, whichever program wrote it.

    uv run python tests/contract.py SITE_DIR [--site-url URL] [--versions] [--pdf] [--reference OTHER_SITE_DIR]

``SITE_DIR`` is the folder served at the site's address (``site/``, or ``<tmp>/upaya-iom`` of a test build). The
contract reads only files: it never asks whether the build "passed", so an engine that skips a hook or a plugin
and still exits 0 (Zensical does) fails here. What the build must hold is derived from the sources, not from what
the build code makes of them: the pages of ``docs/`` and ``mkdocs.yml`` (exclusions, redirects), ``tests/anchors.txt``,
``references.bib``, ``CITATION.cff``, ``figures/*.csv`` and, with ``--versions``, ``docs/riwayat.yml`` and git. Those
sources are read by the edition's one reader of each (what a page cites: ``edition.citations.formatting``, held to
mkdocs-bibtex's own parser by tests/citations/test_bibtex_adapter.py; headings: ``edition.inputs.heading_ids``; the
i18n plugin's languages: ``edition.inputs.i18n_adapter``), never by a second copy. One line per problem, each starting
with the promise it breaks:

- ``urls``: the HTML files of both languages are exactly the pages of docs/ (``page.md`` -> ``page/``,
  ``page.en.md`` -> ``en/page/``), ``404.html`` and the redirect stubs, and with ``--versions`` every release's under
  ``v/<version>/`` (from its own commit's docs/);
- ``anchors``: every ``URL#id`` of tests/anchors.txt is served (or its page redirects where it is);
- ``record``: every page says its language and carries its work's record, in its head (``citation_title``,
  ``citation_author``, ``citation_language``, one ``citation_reference`` per work it cites) and in JSON-LD
  (``ScholarlyArticle``: name, authors, language, the works it cites);
- ``citations``: as many rendered citations ("(Author, Year)" and a footnote reference to an entry) as the page's
  source has citation keys (``[@key]``, and ``[^key]`` written by hand), one footnote per work cited, linking to
  its entry; every reference list lists each entry of references.bib exactly once;
- ``raw``: no ``[@`` anywhere (page text outside code, file contents, search indexes);
- ``alternates``: each page's language switcher leads to its twin, and sitemap.xml pairs every page with it;
- ``search``: one index per language, holding that language's pages (but those excluded by their front matter),
  every location an ID of its page;
- ``downloads``: each language's ``unduh/artikel.bib`` and ``.ris`` (one record each), ``unduh/references.bib``
  and ``.ris`` (every entry), the figures' data as in ``figures/``, with ``--pdf`` both PDFs; every link to
  ``unduh/`` lands on a file.

``--reference`` also diffs the site against another build, normalised only for the ``generator`` tag (engines
name themselves there): ``diff`` lines. Exit status 1 when anything is wrong. tests/output/test_contract.py runs
it on the session's build and on a copy with planted faults; tests/output/test_engines.py on the ProperDocs build;
the Pages workflow on the artifact it deploys (MAINTAINING.md: the command that says whether a move is safe).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import bibtexparser
import rispy
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT / "hooks") not in sys.path:  # run as a command (pytest's pythonpath has it): the edition's readers
    sys.path.insert(0, str(ROOT / "hooks"))
from anchors import lost_anchors, page_anchors, read_manifest, redirect_maps  # noqa: E402
from edition.citations import formatting  # noqa: E402  (the one reader of what a page cites)
from edition.inputs import heading_ids, i18n_adapter  # noqa: E402  (the one heading parser; the i18n plugin's options)

DEFAULT_SITE_URL = "https://pembaca.github.io/upaya-iom/"
VERSIONS_DIR = "v/"
GENERATOR_RE = re.compile(rb'<meta name="generator" content="[^"]*">')
GENERATOR = b'<meta name="generator" content="(engine)">'
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".bib", ".ris", ".csv", ".js", ".css", ".svg", ".json", ".webmanifest"}
BIBLIOGRAPHY_MARKER = "<!-- insert: bibliography -->"
CODE_RE = re.compile(r"<code>.*?</code>", re.S)


class Loader(yaml.SafeLoader):
    """mkdocs.yml with ``!ENV [NAME, default]`` read as its default (the contract judges the default build)."""


Loader.add_constructor("!ENV", lambda loader, node: (loader.construct_sequence(node)[-1]
                                                     if isinstance(node, yaml.SequenceNode) else None))


# ---------------------------------------------------------------------------------------------- the sources

@dataclass
class Sources:
    """What the sources of one release say the build must hold."""

    languages: dict[str, str]  # locale -> its folder below the site ("" for the original, the default)
    pages: dict[str, tuple[str, str]]  # site-relative URL -> (language, docs/ path)
    stubs: set[str]  # redirect stubs, as HTML files below the site
    markdown: dict[str, str] = field(default_factory=dict)  # docs/ path -> text (latest only)


def config_of(text: str) -> dict:
    return yaml.load(text, Loader=Loader) or {}


def excluded(path: str, patterns: list[str]) -> bool:
    """Whether a docs/ path matches exclude_docs (the forms mkdocs.yml uses: ``folder/`` and file names)."""
    for pattern in patterns:
        if any(c in pattern for c in "*?[!"):
            raise ValueError(f"mkdocs.yml: exclude_docs pattern {pattern!r} is not one the contract reads")
        if pattern.endswith("/") and (path.startswith(pattern.lstrip("/")) or f"/{pattern.lstrip('/')}" in f"/{path}"):
            return True
        if not pattern.endswith("/") and (path == pattern.lstrip("/") or path.endswith("/" + pattern)):
            return True
    return False


def site_languages(config: dict) -> dict[str, str]:
    """locale -> its folder below the site, from mkdocs.yml's i18n plugin (the default at the root, each other
    language under <locale>/; a twin is page.<locale>.md); one language at the root without it."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and i18n_adapter.PLUGIN in plugin:
            found = {locale: "" if default else f"{locale}/"
                     for locale, default in i18n_adapter.declared(plugin[i18n_adapter.PLUGIN] or {}, "mkdocs.yml")}
            if list(found.values()).count("") != 1:
                raise ValueError("mkdocs.yml: the i18n plugin has no single default language")
            return found
    return {str((config.get("theme") or {}).get("language", "en")): ""}


def page_url(source: str, languages: dict[str, str]) -> tuple[str, str]:
    """(language, site-relative URL) of a docs/ Markdown file (use_directory_urls; a twin under <locale>/)."""
    default = next(locale for locale, prefix in languages.items() if prefix == "")
    language = next((locale for locale in languages if source.endswith(f".{locale}.md") and locale != default),
                    default)
    base = source.removesuffix(f".{language}.md").removesuffix(".md")
    url = "" if base == "index" else base.removesuffix("/index") + "/"
    return language, languages[language] + url


def sources_of(files: list[str], config_text: str) -> Sources:
    """The pages and redirect stubs of a release: its docs/ file names and its mkdocs.yml."""
    config = config_of(config_text)
    languages = site_languages(config)
    patterns = [line.strip() for line in (config.get("exclude_docs") or "").splitlines() if line.strip()]
    pages = {}
    for path in files:
        if path.endswith(".md") and not excluded(path, patterns):
            language, url = page_url(path, languages)
            pages[url] = (language, path)
    stubs = set()
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            for old in ((plugin["redirects"] or {}).get("redirect_maps") or {}):
                for prefix in languages.values():
                    stubs.add(prefix + page_url(old, languages)[1] + "index.html")
    return Sources(languages=languages, pages=pages, stubs=stubs)


def latest_sources(project: Path) -> Sources:
    docs = project / "docs"
    files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    found = sources_of(files, (project / "mkdocs.yml").read_text(encoding="utf-8"))
    found.markdown = {path: (docs / path).read_text(encoding="utf-8") for _, path in found.pages.values()}
    return found


def git(project: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True)
    if result.returncode != 0:
        raise ValueError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def release_sources(project: Path) -> dict[str, Sources | str]:
    """version -> the sources it was built from (its recorded commit, its tag, or this tree while it is the current
    one and untagged), or why they cannot be read."""
    entries = yaml.safe_load((project / "docs" / "riwayat.yml").read_text(encoding="utf-8")) or []
    current = str(yaml.safe_load((project / "CITATION.cff").read_text(encoding="utf-8"))["version"])
    tags = set(git(project, "tag", "--list", "v*").split())
    found = {}
    for entry in entries:
        version = str(entry["version"])
        ref = entry.get("commit") or (f"v{version}" if f"v{version}" in tags else None)
        if ref is None and version != current:
            found[version] = f"release {version} records no commit and has no tag"
        elif ref is None:
            found[version] = latest_sources(project)
        else:
            try:
                files = [p.removeprefix("docs/") for p in git(project, "ls-tree", "-r", "--name-only", ref, "docs")
                         .splitlines()]
                found[version] = sources_of(files, git(project, "show", f"{ref}:mkdocs.yml"))
            except ValueError as exc:
                found[version] = str(exc)
    return found


def cited_keys(markdown: str, keys) -> list[str]:
    """Every citation of a page's source to an entry of references.bib, in order: each key of a ``[@...]`` block and
    each hand-written ``[^key]`` (edition.citations.formatting.citations, the one reader of what a page cites)."""
    return [key for _, key in formatting.citations(markdown) if key in keys]


def plain_title(markdown: str) -> str:
    """A page's first level-1 heading as plain words (no emphasis marks, no ID; edition.inputs.heading_ids)."""
    title = next((heading.title for heading in heading_ids.headings(markdown) if heading.level == 1), "")
    return " ".join(title.replace("*", "").replace("_", " ").split())


@dataclass
class Work:
    """The record a language's pages carry (CITATION.cff; the English title is the English home page's)."""

    title: str
    head_authors: list[str]
    json_authors: list[str]


def works(project: Path, languages: dict[str, str]) -> dict[str, Work]:
    """Per language: the original's title from CITATION.cff, a translation's from its home page's first heading."""
    cff = yaml.safe_load((project / "CITATION.cff").read_text(encoding="utf-8"))
    head, named = [], []
    for author in cff["authors"]:
        family, given = author.get("family-names") or author.get("name", ""), author.get("given-names", "")
        head.append(f"{family}, {given}" if given else family)
        named.append(f"{given} {family}".strip())
    found = {}
    for language, prefix in languages.items():
        title = (" ".join(cff["title"].split()) if prefix == "" else
                 plain_title((project / "docs" / f"index.{language}.md").read_text(encoding="utf-8")))
        found[language] = Work(title, head, named)
    return found


# ---------------------------------------------------------------------------------------------- the build

def read_pages(root: Path) -> dict[str, BeautifulSoup]:
    """Every HTML file below ``root`` (not below v/), parsed: its path relative to root -> its tree."""
    pages = {}
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith(VERSIONS_DIR):
            pages[rel] = BeautifulSoup(path.read_bytes(), "lxml")
    return pages


def is_stub(soup: BeautifulSoup) -> bool:
    return soup.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}) is not None


def url_problems(pages: dict[str, BeautifulSoup], sources: Sources, where: str = "") -> list[str]:
    expected = {url + "index.html": f"docs/{src}" for url, (_, src) in sources.pages.items()}
    expected["404.html"] = "the not-found page"
    expected.update({stub: "a redirect in mkdocs.yml" for stub in sources.stubs})
    problems = [f"urls: {where}{path} missing ({why})" for path, why in sorted(expected.items()) if path not in pages]
    problems += [f"urls: {where}{path} is not a page of the sources" for path in sorted(pages) if path not in expected]
    return problems


def record_problems(pages: dict[str, BeautifulSoup], sources: Sources, expected: dict[str, Work], keys,
                    where: str = "") -> list[str]:
    problems = []
    for url, (language, src) in sorted(sources.pages.items()):
        soup = pages.get(url + "index.html")
        if soup is None:
            continue
        here, work = f"{where}{url or '/'}", expected[language]
        if (soup.html.get("lang") if soup.html else None) != language:
            problems.append(f"record: {here}: <html lang> is not {language!r}")
        meta = lambda name: [m.get("content", "") for m in soup.find_all("meta", attrs={"name": name})]  # noqa: E731
        titles = [" ".join(t.split()) for t in meta("citation_title")]
        if titles != [work.title] and [t.casefold() for t in titles] != [work.title.casefold()]:
            problems.append(f"record: {here}: citation_title {titles}, expected [{work.title!r}]")
        if meta("citation_author") != work.head_authors:
            problems.append(f"record: {here}: citation_author {meta('citation_author')}, expected {work.head_authors}")
        if meta("citation_language") != [language]:
            problems.append(f"record: {here}: citation_language {meta('citation_language')}, expected [{language!r}]")
        articles = []
        for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
            try:
                data = json.loads(script.string or "")
            except json.JSONDecodeError as exc:
                problems.append(f"record: {here}: JSON-LD does not parse: {exc}")
                continue
            articles += [item for item in (data if isinstance(data, list) else [data])
                         if isinstance(item, dict) and item.get("@type") == "ScholarlyArticle"]
        if len(articles) != 1:
            problems.append(f"record: {here}: {len(articles)} JSON-LD ScholarlyArticle, expected 1")
            continue
        article = articles[0]
        if " ".join(str(article.get("name", "")).split()).casefold() != work.title.casefold():
            problems.append(f"record: {here}: JSON-LD name {article.get('name')!r}, expected {work.title!r}")
        names = [a.get("name") for a in article.get("author", []) if isinstance(a, dict)]
        if names != work.json_authors:
            problems.append(f"record: {here}: JSON-LD authors {names}, expected {work.json_authors}")
        if article.get("inLanguage") != language:
            problems.append(f"record: {here}: JSON-LD inLanguage {article.get('inLanguage')!r}, expected {language!r}")
        if src in sources.markdown:  # the latest: the works it cites, from its source
            cited = set(cited_keys(sources.markdown[src], keys))
            if len(meta("citation_reference")) != len(cited):
                problems.append(f"record: {here}: {len(meta('citation_reference'))} citation_reference, "
                                f"expected {len(cited)} (the works docs/{src} cites)")
            home = url == sources.languages[language]
            want = len(keys) if home else len(cited)
            if len(article.get("citation", [])) != want:
                problems.append(f"record: {here}: {len(article.get('citation', []))} works in JSON-LD citation, "
                                f"expected {want} ({'every entry of references.bib' if home else f'those docs/{src} cites'})")
    return problems


def citation_problems(pages: dict[str, BeautifulSoup], sources: Sources, keys) -> list[str]:
    problems, all_refs = [], {f"ref-{key}" for key in keys}
    for url, (language, src) in sorted(sources.pages.items()):
        soup = pages.get(url + "index.html")
        article = soup.select_one("article") if soup is not None else None
        if article is None:
            continue
        here = url or "/"
        cited = cited_keys(sources.markdown[src], keys)
        rendered = [a for a in article.select("sup[id^='fnref'] > a[href^='#fn:']") if a["href"][4:] in keys]
        if len(rendered) != len(cited):
            problems.append(f"citations: {here}: {len(rendered)} rendered citations, docs/{src} has {len(cited)}")
        for ref in rendered:  # each footnote reference right after its "(Author, Year)"
            before = ref.parent.previous_sibling
            text = (before.get_text() if hasattr(before, "get_text") else str(before or "")).rstrip()
            if not text.endswith(")"):
                problems.append(f"citations: {here}: the citation of {ref['href'][4:]} has no '(Author, Year)' "
                                f"before its footnote: …{text[-40:]!r}")
        notes = {li["id"][len("fn:"):]: li for li in article.select(".footnote li[id^='fn:']")}
        if set(notes) & set(keys) != set(cited):
            problems.append(f"citations: {here}: footnotes for {sorted(set(notes) & set(keys))}, "
                            f"docs/{src} cites {sorted(set(cited))}")
        for key in sorted(set(notes) & set(cited)):
            links = [a["href"] for a in notes[key].find_all("a", href=True)]
            if not any(href.endswith(f"#ref-{key}") for href in links) or not notes[key].get_text(strip=True):
                problems.append(f"citations: {here}: footnote {key} has no reference text linking to #ref-{key}")
        entries = [e["id"] for e in article.select(".csl-entry[id^='ref-']")]
        if entries or BIBLIOGRAPHY_MARKER in sources.markdown[src]:
            if sorted(entries) != sorted(all_refs):
                missing, doubled = sorted(all_refs - set(entries)), sorted({e for e in entries if entries.count(e) > 1})
                problems.append(f"citations: {here}: reference list of {len(entries)} entries for {len(all_refs)} in "
                                f"references.bib (missing {missing[:5]}, twice {doubled[:5]}, "
                                f"unknown {sorted(set(entries) - all_refs)[:5]})")
    return problems


def raw_problems(root: Path, where: str = "") -> list[str]:
    """No ``[@`` left anywhere below ``root``: in a file's bytes (HTML writes a literal one in code as ``&#91;@``),
    and in the search indexes' text outside ``<code>``."""
    problems = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(VERSIONS_DIR) and not where:
            continue
        data = path.read_bytes()
        if path.name == "search_index.json":
            try:
                docs = json.loads(data).get("docs", [])
            except (json.JSONDecodeError, AttributeError):
                continue  # the search check says so
            for doc in docs:
                text = CODE_RE.sub("", f"{doc.get('title', '')} {doc.get('text', '')}")
                if "[@" in text:
                    at = text.index("[@")
                    problems.append(f"raw: {where}{rel} ({doc.get('location')}): unrendered citation "
                                    f"…{text[max(0, at - 40):at + 40]}…")
        elif b"[@" in data:
            at = data.index(b"[@")
            line = data.count(b"\n", 0, at) + 1
            context = data[max(0, at - 60):at + 40].decode("utf-8", "replace").replace("\n", " ")
            problems.append(f"raw: {where}{rel}:{line}: unrendered citation …{context}…")
    return problems


def alternate_problems(root: Path, pages: dict[str, BeautifulSoup], sources: Sources, site_url: str) -> list[str]:
    problems = []
    by_language = {language: {url[len(prefix):] for url, (lang, _) in sources.pages.items() if lang == language}
                   for language, prefix in sources.languages.items()}
    shared = set.intersection(*by_language.values())
    for url, (language, src) in sorted(sources.pages.items()):
        soup = pages.get(url + "index.html")
        rest = url[len(sources.languages[language]):]
        if soup is None or rest not in shared:
            continue
        for other, prefix in sources.languages.items():
            links = [a["href"] for a in soup.find_all("a", attrs={"hreflang": other}, href=True)
                     if a.find_parent(class_="md-select")]
            target = urljoin(site_url + url, links[0]).split("#")[0] if links else None
            if target != site_url + prefix + rest:
                problems.append(f"alternates: {url or '/'}: the language switcher's {other} link is {links[:1]}, "
                                f"expected {prefix + rest or '/'}")
    sitemap = root / "sitemap.xml"
    if not sitemap.is_file():
        return problems + ["alternates: sitemap.xml missing"]
    xml = BeautifulSoup(sitemap.read_bytes(), "xml")
    entries = {}
    for entry in xml.find_all("url"):
        alternates = {link.get("hreflang"): link.get("href") for link in entry.find_all("link")}
        entries[entry.loc.get_text(strip=True)] = alternates
    for language, prefix in sources.languages.items():
        for rest in sorted(shared):
            location = site_url + prefix + rest
            want = {other: site_url + p + rest for other, p in sources.languages.items()}
            if location not in entries:
                problems.append(f"alternates: sitemap.xml lacks {prefix + rest or '/'}")
            elif entries[location] != want:
                problems.append(f"alternates: sitemap.xml pairs {prefix + rest or '/'} with {entries[location]}, "
                                f"expected {want}")
    return problems


def front_matter(markdown: str) -> dict:
    if not markdown.startswith("---\n"):
        return {}
    end = markdown.find("\n---", 4)
    return (yaml.safe_load(markdown[4:end]) or {}) if end > 0 else {}


def search_problems(root: Path, pages: dict[str, BeautifulSoup], sources: Sources, where: str = "") -> list[str]:
    problems = []
    for language, prefix in sources.languages.items():
        index = root / prefix / "search" / "search_index.json"
        if not index.is_file():
            problems.append(f"search: {where}{language}: no search index ({prefix}search/search_index.json)")
            continue
        try:
            docs = json.loads(index.read_bytes())["docs"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            problems.append(f"search: {where}{prefix}search/search_index.json does not parse: {exc!r}")
            continue
        ours = {url[len(prefix):]: src for url, (lang, src) in sources.pages.items() if lang == language}
        found = set()
        for doc in docs:
            page, _, fragment = str(doc.get("location", "")).partition("#")
            found.add(page)
            if page not in ours:
                problems.append(f"search: {where}{prefix}search/search_index.json holds {page!r}, not a {language} page")
                continue
            soup = pages.get(prefix + page + "index.html")
            if fragment and soup is not None and soup.find(id=fragment) is None:
                problems.append(f"search: {where}{prefix}search/search_index.json: {page}#{fragment} has no such ID")
        if sources.markdown:
            expected = {page for page, src in ours.items()
                        if not (front_matter(sources.markdown[src]).get("search") or {}).get("exclude")}
            missing = sorted(expected - found)
            if missing:
                problems.append(f"search: {where}{language} index lacks {missing}")
        elif not found:
            problems.append(f"search: {where}{language} index is empty")
    return problems


def download_problems(root: Path, pages: dict[str, BeautifulSoup], project: Path, keys, pdf: bool,
                      site_url: str, languages: dict[str, str]) -> list[str]:
    problems = []
    for language, prefix in languages.items():
        folder = root / prefix / "unduh"
        for name, count in (("artikel.bib", 1), ("artikel.ris", 1)):
            problems += parsed_download(folder / name, f"{prefix}unduh/{name}", count)
        if pdf:
            path = folder / "artikel-lengkap.pdf"
            if not path.is_file() or not path.read_bytes().startswith(b"%PDF-") or path.stat().st_size < 10_000:
                problems.append(f"downloads: {prefix}unduh/artikel-lengkap.pdf is missing or not a PDF")
    for name in ("references.bib", "references.ris"):
        problems += parsed_download(root / "unduh" / name, f"unduh/{name}", len(keys))
    for csv in sorted((project / "figures").glob("*.csv")):
        published = root / "unduh" / csv.name
        if not published.is_file() or published.read_bytes() != csv.read_bytes():
            problems.append(f"downloads: unduh/{csv.name} is missing or differs from figures/{csv.name}")
    base = urlsplit(site_url).path
    for rel, soup in sorted(pages.items()):
        for link in soup.find_all("a", href=True):
            target = site_path(link["href"], rel, site_url, base)
            if target is not None and target.startswith(("unduh/", "en/unduh/")) and not (root / target).is_file():
                problems.append(f"downloads: {rel} links {link['href']}, which the build lacks")
    return problems


def site_path(href: str, page: str, site_url: str, base: str) -> str | None:
    """The file below the site a link of ``page`` names, or None (another site, a fragment, mail)."""
    if href.startswith(site_url):
        return href[len(site_url):].split("#")[0].split("?")[0]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = urlsplit(urljoin(base + page, parts.path)).path
    return path[len(base):] if path.startswith(base) else None


def parsed_download(path: Path, label: str, count: int) -> list[str]:
    if not path.is_file():
        return [f"downloads: {label} missing"]
    text = path.read_text(encoding="utf-8")
    try:
        found = (len(bibtexparser.parse_string(text).entries) if path.suffix == ".bib" else len(rispy.loads(text)))
    except Exception as exc:  # noqa: BLE001 - any parser failure is the finding
        return [f"downloads: {label} does not parse: {exc}"]
    return [] if found == count else [f"downloads: {label} holds {found} records, expected {count}"]


def version_problems(root: Path, project: Path, expected: dict[str, Work], keys) -> list[str]:
    """Each release under v/<version>/: its pages (from its own sources), records, no raw citation, both search
    indexes; nothing under v/ but the releases; robots.txt keeps crawlers off v/."""
    problems = []
    releases = release_sources(project)
    present = {p.name for p in (root / VERSIONS_DIR).iterdir() if p.is_dir()} if (root / VERSIONS_DIR).is_dir() else set()
    problems += [f"versions: v/{name}/ is not a release of docs/riwayat.yml" for name in sorted(present - set(releases))]
    for version, sources in releases.items():
        where = f"v/{version}/"
        if isinstance(sources, str):
            problems.append(f"versions: {where}: {sources}")
            continue
        if version not in present:
            problems.append(f"versions: {where} missing")
            continue
        pages = read_pages(root / VERSIONS_DIR / version)
        problems += url_problems(pages, sources, where)
        problems += record_problems(pages, sources, expected, keys, where)
        problems += raw_problems(root / VERSIONS_DIR / version, where)
        problems += search_problems(root / VERSIONS_DIR / version, pages, sources, where)
    robots = root / "robots.txt"
    if not robots.is_file() or not re.search(r"^Disallow: \S*/v/$", robots.read_text(encoding="utf-8"), re.M):
        problems.append("versions: robots.txt does not keep crawlers off v/")
    return problems


def check(root: Path, project: Path = ROOT, site_url: str = DEFAULT_SITE_URL, versions: bool = False,
          pdf: bool = False) -> list[str]:
    """Every problem of the build at ``root`` (published at ``site_url``) against the sources in ``project``."""
    root, project = Path(root), Path(project)
    sources = latest_sources(project)
    keys = set(parse_file(str(project / "references.bib")).entries)
    expected = works(project, sources.languages)
    pages = read_pages(root)
    problems = url_problems(pages, sources)
    present = set()
    for rel, soup in pages.items():
        if rel.endswith("index.html"):
            present |= page_anchors(soup, "/" + rel.removesuffix("index.html"))
    problems += [f"anchors: {entry} lost" for entry in
                 lost_anchors(read_manifest(project / "tests" / "anchors.txt"), root,
                              redirect_maps(project / "mkdocs.yml"), present)]
    problems += record_problems(pages, sources, expected, keys)
    problems += citation_problems(pages, sources, keys)
    problems += raw_problems(root)
    problems += alternate_problems(root, pages, sources, site_url)
    problems += search_problems(root, pages, sources)
    problems += download_problems(root, pages, project, keys, pdf, site_url, sources.languages)
    if versions:
        problems += version_problems(root, project, expected, keys)
    return problems


# ---------------------------------------------------------------------------------------------- two builds

def normalised(data: bytes, suffix: str) -> bytes:
    """A file's bytes with the generator tag made neutral (HTML only): the one line in which engines differ."""
    return GENERATOR_RE.sub(GENERATOR, data) if suffix == ".html" else data


def tree_differences(first: Path, second: Path, normalise: bool = True) -> list[str]:
    """Every file present in one build only, and every file whose (normalised) bytes differ: ``diff`` lines."""
    files = {side: {p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file()}
             for side, root in (("first", first), ("second", second))}
    problems = [f"diff: only in {first}: {rel}" for rel in sorted(files["first"] - files["second"])]
    problems += [f"diff: only in {second}: {rel}" for rel in sorted(files["second"] - files["first"])]
    for rel in sorted(files["first"] & files["second"]):
        a, b = (Path(first) / rel).read_bytes(), (Path(second) / rel).read_bytes()
        if normalise:
            a, b = normalised(a, Path(rel).suffix), normalised(b, Path(rel).suffix)
        if a != b:
            at = next(i for i in range(min(len(a), len(b)) + 1) if i == min(len(a), len(b)) or a[i] != b[i])
            line = a.count(b"\n", 0, at) + 1
            problems.append(f"diff: {rel}:{line}: {a[max(0, at - 40):at + 40]!r} | {b[max(0, at - 40):at + 40]!r}")
    return problems


def build_date_epoch(root: Path) -> int:
    """The build date of a site (its sitemap's lastmod), as SOURCE_DATE_EPOCH for a second build of the same day."""
    match = re.search(r"<lastmod>(\d{4}-\d{2}-\d{2})</lastmod>", (Path(root) / "sitemap.xml").read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"{root}/sitemap.xml has no <lastmod>")
    return int(dt.datetime.fromisoformat(match.group(1)).replace(tzinfo=dt.timezone.utc).timestamp())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the folder served at the site's address")
    parser.add_argument("--site-url", default=DEFAULT_SITE_URL, help=f"its address (default {DEFAULT_SITE_URL})")
    parser.add_argument("--project", type=Path, default=ROOT, help="the sources (default: this repository)")
    parser.add_argument("--versions", action="store_true", help="the releases under v/<version>/ are part of it")
    parser.add_argument("--pdf", action="store_true", help="the PDFs are part of it (BUILD_PDF=1)")
    parser.add_argument("--reference", type=Path, help="another build to diff it with (generator tag aside)")
    args = parser.parse_args(argv)
    site_url = args.site_url if args.site_url.endswith("/") else args.site_url + "/"
    problems = check(args.site, args.project, site_url, args.versions, args.pdf)
    if args.reference:
        problems += tree_differences(args.reference, args.site)
    for problem in problems:
        print(problem)
    print(f"contract: {len(problems)} problem(s) in {args.site}" if problems else f"contract: {args.site} holds")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    raise SystemExit(main())
