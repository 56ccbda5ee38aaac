"""What the steps produce and consume, passed explicitly.

``Run`` lives for one ``mkdocs build`` or one ``mkdocs serve`` rebuild (every language): it holds the
inputs, each read once and typed, and one ``Build`` per language, created fresh in that language's first
``on_config`` step. Only hooks/pipeline.py creates and stores them; every step receives the object (or,
mostly, the fields) it needs as arguments.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from edition.citing.article import Article
from edition.citing.changelog import Entry
from edition.citing.record import Work
from edition.citing.release import Release
from edition.inputs.environment import Environment
from edition.inputs.languages import Languages, Locale
from edition.reading_aids.figures import FigureJob


@dataclass
class Build:
    """One language's build."""

    locale: Locale  # the language built
    strings: dict  # its words (hooks/edition/strings.yml)
    record: Work  # the record of the work its pages describe (edition.citing.record.work)
    first: bool = False  # the run's first language: it writes what every language shares (the scripts bundle, 404.html,
    #                      the social card, robots.txt) and starts the others' citations
    pdf: str = ""  # path of its PDF below the site, when one is printed (edition.output.pdf)
    entries: dict = field(default_factory=dict)  # references.bib as mkdocs-bibtex parsed it: key -> pybtex Entry
    citations: Future | None = None  # the one pandoc run (edition.citations.formatting)
    figures: dict[str, FigureJob] = field(default_factory=dict)  # edition.reading_aids.figures
    glossary: list[tuple[str, str]] = field(default_factory=list)  # (abbreviation, expansion), read once
    crossref_targets: dict[str, str] = field(default_factory=dict)  # "gambar-1" -> its page's source
    epub: Future | None = None  # its EPUB being written (edition.output.epub)

    @property
    def language(self) -> str:
        return self.locale.code


@dataclass
class Run:
    """One build of the whole site, every language: the inputs, each read once."""

    project: Path  # the folder of mkdocs.yml
    docs_dir: Path
    languages: Languages  # mkdocs.yml's i18n plugin, with strings.yml's locale blocks
    strings: dict[str, dict]  # language -> its words (hooks/edition/strings.yml)
    environment: Environment  # the environment variables, checked
    article: Article  # CITATION.cff's facts, with the English translation's
    release: Release  # CITATION.cff's version and date
    releases: list[Entry]  # the change log (docs/riwayat.yml), newest first
    built: tuple[str, ...] = ()  # the languages this run builds, the first first: all, but under mkdocs serve
    #                              (SERVE_LANGUAGE, edition.inputs.environment.served_languages)
    builds: dict[str, Build] = field(default_factory=dict)
    prefetch: dict[str, Future] = field(default_factory=dict)  # language -> its citations, started early

    @property
    def caches(self) -> Path:
        """The build's caches on disk (citations, figures, templates, minified assets), each keyed by the hash of
        its inputs: safe to keep, to copy and to delete."""
        return self.project / ".cache"
