"""One search index per language, so a reader downloads only the index of the edition read.

mkdocs-static-i18n stacks both languages into ``search/search_index.json``, doubling
what every page loads. After all builds, ``split_index`` splits it: the root index keeps the
Indonesian pages; ``en/search/search_index.json`` gets the English ones (locations made
relative to ``en/``), and each English page's theme configuration points its search
(and Material's link previews, which read ``sitemap.xml`` from the same base) at ``en/``,
where an English-only sitemap is written too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition.citations.formatting import REFERENCES_ID
from edition.inputs.languages import Languages

CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
LOC_RE = re.compile(r"<url>.*?</url>", re.S)


def split_index(site: Path, languages: Languages, built: tuple[str, ...] | None = None) -> None:
    """One search index (and sitemap) per language built (``built``; default: every one), once they all are."""
    index_path = site / "search" / "search_index.json"
    if not index_path.is_file():
        raise PluginError("search/search_index.json was not written, so it cannot be split per language")
    index = json.loads(index_path.read_text(encoding="utf-8"))
    # Each page's own reference section (#referensi) repeats entries of the reference list, which stays
    # searchable on /daftar-pustaka/: leaving the copies out keeps every page's first visit lighter.
    index["docs"] = [d for d in index["docs"] if not d["location"].endswith(f"#{REFERENCES_ID}")]
    for language in [code for code in languages.others(languages.default) if built is None or code in built]:
        prefix = languages.prefix(language)
        own = [dict(d, location=d["location"][len(prefix):]) for d in index["docs"] if d["location"].startswith(prefix)]
        target = site / language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "docs": own}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
        for html in (site / language).rglob("*.html"):
            text = html.read_text(encoding="utf-8")
            text, count = CONFIG_RE.subn(lambda m: m.group(1) + rebased(m.group(2), language) + m.group(3), text, 1)
            if count:
                html.write_text(text, encoding="utf-8")
        sitemap = site / "sitemap.xml"
        if sitemap.is_file():
            xml = sitemap.read_text(encoding="utf-8")
            urls = [u for u in LOC_RE.findall(xml) if re.search(rf"<loc>[^<]*/{language}/", u)]
            head = xml[: xml.index("<url>")] if "<url>" in xml else xml
            (site / language / "sitemap.xml").write_text(head + "\n".join(urls) + "\n</urlset>\n", encoding="utf-8")
    index["docs"] = [d for d in index["docs"] if languages.of_url(d["location"]) == languages.default]
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def rebased(config_json: str, language: str) -> str:
    data = json.loads(config_json)
    base = data.get("base", ".")
    # a directory URL: Material resolves "search/search_index.json" and "sitemap.xml" against it
    data["base"] = f"{base}/{language}/" if base not in (".", "") else f"{language}/"
    return json.dumps(data, ensure_ascii=False)
