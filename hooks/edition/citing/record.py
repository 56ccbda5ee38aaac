"""One record per work, derived once; every output reads it from here.

The works:

- **the article**, the Indonesian original (``work(article, "id", ...)``): CITATION.cff's title, authors,
  abstract, keywords (the article's "Kata Kunci") and publication facts (none known);
- **its English translation**, made by this edition (``work(article, "en", ...)``): the English home page's
  heading as its title, the authors' own English abstract and keywords, the edition as its translator,
  and the original named (title, language, address);
- **each release of the web edition**: its version and date (CITATION.cff) and its permanent address under
  ``v/<version>/``, derived in one place too, edition.citing.release (``load_release``, ``page_version``),
  which the banner, the cite box's addresses, the change log and the PDF's first page read.

``citation`` turns a work's record into the entry of one citation of it (the whole work at its home
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

from mkdocs.exceptions import PluginError

from edition import languages

WORK_TYPE = "article"  # Highwire citation_title, BibTeX @article, RIS JOUR, JSON-LD ScholarlyArticle
WHOLE_ARTICLE_KEY = "saragih-alfajri-upaya-iom"
# The whole article's citation, per language, below the site (the English pages' describes the translation).
DOWNLOADS = ("unduh/artikel.bib", "unduh/artikel.ris")
# Language codes (ISO 639-1) of the works, as names in the languages of the edition.
LANGUAGE_NAMES = {"id": "Indonesian", "en": "English"}


def work(article: dict, language: str, strings: dict) -> dict:
    """The record of the work that pages in ``language`` describe (``strings``: that language's)."""
    site_url = article["site_url"]
    if language == article["language"]:
        own = {"title": article["title"], "abstract": article["abstract"], "keywords": article["keywords"],
               "original": None, "translators": []}
    elif language == "en" and "english" in article:
        english = article["english"]
        own = {"title": english["title"], "abstract": english["abstract"], "keywords": english["keywords"],
               "original": {"title": article["title"], "language": article["language"],
                            "url": site_url + languages.prefix(article["language"])},
               "translators": [{"literal": strings["translator_name"]}]}
    else:
        raise PluginError(f"CITATION.cff: no {language!r} version of the article to describe (only the original "
                          f"{article['language']!r} and the English translation of docs/index.en.md)")
    record = {"type": WORK_TYPE, "language": language, "authors": article["authors"],
              "publication": article["publication"], "home": site_url + languages.prefix(language), **own}
    record["edition"] = edition_label(record, strings)
    record["downloads"] = [site_url + languages.prefix(language) + path for path in DOWNLOADS]
    return record


def works(article: dict, strings: dict[str, dict]) -> dict[str, dict]:
    """Every language's record: language -> record."""
    return {language: work(article, language, strings[language]) for language in languages.LANGUAGES}


def edition_label(record: dict, strings: dict) -> str:
    """"Edisi web", or for the translation "Web edition, English translation of “<original title>”"."""
    label = strings["edition"]
    if record["original"]:
        label += f" {strings['translation_of']} \u201c{record['original']['title']}\u201d"
    return label


def note(record: dict, section: str | None, strings: dict) -> str:
    """One complete sentence (a child note in Zotero): what is cited, which section, what is unknown."""
    part = f", {strings['section_lower']} \u201c{section}\u201d" if section else ""
    unknown = "" if record["publication"].get("year") else f"; {strings['year_unknown']}"
    return f"{record['edition']}{part}{unknown}."


def zotero_extra(record: dict) -> str:
    """Zotero's *Extra* for a translation (CSL variables its citation processor reads), "" for the original."""
    original = record["original"]
    if not original:
        return ""
    lines = [f"original-title: {original['title']}"]
    lines += [f"translator: {person_name(p)}" for p in record["translators"]]
    return "\n".join(lines)


def person_name(person: dict) -> str:
    """A person as CSL-in-Extra writes one: "Family || Given", or the literal name of an organisation."""
    if "literal" in person:
        return person["literal"]
    return f"{person['family']} || {person['given']}" if person.get("given") else person["family"]


def citation(record: dict, url: str, section: str | None, key: str, strings: dict) -> dict:
    """The entry of one citation of the work (``section`` None: the whole work, with abstract and keywords), as
    the writers (edition.citing.writers) take it."""
    known = record["publication"]
    whole = section is None
    return {
        "key": key,
        "type": record["type"],
        "authors": [{"family": a["family"], "given": a["given"]} for a in record["authors"]],
        "translators": record["translators"],
        "title": record["title"],
        "container": known.get("journal", ""),
        "volume": known.get("volume", ""),
        "issue": known.get("issue", ""),
        "first_page": known.get("start", ""),
        "last_page": known.get("end", ""),
        "year": known.get("year", ""),
        "date": known.get("date-published", ""),
        "doi": known.get("doi", ""),
        "url": url,
        "language": record["language"],
        "original_title": record["original"]["title"] if record["original"] else "",
        "original_language": record["original"]["language"] if record["original"] else "",
        "note": note(record, section, strings),
        "abstract": record["abstract"] if whole else "",
        "keywords": record["keywords"] if whole else [],
    }


def apa_authors(authors: list[dict]) -> str:
    names = [a["apa"] for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def pages(known: dict, dash: str) -> str:
    return dash.join(known[k] for k in ("start", "end") if k in known)


def apa(record: dict, url: str, section: str | None, strings: dict) -> tuple[str, str]:
    """APA 7 citation as (plain text, HTML with the title and journal in italics); "t.t."/"n.d." while the year
    is unknown; journal, volume, issue, pages and DOI once CITATION.cff gives them."""
    who = apa_authors(record["authors"])
    known = record["publication"]
    year, edition, title = known.get("year", strings["no_year"]), record["edition"], record["title"]
    part = f" {strings['section']} \u201c{section}\u201d." if section else ""
    source_text = source_html = ""
    if "journal" in known:
        volume = known.get("volume", "")
        issue = f"({known['issue']})" if "issue" in known else ""
        span = f", {pages(known, chr(0x2013))}" if "start" in known else ""
        source_text = f" {known['journal']}{', ' + volume if volume else ''}{issue}{span}."
        source_html = (f" <em>{html.escape(known['journal'])}</em>"
                       f"{', <em>' + html.escape(volume) + '</em>' if volume else ''}{html.escape(issue)}"
                       f"{html.escape(span)}.")
    doi = f" https://doi.org/{known['doi']}" if "doi" in known else ""
    text = f"{who}. ({year}). {title} [{edition}].{source_text}{part}{doi} {url}"
    markup = (f"{html.escape(who)}. ({html.escape(year)}). <em>{html.escape(title)}</em> [{html.escape(edition)}]."
              f"{source_html}{html.escape(part)}{html.escape(doi)} {html.escape(url)}")
    return text, markup
