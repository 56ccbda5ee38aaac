"""Downloads of the references: ``unduh/references.bib`` (the file itself) and
``unduh/references.ris`` (every entry as an RIS record, for Zotero, Mendeley, EndNote)."""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from bib_teks import bib_path, page_range, plain

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


@event_priority(-150)  # after mkdocs-static-i18n rebuilds the file list
def on_files(files, config):
    bib_file = bib_path(config)
    entries = config.plugins["bibtex"].registry.bib_data.entries
    ris = "\n\n".join(ris_record(entries[key]) for key in sorted(entries)) + "\n"
    files.append(File.generated(config, "unduh/references.bib", content=bib_file.read_text(encoding="utf-8")))
    files.append(File.generated(config, "unduh/references.ris", content=ris))
    return files
