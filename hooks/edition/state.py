"""What the steps produce and consume, passed explicitly.

``Run`` lives for one ``mkdocs build`` or one ``mkdocs serve`` rebuild (both languages);
``Build`` for one language's build inside it, created fresh in that build's first
``on_config`` step. Only hooks/pipeline.py creates and stores them; every step receives
the object (or the fields) it needs as arguments.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Build:
    """One language's build."""

    language: str
    project: Path
    docs_dir: Path
    strings: dict
    article: dict  # CITATION.cff's facts, with the English version's (edition.citing.article)
    record: dict  # the record of the work this language's pages describe (edition.citing.record.work)
    citations: Future | None = None  # the one pandoc run (edition.citations.formatting)
    figures: dict = field(default_factory=dict)  # name -> FigureJob (edition.reading_aids.figures)
    glossary: list[tuple[str, str]] | None = None  # (abbreviation, expansion), read once
    crossref_targets: dict[str, str] = field(default_factory=dict)  # "gambar-1" -> source page
    pdf: str = ""  # path of this language's PDF below the site, when one is printed
    epub: Future | None = None  # this language's EPUB being written (edition.output.epub)
    release: dict = field(default_factory=dict)  # version and date (edition.citing.release, from CITATION.cff)
    latest_url: str = ""  # the latest version's address (site_url unless this build is an archived version)
    repository_url: str = ""  # where readers report errors (REPOSITORY_URL), '' when unknown
    versions: bool = False  # the released versions are published under v/ beside this build (WITH_VERSIONS)
    releases: list[dict] = field(default_factory=list)  # the change log, newest first (edition.citing.changelog)


@dataclass
class Run:
    """One build of the whole site, every language."""

    strings: dict  # language -> interface strings (edition/strings.yml)
    builds: dict[str, Build] = field(default_factory=dict)
    prefetch: dict[str, Future] = field(default_factory=dict)  # language -> its citations, started early
