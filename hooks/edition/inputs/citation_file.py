"""CITATION.cff, read once and checked before anything uses it: the one reader of the file.

``read(project)`` returns the file as a mapping (``input_files.Mapping``: it knows the line of each
key, ``where(data, key)``) in which every key the build reads has the type and shape it needs, or fails
listing every problem at once as ``CITATION.cff:LINE: what is wrong``. It is read once per build of the site;
``edition.citing.article`` (the article's metadata) and ``edition.citing.release`` (the edition's version and
date) take their values from what it returns; what a value means (a DOI, a version) is checked where it is
used, naming the same line.
"""

from __future__ import annotations

from pathlib import Path

from edition.inputs.input_files import InputError, Mapping, Sequence, kind, yaml_data
from edition.inputs.input_files import where as _where

CFF = "CITATION.cff"
HEADING = f"{CFF} is not valid"
TEXT_KEYS = ("title", "abstract")  # required text
# Publication facts preferred-citation may give, in the order a citation prints them (edition.citing.article): one
# value each.
PUBLICATION_KEYS = ("journal", "volume", "issue", "start", "end", "date-published", "year", "doi")
PERSON_TEXT = ("given-names", "email", "affiliation")  # optional text of an author; family-names is required


def where(data, key=None) -> str:
    """``CITATION.cff:LINE`` of a key (or list index) of a mapping or list read from the file."""
    return _where(CFF, data, key)


def read(project: Path, original_language: str) -> Mapping:
    """CITATION.cff, its keys checked for type and shape (all problems at once); ``original_language``: the code
    its preferred-citation.languages must begin with (the language of mkdocs.yml's original pages)."""
    path = Path(project) / CFF
    if not path.is_file():
        raise InputError(HEADING, [f"{CFF}: not found at the project's root"])
    data = yaml_data(path, CFF)
    if not isinstance(data, Mapping):
        raise InputError(HEADING, [f"{CFF}:1: must be a mapping of keys (title, authors, version, ...), "
                                   f"not {kind(data)}"])
    problems = []

    def place(container) -> str:  # a missing key: the person or mapping it belongs in, or the file
        return CFF if container is data else where(container)

    def need_text(container, key: str, name: str, required: bool = True) -> None:
        value = container.get(key)
        if value is None and not required:
            return
        if key not in container:
            problems.append(f"{place(container)}: no '{name}'")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"{where(container, key)}: '{name}' must be text, not {kind(value)}"
                            + (" (quote it)" if isinstance(value, (int, float, bool)) else ""))

    def need_list(container, key: str, name: str) -> Sequence | None:
        value = container.get(key)
        if key not in container:
            problems.append(f"{place(container)}: no '{name}'")
        elif not isinstance(value, Sequence) or not value:
            problems.append(f"{where(container, key)}: '{name}' must be a list of one or more items "
                            f"('- item' lines), not {kind(value)}")
        else:
            return value
        return None

    for key in TEXT_KEYS:
        need_text(data, key, key)
    for key in ("version", "date-released"):  # the edition's release (README, "Releases")
        if key not in data:
            problems.append(f"{CFF}: no '{key}' (the edition's release; README, Releases)")
        elif not data[key] or isinstance(data[key], (list, dict, bool)):
            problems.append(f"{where(data, key)}: '{key}' must be a single value, not {kind(data[key])}")

    authors = need_list(data, "authors", "authors")
    for number, person in enumerate(authors or [], 1):
        if not isinstance(person, Mapping):
            problems.append(f"{where(authors, number - 1)}: authors item {number} must be a person "
                            f"(family-names, given-names, ...), not {kind(person)}")
            continue
        need_text(person, "family-names", f"authors[{number}].family-names")
        for key in PERSON_TEXT:
            need_text(person, key, f"authors[{number}].{key}", required=False)

    keywords = need_list(data, "keywords", "keywords")
    for number, keyword in enumerate(keywords or [], 1):
        if not isinstance(keyword, str) or not keyword.strip():
            problems.append(f"{where(keywords, number - 1)}: keywords item {number} must be text, not {kind(keyword)}"
                            + (" (quote it)" if isinstance(keyword, (int, float, bool)) else ""))

    citation = data.get("preferred-citation")
    if "preferred-citation" not in data:
        problems.append(f"{CFF}: no 'preferred-citation' (the article: type, title, authors, languages)")
    elif not isinstance(citation, Mapping):
        problems.append(f"{where(data, 'preferred-citation')}: 'preferred-citation' must be a mapping "
                        f"(type, title, authors, languages, ...), not {kind(citation)}")
    else:
        spoken = need_list(citation, "languages", "preferred-citation.languages")
        if spoken is not None:
            first = spoken[0]
            if first != original_language:
                problems.append(f"{where(spoken, 0)}: preferred-citation.languages must begin with the article's "
                                f"language, '{original_language}' (an ISO 639 code), not {first!r}")
        for key in PUBLICATION_KEYS:
            if key in citation and isinstance(citation[key], (list, dict, bool)):
                problems.append(f"{where(citation, key)}: preferred-citation.{key} must be a single value, "
                                f"not {kind(citation[key])}")
    if problems:
        raise InputError(HEADING, problems)
    return data
