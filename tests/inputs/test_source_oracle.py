"""The source text as the oracle: what the article's reference list and citations hold, the site holds.

test_site.py proves that what references.bib holds is on the site; these tests start from
the other end. They read tests/fixtures/paper.txt itself: every entry of its DAFTAR PUSTAKA
(joined across page breaks, running-footer debris dropped) must be exactly one entry of
references.bib and exactly one entry of /daftar-pustaka/ in both languages, in APA order,
and nothing more; every parenthetical citation of its body (and the "Sumber:" line of
Tabel 1) must be rendered as a citation on the page of its section. Failures name the
source line (paper.txt:N).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from support import ARTICLE_PAGES, SOURCE_REFERENCES_HEADING, bib_entries, page_id_for, source_lines

LANGUAGES = {"id": "", "en": "en/"}
TITLE_WORDS = 4  # entries are matched on first author, year and the first words of the title

# Lines of the extraction that are running-footer debris, not references (noted on /tentang/).
FOOTER_DEBRIS = {"sika.ac.id/index.php/politikomindonesia."}
ENTRY_START_RE = re.compile(r"^(?P<authors>[^()<]+?)[\s.,]*\((?P<year>\d{4})\)[.,]?\s*(?P<rest>.*)$")

# Section headings of the source (a line of paper.txt) -> the page that holds the section.
SECTION_PAGES = {
    "PENDAHULUAN": "pendahuluan/",
    "METODE PENELITIAN": "metode-penelitian/",
    "HASIL DAN PEMBAHASAN": "hasil-dan-pembahasan/",
    "2. Peran IOM sebagai Instrumen dalam Menangani Kasus *Human Trafficking* di Indonesia":
        "hasil-dan-pembahasan/iom-sebagai-instrumen/",
    "3. Peran IOM sebagai Arena dalam Menangani Kasus Human Trafficking di Indonesia":
        "hasil-dan-pembahasan/iom-sebagai-arena/",
    "4. Peran IOM sebagai Aktor Dalam Menangani Kasus Human Trafficking di Indonesia":
        "hasil-dan-pembahasan/iom-sebagai-aktor/",
    "SIMPULAN": "simpulan/",
}
PARENTHESIS_WITH_YEAR_RE = re.compile(r"\(([^()]*\b\d{4}\b[^()]*)\)")
CITED_RE = re.compile(r"^\s*(?P<author>[^,;()]+?)\s*,\s*(?P<year>\d{4})\s*$")
SOURCE_LINE_RE = re.compile(r"^Sumber:\s*(?P<cited>[^,]+,\s*\d{4})\.?\s*$")

# Citations whose words differ from the reference list: (source entry named, its year, note on /tentang/).
CITED_OTHERWISE = {
    ("Andayani", "2019"): ("Andayani", "2021", "catatan-andayani"),
    ("Oktavian et al.", "2022"): ("Oktavian", "2018", "catatan-oktavian"),
    ("Fadli", "2021"): ("Rijal Fadli", "2021", "catatan-fadli"),
    ("Kementerian PPPA", "2021"): ("Kementrian PPPA", "2021", "catatan-kementerian-pppa"),
}


def norm(text: str) -> str:
    """Lowercase words only: no markup, LaTeX commands, braces or punctuation."""
    text = re.sub(r"\\[A-Za-z]+", " ", text.replace("*", ""))
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


@dataclass(frozen=True)
class SourceEntry:
    """One entry of the source's DAFTAR PUSTAKA."""

    line: int
    text: str
    authors: str
    year: str
    title: str

    @property
    def first_author(self) -> str:
        return self.authors.split(",")[0].strip(" .")

    @property
    def title_start(self) -> str:
        return " ".join(norm(self.title).split()[:TITLE_WORDS])

    @property
    def label(self) -> str:
        return f"{self.first_author} {self.year}"

    @property
    def where(self) -> str:
        return f"paper.txt:{self.line} ({self.label}: {self.text[:70]}…)"


@dataclass(frozen=True)
class SourceCitation:
    """One parenthetical citation of the source's body, with the page of its section."""

    line: int
    author: str
    year: str
    url: str
    ordinal: int  # 1 for its first occurrence in its section, 2 for the second …

    @property
    def key(self) -> tuple[str, str]:
        return self.author, self.year

    @property
    def label(self) -> str:
        return f"{page_id_for(self.url)} {self.author} {self.year} paper.txt:{self.line}"


def read_reference_list() -> tuple[list[SourceEntry], list[int]]:
    """The source's reference entries, each joined across page breaks; and the lines dropped as footer debris."""
    lines = source_lines()
    start = lines.index(SOURCE_REFERENCES_HEADING)
    parts: list[list] = []  # [first line number, text]
    debris = []
    for number, raw in enumerate(lines[start + 1:], start + 2):
        line = raw.strip().removeprefix("- ").strip()
        if not line:
            continue
        if line in FOOTER_DEBRIS:
            debris.append(number)
        elif ENTRY_START_RE.match(line):
            parts.append([number, line])
        elif parts:  # continued after a page break: "Available at: / <https://…>"
            parts[-1][1] += " " + line
        else:
            raise ValueError(f"paper.txt:{number}: text before the first reference entry: {line}")
    entries = []
    for number, text in parts:
        match = ENTRY_START_RE.match(text)
        entries.append(SourceEntry(number, text, match["authors"], match["year"], match["rest"]))
    return entries, debris


def read_citations() -> list[SourceCitation]:
    """Every parenthetical citation of the source's body (and the Tabel 1 "Sumber:" line), in order."""
    lines = source_lines()
    url, seen, citations = "", {}, []
    for number, raw in enumerate(lines[: lines.index(SOURCE_REFERENCES_HEADING)], 1):
        line = raw.strip()
        if line in SECTION_PAGES:
            url = SECTION_PAGES[line]
            continue
        groups = PARENTHESIS_WITH_YEAR_RE.findall(line)
        source_line = SOURCE_LINE_RE.match(line)
        if source_line:
            groups.append(source_line["cited"])
        for group in groups:
            for part in group.split(";"):
                cited = CITED_RE.match(part)
                if cited is None:
                    raise ValueError(f"paper.txt:{number}: a parenthesis with a year that is no citation: ({group})")
                key = (cited["author"], cited["year"])
                seen[url, key] = seen.get((url, key), 0) + 1
                citations.append(SourceCitation(number, *key, url, seen[url, key]))
    return citations


ENTRIES, DEBRIS_LINES = read_reference_list()
CITATIONS = read_citations()
BIB = bib_entries()


def bib_matches(source: SourceEntry, entry) -> bool:
    """A references.bib entry is this source entry: same first author, year and opening title words."""
    first = entry.persons["author"][0]
    family = " ".join(first.prelast_names + first.last_names) or " ".join(first.first_names)
    return (norm(family) == norm(source.first_author) and entry.fields["year"] == source.year
            and norm(entry.fields["title"]).startswith(source.title_start))


def bib_keys_of(source: SourceEntry) -> list[str]:
    return [key for key, entry in BIB.items() if bib_matches(source, entry)]


def rendered_entries(site, url: str) -> list[tuple[str, str]]:
    """(id, text) of every entry of a reference page, without the "cited in" line the edition adds."""
    entries = []
    for entry in site.soup(url).select("article .csl-entry"):
        for added in entry.select(".dikutip-di"):
            added.decompose()
        entries.append((entry.get("id", ""), " ".join(entry.get_text().split())))
    return entries


def rendered_matches(source: SourceEntry, text: str) -> bool:
    return (norm(text).startswith(norm(source.first_author)) and f"({source.year})" in text
            and source.title_start in norm(text))


_rendered_citations: dict[tuple[str, str], list[tuple[tuple[str, str], str]]] = {}


def rendered_citations(site, url: str) -> list[tuple[tuple[str, str], str]]:
    """((author, year), key it links to) of every citation rendered on a page, in reading order."""
    cache_key = (str(site.root), url)
    if cache_key not in _rendered_citations:
        found = []
        for link in site.authors_text(url).select("a.citation"):
            cited = CITED_RE.match(" ".join(link.get_text().split()).strip("()"))
            assert cited, f"/{url}: a citation that is not (Author, Year): {link.get_text()!r}"
            found.append(((cited["author"], cited["year"]), link.get("data-key", "")))
        _rendered_citations[cache_key] = found
    return _rendered_citations[cache_key]


def named_entry(citation: SourceCitation) -> tuple[SourceEntry, str | None]:
    """The source entry a citation names (first author and year), and the note on /tentang/ where they differ."""
    author, year = citation.author.split(" & ")[0].removesuffix(" et al."), citation.year
    note = None
    if citation.key in CITED_OTHERWISE:
        author, year, note = CITED_OTHERWISE[citation.key]
    (entry,) = [e for e in ENTRIES if norm(e.first_author) == norm(author) and e.year == year]
    return entry, note


# ---------------------------------------------------------------- the reference list

def test_source_reference_list_is_read_whole():
    """The parser finds all 27 entries of the source's list and drops only the noted footer debris."""
    assert len(ENTRIES) == 27, [e.label for e in ENTRIES]
    assert ENTRIES[0].first_author == "Al Ghifari" and ENTRIES[-1].first_author == "Winadya"
    assert len(DEBRIS_LINES) == len(FOOTER_DEBRIS)
    assert len({e.label for e in ENTRIES}) == len(ENTRIES), "two source entries share first author and year"


@pytest.mark.parametrize("source", ENTRIES, ids=lambda e: e.label)
def test_source_entry_is_one_bib_entry(source):
    """Each entry of the source's list is exactly one entry of references.bib."""
    keys = bib_keys_of(source)
    assert len(keys) == 1, f"{source.where}: {len(keys)} entries of references.bib match it {keys}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", ENTRIES, ids=lambda e: e.label)
def test_source_entry_is_one_rendered_entry(site, source, lang):
    """Each entry of the source's list is exactly one entry of /daftar-pustaka/ (and of /en/daftar-pustaka/)."""
    url = LANGUAGES[lang] + "daftar-pustaka/"
    found = [entry_id for entry_id, text in rendered_entries(site, url) if rendered_matches(source, text)]
    assert len(found) == 1, f"{source.where}: {len(found)} entries of /{url} match it {found}"


def test_bib_holds_nothing_the_source_lacks():
    """Every entry of references.bib is an entry of the source's list."""
    extra = [key for key, entry in BIB.items() if not any(bib_matches(s, entry) for s in ENTRIES)]
    assert not extra, f"references.bib entries that are not in paper.txt's DAFTAR PUSTAKA: {extra}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reference_page_in_the_sources_order_after_apa_sorting(site, lang):
    """The reference page holds the source's entries and nothing else, in the source's order sorted as APA sorts."""
    url = LANGUAGES[lang] + "daftar-pustaka/"
    texts = [text for _, text in rendered_entries(site, url)]
    expected = sorted(ENTRIES, key=lambda e: (norm(e.authors), e.year, norm(e.title)))
    shown = []
    for text in texts:
        matching = [s for s in ENTRIES if rendered_matches(s, text)]
        shown.append(matching[0].label if len(matching) == 1 else f"? {text[:60]}")
    missing = [e.where for e in expected if e.label not in shown]
    assert shown == [e.label for e in expected], (
        f"/{url}: not in the source's order sorted by author and year; missing: {missing}; shown: {shown}")


def test_footer_debris_is_noted_on_tentang(site):
    """Each line dropped from the list as running-footer debris is named on /tentang/ (both languages)."""
    for url in ("tentang/", "en/tentang/"):
        text = " ".join(site.soup(url).get_text().split())
        for debris in FOOTER_DEBRIS:
            assert debris.rstrip(".") in text, f"/{url} does not name the dropped debris {debris!r}"


# ---------------------------------------------------------------- citations in the text

def test_source_citations_are_read_whole():
    """The parser finds the source's 21 citations, each in a section with a page."""
    assert len(CITATIONS) == 21 and all(c.url for c in CITATIONS)
    assert {url for url in SECTION_PAGES.values()} <= set(ARTICLE_PAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("citation", CITATIONS, ids=lambda c: c.label)
def test_source_citation_is_rendered_on_its_page(site, citation, lang):
    """Each citation of the source is rendered as a citation on the page of its section."""
    url = LANGUAGES[lang] + citation.url
    shown = [cited for cited, _ in rendered_citations(site, url)]
    assert shown.count(citation.key) >= citation.ordinal, (
        f"paper.txt:{citation.line}: ({citation.author}, {citation.year}) is not rendered as a citation on /{url}"
        f" (found {shown.count(citation.key)} of at least {citation.ordinal})")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", ARTICLE_PAGES, ids=page_id_for)
def test_page_cites_what_its_section_cites(site, url, lang):
    """Each article page renders exactly its source section's citations, in the source's order."""
    page = LANGUAGES[lang] + url
    expected = [c for c in CITATIONS if c.url == url]
    shown = [cited for cited, _ in rendered_citations(site, page)]
    assert shown == [c.key for c in expected], (
        f"/{page}: citations {shown}, the source has "
        + ", ".join(f"paper.txt:{c.line} ({c.author}, {c.year})" for c in expected))


@pytest.mark.parametrize("citation", CITATIONS, ids=lambda c: c.label)
def test_source_citation_links_to_the_entry_it_names(site, citation):
    """Each rendered citation links to the source's entry it names, or to the noted entry where the two differ."""
    links = [key for cited, key in rendered_citations(site, citation.url) if cited == citation.key]
    assert len(links) >= citation.ordinal, f"paper.txt:{citation.line}: not rendered on /{citation.url}"
    entry, note = named_entry(citation)
    assert links[citation.ordinal - 1] in bib_keys_of(entry), (
        f"paper.txt:{citation.line}: ({citation.author}, {citation.year}) links to {links[citation.ordinal - 1]!r},"
        f" not to {entry.where}")
    if note:
        assert site.soup("tentang/").find(id=note), f"paper.txt:{citation.line}: no note #{note} on /tentang/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_uncited_note_names_exactly_the_uncited_entries(site, lang):
    """The note on uncited entries names exactly the source's entries that no citation of the source names."""
    cited = {named_entry(c)[0] for c in CITATIONS}
    uncited = [e for e in ENTRIES if e not in cited]
    heading = site.soup(LANGUAGES[lang] + "tentang/").find(id="catatan-entri-tidak-dikutip")
    text = " ".join(heading.find_next("p").get_text().split())
    missing = [e.where for e in uncited if f"{e.first_author}" not in text or f"({e.year})" not in text]
    assert not missing and len(re.findall(r"\(\d{4}\)", text)) == len(uncited), (
        f"/{LANGUAGES[lang]}tentang/#catatan-entri-tidak-dikutip should name {len(uncited)} entries; missing: {missing}")
