"""One not-found page for the whole site, in every language.

GitHub Pages serves ``/404.html`` for every missing address, whatever the language;
mkdocs-static-i18n would render the theme's 404 page again in a translation's build and
overwrite the original's. ``one_not_found_page`` leaves the 404 page to the original's build;
``overrides/404.html`` speaks every language (``template_context``: each one's words, the original's first)
and links every edition.
"""

from __future__ import annotations

import re

from edition.inputs.languages import Languages

TEMPLATE = "404.html"


def one_not_found_page(config, original: bool) -> None:
    """Render 404.html in the original language's build only (``original``: this build is the original's)."""
    if not original:
        config.theme.static_templates.discard(TEMPLATE)
    else:
        config.theme.static_templates.add(TEMPLATE)


def heading_id(title: str) -> str:
    """The ID of a language's heading on the page, from its words ("Page not found" -> page-not-found)."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def template_context(template_name: str, languages: Languages, strings: dict[str, dict]) -> dict:
    """For 404.html, context key ``not_found``: every language (code, root below the site, words, heading ID),
    the original's first; for any other template, nothing."""
    if template_name != TEMPLATE:
        return {}
    return {"not_found": [{"code": locale.code, "prefix": locale.prefix, "strings": strings[locale.code],
                           "id": heading_id(strings[locale.code]["not_found_title"])}
                          for locale in languages.locales]}
