"""Downloads of the references: ``unduh/references.bib`` and ``unduh/references.ris``.

references.bib at the project root is the authors' list as data, written for this edition's build
(mkdocs-bibtex, pandoc). The downloads are one export of it: each entry becomes one *entry*
(``reference_entry``) that the edition's one BibTeX writer and one RIS writer (edition.citing.writers) write,
so that a reference manager importing either file gets the same record (see that module for what that takes:
plain titles, a hyphen in page ranges, a publisher given as a web address kept in both):

- ``@misc`` is a page on the web (BibTeX ``@online``, RIS ``ELEC``: Zotero's *Web Page*);
- ``language`` (an ISO 639-1 code, which Zotero reads) from the entry's ``langid``, one of the edition's
  languages (the babel names of strings.yml's locale blocks);
- the list's "Diakses melalui" ("accessed via") only leads in to the address, which is in ``url``/``UR``: it
  is not exported (Zotero would make a child note reading "Diakses melalui"); a note or ``howpublished`` that
  is only a host name ("www.iom.int") stands where the publisher goes: a book's publisher, a web page's website;
- an access date only where the list gives one (Triyono 2012: ``urldate``/``Y2``).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import pages
from edition.citations.bibtex_text import page_range, plain
from edition.citing import writers
from edition.inputs.languages import Languages

# references.bib's entry types -> the writers' (edition.citing.writers): the list's @misc are pages on the web.
ENTRY_TYPES = {"article": "article", "book": "book", "misc": "webpage", "online": "webpage", "inbook": "chapter",
               "incollection": "chapter", "inproceedings": "paper-conference", "techreport": "report",
               "unpublished": "manuscript"}
# A note that only leads in to the address ("accessed via"), in the list's languages.
ACCESS_PHRASE_RE = re.compile(r"^\s*(diakses\s+(melalui|dari|pada)|accessed\s+(via|from|at)|retrieved\s+from)\s*:?\s*$",
                              re.I)
HOST_RE = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$", re.I)


def language(entry, languages: Languages) -> tuple[str, str]:
    """The entry's language as (ISO 639-1 code, babel name), from its langid (("", "") when it has none)."""
    langid = plain(entry.fields.get("langid", "")).lower()
    if langid and not languages.by_babel(langid):
        known = ", ".join(languages.locale(code).babel for code in languages.codes)
        raise PluginError(f"references.bib: entry '{entry.key}': langid '{langid}' is not one of {known} (the "
                          "babel names of hooks/edition/strings.yml's locale blocks)")
    return (languages.by_babel(langid), langid) if langid else ("", "")


def note_kind(entry) -> str:
    """What the entry's note is: "" (none), "access" (a lead-in to the URL), "host" (a host name), "note"."""
    text = plain(entry.fields.get("note", ""))
    if not text:
        return ""
    if ACCESS_PHRASE_RE.match(text):
        return "access"
    return "host" if HOST_RE.match(text) else "note"


def writer_person(person) -> dict:
    """A pybtex person as the writers take one: family and given names, or the literal name of an organisation."""
    family = plain(" ".join(person.prelast_names + person.last_names))
    given = plain(" ".join(person.first_names + person.middle_names))
    return {"family": family, "given": given} if given else {"literal": family}


def reference_entry(entry, languages: Languages) -> dict:
    """One entry of references.bib (pybtex) as the entry the writers take."""
    code, langid = language(entry, languages)
    fields = {name.lower(): plain(value) for name, value in entry.fields.items()}
    first, last = page_range(entry) if "pages" in fields else ("", "")
    kind = note_kind(entry)
    kind_of_work = ENTRY_TYPES.get(entry.type, "document")
    published = fields.get("howpublished", "")
    host = ""  # a web address printed where the publisher (or the website) goes: "www.iom.int"
    if HOST_RE.match(published):
        host, published = published, ""
    elif kind == "host":
        host = fields["note"]
    container = fields.get("journal") or fields.get("booktitle", "")
    publisher = fields.get("publisher", "")
    if host and kind_of_work == "webpage" and not container:
        container = host  # the website (Zotero's Website Title; APA's site name)
    elif host and not publisher:
        publisher = host
    note = "; ".join(part for part in (published, fields.get("note", "") if kind == "note" else "") if part)
    return {
        "key": entry.key,
        "shared_key": True,  # references.ris names each record by its references.bib key
        "type": kind_of_work,
        "authors": [writer_person(p) for p in entry.persons.get("author", [])],
        "translators": [writer_person(p) for p in entry.persons.get("translator", [])],
        "title": fields["title"],
        "container": container,
        "edition": fields.get("edition", ""),
        "volume": fields.get("volume", ""),
        "issue": fields.get("number", ""),
        "first_page": first,
        "last_page": last,
        "publisher": publisher or fields.get("institution", "") or fields.get("organization", ""),
        "place": fields.get("address", ""),
        "year": fields.get("year", ""),
        "doi": fields.get("doi", ""),
        "url": fields.get("url", ""),
        "accessed": fields.get("urldate", ""),
        "language": code,
        "langid": langid,
        "note": note,
    }


def reference_downloads(bib_file: Path, entries, languages: Languages) -> dict[str, str]:
    """The downloads of the reference list: file name below the site -> text."""
    header = (f"% The references of the article, exported from {bib_file.name} for reference managers:\n"
              "% the same record as references.ris (plain titles, publisher as given; see /tentang/#catatan-metadata).\n"
              "% No at sign outside the entries: BibTeX would read one as the start of an entry.\n\n")
    exported = [reference_entry(entries[key], languages) for key in sorted(entries)]
    bib_path, ris_path = pages.REFERENCES
    return {bib_path: header + "\n".join(writers.bibtex(e) for e in exported),
            ris_path: "\n".join(writers.ris(e) for e in exported)}
