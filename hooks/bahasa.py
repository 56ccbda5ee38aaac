"""Shared by the hooks (not a hook itself): the two languages of the edition.

The Indonesian original is at the root; the English translation lives beside it as
``<page>.en.md`` and is published under ``/en/`` by mkdocs-static-i18n, which builds
the site once per language. ``source()`` gives a file's language-neutral path
(``pendahuluan.en.md`` -> ``pendahuluan.md``), ``of()`` its language, ``current()``
the language being built, and ``t()`` the edition's own words in that language.
"""

from __future__ import annotations

import re

DEFAULT = "id"
LANGUAGES = ("id", "en")
SUFFIX_RE = re.compile(r"\.(en)\.md$")

WORDS = {
    "id": {
        "references": "Referensi",
        "bibliography": "Daftar Pustaka",
        "bibliography_entry": "Entri di Daftar Pustaka",
        "cited_in": "Dikutip di:",
        "not_cited": "Tidak dikutip di dalam teks.",
        "no_year": "t.t.",
        "edition": "Edisi web",
        "section": "Bagian",
        "section_lower": "bagian",
        "year_unknown": "tahun terbit tidak diketahui",
        "whole_article": "Seluruh artikel",
        "no_reference": "tanpa rujukan dalam teks",
        "et_al": "dkk.",
        "to_sentence": "ke kalimatnya",
        "to_section": "Ke bagiannya",
        "year_of_reference": " (tahun menurut rujukannya)",
        "numbers_header": "| Nilai | Yang diukur | Periode | Menurut teks | Rujukan | Di artikel |",
        "glossary_header": "| Singkatan | Kepanjangan dan keterangan |",
        "figure": "Gambar",
        "table": "Tabel",
        "chart_alt": ("Diagram batang jumlah kasus TPPO pada anak dan dewasa menurut SIMFONI PPA: "
                      "anak 86 (2019), 181 (2020), 230 (2021, sampai September); "
                      "dewasa 104 (2019), 200 (2020), 173 (2021, sampai September)."),
        "chart_table_year": "Tahun",
        "chart_table_cases": "Kasus TPPO: {0}",
        "language_name": "Bahasa Indonesia",
    },
    "en": {
        "references": "References",
        "bibliography": "References",
        "bibliography_entry": "Entry in the reference list",
        "cited_in": "Cited in:",
        "not_cited": "Not cited in the text.",
        "no_year": "n.d.",
        "edition": "Web edition, English translation",
        "section": "Section",
        "section_lower": "section",
        "year_unknown": "year of publication unknown",
        "whole_article": "Whole article",
        "no_reference": "no reference in the text",
        "et_al": "et al.",
        "to_sentence": "to its sentence",
        "to_section": "To its section",
        "year_of_reference": " (year of its reference)",
        "numbers_header": "| Value | What it measures | Period | According to the text | Reference | In the article |",
        "glossary_header": "| Abbreviation | Expansion and notes |",
        "figure": "Figure",
        "table": "Table",
        "chart_alt": ("Bar chart of TPPO (trafficking in persons) cases involving children and adults according to "
                      "SIMFONI PPA: children 86 (2019), 181 (2020), 230 (2021, to September); "
                      "adults 104 (2019), 200 (2020), 173 (2021, to September)."),
        "chart_table_year": "Year",
        "chart_table_cases": "TPPO cases: {0}",
        "language_name": "English",
    },
}


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


def t(language: str, key: str) -> str:
    return WORDS[language][key]


def is_home(page) -> bool:
    """The home page of either language (``/`` or ``/en/``)."""
    return source(page.file) == "index.md"
