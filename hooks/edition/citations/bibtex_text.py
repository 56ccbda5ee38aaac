"""references.bib: where it is, and its fields as plain text."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition.citations import bibtex_adapter as bibtex


def bib_path(config) -> Path:
    """The bibliography file named by the bibtex plugin, relative to mkdocs.yml."""
    found = bibtex.plugin(config)
    if not found.config.bib_file:
        raise PluginError("mkdocs.yml: plugins.bibtex.bib_file is not set")
    return Path(config.config_file_path).parent / found.config.bib_file


def plain(text: str) -> str:
    """A BibTeX field as plain text: no braces, no \\emph, no escapes."""
    text = re.sub(r"\\emph\{([^}]*)\}", r"\1", text)
    return " ".join(text.replace("\\&", "&").replace("{", "").replace("}", "").split())


def page_range(entry) -> tuple[str, str]:
    """(first page, last page or "") of an entry with a ``pages`` field ("1--9", "126")."""
    first, _, last = plain(entry.fields["pages"]).partition("-")
    return first, last.strip("-")
