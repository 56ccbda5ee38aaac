"""The two languages of the edition and the edition's own words in each.

The Indonesian original is at the root; the English translation lives beside it as
``<page>.en.md`` and is published under ``/en/`` by mkdocs-static-i18n, which builds
the site once per language. ``source()`` gives a file's language-neutral path
(``pendahuluan.en.md`` -> ``pendahuluan.md``), ``of()`` its language, ``current()``
the language being built, and ``load_strings()`` the table in ``strings.yml``.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from edition.inputs import input_files

DEFAULT = "id"
LANGUAGES = ("id", "en")
SUFFIX_RE = re.compile(r"\.(en)\.md$")
STRINGS_FILE = Path(__file__).with_name("strings.yml")
# The words the build fills with str.format: key -> the slots it fills. Any other key's slots (those the
# scripts fill) must be the same in every language.
TEMPLATE_SLOTS = {
    "chart_table_cases": {"0"},  # edition.reading_aids.figures
    "report_title": {"version", "url"},  # edition.citing.release
    "report_body": {"version", "url"},
    "pdf_running_title": {"authors"},  # edition.output.pdf
    "pdf_cover_translation": {"original"},  # edition.reading_aids.print_page (empty for the original)
}


def load_strings(path: Path = STRINGS_FILE) -> dict[str, dict]:
    """The interface strings of every language, checked: the same keys in each, each value text (or a list of
    text, as long in every language), its ``{slots}`` the ones the build fills. Problems name the line."""
    label = f"hooks/edition/{path.name}"
    heading = f"{label} is not valid"
    table = input_files.yaml_data(path, label)
    if not isinstance(table, input_files.Mapping):
        raise input_files.InputError(heading, [f"{label}:1: must map each language ({', '.join(LANGUAGES)}) to "
                                              f"its table of words, not {input_files.kind(table)}"])
    problems = [f"{label}: no table for language '{language}'" for language in LANGUAGES if language not in table]
    problems += [f"{input_files.where(label, table, language)}: the '{language}' table must be a mapping "
                 f"(key: words), not {input_files.kind(table[language])}"
                 for language in LANGUAGES
                 if language in table and not isinstance(table[language], input_files.Mapping)]
    if problems:
        raise input_files.InputError(heading, problems)
    values = {language: dict(leaves(table[language])) for language in LANGUAGES}
    expected = sorted(set().union(*values.values()))
    problems = []
    for key in expected:
        given = {language: values[language][key] for language in LANGUAGES if key in values[language]}
        there = next(iter(given))
        problems += [f"{label}:{given[there][1]}: {language}: missing key '{key}' (given for '{there}' on this line)"
                     for language in LANGUAGES if language not in given]
        problems += value_problems(label, key, given)
    if problems:
        raise input_files.InputError(heading, problems)
    return {language: table[language] for language in LANGUAGES}


def leaves(tree, prefix: str = ""):
    """(dotted key, (value, line)) for every value of a table of words."""
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from leaves(value, f"{prefix}{key}.")
        else:
            yield prefix + str(key), (value, input_files.line_of(tree, key))


def slots(text: str) -> set[str]:
    """The ``{names}`` a text template fills (ValueError on unbalanced braces)."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def shape(length: int | None) -> str:
    return "text" if length is None else f"a list of {length}"


def shown(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


def value_problems(label: str, key: str, by_language: dict[str, tuple]) -> list[str]:
    """A key's values in every language: text (or lists of text of one length), with the slots the build fills."""
    problems, shapes, filled = [], {}, {}
    for language, (value, line) in by_language.items():
        at = f"{label}:{line}: {language}.{key}"
        texts = value if isinstance(value, list) else [value]
        if not texts or not all(isinstance(text, str) for text in texts):
            problems.append(f"{at}: must be text (or a list of text), not {input_files.kind(value)}")
            continue
        shapes[language] = len(value) if isinstance(value, list) else None
        try:
            filled[language] = set().union(*(slots(text) for text in texts))
        except ValueError as exc:
            problems.append(f"{at}: not a valid text template ({exc}; write {{{{ and }}}} for a brace)")
            continue
        if key in TEMPLATE_SLOTS and not filled[language] <= TEMPLATE_SLOTS[key]:
            problems.append(f"{at}: uses {shown(filled[language] - TEMPLATE_SLOTS[key])}, which the build does not "
                            f"fill (it fills {shown(TEMPLATE_SLOTS[key])})")
    base = next(iter(by_language))  # the first language that has the key: the others must match it
    for language in by_language:
        if language == base or language not in shapes or base not in shapes:
            continue
        at = f"{label}:{by_language[language][1]}: {language}.{key}"
        base_at = f"{base}.{key} (line {by_language[base][1]})"
        if shapes[language] != shapes[base]:
            problems.append(f"{at} is {shape(shapes[language])} where {base_at} is {shape(shapes[base])}")
        elif key not in TEMPLATE_SLOTS and language in filled and base in filled and filled[language] != filled[base]:
            problems.append(f"{at} has the slots {shown(filled[language])} where {base_at} has {shown(filled[base])} "
                            "(the scripts fill the same ones in every language)")
    return problems


def source(file) -> str:
    """The language-neutral path of a documentation file."""
    return SUFFIX_RE.sub(".md", getattr(file, "norm_src_uri", None) or file.src_uri)


def of(file) -> str:
    """The language of a documentation file."""
    match = SUFFIX_RE.search(file.src_uri)
    return match.group(1) if match else DEFAULT


def current(config) -> str:
    """The language being built: mkdocs-static-i18n knows it before any on_config runs (it sets the
    theme's language only in its own, late, on_config)."""
    plugin = config.plugins.get("i18n")
    language = getattr(plugin, "current_language", None) or DEFAULT
    return language if language in LANGUAGES else DEFAULT


def source_file(src_uri: str, language: str) -> str:
    """The file a language's page is written in: ``x.en.md`` for English, ``x.md`` for the original."""
    neutral = SUFFIX_RE.sub(".md", src_uri)
    return neutral if language == DEFAULT else neutral[: -len(".md")] + f".{language}.md"


def prefix(language: str) -> str:
    """Where a language's pages live below the site: "" for the original, "en/" for the translation."""
    return "" if language == DEFAULT else f"{language}/"


def is_home(page) -> bool:
    """The home page of either language (``/`` or ``/en/``)."""
    return source(page.file) == "index.md"
