"""What Zotero makes of the site: its "Embedded Metadata" web translator and its BibTeX and RIS importers, emulated
for the fields this edition uses, from their public code (zotero/translators: Embedded Metadata.js, RDF.js,
BibTeX.js, RIS.js; the item fields of zotero/zotero-schema as pinned by translation-server, where a web page has
no publisher). The files are read by ``bibtexparser`` and ``rispy``; what Zotero then does is written out here:
the order in which it tries its sources and the fallbacks it takes.

Checked against Zotero's own translation server (offline): the items saved from the English arena page and an
archived page, and imported from the four downloads, are the ones these functions give.
"""

from __future__ import annotations

import html as html_module
import re

import bibtexparser
import rispy
from bs4 import BeautifulSoup

from support import squeeze

# BibTeX.js bibtex2zoteroTypeMap, RIS.js importTypeMap (the types the edition writes and a few more).
BIBTEX_TYPES = {"article": "journalArticle", "book": "book", "booklet": "book", "inbook": "bookSection",
                "incollection": "bookSection", "inproceedings": "conferencePaper", "techreport": "report",
                "unpublished": "manuscript", "misc": "document", "online": "webpage", "electronic": "webpage"}
RIS_TYPES = {"JOUR": "journalArticle", "BOOK": "book", "CHAP": "bookSection", "CPAPER": "conferencePaper",
             "CONF": "conferencePaper", "RPRT": "report", "MANSCPT": "manuscript", "ELEC": "webpage",
             "WEB": "webpage", "GEN": "journalArticle"}
# Fields an item type lacks (schema 29, as translation-server pins it): the server discards them.
NOT_VALID = {"webpage": {"publisher", "place", "volume", "issue", "pages", "libraryCatalog", "edition", "DOI"},
             "book": {"publicationTitle", "issue", "pages"}}
# A webpage's publicationTitle is its websiteTitle (Zotero's base-field mapping).
BASE_FIELDS = {"webpage": {"publicationTitle": "websiteTitle"}}


def finish(item: dict) -> dict:
    """The item as Zotero stores it: base fields mapped, fields invalid for the type discarded, empties dropped."""
    kind = item["itemType"]
    for field, specific in BASE_FIELDS.get(kind, {}).items():
        if field in item:
            item[specific] = item.pop(field)
    for field in NOT_VALID.get(kind, set()):
        item.pop(field, None)
    return {k: v for k, v in item.items() if v not in (None, "", [])}


def extra_fields(extra: str | None) -> dict[str, list[str]]:
    """The "key: value" lines of Extra (CSL variables Zotero's citation processor reads), by lower-case key."""
    found: dict[str, list[str]] = {}
    for line in (extra or "").splitlines():
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z \-]+", key):
            found.setdefault(key.strip().lower().replace(" ", "-"), []).append(value.strip())
    return found


# ---------------------------------------------------------------- web pages: Embedded Metadata

RDF_PREFIXES = ("dc", "dcterms", "og", "article", "prism", "eprints", "bibo", "z", "so", "book")


def embedded_metadata(page_html: str) -> dict:
    """The item Zotero's Embedded Metadata translator saves from a page: RDF statements (DC, Open Graph, z:) first,
    then Highwire citation_* over them, then the page itself (description, <html lang>, time[datetime])."""
    soup = BeautifulSoup(page_html, "html.parser")
    head = soup.head
    head_named = [(m["name"], m.get("content", "")) for m in head.find_all("meta", attrs={"name": True})]
    statements: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        name, value = tag.get("name") or tag.get("property"), tag.get("content")
        if not name or not value:
            continue
        parts = re.split(r"[.:_]", name, maxsplit=1)
        if len(parts) == 2 and parts[0].lower() in RDF_PREFIXES:
            prefix, prop = parts[0].lower(), parts[1]
            statements.setdefault(f"{prefix}:{prop[:1].lower() + prop[1:]}", []).append(value)

    def rdf(*keys):
        return next((squeeze(statements[k][0]) for k in keys if k in statements), None)

    def highwire(key):  # /html/head/meta[substring(@name, ...) = key]: names ending with the key, the first
        return next((squeeze(c) for n, c in head_named if n.endswith(key) and c.strip()), None)

    if highwire("citation_journal_title"):
        item_type = "journalArticle"
    elif rdf("og:type") == "website":
        item_type = "webpage"
    elif rdf("og:type") == "book":
        item_type = "book"
    else:
        item_type = "journalArticle" if highwire("citation_title") else "webpage"
    item = {  # the RDF importer's item
        "itemType": item_type,
        "title": rdf("dc:title", "dcterms:title", "og:title"),
        "abstractNote": rdf("og:description", "dcterms:abstract", "dc:description.abstract"),
        "date": rdf("og:published_time", "article:published_time", "dc:date", "dcterms:date", "dcterms:issued"),
        "language": rdf("dc:language", "dcterms:language"),
        "url": rdf("og:url"),
        "extra": statements["z:extra"][0] if "z:extra" in statements else None,
    }
    for key, field in (("citation_title", "title"), ("citation_publication_date", "date"),
                       ("citation_cover_date", "date"), ("citation_date", "date"),
                       ("citation_journal_title", "publicationTitle"), ("citation_volume", "volume"),
                       ("citation_issue", "issue"), ("citation_abstract", "abstractNote"), ("citation_doi", "DOI"),
                       ("citation_public_url", "url"), ("citation_language", "language")):
        if highwire(key):
            item[field] = highwire(key)
    authors = [squeeze(c) for n, c in head_named if n.endswith("citation_author") and c.strip()]
    item["creators"] = [{"creatorType": "author", **name_parts(a)} for a in authors]
    first, last = highwire("citation_firstpage"), highwire("citation_lastpage")
    if first:
        item["pages"] = first + (f"-{last}" if last else "")
    item["date"] = item["date"] or highwire("citation_online_date") or highwire("citation_year")
    item["url"] = item["url"] or highwire("citation_abstract_html_url") or highwire("citation_fulltext_html_url")
    pdf = highwire("citation_pdf_url")
    item["attachments"] = [{"title": "Full Text PDF", "url": pdf}] if pdf else [{"title": "Snapshot"}]
    description = head.find("meta", attrs={"name": re.compile("^description$", re.I)})
    item["abstractNote"] = item["abstractNote"] or (squeeze(description["content"]) if description else None)
    item["title"] = item["title"] or squeeze(soup.title.get_text())
    item["language"] = item["language"] or soup.html.get("lang")
    time = soup.select_one("time[datetime]")
    item["date"] = item["date"] or (time["datetime"] if time else None)
    if item.get("publicationTitle"):
        item["title"] = re.sub(rf"\s*[-–—=_:|~#]\s*{re.escape(item['publicationTitle'])}\s*$", "", item["title"])
    # Embedded Metadata drops tags it read itself (finalDataCleanup); Google Scholar reads citation_keywords
    item["keywords"] = [k.strip() for k in (highwire("citation_keywords") or "").split(";") if k.strip()]
    return item


def name_parts(name: str) -> dict:
    """ZU.cleanAuthor: "Last, First" in two fields; one word alone is a single-field name."""
    if "," in name:
        last, _, first = name.partition(",")
        return {"lastName": last.strip(), "firstName": first.strip()}
    words = name.split()
    return {"name": name} if len(words) == 1 else {"lastName": words[-1], "firstName": " ".join(words[:-1])}


# ---------------------------------------------------------------- downloads: BibTeX and RIS importers

def unescape_bibtex(value: str) -> str:
    """BibTeX.js unescapeBibTeX for what the edition writes: \\textit -> <i>, -- -> en dash, braces and escapes."""
    value = re.sub(r"\\textit\{([^}]+)\}", r"<i>\1</i>", value)
    value = re.sub(r"\\emph\{([^}]+)\}", r"\\emph\1", value)  # kept literally (Zotero has no mapping for it)
    value = value.replace("---", "\u2014").replace("--", "\u2013")
    value = re.sub(r"(?<!\\)[{}]", "", value)
    value = re.sub(r"\\([#$%&~_^{}])", r"\1", value)
    return " ".join(value.split())


def split_names(value: str) -> list[str]:
    """Names joined by " and " outside braces."""
    names, depth, current = [], 0, ""
    for token in re.split(r"(\s+and\s+|[{}])", value):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", token or ""):
            names.append(current)
            current = ""
        else:
            current += token or ""
    return [n for n in names + [current] if n.strip()]


def bibtex_creator(name: str, role: str) -> dict:
    if name.strip().startswith("{") and name.strip().endswith("}"):
        return {"creatorType": role, "name": unescape_bibtex(name)}
    if "," in name:
        last, _, first = name.partition(",")
        return {"creatorType": role, "lastName": unescape_bibtex(last), "firstName": unescape_bibtex(first)}
    return {"creatorType": role, **name_parts(unescape_bibtex(name))}


def bibtex_items(text: str) -> list[dict]:
    """The items Zotero's BibTeX importer makes of a file (read by bibtexparser), with their child notes."""
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    items = []
    for entry in library.entries:
        fields = {f.key.lower(): f.value for f in entry.fields}
        kind = BIBTEX_TYPES.get(entry.entry_type.lower(), "document")
        item = {"itemType": kind, "key": entry.key, "creators": [], "notes": [], "extra": []}
        for role in ("author", "editor", "translator"):
            item["creators"] += [bibtex_creator(n, role) for n in split_names(fields.get(role, ""))]
        plain = {name: unescape_bibtex(value) for name, value in fields.items()}
        mapping = {"title": "title", "volume": "volume", "edition": "edition", "publisher": "publisher",
                   "address": "place", "doi": "DOI", "abstract": "abstractNote", "language": "language",
                   "urldate": "accessDate", "journal": "publicationTitle", "journaltitle": "publicationTitle",
                   "booktitle": "publicationTitle"}
        for name, field in mapping.items():
            if plain.get(name):
                item[field] = plain[name]
        if "url" in fields:
            item["url"] = fields["url"]
        if plain.get("number"):
            item["seriesNumber" if kind in ("book", "bookSection") else "issue"] = plain["number"]
        if plain.get("pages"):
            item["numPages" if kind == "book" else "pages"] = plain["pages"].replace("--", "-")
        item["date"] = plain.get("date") or plain.get("year")
        if plain.get("note"):
            item["notes"].append(plain["note"])
        if plain.get("howpublished"):
            value = plain["howpublished"]
            if value.startswith(("http://", "https:/", "mailto:")):
                item["url"] = value
            else:
                item["extra"].append(f"Published: {value}")
        item["tags"] = [t for t in re.split(r"\s*[,;]\s*", plain.get("keywords", "")) if t]
        item["extra"] = "\n".join(item["extra"])
        items.append(finish(item))
    return items


def ris_date(value: str) -> str:
    """RIS.js dateRIStoZotero for YYYY/MM/DD: an ISO date."""
    parts = [p for p in value.split("/") if p]
    return "-".join(parts[:3])


def ris_creator(name: str, role: str) -> dict:
    """RIS.js: "Last, First" in two fields, anything without a comma a single-field (corporate) name."""
    last, _, first = name.partition(",")
    return {"creatorType": role, "lastName": last.strip(), "firstName": first.strip()} if first.strip() else \
        {"creatorType": role, "name": name.strip()}


def ris_items(text: str) -> list[dict]:
    """The items Zotero's RIS importer makes of a file (read by rispy), with their child notes."""
    items = []
    for record in rispy.loads(text):
        kind = RIS_TYPES.get(record["type_of_reference"], "journalArticle")

        def plain(key):
            value = record.get(key)
            return squeeze(html_module.unescape(re.sub(r"<[^>]+>", "", value))) if value else None

        item = {"itemType": kind, "key": record.get("id"),
                "creators": [ris_creator(a, "author") for a in record.get("authors", [])]
                + [ris_creator(a, "translator") for a in record.get("subsidiary_authors", [])],
                "title": plain("title") or plain("primary_title"),
                "publicationTitle": plain("secondary_title"), "edition": plain("edition"),
                "volume": plain("volume"), "issue": plain("number"), "publisher": plain("publisher"),
                "place": plain("place_published"), "DOI": plain("doi"),
                "url": (record.get("urls") or [None])[0], "language": plain("language"),
                "abstractNote": record.get("abstract"), "libraryCatalog": plain("database_provider"),
                "accessDate": ris_date(record["access_date"]) if record.get("access_date") else None,
                "date": ris_date(record["date"]) if record.get("date") else record.get("year"),
                "tags": record.get("keywords", []), "notes": list(record.get("notes", [])), "extra": None}
        # OP ("unsupported/Original Publication") and other unsupported tags: dropped (RIS.import.ignoreUnknown)
        first, last = record.get("start_page"), record.get("end_page")
        if first:
            item["numPages" if kind == "book" else "pages"] = first + (f"-{last}" if last else "")
        items.append(finish(item))
    return items
