"""One not-found page for the whole site.

GitHub Pages serves ``/404.html`` for every missing address, whatever the language;
mkdocs-static-i18n would render the theme's 404 page again in the English build and
overwrite the Indonesian one. ``one_not_found_page`` leaves the 404 page to the first (Indonesian)
build; ``overrides/404.html`` speaks both languages and links both editions.
"""

from __future__ import annotations

from edition import languages


def one_not_found_page(config, language: str) -> None:
    """Render 404.html in the original language's build only."""
    if language != languages.DEFAULT:
        config.theme.static_templates.discard("404.html")
    else:
        config.theme.static_templates.add("404.html")
