"""Declared redirects hold in both languages.

A moved page is declared once in mkdocs.yml (``redirects: redirect_maps: {old.md: new.md}``).
mkdocs-redirects knows only the files of the build it runs in; in a translation's build
(mkdocs-static-i18n) those are ``new.en.md`` published under ``en/``; ``localize`` rewrites the map for that
build, so ``/en/old/`` redirects to ``/en/new/`` as ``/old/`` does to ``/new/``, and hands the plugin (through
edition.output.redirects_adapter) that build's pages as mkdocs-static-i18n finally placed them: the plugin
collected them before, with the addresses they had then (``new.en/``), and its English stubs pointed there.
``problems`` checks the map first (mkdocs-redirects would silently overwrite a page that still exists, and
never checks the target's ``#id``), naming the line of mkdocs.yml.
"""

from __future__ import annotations

import re
from pathlib import Path

from edition.inputs import heading_ids
from edition.inputs.languages import Languages
from edition.output import redirects_adapter

URL_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def problems(config, pages: dict[str, str], languages: Languages) -> list[str]:
    """Each declared redirect leads from a page that no longer exists to a page that does, in every language, and
    to an ID that page has (``pages``: every documentation page, both languages -> its Markdown)."""
    config_file = Path(config.config_file_path)
    lines = config_file.read_text(encoding="utf-8").splitlines()
    start = next((n for n, line in enumerate(lines) if "redirect_maps" in line), 0)

    def where(old) -> str:
        number = next((n for n in range(start, len(lines)) if str(old) in lines[n]), start)
        return f"{config_file.name}:{number + 1}: redirect '{old}'"

    found = []
    for old, new in redirects_adapter.declared(config).items():
        if not str(old).endswith(".md"):
            found.append(f"{where(old)}: the old address is written as the page's file, e.g. old-page.md")
            continue
        moved = [languages.source_file(old, language) for language in languages.codes]
        found += [f"{where(old)}: docs/{src} is still a page; a redirect is for a page that moved away "
                  "(remove the redirect or the page)" for src in moved if src in pages]
        if not isinstance(new, str) or URL_RE.match(new):
            continue
        page, _, anchor = new.partition("#")
        for language in languages.codes:
            target = languages.source_file(page, language)
            if target not in pages:
                found.append(f"{where(old)}: leads to docs/{target}, which is not a page")
            elif anchor and anchor not in {i.id for i in heading_ids.explicit_ids(pages[target])}:
                found.append(f"{where(old)}: leads to '#{anchor}', which docs/{target} does not have")
    return found


def localized(declared: dict, language: str) -> dict:
    """A translation's redirects: ``old.md: new.md`` becomes ``en/old.md: new.en.md`` (a URL stays as it is)."""
    return {f"{language}/{old}": new.replace(".md", f".{language}.md", 1) if ".md" in new else new
            for old, new in declared.items()}


def localize(config, files, language: str, languages: Languages) -> None:
    """Have mkdocs-redirects write a translation's redirects (``en/old.md`` -> ``new.en.md``) to its pages' final
    addresses; the original's it writes as declared."""
    if language != languages.default:
        redirects_adapter.hand_over(config, localized(redirects_adapter.declared(config), language), files)
