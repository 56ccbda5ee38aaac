"""The article's metadata, read once from CITATION.cff, for every page's head.

``on_config`` loads and checks CITATION.cff (failing with the file and the key that
is wrong) and stores it normalised in ``config.extra.artikel`` for the other hooks
and the templates. ``on_page_context`` gives each page the tags its head needs
(``overrides/partials/metadata.html``): Highwire Press ``citation_*`` (read by
Google Scholar and Zotero), description, Open Graph, Twitter card, and JSON-LD
``ScholarlyArticle``. Nothing here repeats the metadata by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import bahasa
from bib_teks import page_range, plain

CFF = "CITATION.cff"
CARD = "assets/kartu-sosial.png"
CITED_RE = re.compile(r"@([a-z0-9-]+)|\[\^([a-z0-9-]+)\](?!:)")


def load_article(project: Path, site_url: str) -> dict:
    """CITATION.cff, checked and normalised."""
    path = project / CFF
    if not path.is_file():
        raise PluginError(f"{CFF}: file not found at the project root")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PluginError(f"{CFF}: not valid YAML: {exc}") from exc
    for key in ("title", "authors", "abstract", "keywords", "preferred-citation"):
        if not data.get(key):
            raise PluginError(f"{CFF}: missing key '{key}'")
    languages = data["preferred-citation"].get("languages") or []
    if not languages:
        raise PluginError(f"{CFF}: missing key 'preferred-citation.languages'")
    authors = []
    for number, person in enumerate(data["authors"], 1):
        family = person.get("family-names")
        if not family:
            raise PluginError(f"{CFF}: authors[{number}] has no 'family-names'")
        given = person.get("given-names", "")
        initials = " ".join(f"{part[0]}." for part in given.split())
        authors.append({
            "given": given,
            "family": family,
            "name": f"{given} {family}".strip(),
            "apa": f"{family}, {initials}" if initials else family,
            "inverted": f"{family}, {given}" if given else family,
            "email": person.get("email", ""),
            "affiliation": " ".join(person.get("affiliation", "").split()),
        })
    return {
        "title": " ".join(data["title"].split()),
        "authors": authors,
        "abstract": " ".join(data["abstract"].split()),
        "keywords": [" ".join(k.split()) for k in data["keywords"]],
        "language": languages[0],
        "site_url": site_url if site_url.endswith("/") else site_url + "/",
    }


@event_priority(90)
def on_config(config):
    project = Path(config.config_file_path).parent
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is required (set SITE_URL)")
    config.extra["artikel"] = load_article(project, config.site_url)
    config.extra["artikel"]["abstract_en"] = published_english_abstract(config.docs_dir)  # read once a build
    return config


def cited_keys(page, config) -> list[str]:
    """Bibliography keys the page cites, in order of first citation."""
    entries = config.plugins["bibtex"].registry.bib_data.entries
    found = [a or b for a, b in CITED_RE.findall(page.file.content_string)]
    return [k for k in dict.fromkeys(found) if k in entries]


def highwire_reference(entry) -> str:
    """One ``citation_reference`` value, in the key=value; form Google Scholar reads."""
    parts = [f"citation_title={plain(entry.fields['title'])}"]
    for person in entry.persons.get("author", []):
        parts.append(f"citation_author={plain(str(person))}")
    parts.append(f"citation_publication_date={entry.fields['year']}")
    for field, tag in (("journal", "citation_journal_title"), ("volume", "citation_volume"),
                       ("number", "citation_issue"), ("doi", "citation_doi"), ("publisher", "citation_publisher")):
        if field in entry.fields:
            parts.append(f"{tag}={plain(entry.fields[field])}")
    if "pages" in entry.fields:
        first, last = page_range(entry)
        parts.append(f"citation_firstpage={first}")
        if last:
            parts.append(f"citation_lastpage={last}")
    return "; ".join(parts)


def creative_work(key: str, entry) -> dict:
    """A reference as a schema.org CreativeWork."""
    work = {"@type": "ScholarlyArticle" if entry.type == "article" else "CreativeWork",
            "@id": f"#ref-{key}", "name": plain(entry.fields["title"]),
            "author": [{"@type": "Person" if "," in str(p) or p.first_names else "Organization",
                        "name": plain(" ".join(p.first_names + p.middle_names + p.last_names))}
                       for p in entry.persons.get("author", [])],
            "datePublished": entry.fields["year"]}
    if "doi" in entry.fields:
        work["identifier"] = f"https://doi.org/{entry.fields['doi']}"
        work["sameAs"] = work["identifier"]
    if "url" in entry.fields:
        work["url"] = entry.fields["url"]
    if "journal" in entry.fields:
        work["isPartOf"] = {"@type": "Periodical", "name": plain(entry.fields["journal"])}
    return work


def published_english_abstract(docs_dir: str) -> str:
    """The article's own English abstract (the home page's "Abstract" section), as plain text."""
    text = (Path(docs_dir) / "index.md").read_text(encoding="utf-8")
    match = re.search(r"^## Abstract \{[^}]*\}\s*\n\n(.+?)\n", text, re.M | re.S)
    if not match:
        raise PluginError("docs/index.md: no '## Abstract {#abstract ...}' section to describe English pages")
    return match.group(1).replace("*", "").strip()


def alternate_url(page, language: str) -> str:
    """URL (below site_url) of this page in the given language: the same slug, under /en/ for English."""
    url = page.url
    for other in bahasa.LANGUAGES:
        if other != bahasa.DEFAULT and (url == other + "/" or url.startswith(other + "/")):
            url = url[len(other) + 1:]
    return url if language == bahasa.DEFAULT else f"{language}/{url}"


def sections(nav, site_url: str) -> list[dict]:
    """Every page of the article with its title and canonical URL, in reading order."""
    return [{"@type": "WebPageElement", "name": p.title, "url": site_url + p.url} for p in nav.pages]


def on_page_context(context, page, config, nav):
    article = config.extra["artikel"]
    site_url = article["site_url"]
    entries = config.plugins["bibtex"].registry.bib_data.entries
    keys = cited_keys(page, config)
    language = bahasa.of(page.file)
    original_home = site_url
    home = site_url if language == bahasa.DEFAULT else f"{site_url}{language}/"
    here = site_url + page.url
    original = site_url + alternate_url(page, bahasa.DEFAULT)
    abstract = article["abstract"] if language == bahasa.DEFAULT else article["abstract_en"]
    description = abstract[:297].rsplit(" ", 1)[0] + "…"
    tags = [("name", "citation_title", article["title"])]
    for author in article["authors"]:
        tags.append(("name", "citation_author", author["inverted"]))
        if author["affiliation"]:
            tags.append(("name", "citation_author_institution", author["affiliation"]))
        if author["email"]:
            tags.append(("name", "citation_author_email", author["email"]))
    tags += [
        ("name", "citation_language", language),
        ("name", "citation_keywords", "; ".join(article["keywords"])),
        ("name", "citation_abstract_html_url", home),
        ("name", "citation_fulltext_html_url", here),
        ("name", "citation_public_url", here),
    ]
    tags += [("name", "citation_reference", highwire_reference(entries[k])) for k in keys]
    title = config.site_name if bahasa.is_home(page) and language != bahasa.DEFAULT else (
        article["title"] if bahasa.is_home(page) else f"{page.title} — {article['title']}")
    card = site_url + CARD
    tags += [
        ("property", "og:type", "article"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", here),
        ("property", "og:site_name", config.site_name),
        ("property", "og:locale", {"id": "id_ID", "en": "en_US"}[language]),
        ("property", "og:image", card),
        ("property", "og:image:width", "1200"),
        ("property", "og:image:height", "630"),
        ("property", "og:image:alt", article["title"]),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", card),
    ]
    jsonld = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": home + "#artikel",
        "headline": article["title"],
        "name": article["title"],
        "author": [
            {"@type": "Person", "name": a["name"], "familyName": a["family"],
             **({"givenName": a["given"]} if a["given"] else {}),
             **({"email": a["email"]} if a["email"] else {}),
             "affiliation": {"@type": "Organization", "name": a["affiliation"]}}
            for a in article["authors"]
        ],
        "inLanguage": language,
        "keywords": article["keywords"],
        "abstract": abstract,
        "url": home,
        "mainEntityOfPage": here,
        "image": card,
        "isAccessibleForFree": True,
        "hasPart": sections(nav, site_url),
        "citation": [creative_work(k, entries[k]) for k in (keys if not bahasa.is_home(page) else list(entries))],
    }
    if language != article["language"]:  # a translation: name the original and point to it
        jsonld["translationOfWork"] = {"@type": "ScholarlyArticle", "@id": original_home + "#artikel",
                                       "inLanguage": article["language"], "url": original}
    context["meta_artikel"] = {
        "language": language,
        "alternates": [(lang, site_url + alternate_url(page, lang)) for lang in bahasa.LANGUAGES],
        "tags": tags,
        "description": description,
        # "</" must not close the <script> element that holds the JSON
        "jsonld": json.dumps(jsonld, ensure_ascii=False, indent=1).replace("</", "<\\/"),
    }
    return context
