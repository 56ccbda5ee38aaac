"""Downloads of the references: ``unduh/references.bib`` and ``unduh/references.ris``.

references.bib at the project root is the authors' list as data, written for this
edition's build (mkdocs-bibtex, pandoc). The download is a normalised export of it,
written so that Zotero, JabRef, BibDesk and citation-js read every entry alike, and
alike in both files:

- italics as ``\\textit{...}`` (Zotero's BibTeX importer keeps ``\\emph`` literally:
  "Peran \\emphInternational Organization ...");
- ``language`` (an ISO 639-1 code; Zotero reads it, not ``langid``) beside ``langid``;
- ``@misc`` exported as ``@online`` (Zotero: webpage), the type the RIS record gives
  (``ELEC``): the list's @misc entries are pages on the web;
- the list's "Diakses melalui" ("accessed via") is the lead-in to the address, which is
  in ``url``/``UR`` (and its date in ``urldate``/``Y2``): it is not exported as a note
  (Zotero would make a child note reading "Diakses melalui"); a note that is only a host
  name says where the work is published: BibTeX ``howpublished``, RIS ``DP``;
- RIS gives the journal in ``T2`` (Zotero and EndNote read ``JO`` as the abbreviation).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition.citations.bibtex_text import page_range, plain

RIS_TYPES = {"article": "JOUR", "book": "BOOK", "misc": "ELEC", "inproceedings": "CPAPER",
             "incollection": "CHAP", "techreport": "RPRT", "unpublished": "MANSCPT", "online": "ELEC"}
# BibTeX types exported under another name so that importers make the item RIS_TYPES makes.
EXPORT_TYPES = {"misc": "online"}
# langid (babel/polyglossia name) -> ISO 639-1 code (Zotero's and RIS's language field).
LANGUAGE_CODES = {"indonesian": "id", "english": "en"}
# A note that only leads in to the address ("accessed via"), in the list's languages.
ACCESS_PHRASE_RE = re.compile(r"^\s*(diakses\s+(melalui|dari|pada)|accessed\s+(via|from|at)|retrieved\s+from)\s*:?\s*$",
                              re.I)
HOST_RE = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$", re.I)
FIELD_ORDER = ("title", "journal", "booktitle", "edition", "volume", "number", "pages", "publisher", "address",
               "institution", "organization", "howpublished", "year", "month", "date", "doi", "url", "urldate",
               "note", "language", "langid")


def language_code(entry) -> str:
    """The entry's language as an ISO 639-1 code, from its langid ("" when it has none)."""
    langid = plain(entry.fields.get("langid", "")).lower()
    if langid and langid not in LANGUAGE_CODES:
        raise PluginError(f"references.bib: entry '{entry.key}': langid '{langid}' is not one of "
                          f"{', '.join(LANGUAGE_CODES)} (add it to edition/citing/downloads.py LANGUAGE_CODES)")
    return LANGUAGE_CODES.get(langid, "")


def note_kind(entry) -> str:
    """What the entry's note is: "" (none), "access" (a lead-in to the URL), "host" (a host name), "note"."""
    text = plain(entry.fields.get("note", ""))
    if not text:
        return ""
    if ACCESS_PHRASE_RE.match(text):
        return "access"
    return "host" if HOST_RE.match(text) else "note"


def italics(value: str) -> str:
    """``\\emph{x}`` and ``{\\em x}`` as ``\\textit{x}``, the form every importer reads."""
    value = re.sub(r"\\emph\s*\{", r"\\textit{", value)
    return re.sub(r"\{\\em\s+([^{}]*)\}", r"\\textit{\1}", value)


def bib_record(entry) -> str:
    """One BibTeX entry (pybtex) in the normalised export form."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    kind = note_kind(entry)
    if kind in ("access", "host"):
        note = fields.pop("note")
        if kind == "host" and "howpublished" not in fields:
            fields["howpublished"] = note
    code = language_code(entry)
    if code:
        fields["language"] = code
    lines = [f"  {role:<12} = {{{' and '.join(str(p) for p in people)}}}" for role, people in entry.persons.items()]
    ordered = [n for n in FIELD_ORDER if n in fields] + sorted(n for n in fields if n not in FIELD_ORDER)
    for name in ordered:
        value = italics(fields[name]) if name in ("title", "booktitle", "journal", "note") else fields[name]
        lines.append(f"  {name:<12} = {{{value}}}")
    return f"@{EXPORT_TYPES.get(entry.type, entry.type)}{{{entry.key},\n" + ",\n".join(lines) + "\n}"


def ris_record(entry) -> str:
    """One BibTeX entry (pybtex) as an RIS record."""
    fields = entry.fields
    lines = [f"TY  - {RIS_TYPES.get(entry.type, 'GEN')}"]
    for person in entry.persons.get("author", []):
        last = plain(" ".join(person.last_names))
        first = plain(" ".join(person.first_names + person.middle_names))
        lines.append(f"AU  - {last}, {first}" if first else f"AU  - {last}")
    lines.append(f"TI  - {plain(fields['title'])}")
    lines.append(f"PY  - {fields['year']}")
    simple = {"journal": "T2", "booktitle": "T2", "volume": "VL", "number": "IS", "publisher": "PB", "address": "CY",
              "edition": "ET", "doi": "DO", "url": "UR"}
    for field, tag in simple.items():
        if field in fields:
            lines.append(f"{tag}  - {plain(fields[field])}")
    if "howpublished" in fields:
        value = plain(fields["howpublished"])
        lines.append(f"{'DP' if HOST_RE.match(value) else 'PB'}  - {value}")
    kind = note_kind(entry)
    if kind == "host" and "howpublished" not in fields:
        lines.append(f"DP  - {plain(fields['note'])}")
    elif kind == "note":
        lines.append(f"N1  - {plain(fields['note'])}")
    if "pages" in fields:
        first, last = page_range(entry)
        lines.append(f"SP  - {first}")
        if last:
            lines.append(f"EP  - {last}")
    if "urldate" in fields:
        lines.append(f"Y2  - {fields['urldate'].replace('-', '/')}")
    language = language_code(entry)
    if language:
        lines.append(f"LA  - {language}")
    lines.append(f"ID  - {entry.key}")
    lines.append("ER  - ")
    return "\n".join(lines)


def reference_downloads(bib_file: Path, entries) -> dict[str, str]:
    """The downloads of the reference list: file name below the site -> text."""
    header = (f"% The references of the article, exported from {bib_file.name} for reference managers\n"
              "% (\\textit for italics, language beside langid, type online for web pages; see /tentang/).\n"
              "% No at sign outside the entries: BibTeX would read one as the start of an entry.\n\n")
    bib = header + "\n\n".join(bib_record(entries[key]) for key in sorted(entries)) + "\n"
    ris = "\n\n".join(ris_record(entries[key]) for key in sorted(entries)) + "\n"
    return {"unduh/references.bib": bib, "unduh/references.ris": ris}
