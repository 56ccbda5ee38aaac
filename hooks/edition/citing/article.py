"""The article's metadata, from CITATION.cff (checked, normalised), and its English version: ``Article``.

``load_article`` gives the facts the records are made of (edition.citing.record derives each work's record
from them, once): CITATION.cff's title, authors, abstract, keywords (the article's "Kata Kunci") and
language; and, for the English translation, the English home page's own heading as its title (the source
gives no English title, so the title is the edition's translation), the authors' own English abstract and
their English keywords (the home page's "Abstract" and "Keywords:", as printed in the source).

Publication facts (journal, volume, issue, pages, date, DOI) are read from ``preferred-citation`` when
CITATION.cff gives them (``Article.publication``); the real file gives none of them, and nothing here
invents them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import pages
from edition.inputs import citation_file, heading_ids

DOI_RE = re.compile(r"^10\.\d{4,9}(\.\d+)*/\S+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ATTRIBUTE_LIST_RE = re.compile(r"^\s*\{[^}]*\}\s*$")  # a line that only gives the block above it attributes
# Words an English title keeps in lower case unless they open it.
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
TRANSLATION_TITLE_ID = "judul"  # the English home page's title heading: {#judul}
ENGLISH = "en"  # the one translation whose facts the source gives (its abstract and keywords are the authors')


@dataclass(frozen=True)
class Author:
    """One author, as CITATION.cff gives them."""

    given: str  # '' for an author with one name (Alfajri)
    family: str
    email: str
    affiliation: str

    @property
    def name(self) -> str:
        """"Eriston Saragih"."""
        return f"{self.given} {self.family}".strip()

    @property
    def apa(self) -> str:
        """"Saragih, E." (APA 7: family name, initials)."""
        initials = " ".join(f"{part[0]}." for part in self.given.split())
        return f"{self.family}, {initials}" if initials else self.family

    @property
    def inverted(self) -> str:
        """"Saragih, Eriston" (Highwire's citation_author)."""
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass(frozen=True)
class Publication:
    """The publication facts CITATION.cff's preferred-citation gives, as text; '' for each one it does not (the
    real file gives none)."""

    journal: str = ""
    volume: str = ""
    issue: str = ""
    start: str = ""
    end: str = ""
    date_published: str = ""  # YYYY-MM-DD
    year: str = ""  # from date-published when only that is given
    doi: str = ""  # bare: 10.xxxx/...


@dataclass(frozen=True)
class Wording:
    """What a work says of itself in one language: its title, abstract and keywords."""

    language: str
    title: str
    abstract: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Translation(Wording):
    """A translation of the article made by this edition: its own title, and the authors' abstract and keywords in
    its language."""


@dataclass(frozen=True)
class Article(Wording):
    """The article: CITATION.cff's facts (its wording in the original's language, preferred-citation.languages[0]),
    with the translations the source gives facts for."""

    authors: tuple[Author, ...]
    site_url: str  # where this build publishes the edition, ending in "/"
    publication: Publication
    translations: tuple[Translation, ...] = ()

    def translation(self, language: str) -> Translation | None:
        return next((t for t in self.translations if t.language == language), None)


def squashed(text) -> str:
    return " ".join(str(text).split())


def publication(citation) -> Publication:
    """The publication facts preferred-citation gives (none in the real file), checked, as text."""
    found = {}
    for key in citation_file.PUBLICATION_KEYS:
        value = citation.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()[:10]
        value = squashed(value)
        at = f"{citation_file.where(citation, key)}: preferred-citation.{key}"  # CITATION.cff:LINE
        if key in ("volume", "issue", "start", "end", "year") and not re.fullmatch(r"[0-9A-Za-z.\-]+", value):
            raise PluginError(f"{at}: '{value}' is not a number")
        if key == "year" and not re.fullmatch(r"\d{4}", value):
            raise PluginError(f"{at}: '{value}' is not a four-digit year")
        if key == "date-published" and not DATE_RE.match(value):
            raise PluginError(f"{at}: '{value}' is not YYYY-MM-DD")
        if key == "doi" and not DOI_RE.match(value):
            raise PluginError(f"{at}: '{value}' is not a DOI (10.xxxx/...)")
        found[key] = value
    if "end" in found and "start" not in found:
        raise PluginError(f"{citation_file.where(citation, 'end')}: preferred-citation.end given without "
                          "preferred-citation.start")
    if "date-published" in found and "year" in found and found["year"] != found["date-published"][:4]:
        raise PluginError(f"{citation_file.where(citation, 'year')}: preferred-citation.year {found['year']} "
                          "disagrees with date-published")
    if "date-published" in found:
        found.setdefault("year", found["date-published"][:4])
    return Publication(**{key.replace("-", "_"): value for key, value in found.items()})


def load_article(data, site_url: str, docs_dir: str | Path | None = None) -> Article:
    """The article from CITATION.cff (``data``: as edition.inputs.citation_file.read returns it, checked); with
    the English translation's facts when docs_dir is given."""
    authors = tuple(Author(given=person.get("given-names", ""), family=person["family-names"],
                           email=person.get("email", ""), affiliation=squashed(person.get("affiliation", "")))
                    for person in data["authors"])
    title = squashed(data["title"])
    translations = ()
    if docs_dir is not None:
        translations = (Translation(language=ENGLISH, title=english_title(docs_dir, title),
                                    abstract=published_english_abstract(docs_dir),
                                    keywords=tuple(published_english_keywords(docs_dir))),)
    return Article(
        title=title,
        authors=authors,
        abstract=squashed(data["abstract"]),
        keywords=tuple(squashed(k) for k in data["keywords"]),
        language=data["preferred-citation"]["languages"][0],
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        publication=publication(data["preferred-citation"]),
        translations=translations,
    )


def english_title(docs_dir: str | Path, original_title: str) -> str:
    """The English home page's heading (the edition's translation of the title), in title case.

    The heading mirrors the source's capitals (all upper case); a word the original title also
    has keeps the original's spelling ("IOM", "Migration"), small words are lower case."""
    source = pages.HOME.removesuffix(".md") + f".{ENGLISH}.md"
    heading = next((h for h in heading_ids.headings((Path(docs_dir) / source).read_text(encoding="utf-8"))
                    if h.level == 1 and h.id == TRANSLATION_TITLE_ID), None)
    if heading is None:
        raise PluginError(f"docs/{source}: no '# TITLE {{#{TRANSLATION_TITLE_ID}}}' heading to take the English "
                          "title from")
    known = {word.lower(): word for word in re.findall(r"[A-Za-z]+", original_title)}
    position = 0

    def cased(found: re.Match) -> str:
        nonlocal position
        word, possessive = re.match(r"(.+?)((?:'|’)s)?$", found.group(0), re.I).groups()
        lower = word.lower()
        if lower in known and known[lower].isupper() or (position and lower in known and lower in SMALL_WORDS):
            word = known[lower]
        elif position and lower in SMALL_WORDS:
            word = lower
        else:
            word = known.get(lower, lower.capitalize())
        position += 1
        return word + (possessive or "").lower()

    return re.sub(r"[A-Za-z][A-Za-z'’]*", cased, heading.title.replace("*", "").strip())


def published_english_abstract(docs_dir: str | Path) -> str:
    """The article's own English abstract (the home page's "Abstract" section: its first paragraph's first line),
    as plain text."""
    text = (Path(docs_dir) / pages.HOME).read_text(encoding="utf-8")
    heading = next((h for h in heading_ids.headings(text) if h.level == 2 and h.title == "Abstract" and h.id), None)
    lines = text.splitlines()[heading.line:] if heading else []
    first = next((line for line in lines if line.strip()), "")
    if not first.strip() or first.startswith("#") or ATTRIBUTE_LIST_RE.match(first):
        raise PluginError(f"docs/{pages.HOME}: no '## Abstract {{#abstract ...}}' section to describe English pages")
    return first.replace("*", "").strip()


def published_english_keywords(docs_dir: str | Path) -> list[str]:
    """The article's own English keywords (the home page's "Keywords:" line), as plain text."""
    text = (Path(docs_dir) / pages.HOME).read_text(encoding="utf-8")
    match = re.search(r"^Keywords: (.+)$", text, re.M)
    if not match:
        raise PluginError(f"docs/{pages.HOME}: no 'Keywords: ...' line to give English pages their keywords")
    return [squashed(k) for k in re.split(r",\s*(?![^()]*\))", match.group(1).replace("*", "")) if k.strip()]
