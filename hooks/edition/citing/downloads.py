"""Downloads of the references: ``unduh/references.bib`` (the file itself) and
``unduh/references.ris`` (every entry as an RIS record, for Zotero, Mendeley, EndNote)."""

from __future__ import annotations

from pathlib import Path

from edition.citations.bibtex_text import page_range, plain

RIS_TYPES = {"article": "JOUR", "book": "BOOK", "misc": "ELEC", "inproceedings": "CPAPER",
             "incollection": "CHAP", "techreport": "RPRT", "unpublished": "UNPB", "online": "ELEC"}


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
    simple = {"journal": "JO", "volume": "VL", "number": "IS", "publisher": "PB", "address": "CY",
              "edition": "ET", "doi": "DO", "url": "UR", "howpublished": "PB", "note": "N1"}
    for field, tag in simple.items():
        if field in fields:
            lines.append(f"{tag}  - {plain(fields[field])}")
    if "pages" in fields:
        first, last = page_range(entry)
        lines.append(f"SP  - {first}")
        if last:
            lines.append(f"EP  - {last}")
    if "urldate" in fields:
        lines.append(f"Y2  - {fields['urldate'].replace('-', '/')}")
    language = {"indonesian": "id", "english": "en"}.get(fields.get("langid", ""), "")
    if language:
        lines.append(f"LA  - {language}")
    lines.append(f"ID  - {entry.key}")
    lines.append("ER  - ")
    return "\n".join(lines)


def reference_downloads(bib_file: Path, entries) -> dict[str, str]:
    """The downloads of the reference list: file name below the site -> text."""
    ris = "\n\n".join(ris_record(entries[key]) for key in sorted(entries)) + "\n"
    return {"unduh/references.bib": bib_file.read_text(encoding="utf-8"), "unduh/references.ris": ris}
