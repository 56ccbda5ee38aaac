"""The article's metadata, read from CITATION.cff (checked, normalised), and its English abstract."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

CFF = "CITATION.cff"


def load_article(project: Path, site_url: str) -> dict:
    """CITATION.cff, checked and normalised."""
    path = project / CFF
    if not path.is_file():
        raise PluginError(f"{CFF}: file not found at the project root")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PluginError(f"{CFF}: not valid YAML: {exc}") from exc
    for key in ("title", "authors", "abstract", "keywords", "preferred-citation"):
        if not data.get(key):
            raise PluginError(f"{CFF}: missing key '{key}'")
    languages = data["preferred-citation"].get("languages") or []
    if not languages:
        raise PluginError(f"{CFF}: missing key 'preferred-citation.languages'")
    authors = []
    for number, person in enumerate(data["authors"], 1):
        family = person.get("family-names")
        if not family:
            raise PluginError(f"{CFF}: authors[{number}] has no 'family-names'")
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
    return {
        "title": " ".join(data["title"].split()),
        "authors": authors,
        "abstract": " ".join(data["abstract"].split()),
        "keywords": [" ".join(k.split()) for k in data["keywords"]],
        "language": languages[0],
        "site_url": site_url if site_url.endswith("/") else site_url + "/",
    }


def published_english_abstract(docs_dir: str) -> str:
    """The article's own English abstract (the home page's "Abstract" section), as plain text."""
    text = (Path(docs_dir) / "index.md").read_text(encoding="utf-8")
    match = re.search(r"^## Abstract \{[^}]*\}\s*\n\n(.+?)\n", text, re.M | re.S)
    if not match:
        raise PluginError("docs/index.md: no '## Abstract {#abstract ...}' section to describe English pages")
    return match.group(1).replace("*", "").strip()
