"""Each page beside its translation: every page of docs/ exists in every language, with the very same IDs.

A reader cites ``page/#id`` in either language and the language switcher keeps the ``#id``, so a heading,
paragraph or figure ID given in one language's file and not in its twin breaks a published address.
``problems`` pairs the pages (``x.md`` and ``x.en.md``) and names, with file and line, a missing twin and
every ID that differs (compared in order, both files named).
"""

from __future__ import annotations

import difflib

from edition.inputs import heading_ids
from edition.inputs.languages import Languages


def problems(pages: dict[str, str], languages: Languages) -> list[str]:
    """``pages``: every documentation page (path below docs/, every language) -> its Markdown."""
    found = []
    originals = sorted({languages.neutral(src) for src in pages})
    for original in originals:
        present = {language: languages.source_file(original, language) for language in languages.codes}
        missing = [language for language, src in present.items() if src not in pages]
        there = [src for src in present.values() if src in pages]
        for language in missing:
            found.append(f"docs/{present[language]}: not found: the twin of docs/{there[0]} in '{language}' "
                         "(every page exists in each language; add it, or remove both files)")
        if missing:
            continue
        base = present[languages.default]
        for language, src in present.items():
            if language != languages.default:
                found += id_differences(base, pages[base], src, pages[src])
    return found


def id_differences(a: str, text_a: str, b: str, text_b: str) -> list[str]:
    """Where the IDs of two twins differ, naming both files and lines."""
    ids_a, ids_b = heading_ids.explicit_ids(text_a), heading_ids.explicit_ids(text_b)
    found = []
    matcher = difflib.SequenceMatcher(a=[i.id for i in ids_a], b=[i.id for i in ids_b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for x, y in zip(ids_a[i1:i1 + pairs], ids_b[j1:j1 + pairs]):
            found.append(f"docs/{a}:{x.line}: ID '{x.id}' is '{y.id}' in its twin docs/{b}:{y.line}: "
                         "an ID is the same in both languages")
        for x in ids_a[i1 + pairs:i2]:
            found.append(f"docs/{a}:{x.line}: ID '{x.id}' is missing from its twin docs/{b}")
        for y in ids_b[j1 + pairs:j2]:
            found.append(f"docs/{b}:{y.line}: ID '{y.id}' is not in the original docs/{a}")
    return found
