"""The edition's languages, and its own words in each (``hooks/edition/strings.yml``).

The languages are the ones mkdocs.yml's i18n plugin builds (edition.inputs.i18n_adapter): the default one is
the original, at the site's root (``page.md``); each other one is a translation beside it, ``page.<code>.md``,
published under ``<code>/``. ``strings.yml`` holds one table per language: the interface words, and a
``locale`` block saying what each consumer calls the language (``Locale``). ``read`` checks both together.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from edition.inputs import i18n_adapter, input_files

STRINGS_FILE = Path(__file__).parents[1] / "strings.yml"
# The words the build or a template fills with str.format: key -> the slots it fills. Any other key's slots
# (those the scripts fill) must be the same in every language.
TEMPLATE_SLOTS = {
    "chart_table_cases": {"0"},  # edition.reading_aids.figures
    "report_title": {"version", "url"},  # edition.citing.release
    "report_body": {"version", "url"},
    "pdf_running_title": {"authors"},  # edition.output.pdf
    "pdf_cover_translation": {"original"},  # edition.reading_aids.print_page (empty for the original)
    # filled by the templates: overrides/404.html, overrides/partials/translation_notice.html
    "not_found_browse": {"search"},
    "not_found_translation": {"url", "prefix"},
    "translation_notice": {"original"},
}
# A language's locale block: what each consumer calls it, and the form each value must have. The language's code
# (the table's key, mkdocs.yml's i18n locale: ISO 639-1) is what <html lang>, citation_language, JSON-LD, BibTeX
# language and RIS LA take.
LOCALE_KEYS = {
    "csl": re.compile(r"^[a-z]{2,3}-[A-Z]{2}$"),  # the CSL locale pandoc formats citations in (id-ID)
    "open_graph": re.compile(r"^[a-z]{2,3}_[A-Z]{2}$"),  # og:locale (id_ID)
    "babel": re.compile(r"^[a-z]+$"),  # biblatex langid and origlanguage, references.bib's langid (indonesian)
}


@dataclass(frozen=True)
class Locale:
    """One language of the edition: its code and what each consumer calls it."""

    code: str  # ISO 639-1, as mkdocs.yml's i18n plugin names it
    default: bool  # the original's language (at the site's root)
    csl: str
    open_graph: str
    babel: str

    @property
    def prefix(self) -> str:
        """Where the language's pages live below the site: "" for the original, "en/" for English."""
        return "" if self.default else f"{self.code}/"

    @property
    def column_suffix(self) -> str:
        """The suffix of a data file's column in this language: "" for the original, "_en" beside it."""
        return "" if self.default else f"_{self.code}"


@dataclass(frozen=True)
class Languages:
    """Every language of the edition, the original's first."""

    locales: tuple[Locale, ...]
    suffix_re: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        others = "|".join(re.escape(locale.code) for locale in self.locales if not locale.default) or "(?!)"
        object.__setattr__(self, "suffix_re", re.compile(rf"\.({others})\.md$"))

    @property
    def default(self) -> str:
        return self.locales[0].code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(locale.code for locale in self.locales)

    def locale(self, code: str) -> Locale:
        """The language ``code`` (a language mkdocs.yml builds)."""
        for locale in self.locales:
            if locale.code == code:
                return locale
        raise input_files.InputError("mkdocs.yml is not valid", [
            f"mkdocs.yml: the i18n plugin builds '{code}', which is not one of {', '.join(self.codes)}"])

    def others(self, code: str) -> tuple[str, ...]:
        return tuple(other for other in self.codes if other != code)

    def prefix(self, code: str) -> str:
        return self.locale(code).prefix

    def neutral(self, src: str) -> str:
        """A page's language-neutral source below docs/: ``pendahuluan.en.md`` -> ``pendahuluan.md``."""
        return self.suffix_re.sub(".md", src)

    def of(self, src: str) -> str:
        """The language of a source below docs/ (``x.en.md``: English; ``x.md``: the original's)."""
        match = self.suffix_re.search(src)
        return match.group(1) if match else self.default

    def source_file(self, src: str, code: str) -> str:
        """The file a language's page is written in: ``x.en.md`` for English, ``x.md`` for the original."""
        neutral = self.neutral(src)
        return neutral if code == self.default else neutral[: -len(".md")] + f".{code}.md"

    def of_url(self, url: str) -> str:
        """The language of a URL below the site: a translation's under its prefix, else the original's."""
        return next((locale.code for locale in self.locales if locale.prefix and url.startswith(locale.prefix)),
                    self.default)

    def by_babel(self, name: str) -> str:
        """The code of the language biblatex calls ``name`` ('' if the edition has no such language)."""
        return next((locale.code for locale in self.locales if locale.babel == name), "")


def read(declared: list[tuple[str, bool]], path: Path = STRINGS_FILE) -> tuple[Languages, dict[str, dict]]:
    """The languages mkdocs.yml declares (``declared``: (code, default) in its order) and the table of words of
    each, checked together: one default language; a table for each language, with the same keys in every one and
    a locale block. Problems name the line."""
    defaults = [code for code, default in declared if default]
    if not declared or len(defaults) != 1:
        raise input_files.InputError("mkdocs.yml is not valid", [
            "mkdocs.yml: the i18n plugin must build exactly one default language (the original's), "
            f"not {len(defaults)} of {len(declared)}"])
    codes = [defaults[0]] + [code for code, default in declared if not default]
    tables = load_strings(codes, path)
    label = f"hooks/edition/{path.name}"
    problems = [problem for code in codes for problem in locale_problems(label, code, tables[code])]
    if problems:
        raise input_files.InputError(f"{label} is not valid", problems)
    return Languages(tuple(Locale(code=code, default=code == codes[0],
                                  **{key: tables[code]["locale"][key] for key in LOCALE_KEYS}) for code in codes)), tables


def locale_problems(label: str, code: str, table) -> list[str]:
    """What is wrong with a language's locale block: missing, or a value not of its form."""
    block = table.get("locale")
    if not isinstance(block, input_files.Mapping):
        return [f"{input_files.where(label, table, 'locale' if block is not None else None)}: {code}: needs a locale "
                f"block ({', '.join(LOCALE_KEYS)})"]
    return [f"{input_files.where(label, block, key)}: {code}.locale.{key} '{block.get(key)}' is not of the form of "
            f"{pattern.pattern}" for key, pattern in LOCALE_KEYS.items() if not pattern.match(str(block.get(key, "")))]


def read_project(project: Path) -> tuple[Languages, dict[str, dict]]:
    """The same, outside a build: the languages of the project's mkdocs.yml (edition.output.versioned_site)."""
    return read(i18n_adapter.languages_in(Path(project) / "mkdocs.yml"))


def current(config, languages: Languages) -> str:
    """The language being built (the i18n plugin knows it before any on_config runs, but for the first)."""
    return languages.locale(i18n_adapter.current_language(config) or languages.default).code


def load_strings(codes: list[str] | tuple[str, ...], path: Path = STRINGS_FILE) -> dict[str, dict]:
    """The interface strings of every language, checked: the same keys in each, each value text (or a list of
    text, as long in every language), its ``{slots}`` the ones the build fills. Problems name the line."""
    label = f"hooks/edition/{path.name}"
    heading = f"{label} is not valid"
    table = input_files.yaml_data(path, label)
    if not isinstance(table, input_files.Mapping):
        raise input_files.InputError(heading, [f"{label}:1: must map each language ({', '.join(codes)}) to "
                                              f"its table of words, not {input_files.kind(table)}"])
    problems = [f"{label}: no table for language '{language}'" for language in codes if language not in table]
    problems += [f"{input_files.where(label, table, language)}: the '{language}' table must be a mapping "
                 f"(key: words), not {input_files.kind(table[language])}"
                 for language in codes
                 if language in table and not isinstance(table[language], input_files.Mapping)]
    if problems:
        raise input_files.InputError(heading, problems)
    values = {language: dict(leaves(table[language])) for language in codes}
    expected = sorted(set().union(*values.values()))
    problems = []
    for key in expected:
        given = {language: values[language][key] for language in codes if key in values[language]}
        there = next(iter(given))
        problems += [f"{label}:{given[there][1]}: {language}: missing key '{key}' (given for '{there}' on this line)"
                     for language in codes if language not in given]
        problems += value_problems(label, key, given)
    if problems:
        raise input_files.InputError(heading, problems)
    return {language: table[language] for language in codes}


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
