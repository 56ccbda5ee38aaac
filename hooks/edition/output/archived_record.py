"""An archived release's pages and downloads, given the same complete record as the latest.

A release is built from its own commit with its own code (edition.output.versioned_site), so its pages carry
the record as that code wrote it: 1.0.0 has no ``citation_abstract`` (Zotero then saves the shortened
``og:description``), describes the English pages with the Indonesian title, writes a BibTeX ``@misc``; both
1.0.0 and 1.1.0 freeze an access date into their citations and put the release date in a ``<time datetime>``,
which Zotero takes for the article's date. After the build, ``complete_page`` rewrites, on every page that
describes the work:

- the head: the work's tags (Highwire, Zotero's *Extra*, Open Graph, Twitter card) and the JSON-LD
  ``ScholarlyArticle`` come from today's record (edition.citing.record, edition.citing.head_metadata), with the
  page's own addresses under ``v/<version>/``; the page's ``citation_reference`` tags, and the JSON-LD's
  ``hasPart`` and ``citation``, stay those of the release (they describe its text);
- the cite box: every section's APA, BibTeX and RIS (the JSON the release's script reads, and the section shown
  without script) from today's writers; its downloads link to the citation of the page's own language;
- ``<time datetime>``: replaced by its text (the release date stays visible, as the banner's text).

``complete_downloads`` writes the release's ``unduh/artikel.*`` and ``en/unduh/artikel.*`` with today's record.
The release's text, links and scripts are left as they were.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import pages
from edition.citing import article, cite_box, head_metadata, social_card
from edition.citing import record as records
from edition.citing.record import Work
from edition.inputs import citation_file
from edition.inputs.languages import Languages

HEAD_END_RE = re.compile(r"</head>", re.I)
# A tag of the work's record: every citation_* but the page's references, Zotero's Extra, Open Graph, Twitter.
WORK_TAG_RE = re.compile(r'[ \t]*<meta (?:name="(?:citation_(?!reference")[a-z_]+|z\.extra|twitter:[a-z:]+)"'
                         r'|property="og:[a-z:_]+")[^>]*>\n?')
OG_TITLE_RE = re.compile(r'<meta property="og:title" content="([^"]*)"')
SITE_NAME_RE = re.compile(r'<meta property="og:site_name" content="([^"]*)"')
TITLE_RE = re.compile(r"<title>([^<]*)</title>")  # Material's "<page> - <site name>"
JSONLD_RE = re.compile(r'(<script type="application/ld\+json">)(.*?)(</script>)', re.S)
# The cite box's data (1.0.0: id="kutip-data") and the section it shows without script.
CITE_DATA_RE = re.compile(r'(<script type="application/json" id="(?:cite-box|kutip)-data">)(.*?)(</script>)', re.S)
SHOWN_RE = r'(<(p|code)\b[^>]*\bdata-(?:format|kutip)="{}"[^>]*>)(.*?)(</\2>)'
DOWNLOADS_RE = re.compile(r'(<p class="(?:cite-box-downloads|kutip-unduh)">)(.*?)(</p>)', re.S)
TIME_RE = re.compile(r"<time\b[^>]*>(.*?)</time>", re.S)
TAG_RE = re.compile(r"<[^>]+>")
HEADERLINK_RE = re.compile(r'<a class="headerlink".*?</a>', re.S)


def meta(attr: str, name: str, content: str) -> str:
    return f'<meta {attr}="{name}" content="{html.escape(content)}">'


def heading_titles(text: str) -> dict[str, str]:
    """id -> the plain text of every heading of the page."""
    found = {}
    for match in re.finditer(r'<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', text, re.S):
        found[match.group(2)] = " ".join(html.unescape(TAG_RE.sub("", HEADERLINK_RE.sub("", match.group(3)))).split())
    return found


def complete_head(text: str, record: Work, here: str, other_home: str, twin: str, card: str,
                  open_graph_locale: str) -> str:
    """The work's tags and JSON-LD from today's record; the page's references kept."""
    title = OG_TITLE_RE.search(text)
    named = SITE_NAME_RE.search(text) or TITLE_RE.search(text)
    site_name = html.unescape(named.group(1)).rsplit(" - ", 1)[-1] if named else ""
    page_title = html.unescape(title.group(1)).split(" \u2014 ")[0] if title else record.title
    home_page = not title or " \u2014 " not in html.unescape(title.group(1))
    tags = head_metadata.work_tags(record, here)
    tags += head_metadata.social_tags(record, here, page_title, site_name, card, social_card.card_title(record),
                                      home_page, open_graph_locale)
    first = WORK_TAG_RE.search(text)
    text = WORK_TAG_RE.sub("", text)
    markup = "".join(f"    {meta(*tag)}\n" for tag in tags)
    at = first.start() if first else HEAD_END_RE.search(text).start()
    text = text[:at] + markup + text[at:]
    jsonld = JSONLD_RE.search(text)
    if jsonld:
        old = json.loads(jsonld.group(2))
        new = head_metadata.work_jsonld(record, here, other_home, twin)
        new.update({key: old[key] for key in ("image", "hasPart", "citation") if key in old})
        script = head_metadata.json_script(new)
        text = text[:jsonld.start(2)] + script + text[jsonld.end(2):]
    return text


def complete_cite_box(text: str, record: Work, strings: dict, url: str, languages: Languages) -> str:
    """Every section's citation from today's writers; the downloads of the page's own language."""
    found = CITE_DATA_RE.search(text)
    if not found:
        return text
    old = json.loads(found.group(2))
    titles = heading_titles(text)
    data = {}
    for anchor, formats in old.items():
        if not anchor:  # the home page: the whole work
            data[anchor] = {**cite_box.entry(record, formats["url"], None, record.key, strings, languages),
                            "url": formats["url"]}
        elif anchor in titles:
            data[anchor] = {**cite_box.entry(record, formats["url"], titles[anchor], record.section_key(anchor),
                                             strings, languages), "url": formats["url"]}
        else:
            raise PluginError(f"{url or 'index.html'}: the cite box cites a section #{anchor} the page has no heading for")
    script = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    text = text[:found.start(2)] + script + text[found.end(2):]
    shown = next(iter(data.values()), None)
    if shown:
        for name, value in (("apa", shown["apa_html"]), ("bibtex", html.escape(shown["bibtex"], quote=False)),
                            ("ris", html.escape(shown["ris"], quote=False))):
            text = re.sub(SHOWN_RE.format(name), lambda m: m.group(1) + value + m.group(4), text, count=1, flags=re.S)
    folder = "/" + url.rsplit("/", 1)[0] + "/" if "/" in url else "/"
    links = " ·\n    ".join(
        f'<a href="{posixpath.relpath("/" + path, folder)}" download>{path.rsplit("/", 1)[-1]}</a>'
        for path in record.download_paths)
    return DOWNLOADS_RE.sub(lambda m: f"{m.group(1)}{html.escape(strings['cite_downloads'])}\n    {links}{m.group(3)}",
                            text, count=1)


def work_records(project: Path, site_url: str, languages: Languages, all_strings: dict) -> dict[str, Work]:
    """Today's record of every language's work (from the current tree), with a release's addresses."""
    data = citation_file.read(project, languages.default)
    return records.works(article.load_article(data, site_url, project / "docs"), languages, all_strings)


def complete_page(text: str, url: str, record: Work, strings: dict, site_url: str, languages: Languages) -> str:
    """One archived page at ``url`` (below the release's ``site_url``) with today's ``record`` of its work (the page's
    language's) and no ``<time datetime>``."""
    text = TIME_RE.sub(lambda m: m.group(1), text)
    if 'name="citation_title"' not in text:  # not a page describing the work (404, a redirect)
        return text
    other = languages.prefix(languages.others(record.language)[0])
    neutral = url.removeprefix(record.root)  # the page's URL in the original's tree
    text = complete_head(text, record, site_url + url, site_url + other, site_url + other + neutral,
                         site_url + pages.SOCIAL_CARD, languages.locale(record.language).open_graph)
    return complete_cite_box(text, record, strings, url, languages)


def complete_downloads(out: Path, every_record: dict[str, Work], all_strings: dict, languages: Languages) -> None:
    """The release's citation downloads (``unduh/artikel.*``, ``en/unduh/artikel.*``) from today's record."""
    for language, record in every_record.items():
        for path, content in cite_box.whole_work(record, all_strings[language], languages).items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
