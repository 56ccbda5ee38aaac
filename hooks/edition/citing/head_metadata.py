"""The tags every page's head needs (``overrides/partials/head_metadata.html``).

``page_metadata`` gives Highwire Press ``citation_*`` (read by Google Scholar and
Zotero), description, Open Graph, Twitter card, and JSON-LD ``ScholarlyArticle``, all
from the article's metadata (edition.citing.article, read from CITATION.cff). Nothing
here repeats the metadata by hand.

Each page describes one work (edition.citing.article.work): the original on Indonesian
pages, the English translation (English title, ``en``, the original named in JSON-LD)
on English pages. ``citation_abstract`` carries that work's whole abstract (Zotero
would otherwise take the shortened og:description). The publication facts
(``citation_journal_title`` ... ``citation_doi``, JSON-LD ``datePublished``/``isPartOf``)
appear only when CITATION.cff gives them.
"""

from __future__ import annotations

import json
import re

from edition import languages
from edition.citations.bibtex_text import page_range, plain
from edition.citing.article import work
from edition.citing.social_card import CARD_PATH

CITED_RE = re.compile(r"@([a-z0-9-]+)|\[\^([a-z0-9-]+)\](?!:)")


def cited_keys(page, entries) -> list[str]:
    """Bibliography keys the page cites, in order of first citation."""
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


def alternate_url(page, language: str) -> str:
    """URL (below site_url) of this page in the given language: the same slug, under /en/ for English."""
    url = page.url
    for other in languages.LANGUAGES:
        if other != languages.DEFAULT and (url == other + "/" or url.startswith(other + "/")):
            url = url[len(other) + 1:]
    return languages.prefix(language) + url


def sections(nav, site_url: str) -> list[dict]:
    """Every page of the article with its title and canonical URL, in reading order."""
    return [{"@type": "WebPageElement", "name": p.title, "url": site_url + p.url} for p in nav.pages]


def publication_tags(known: dict) -> list[tuple[str, str, str]]:
    """Highwire tags of the publication facts CITATION.cff gives (none in the real file)."""
    tags = []
    if "year" in known:
        tags.append(("name", "citation_publication_date",
                     known.get("date-published", known["year"]).replace("-", "/")))
    for key, name in (("journal", "citation_journal_title"), ("volume", "citation_volume"),
                      ("issue", "citation_issue"), ("start", "citation_firstpage"), ("end", "citation_lastpage"),
                      ("doi", "citation_doi")):
        if key in known:
            tags.append(("name", name, known[key]))
    return tags


def publication_jsonld(known: dict) -> dict:
    """schema.org properties of the publication facts CITATION.cff gives: date, journal (issue, volume), pages, DOI."""
    found = {}
    if "year" in known:
        found["datePublished"] = known.get("date-published", known["year"])
    if "journal" in known:
        part = {"@type": "Periodical", "name": known["journal"]}
        if "volume" in known:
            part = {"@type": "PublicationVolume", "volumeNumber": known["volume"], "isPartOf": part}
        if "issue" in known:
            part = {"@type": "PublicationIssue", "issueNumber": known["issue"], "isPartOf": part}
        found["isPartOf"] = part
    if "start" in known:
        found["pageStart"] = known["start"]
    if "end" in known:
        found["pageEnd"] = known["end"]
    if "doi" in known:
        found["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": known["doi"]}
        found["sameAs"] = f"https://doi.org/{known['doi']}"
    return found


def page_metadata(page, nav, site_name: str, article: dict, entries) -> dict:
    """The head's tags and JSON-LD for one page (context key ``head_metadata``)."""
    site_url = article["site_url"]
    keys = cited_keys(page, entries)
    language = languages.of(page.file)
    original_home = site_url
    home = site_url + languages.prefix(language)
    here = site_url + page.url
    original = site_url + alternate_url(page, languages.DEFAULT)
    described = work(article, language)
    abstract = described["abstract"]
    description = abstract[:297].rsplit(" ", 1)[0] + "…"
    tags = [("name", "citation_title", described["title"])]
    for author in article["authors"]:
        tags.append(("name", "citation_author", author["inverted"]))
        if author["affiliation"]:
            tags.append(("name", "citation_author_institution", author["affiliation"]))
        if author["email"]:
            tags.append(("name", "citation_author_email", author["email"]))
    tags += publication_tags(article["publication"])
    tags += [
        ("name", "citation_abstract", abstract),
        ("name", "citation_language", described["language"]),
        ("name", "citation_keywords", "; ".join(article["keywords"])),
        ("name", "citation_abstract_html_url", home),
        ("name", "citation_fulltext_html_url", here),
        ("name", "citation_public_url", here),
    ]
    tags += [("name", "citation_reference", highwire_reference(entries[k])) for k in keys]
    title = described["title"] if languages.is_home(page) else f"{page.title} — {described['title']}"
    card = site_url + CARD_PATH
    tags += [
        ("property", "og:type", "article"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", here),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", {"id": "id_ID", "en": "en_US"}[language]),
        ("property", "og:image", card),
        ("property", "og:image:width", "1200"),
        ("property", "og:image:height", "630"),
        ("property", "og:image:alt", article["title"]),
        # X/Twitter reads og:title, og:description and og:image when its own tags are absent: only the card type
        ("name", "twitter:card", "summary_large_image"),
    ]
    jsonld = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": home + "#artikel",
        "headline": described["title"],
        "name": described["title"],
        "author": [
            {"@type": "Person", "name": a["name"], "familyName": a["family"],
             **({"givenName": a["given"]} if a["given"] else {}),
             **({"email": a["email"]} if a["email"] else {}),
             "affiliation": {"@type": "Organization", "name": a["affiliation"]}}
            for a in article["authors"]
        ],
        "inLanguage": described["language"],
        "keywords": article["keywords"],
        "abstract": abstract,
        "url": home,
        "mainEntityOfPage": here,
        "image": card,
        "isAccessibleForFree": True,
        "hasPart": sections(nav, site_url),
        "citation": [creative_work(k, entries[k]) for k in (keys if not languages.is_home(page) else list(entries))],
    }
    if described["original"]:  # a translation: name the original and point to it; the journal published that
        jsonld["translationOfWork"] = {"@type": "ScholarlyArticle", "@id": original_home + "#artikel",
                                       "name": described["original"]["title"],
                                       "inLanguage": described["original"]["language"], "url": original,
                                       **publication_jsonld(article["publication"])}
    else:
        jsonld.update(publication_jsonld(article["publication"]))
    return {
        "language": language,
        "alternates": [(lang, site_url + alternate_url(page, lang)) for lang in languages.LANGUAGES],
        "tags": tags,
        "description": description,
        # "</" must not close the <script> element that holds the JSON
        "jsonld": json.dumps(jsonld, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"),
    }
