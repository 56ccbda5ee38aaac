"""The article's metadata, read from CITATION.cff (checked, normalised), and its English version.

``load_article`` gives the facts the records are made of (edition.citing.record derives each work's record
from them, once): CITATION.cff's title, authors, abstract, keywords (the article's "Kata Kunci") and
language; and, for the English translation, the English home page's own heading as its title (the source
gives no English title, so the title is the edition's translation), the authors' own English abstract and
their English keywords (the home page's "Abstract" and "Keywords:", as printed in the source).

Publication facts (journal, volume, issue, pages, date, DOI) are read from ``preferred-citation`` when
CITATION.cff gives them (``article["publication"]``); the real file gives none of them, and nothing here
invents them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition.inputs import citation_file

CFF = citation_file.CFF


# Publication facts CFF's preferred-citation may give, in the order a citation prints them.
PUBLICATION_KEYS = ("journal", "volume", "issue", "start", "end", "date-published", "year", "doi")
DOI_RE = re.compile(r"^10\.\d{4,9}(\.\d+)*/\S+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Words an English title keeps in lower case unless they open it.
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def publication(citation: dict) -> dict:
    """The publication facts preferred-citation gives (none in the real file), checked, as text."""
    found = {}
    for key in PUBLICATION_KEYS:
        value = citation.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()[:10]
        value = " ".join(str(value).split())
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
    return found


def load_article(project: Path, site_url: str, docs_dir: str | Path | None = None) -> dict:
    """CITATION.cff, checked and normalised; with the English version when docs_dir is given."""
    data = citation_file.read(project)  # every key below checked for type and shape
    languages = data["preferred-citation"]["languages"]
    authors = []
    for person in data["authors"]:
        family = person["family-names"]
        given = person.get("given-names", "")
        initials = " ".join(f"{part[0]}." for part in given.split())
        authors.append({
            "given": given,
            "family": family,
            "name": f"{given} {family}".strip(),
            "apa": f"{family}, {initials}" if initials else family,
            "inverted": f"{family}, {given}" if given else family,
            "email": person.get("email", ""),
            "affiliation": " ".join(person.get("affiliation", "").split()),
        })
    title = " ".join(data["title"].split())
    article = {
        "title": title,
        "authors": authors,
        "abstract": " ".join(data["abstract"].split()),
        "keywords": [" ".join(k.split()) for k in data["keywords"]],
        "language": languages[0],
        "site_url": site_url if site_url.endswith("/") else site_url + "/",
        "publication": publication(data["preferred-citation"]),
    }
    if docs_dir is not None:
        article["english"] = {"title": english_title(docs_dir, title), "abstract": published_english_abstract(docs_dir),
                              "keywords": published_english_keywords(docs_dir), "language": "en"}
    return article


def english_title(docs_dir: str | Path, original_title: str) -> str:
    """The English home page's heading (the edition's translation of the title), in title case.

    The heading mirrors the source's capitals (all upper case); a word the original title also
    has keeps the original's spelling ("IOM", "Migration"), small words are lower case."""
    path = Path(docs_dir) / "index.en.md"
    match = re.search(r"^# (.+?)\s*\{#judul\}\s*$", path.read_text(encoding="utf-8"), re.M)
    if not match:
        raise PluginError("docs/index.en.md: no '# TITLE {#judul}' heading to take the English title from")
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

    return re.sub(r"[A-Za-z][A-Za-z'’]*", cased, match.group(1).replace("*", "").strip())


def published_english_abstract(docs_dir: str) -> str:
    """The article's own English abstract (the home page's "Abstract" section), as plain text."""
    text = (Path(docs_dir) / "index.md").read_text(encoding="utf-8")
    match = re.search(r"^## Abstract \{[^}]*\}\s*\n\n(.+?)\n", text, re.M | re.S)
    if not match:
        raise PluginError("docs/index.md: no '## Abstract {#abstract ...}' section to describe English pages")
    return match.group(1).replace("*", "").strip()


def published_english_keywords(docs_dir: str | Path) -> list[str]:
    """The article's own English keywords (the home page's "Keywords:" line), as plain text."""
    text = (Path(docs_dir) / "index.md").read_text(encoding="utf-8")
    match = re.search(r"^Keywords: (.+)$", text, re.M)
    if not match:
        raise PluginError("docs/index.md: no 'Keywords: ...' line to give English pages their keywords")
    return [" ".join(k.split()) for k in re.split(r",\s*(?![^()]*\))", match.group(1).replace("*", "")) if k.strip()]
