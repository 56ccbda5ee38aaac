"""One record per work, derived once; every output reads it from here.

The works:

- **the article**, the Indonesian original (``work(article, languages, "id", ...)``): CITATION.cff's title,
  authors, abstract, keywords (the article's "Kata Kunci") and publication facts (none known);
- **its English translation**, made by this edition (``work(article, languages, "en", ...)``): the English home
  page's
  heading as its title, the authors' own English abstract and keywords, the edition as its translator,
  and the original named (title, language, address);
- **each release of the web edition**: its version and date (CITATION.cff) and its permanent address under
  ``v/<version>/``, derived in one place too, edition.citing.release (``load_release``, ``page_version``),
  which the banner, the cite box's addresses, the change log and the PDF's first page read.

A record is a ``Work``. ``citation`` turns it into the entry of one citation of it (the whole work at its home
page, or one section at its address), which the one BibTeX writer and the one RIS writer
(edition.citing.writers) write, and ``apa`` into APA 7. The readers of a record, each from here and
nowhere else: the head tags (edition.citing.head_metadata: Highwire, Open Graph, JSON-LD, and Zotero's
*Extra*), the cite boxes (edition.citing.cite_box), ``unduh/artikel.bib`` and ``.ris`` of each language,
the PDFs' first pages and metadata (edition.reading_aids.print_page, edition.output.pdf), and the pages
of archived releases (edition.output.archived_record).

**A translation, to each consumer** (stated on /en/tentang/#catatan-metadata): Zotero's item types have
no field for it, so the head gives Zotero's *Extra* the CSL variables ``original-title`` and
``translator``, which Zotero's citation processor reads (the original's language is evident from its title, and
stated by JSON-LD and BibTeX); BibTeX gives
``translator``, ``origtitle`` and ``origlanguage`` (biblatex; Zotero reads ``translator``); RIS ``A4``
(translator), ``OP`` (original publication); JSON-LD ``translator`` and ``translationOfWork``; every
format's note sentence names the original. **No date**: the article's year is unknown, so no record
carries one (nor an access date: a reference manager sets that when the reader saves).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from mkdocs.exceptions import PluginError

from edition import pages
from edition.citing import writers
from edition.citing.article import Article, Author, Publication, Wording
from edition.inputs.languages import Languages

WORK_TYPE = "article"  # Highwire citation_title, BibTeX @article, RIS JOUR, JSON-LD ScholarlyArticle
WHOLE_ARTICLE_KEY = "saragih-alfajri-upaya-iom"


@dataclass(frozen=True)
class Original:
    """The work a translation translates."""

    title: str
    language: str
    url: str  # its home page


@dataclass(frozen=True)
class Work(Wording):
    """The record of one work: the article (the original's pages) or its translation (a translation's pages); its
    wording is its own (the translation's title, abstract and keywords in its language)."""

    type: str
    authors: tuple[Author, ...]
    publication: Publication
    site_url: str  # where this build publishes the edition
    root: str  # where its pages live below the site: "" for the original, "en/" for the English translation
    original: Original | None  # the work it translates (None: the original itself)
    translators: tuple[dict, ...]  # as the writers take a person: [{"literal": the edition}] for the translation
    edition: str  # "Edisi web", or "Web edition, English translation of “…”"

    @property
    def home(self) -> str:
        """The address of its home page."""
        return self.site_url + self.root

    @property
    def download_paths(self) -> tuple[str, ...]:
        """The whole work's citation downloads below the site (``en/unduh/artikel.bib`` for English)."""
        return tuple(self.root + path for path in pages.WHOLE_WORK)

    @property
    def downloads(self) -> tuple[str, ...]:
        """Their addresses."""
        return tuple(self.site_url + path for path in self.download_paths)

    @property
    def key(self) -> str:
        """The BibTeX key of a citation of the whole work (the translation's names its language)."""
        return WHOLE_ARTICLE_KEY + (f"-{self.language}" if self.original else "")

    def section_key(self, anchor: str) -> str:
        """The BibTeX key of a citation of one section (``anchor``: its heading's ID)."""
        return f"{WHOLE_ARTICLE_KEY}-{anchor}" + (f"-{self.language}" if self.original else "")


def work(article: Article, languages: Languages, language: str, strings: dict) -> Work:
    """The record of the work that pages in ``language`` describe (``strings``: that language's)."""
    site_url, locale = article.site_url, languages.locale(language)
    translation = article.translation(language)
    if language == article.language:
        own = {"title": article.title, "abstract": article.abstract, "keywords": article.keywords,
               "original": None, "translators": ()}
    elif translation is not None:
        own = {"title": translation.title, "abstract": translation.abstract, "keywords": translation.keywords,
               "original": Original(article.title, article.language, site_url + languages.prefix(article.language)),
               "translators": ({"literal": strings["translator_name"]},)}
    else:
        known = ", ".join(repr(t.language) for t in article.translations)
        raise PluginError(f"CITATION.cff: no {language!r} version of the article to describe (only the original "
                          f"{article.language!r} and the translations of the home page: {known or 'none'})")
    label = strings["edition"]
    if own["original"]:
        label += f" {strings['translation_of']} \u201c{own['original'].title}\u201d"
    return Work(type=WORK_TYPE, language=language, authors=article.authors, publication=article.publication,
                site_url=site_url, root=locale.prefix, edition=label, **own)


def works(article: Article, languages: Languages, strings: dict[str, dict]) -> dict[str, Work]:
    """Every language's record: language -> record."""
    return {code: work(article, languages, code, strings[code]) for code in languages.codes}


def note(record: Work, section: str | None, strings: dict) -> str:
    """One complete sentence (a child note in Zotero): what is cited, which section, what is unknown."""
    part = f", {strings['section_lower']} \u201c{section}\u201d" if section else ""
    unknown = "" if record.publication.year else f"; {strings['year_unknown']}"
    return f"{record.edition}{part}{unknown}."


def zotero_extra(record: Work) -> str:
    """Zotero's *Extra* for a translation (CSL variables its citation processor reads), "" for the original."""
    if not record.original:
        return ""
    lines = [f"original-title: {record.original.title}"]
    lines += [f"translator: {person_name(p)}" for p in record.translators]
    return "\n".join(lines)


def person_name(person: dict) -> str:
    """A person as CSL-in-Extra writes one: "Family || Given", or the literal name of an organisation."""
    return writers.person_text(person, " || ")


def citation(record: Work, url: str, section: str | None, key: str, strings: dict, languages: Languages) -> dict:
    """The entry of one citation of the work (``section`` None: the whole work, with abstract and keywords), as
    the writers (edition.citing.writers) take it."""
    known = record.publication
    whole = section is None
    original = record.original
    return {
        "key": key,
        "type": record.type,
        "authors": [{"family": a.family, "given": a.given} for a in record.authors],
        "translators": list(record.translators),
        "title": record.title,
        "container": known.journal,
        "volume": known.volume,
        "issue": known.issue,
        "first_page": known.start,
        "last_page": known.end,
        "year": known.year,
        "date": known.date_published,
        "doi": known.doi,
        "url": url,
        "language": record.language,
        "langid": languages.locale(record.language).babel,
        "original_title": original.title if original else "",
        "original_language": original.language if original else "",
        "original_langid": languages.locale(original.language).babel if original else "",
        "note": note(record, section, strings),
        "abstract": record.abstract if whole else "",
        "keywords": list(record.keywords) if whole else [],
    }


def apa_authors(authors) -> str:
    names = [a.apa for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def pages_of(known: Publication, dash: str) -> str:
    return dash.join(part for part in (known.start, known.end) if part)


def apa(record: Work, url: str, section: str | None, strings: dict) -> tuple[str, str]:
    """APA 7 citation as (plain text, HTML with the title and journal in italics); "t.t."/"n.d." while the year
    is unknown; journal, volume, issue, pages and DOI once CITATION.cff gives them."""
    who = apa_authors(record.authors)
    known = record.publication
    year, edition, title = known.year or strings["no_year"], record.edition, record.title
    part = f" {strings['section']} \u201c{section}\u201d." if section else ""
    source_text = source_html = ""
    if known.journal:
        volume = known.volume
        issue = f"({known.issue})" if known.issue else ""
        span = f", {pages_of(known, chr(0x2013))}" if known.start else ""
        source_text = f" {known.journal}{', ' + volume if volume else ''}{issue}{span}."
        source_html = (f" <em>{html.escape(known.journal)}</em>"
                       f"{', <em>' + html.escape(volume) + '</em>' if volume else ''}{html.escape(issue)}"
                       f"{html.escape(span)}.")
    doi = f" https://doi.org/{known.doi}" if known.doi else ""
    text = f"{who}. ({year}). {title} [{edition}].{source_text}{part}{doi} {url}"
    markup = (f"{html.escape(who)}. ({html.escape(year)}). <em>{html.escape(title)}</em> [{html.escape(edition)}]."
              f"{source_html}{html.escape(part)}{html.escape(doi)} {html.escape(url)}")
    return text, markup
