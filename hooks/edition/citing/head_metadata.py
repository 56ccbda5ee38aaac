"""The tags every page's head needs (``overrides/partials/head_metadata.html``).

``page_metadata`` gives, from the record of the work the page describes (edition.citing.record: the
original on Indonesian pages, the English translation on English ones), Highwire Press ``citation_*``
(read by Google Scholar and Zotero), description, Open Graph, Twitter card, JSON-LD ``ScholarlyArticle``,
and for the translation ``z.extra``: Zotero's "Embedded Metadata" translator hands ``z.*`` statements to its
RDF importer, which puts ``z:extra`` in the item's *Extra*, where ``original-title`` and ``translator`` are
CSL variables Zotero's citation processor reads (Highwire has no tag for either). ``citation_abstract``
carries the work's whole abstract (Zotero would otherwise take the shortened og:description),
``citation_keywords`` the work's keywords in its language, ``citation_pdf_url`` the language's PDF when
the build prints it (below the home page, as Google Scholar asks). No tag gives a date: the article's is
unknown. The publication facts (``citation_journal_title`` ... ``citation_doi``, JSON-LD
``datePublished``/``isPartOf``) appear only when CITATION.cff gives them.
"""

from __future__ import annotations

import json

from edition import pages
from edition.citations import formatting
from edition.citations.bibtex_text import page_range, plain
from edition.citing import social_card
from edition.citing.article import Publication
from edition.citing.record import Work, zotero_extra
from edition.inputs.languages import Languages


def cited_keys(markdown: str, entries) -> list[str]:
    """Bibliography keys a page cites, in order of first citation."""
    return [key for key in formatting.cited_keys(markdown) if key in entries]


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


def alternate_url(url: str, own_root: str, root: str) -> str:
    """URL (below site_url) of the page at ``url`` (under ``own_root``) in the language under ``root``: the same
    slug, under /en/ for English."""
    return root + url.removeprefix(own_root)


def sections(nav, site_url: str) -> list[dict]:
    """Every page of the article with its title and canonical URL, in reading order."""
    return [{"@type": "WebPageElement", "name": p.title, "url": site_url + p.url} for p in nav.pages]


def publication_tags(known: Publication) -> list[tuple[str, str, str]]:
    """Highwire tags of the publication facts CITATION.cff gives (none in the real file)."""
    tags = []
    if known.year:
        tags.append(("name", "citation_publication_date", (known.date_published or known.year).replace("-", "/")))
    for value, name in ((known.journal, "citation_journal_title"), (known.volume, "citation_volume"),
                        (known.issue, "citation_issue"), (known.start, "citation_firstpage"),
                        (known.end, "citation_lastpage"), (known.doi, "citation_doi")):
        if value:
            tags.append(("name", name, value))
    return tags


def publication_jsonld(known: Publication) -> dict:
    """schema.org properties of the publication facts CITATION.cff gives: date, journal (issue, volume), pages, DOI."""
    found = {}
    if known.year:
        found["datePublished"] = known.date_published or known.year
    if known.journal:
        part = {"@type": "Periodical", "name": known.journal}
        if known.volume:
            part = {"@type": "PublicationVolume", "volumeNumber": known.volume, "isPartOf": part}
        if known.issue:
            part = {"@type": "PublicationIssue", "issueNumber": known.issue, "isPartOf": part}
        found["isPartOf"] = part
    if known.start:
        found["pageStart"] = known.start
    if known.end:
        found["pageEnd"] = known.end
    if known.doi:
        found["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": known.doi}
        found["sameAs"] = f"https://doi.org/{known.doi}"
    return found


def work_tags(record: Work, here: str, pdf_url: str = "") -> list[tuple[str, str, str]]:
    """The head tags of the work's record for the page at ``here`` (Highwire, and Zotero's Extra): the tags an
    archived release's pages get too (edition.output.archived_record)."""
    tags = [("name", "citation_title", record.title)]
    for author in record.authors:
        tags.append(("name", "citation_author", author.inverted))
        if author.affiliation:
            tags.append(("name", "citation_author_institution", author.affiliation))
        if author.email:
            tags.append(("name", "citation_author_email", author.email))
    tags += publication_tags(record.publication)
    tags += [
        ("name", "citation_abstract", record.abstract),
        ("name", "citation_language", record.language),
        ("name", "citation_keywords", "; ".join(record.keywords)),
        ("name", "citation_abstract_html_url", record.home),
        ("name", "citation_fulltext_html_url", here),
        ("name", "citation_public_url", here),
    ]
    if pdf_url:
        tags.append(("name", "citation_pdf_url", pdf_url))
    extra = zotero_extra(record)
    if extra:
        tags.append(("name", "z.extra", extra))
    return tags


def description(record: Work) -> str:
    """The work's abstract cut to a card's length (Open Graph, the page's description)."""
    abstract = record.abstract
    return abstract if len(abstract) <= 300 else abstract[:297].rsplit(" ", 1)[0] + "\u2026"


def social_tags(record: Work, here: str, page_title: str, site_name: str, card: str, card_alt: str,
                home_page: bool, open_graph_locale: str) -> list[tuple[str, str, str]]:
    """Open Graph and the Twitter card of the page (``open_graph_locale``: the language's, og:locale)."""
    title = record.title if home_page else f"{page_title} \u2014 {record.title}"
    return [
        ("property", "og:type", "article"),
        ("property", "og:title", title),
        ("property", "og:description", description(record)),
        ("property", "og:url", here),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", open_graph_locale),
        ("property", "og:image", card),
        ("property", "og:image:width", "1200"),
        ("property", "og:image:height", "630"),
        ("property", "og:image:alt", card_alt),
        # X/Twitter reads og:title, og:description and og:image when its own tags are absent: only the card type
        ("name", "twitter:card", "summary_large_image"),
    ]


def work_jsonld(record: Work, here: str, other_home: str, twin: str) -> dict:
    """schema.org ScholarlyArticle properties of the work's record (the page's own, ``hasPart`` and ``citation``,
    are added by the caller); ``other_home`` and ``twin``: the other language's home and this page in it, for the
    translation's original or the original's translation."""
    found = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": record.home + "#artikel",
        "headline": record.title,
        "name": record.title,
        "author": [
            {"@type": "Person", "name": a.name, "familyName": a.family,
             **({"givenName": a.given} if a.given else {}),
             **({"email": a.email} if a.email else {}),
             "affiliation": {"@type": "Organization", "name": a.affiliation}}
            for a in record.authors
        ],
        "inLanguage": record.language,
        "keywords": list(record.keywords),
        "abstract": record.abstract,
        "url": record.home,
        "mainEntityOfPage": here,
        "isAccessibleForFree": True,
    }
    original = record.original
    if original:  # a translation: by this edition; the journal published the original
        found["translator"] = [{"@type": "Organization", "name": p["literal"]} if "literal" in p
                               else {"@type": "Person", "name": f"{p.get('given', '')} {p['family']}".strip()}
                               for p in record.translators]
        found["translationOfWork"] = {"@type": "ScholarlyArticle", "@id": other_home + "#artikel",
                                      "name": original.title, "inLanguage": original.language, "url": twin,
                                      **publication_jsonld(record.publication)}
    else:
        found.update(publication_jsonld(record.publication))
        found["workTranslation"] = {"@type": "ScholarlyArticle", "@id": other_home + "#artikel", "url": twin}
    return found


def page_metadata(page, nav, site_name: str, record: Work, languages: Languages, entries, pdf: str = "") -> dict:
    """The head's tags and JSON-LD for one page (context key ``head_metadata``; ``pdf``: the language's PDF below
    the site, when the build prints it); for a translation's page, its original's (language, address)."""
    keys = cited_keys(page.file.content_string, entries)
    language, site_url = record.language, record.site_url
    pdf_url = site_url + pdf if pdf else ""
    here = site_url + page.url
    home_page = languages.neutral(page.file.src_uri) == pages.HOME
    tags = work_tags(record, here, pdf_url)
    tags += [("name", "citation_reference", highwire_reference(entries[k])) for k in keys]
    other = languages.prefix(languages.others(language)[0])
    tags += social_tags(record, here, page.title, site_name, site_url + pages.SOCIAL_CARD,
                        social_card.card_title(record), home_page, languages.locale(language).open_graph)
    jsonld = work_jsonld(record, here, site_url + other, site_url + alternate_url(page.url, record.root, other))
    jsonld["image"] = site_url + pages.SOCIAL_CARD
    jsonld["hasPart"] = sections(nav, site_url)
    jsonld["citation"] = [creative_work(k, entries[k]) for k in (keys if not home_page else list(entries))]
    original = record.original
    return {
        "language": language,
        "alternates": [(code, site_url + alternate_url(page.url, record.root, languages.prefix(code)))
                       for code in languages.codes],
        "original": (original.language, site_url + alternate_url(page.url, record.root,
                                                                  languages.prefix(original.language)))
                    if original else None,
        "tags": tags,
        "description": description(record),
        # "</" must not close the <script> element that holds the JSON
        "jsonld": json_script(jsonld),
    }


def json_script(data: dict) -> str:
    """JSON for a <script> element: "</" must not close it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
