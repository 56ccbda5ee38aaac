"""The two languages of the edition and the edition's own words in each.

The Indonesian original is at the root; the English translation lives beside it as
``<page>.en.md`` and is published under ``/en/`` by mkdocs-static-i18n, which builds
the site once per language. ``source()`` gives a file's language-neutral path
(``pendahuluan.en.md`` -> ``pendahuluan.md``), ``of()`` its language, ``current()``
the language being built, and ``load_strings()`` the table in ``strings.yml``.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

DEFAULT = "id"
LANGUAGES = ("id", "en")
SUFFIX_RE = re.compile(r"\.(en)\.md$")
STRINGS_FILE = Path(__file__).with_name("strings.yml")


def load_strings(path: Path = STRINGS_FILE) -> dict[str, dict]:
    """The interface strings of every language, checked: the same keys in each."""
    label = f"hooks/edition/{path.name}"
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PluginError(f"{label}: cannot be read: {exc}") from exc
    missing = [language for language in LANGUAGES if language not in (table or {})]
    if missing:
        raise PluginError(f"{label}: no table for language(s) {', '.join(missing)}")

    def keys(tree: dict, prefix: str = "") -> set[str]:
        found = set()
        for key, value in tree.items():
            found |= keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
        return found

    expected = set().union(*(keys(table[language]) for language in LANGUAGES))
    problems = [f"{label}: {language}: missing key '{key}'"
                for language in LANGUAGES for key in sorted(expected - keys(table[language]))]
    if problems:
        raise PluginError("\n  ".join(["interface strings incomplete:", *problems]))
    return {language: table[language] for language in LANGUAGES}


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
