"""The one BibTeX writer and the one RIS writer of the edition.

Both take an *entry*, one citation as a plain dict (edition.citing.record.citation for the article and its
translation, edition.citing.downloads.reference_entry for the references)::

    key, type ("article", "book", "webpage", "chapter", "paper-conference", "report", "manuscript",
    "document"), authors and translators ([{"family", "given"}] or [{"literal"}] for an organisation),
    title, container (journal or book), edition, volume, issue, first_page, last_page, publisher, place,
    year, date (YYYY-MM-DD), doi, url, accessed (YYYY-MM-DD, only when the source gives one), language
    (ISO 639-1) and langid (its babel name, biblatex's), original_title, original_language and original_langid,
    note, abstract, keywords; shared_key (the RIS record carries the BibTeX key as its ID: the reference list's
    two downloads)

Empty values are left out. What the two give is the same record when a reference manager imports either
(Zotero's BibTeX and RIS importers; tests/citing/test_one_record.py reads them as Zotero does):

- plain text: RIS carries no italics, so neither does BibTeX (the list's italics stay on /daftar-pustaka/);
- a page range with a hyphen (BibTeX's ``--`` would import as an en dash, RIS's SP/EP with a hyphen);
  biblatex and the classic styles print a range dash either way;
- a web address printed where the publisher goes is a book's publisher (BibTeX ``publisher``, RIS ``PB``) and
  a web page's website (BibTeX ``journal``, RIS ``T2``: Zotero's *Website Title*, valid in every Zotero schema);
- the language as an ISO 639-1 code (BibTeX ``language``, which Zotero reads, beside biblatex's ``langid``);
- the journal in RIS ``T2`` (Zotero and EndNote read ``JO`` as its abbreviation);
- a translation: BibTeX ``translator``, ``origtitle``, ``origlanguage``; RIS ``A4`` and ``OP``;
- no access date unless the source gives one (BibTeX ``urldate``, RIS ``Y2``).
"""

from __future__ import annotations

import re

BIBTEX_TYPES = {"article": "article", "book": "book", "webpage": "online", "chapter": "incollection",
                "paper-conference": "inproceedings", "report": "techreport", "manuscript": "unpublished",
                "document": "misc"}
RIS_TYPES = {"article": "JOUR", "book": "BOOK", "webpage": "ELEC", "chapter": "CHAP", "paper-conference": "CPAPER",
             "report": "RPRT", "manuscript": "MANSCPT", "document": "GEN"}
# The container: a chapter's book, a paper's proceedings; else journal (a web page's website too: Zotero reads it
# as the Website Title, and writes it so itself).
CONTAINER_FIELDS = {"chapter": "booktitle", "paper-conference": "booktitle"}
BIB_SPECIAL = re.compile(r"([&%$#_{}])")


def bib_escape(text: str) -> str:
    return BIB_SPECIAL.sub(r"\\\1", text)


def bib_person(person: dict) -> str:
    if "literal" in person:  # an organisation: braced, so that no part is read as a given name
        name = bib_escape(person["literal"])
        return f"{{{name}}}" if " " in name else name
    family, given = bib_escape(person["family"]), bib_escape(person.get("given", ""))
    return f"{family}, {given}" if given else family


def person_text(person: dict, separator: str) -> str:
    """A person as plain text: family name, ``separator``, given names; or the literal name of an organisation."""
    if "literal" in person:
        return person["literal"]
    return f"{person['family']}{separator}{person['given']}" if person.get("given") else person["family"]


def ris_person(person: dict) -> str:
    return person_text(person, ", ")


def page_range(entry: dict) -> str:
    return "-".join(p for p in (entry.get("first_page"), entry.get("last_page")) if p)


def bibtex(entry: dict) -> str:
    """One BibTeX entry."""
    fields = [
        ("author", " and ".join(bib_person(p) for p in entry.get("authors", []))),
        ("translator", " and ".join(bib_person(p) for p in entry.get("translators", []))),
        ("title", "{" + bib_escape(entry["title"]) + "}"),  # as published: no case changes
        (CONTAINER_FIELDS.get(entry["type"], "journal"), bib_escape(entry.get("container", ""))),
        ("edition", entry.get("edition", "")),
        ("volume", entry.get("volume", "")),
        ("number", entry.get("issue", "")),
        ("pages", page_range(entry)),
        ("publisher", bib_escape(entry.get("publisher", ""))),
        ("address", bib_escape(entry.get("place", ""))),
        ("year", entry.get("year", "")),
        ("date", entry.get("date", "")),
        ("doi", entry.get("doi", "")),
        ("url", entry.get("url", "")),
        ("urldate", entry.get("accessed", "")),
        ("origtitle", "{" + bib_escape(entry["original_title"]) + "}" if entry.get("original_title") else ""),
        ("origlanguage", entry.get("original_langid", "")),
        ("note", bib_escape(entry.get("note", ""))),
        ("language", entry.get("language", "")),
        ("langid", entry.get("langid", "")),
        ("abstract", bib_escape(entry.get("abstract", ""))),
        ("keywords", bib_escape(", ".join(entry.get("keywords", [])))),
    ]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields if value)
    return f"@{BIBTEX_TYPES[entry['type']]}{{{entry['key']},\n{body}\n}}\n"


def ris(entry: dict) -> str:
    """One RIS record (TY first, ER last)."""
    lines = [("TY", RIS_TYPES[entry["type"]])]
    lines += [("AU", ris_person(p)) for p in entry.get("authors", [])]
    lines += [("A4", ris_person(p)) for p in entry.get("translators", [])]
    lines += [("TI", entry["title"]), ("T2", entry.get("container", "")), ("ET", entry.get("edition", "")),
              ("VL", entry.get("volume", "")), ("IS", entry.get("issue", "")), ("SP", entry.get("first_page", "")),
              ("EP", entry.get("last_page", "")), ("PB", entry.get("publisher", "")), ("CY", entry.get("place", "")),
              ("PY", entry.get("year", "")), ("DA", entry.get("date", "").replace("-", "/")),
              ("DO", entry.get("doi", "")), ("UR", entry.get("url", "")),
              ("Y2", entry.get("accessed", "").replace("-", "/")), ("OP", entry.get("original_title", ""))]
    lines += [("KW", keyword) for keyword in entry.get("keywords", [])]
    lines += [("LA", entry.get("language", "")), ("N1", entry.get("note", "")), ("AB", entry.get("abstract", "")),
              ("ID", entry["key"] if entry.get("shared_key") else "")]
    return "\n".join(f"{tag}  - {value}" for tag, value in lines if value) + "\nER  - \n"
