"""Cross-references: "Gambar N" and "Tabel N" in running text link to their figure or
table, with a hover preview (Material's ``data-preview`` on the link).

Figures and tables are found by their IDs (``gambar-N``, ``tabel-N``) in docs/. Text
already inside a link, a heading, a caption, fenced code or an HTML line is left alone (headings and fenced
code as the one heading parser, edition.inputs.heading_ids, finds them).
"""

from __future__ import annotations

import posixpath
import re

from edition.inputs import heading_ids
from edition.inputs.languages import Languages

REF_RE = re.compile(r"(?<![\[\w#-])(Gambar|Tabel|Figure|Table) (\d+)(?![\w\]])")
KIND = {"Gambar": "gambar", "Figure": "gambar", "Tabel": "tabel", "Table": "tabel"}
ID_RE = re.compile(r'id="((?:gambar|tabel)-\d+)"')


def targets(files, languages: Languages) -> dict[str, str]:
    """Figure and table IDs -> the language-neutral page that holds them."""
    return {anchor: languages.neutral(file.src_uri) for file in files.documentation_pages()
            for anchor in ID_RE.findall(file.content_string)}


def link_references(markdown: str, source: str, targets_: dict[str, str]) -> str:
    """"Gambar N" / "Tabel N" in running text as links to their figure or table, with a preview (``source``: the
    page's language-neutral source below docs/)."""
    here = posixpath.dirname(source) or "."
    prose = {number for number, _, _ in heading_ids.prose_lines(markdown)}
    prose -= {heading.line for heading in heading_ids.headings(markdown)}

    def link(match: re.Match) -> str:
        anchor = f"{KIND[match.group(1)]}-{match.group(2)}"
        src = targets_.get(anchor)
        if src is None:
            return match.group(0)
        target = "" if src == source else posixpath.relpath(src, here)
        return f"[{match.group(0)}]({target}#{anchor}){{ data-preview }}"

    return "\n".join(REF_RE.sub(link, line) if number in prose and not line.lstrip().startswith(("<", "*["))
                     else line for number, line in enumerate(markdown.split("\n"), 1))
