"""The build, in the order it runs: the one hook that mkdocs.yml registers.

Read it top to bottom. Each MkDocs event below lists its steps in the order they run,
with the priority that places them among the plugins' own steps (higher runs first;
plugins run before this hook at equal priority) and the reason. The steps themselves
are plain functions in ``edition/`` (inputs, citations, citing, reading_aids, output);
none of them registers an event. mkdocs-static-i18n builds the site once per language:
everything below runs for the Indonesian original, then again for the English
translation, inside the Indonesian build's ``on_post_build``.

State is passed, not shared: a ``Run`` (both languages) holds one ``Build`` per language,
created fresh in that language's first step; the steps receive what they need as
arguments. The one place that stores the ``Run`` between events is the configuration
object MkDocs hands every event (``RUN_ATTRIBUTE``); a new ``mkdocs build`` or a
``mkdocs serve`` rebuild loads a new configuration, and so starts a new ``Run``.

MkDocs imports this module once per process: after editing build code, restart
``mkdocs serve`` (it does not watch hooks/).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

from edition import languages
from edition.citations import bibliography, formatting, hover, style
from edition.citations import bibtex_adapter as bibtex
from edition.citations.bibtex_text import bib_path
from edition.citing import article, changelog, cite_box, downloads, head_metadata, reader_view, release, social_card
from edition.citing import record as records
from edition.inputs import bib_check, environment, heading_ids, input_files, markers, site_nav, twins
from edition.output import (alternates, bundle, csp, epub, minify, not_found, offline, pdf, redirects, robots,
                            script_loading, search_split, theme_markup, whitespace)
from edition.reading_aids import crossref, data_page, figures, glossary, print_page
from edition.state import Build, Run

RUN_ATTRIBUTE = "edition_run"
SERVING = "EDITION_SERVING"  # set by on_startup for `mkdocs serve` (its live reload adds an inline script)

# Content placeholders (<!-- insert: NAME [ARGUMENT] -->): name -> the page it belongs on (None: any page).
MARKERS = {
    "bibliography": "daftar-pustaka.md",
    "glossary": "singkatan.md",
    "numbers": "data.md",
    "timeline": "data.md",
    "whole-article": print_page.PAGE,
    "chart": None,  # ARGUMENT: a figure of edition.reading_aids.figures.FIGURES
    "chart-data": None,
    "changelog": "riwayat-perubahan.md",
}
MARKER_ARGUMENTS = {"chart": figures.FIGURES, "chart-data": figures.FIGURES}  # the others take none


def current_run(config) -> Run:
    return getattr(config, RUN_ATTRIBUTE)


def current_build(config) -> Build:
    return current_run(config).builds[languages.current(config)]


def on_startup(command, dirty):
    """Once per process, before any build: under `mkdocs serve`, whose live reload injects an inline script
    into every page it serves, the pages' Content-Security-Policy allows inline scripts (edition/output/csp.py)."""
    if command == "serve":
        os.environ[SERVING] = "1"


# ---------------------------------------------------------------------------
# on_config: read and check the inputs, then start the slow work in the background.
# ---------------------------------------------------------------------------

@event_priority(100)  # before mkdocs-bibtex (0) parses references.bib and builds its registry
def read_inputs(config):
    """Check that the edited files are UTF-8, references.bib and the environment variables; choose the language's
    APA style, read CITATION.cff (the article and its release) and the change log; a fresh Build."""
    project = Path(config.config_file_path).parent
    problems = input_files.not_utf8(project)  # before anything reads them
    if problems:
        raise PluginError("files that are not UTF-8 text:\n  " + "\n  ".join(problems))
    run = getattr(config, RUN_ATTRIBUTE, None)
    if run is None:  # the original's build; the translation's reuses the configuration
        run = Run(strings=languages.load_strings())
        setattr(config, RUN_ATTRIBUTE, run)
    language = languages.current(config)
    problems = bib_check.check_bib(bib_path(config))
    if problems:
        raise PluginError("references.bib is not valid:\n  " + "\n  ".join(problems))
    bibtex.use_style(config, str(style.localized_style(language)))
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is required (set SITE_URL)")
    environment.check(os.environ, config.site_url)  # SITE_URL, LATEST_URL, REPOSITORY_URL, BUILD_PDF, BROWSER_PATH
    edition_release = release.load_release(project)
    the_article = article.load_article(project, config.site_url, config.docs_dir)
    run.builds[language] = Build(
        language=language, project=project, docs_dir=Path(config.docs_dir),
        strings=run.strings[language], article=the_article, pdf=pdf.pdf_path(language),
        record=records.work(the_article, language, run.strings[language]),
        release=edition_release, releases=changelog.load(Path(config.docs_dir), edition_release),
        latest_url=release.latest_url(the_article["site_url"], os.environ),  # LATEST_URL: an archived version
        repository_url=release.repository_url(os.environ),  # REPOSITORY_URL: where readers report errors
        versions=release.versions_published(os.environ))  # WITH_VERSIONS: v/<version>/ is published beside it
    not_found.one_not_found_page(config, language)
    return config


@event_priority(-10)  # after mkdocs-bibtex (0) has built its registry; before i18n (-100)
def start_background_work(config):
    """One pandoc run for every citation (and, from the original's build, the translation's on the
    other core); the figures' drawing processes."""
    run, build = current_run(config), current_build(config)
    keys = bibtex.entries(config)
    blocks = formatting.site_blocks(build.docs_dir, keys)
    bib_file, cache_dir = bib_path(config), build.project / ".cache" / "citations"
    build.citations = formatting.start(blocks, bib_file, bibtex.plugin(config).config.csl_file, cache_dir,
                                       run.prefetch.pop(build.language, None))
    if build.language == languages.DEFAULT and config.plugins.get("i18n") is not None:
        for other in languages.LANGUAGES:
            if other != build.language:
                run.prefetch[other] = formatting.in_background(
                    formatting.formatted, blocks, bib_file, str(style.localized_style(other)), cache_dir)
    build.figures = figures.start_drawing(build.project, build.language)
    return config


on_config = CombinedEvent(read_inputs, start_background_work)


# ---------------------------------------------------------------------------
# on_files: check every page at once, collect the formatted citations, add generated files.
# ---------------------------------------------------------------------------

@event_priority(0)  # before mkdocs-static-i18n (-100) renames files: problems name the real file
def check_pages(files, config):
    """Each page's twin and the same IDs in both, the nav, redirects, abbreviations, and the headings, citation
    keys and markers of every page, reported together; then the citations."""
    build = current_build(config)
    keys = bibtex.entries(config)
    pages = {file.src_uri: file.content_string for file in files.documentation_pages()}
    problems = twins.problems(pages) + site_nav.problems(config, pages) + redirects.problems(config, pages)
    problems += glossary.problems(build.docs_dir)
    problems += changelog.page_problems(build.releases, build.docs_dir)  # its links to pages and sections
    for src, markdown in pages.items():
        problems += heading_ids.heading_problems(markdown, src)
        problems += formatting.unknown_keys(markdown, src, keys)
        problems += markers.problems(markdown, src, MARKERS, MARKER_ARGUMENTS)
    if problems:
        raise PluginError("pages with problems:\n  " + "\n  ".join(problems))
    formatting.finish(config, build.citations, [file.content_string for file in files.documentation_pages()])
    build.crossref_targets = crossref.targets(files)
    build.glossary = glossary.definitions(build.docs_dir, build.language)
    return files


@event_priority(-150)  # after mkdocs-static-i18n (-100) has rebuilt the file list for the language
def add_downloads(files, config):
    """The citation of the work the language's pages describe (``en/unduh/`` for the translation), the references,
    the figures' and the data page's data; the scripts bundle."""
    build = current_build(config)
    generated = {
        **cite_box.whole_work(build.record, build.strings),
        **downloads.reference_downloads(bib_path(config), bibtex.entries(config)),
        **figures.figure_downloads(build.figures),
        **data_page.data_downloads(build.project),
        **epub.placeholder(build.language),  # pandoc writes it after the pages; listed now, links to it are checked as to any file
    }
    if build.language == languages.DEFAULT:  # shared by both languages
        generated[bundle.BUNDLE] = bundle.bundle_text(build.docs_dir)
    prefix = languages.prefix(build.language)
    for path, text in generated.items():
        # a language's own file (en/unduh/artikel.bib): its pages link to it as unduh/artikel.bib
        file = File.generated(config, path.removeprefix(prefix) if prefix else path, content=text)
        file.dest_uri = path
        files.append(file)
    return files


@event_priority(-200)  # after mkdocs-redirects has read its map and mkdocs-static-i18n its files
def localize_redirects(files, config):
    """A moved page redirects in every language."""
    redirects.localize(config, files, current_build(config).language)
    return files


on_files = CombinedEvent(check_pages, add_downloads, localize_redirects)


# ---------------------------------------------------------------------------
# on_page_markdown: mkdocs-static-i18n (50), mkdocs-bibtex (0, "(Author, Year)" and footnotes),
# then the reading aids, the reference footnotes and the reference list.
# ---------------------------------------------------------------------------

@event_priority(0)  # after mkdocs-bibtex (0: plugins run first): citations are already formatted
def add_reading_aids(markdown, page, config, files):
    """Figures and their data, the data page's tables, abbreviations, links to figures and tables."""
    build = current_build(config)
    strings, language = build.strings, build.language
    markdown = markers.fill(markdown, "chart", lambda name: figures.chart(build.figures[name], strings))
    markdown = markers.fill(markdown, "chart-data",
                            lambda name: figures.data_table(build.figures[name].data, language, strings))
    if any(marker.name in data_page.SOURCES for marker in markers.find(markdown)):
        entries = bibtex.entries(config)
        rows = data_page.read_all(build.project, build.docs_dir, entries)
        markdown = markers.fill(markdown, "numbers",
                                lambda _: data_page.numbers_table(rows["numbers"], entries, language, strings))
        markdown = markers.fill(markdown, "timeline",
                                lambda _: data_page.timeline(rows["timeline"], entries, language, strings))
    markdown = glossary.append_definitions(markdown, build.glossary)
    markdown = markers.fill(markdown, "glossary", lambda _: glossary.glossary_table(build.glossary, strings))
    return crossref.link_references(markdown, page, build.crossref_targets)


@event_priority(-10)  # after mkdocs-bibtex has written its footnotes
def link_reference_footnotes(markdown, page, config, files):
    """Each reference footnote links to its entry in the list; the page's references get a heading."""
    return formatting.link_footnotes(markdown, page, config, current_build(config).strings)


@event_priority(-20)  # after the footnotes: the list's backlinks read the finished pages' citations
def fill_bibliography(markdown, page, config, files):
    """The whole reference list, in APA order, with the sections citing each entry."""
    build = current_build(config)
    return markers.fill(markdown, "bibliography", lambda _: bibliography.entries_html(
        bibtex.references(bibtex.registry(config)), bibliography.citing_sections(files, build.language),
        build.strings))


@event_priority(-30)  # Markdown, so that MkDocs checks (strict) every link to an affected section
def fill_changelog(markdown, page, config, files):
    """The change log page: every release, newest first, from docs/riwayat.yml, in the page's language."""
    build = current_build(config)
    to_root = "../" * page.url.count("/")  # from the page's URL (under /en/ for English) to the site's root
    return markers.fill(markdown, "changelog", lambda _: changelog.entries_markdown(
        build.releases, build.docs_dir, build.language, to_root, build.latest_url, build.strings, build.versions))


on_page_markdown = CombinedEvent(add_reading_aids, link_reference_footnotes, fill_bibliography, fill_changelog)


# ---------------------------------------------------------------------------
# on_page_content, on_page_context, on_template_context, on_post_page: the page's HTML and template.
# ---------------------------------------------------------------------------

def on_page_content(html, page, config, files):
    """"(Author, Year)" itself opens the reference (Material's footnote tooltip); permalinks keep
    their "¶" out of the text reader views extract (the stylesheet draws it)."""
    return reader_view.permalink_glyphs(hover.link_citations(html))


@event_priority(0)  # before mkdocs-static-i18n's (50 runs first; it only adds its own keys)
def give_page_context(context, page, config, nav):
    """Head metadata, cite box, interface strings, PDF link and the page's version for the page's templates;
    an archived version names the latest as the canonical page."""
    build = current_build(config)
    site_url = build.article["site_url"]
    context["head_metadata"] = head_metadata.page_metadata(page, nav, config.site_name, build.record, site_url,
                                                           bibtex.entries(config), site_url + build.pdf if build.pdf else "")
    context["cite_box"] = cite_box.page_cite_box(page, build.record, build.strings, site_url)
    context["strings"] = build.strings
    context["pdf"] = build.pdf
    context["epub"] = languages.prefix(build.language) + epub.TARGET
    context["edition_version"] = version = release.page_version(
        page.url, languages.of(page.file), build.release, build.article["site_url"], build.latest_url,
        build.repository_url, build.strings, build.versions)
    if version["archived"]:
        page.canonical_url = version["latest_url"]
    return context


@event_priority(-50)  # last: every other page of the language has been rendered by now
def assemble_print_page(context, page, config, nav):
    """The print page holds a cover (shown in print) and the whole article, and loads no script."""
    if languages.source(page.file) == print_page.PAGE:
        build = current_build(config)
        print_page.fill_print_page(page, nav, print_page.cover(build.record, build.article, build.strings,
                                                               build.release))
        context["print_page"] = True
    return context


@event_priority(-60)  # after the print page is assembled: the pages it holds are final
def start_book(context, page, config, nav):
    """The language's EPUB, from the pages the print page holds and the abbreviations, written by pandoc on the
    other core while the build goes on."""
    if languages.source(page.file) == print_page.PAGE:
        build = current_build(config)
        build.epub = epub.start(nav, page, build, build.article["site_url"], config.copyright or "")
    return context


on_page_context = CombinedEvent(give_page_context, assemble_print_page, start_book)


def on_template_context(context, template_name, config):
    """Static templates (404.html, sitemap.xml) get the interface strings too."""
    context["strings"] = current_build(config).strings
    return context


def on_post_page(output, page, config):
    """No <link rel=alternate hreflang> in heads (see edition/output/alternates.py); Material's three
    attributes the HTML checker rejects, repaired (edition/output/theme_markup.py); scripts deferred, so
    that they do not hold up the first paint (edition/output/script_loading.py); the templates' indentation
    dropped (edition/output/whitespace.py)."""
    where = f"{page.file.src_uri} ({current_build(config).language})"
    output = alternates.drop_alternate_links(output)
    return whitespace.compact(script_loading.defer_scripts(theme_markup.repair(output, where), where))


def on_post_template(output_content, template_name, config):
    """The static pages (404.html) get the same repairs of Material's markup, and deferred scripts."""
    if not template_name.endswith(".html"):
        return output_content
    return script_loading.defer_scripts(theme_markup.repair(output_content, template_name), template_name)


# ---------------------------------------------------------------------------
# on_post_build: files written once, the PDF, then (after every language) the search split.
# ---------------------------------------------------------------------------

@event_priority(0)  # before mkdocs-static-i18n (-100) starts the next language's build
def write_site_files(config):
    """Social card and robots.txt (once, in the original's build; archived versions not to be crawled);
    the language's PDF if asked for."""
    build, site_dir = current_build(config), Path(config.site_dir)
    if build.language == languages.DEFAULT:
        social_card.write_card(site_dir, build.article)
        archived = build.latest_url != build.article["site_url"]  # an archived version's robots.txt is not read
        robots.write_robots(site_dir, config.site_url, "" if archived else release.VERSIONS_DIR)
    if build.pdf:
        pdf.print_language(site_dir, build.language, build.record, build.strings)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def split_search_index(config):
    """One search index per language."""
    plugin = config.plugins.get("i18n")
    if plugin is not None and not getattr(plugin, "building", False):  # not inside the nested builds
        search_split.split_index(Path(config.site_dir))


@event_priority(-204)  # after every language's build: both books were started
def write_books(config):
    """Each language's EPUB, written once pandoc is done."""
    plugin = config.plugins.get("i18n")
    if plugin is None or not getattr(plugin, "building", False):
        for build in current_run(config).builds.values():
            if build.epub is not None:
                epub.finish(Path(config.site_dir), build.language, build.epub)


@event_priority(-205)  # after the split: each language's search index and sitemap are written
def write_offline_files(config):
    """The service worker and what "save for offline" stores per language (the latest release only)."""
    plugin, run = config.plugins.get("i18n"), current_run(config)
    build = run.builds[languages.DEFAULT]
    if (plugin is None or not getattr(plugin, "building", False)) and build.latest_url == build.article["site_url"]:
        offline.write_offline_files(Path(config.site_dir), build.docs_dir, build.release["version"], run.strings)


@event_priority(-210)  # last, once: the assets are shared by both languages
def minify_own_assets(config):
    """The edition's own scripts and stylesheet, minified (first-visit weight)."""
    plugin = config.plugins.get("i18n")
    if plugin is None or not getattr(plugin, "building", False):
        minify.minify_assets(Path(config.docs_dir), Path(config.site_dir))


@event_priority(-220)  # after everything: the redirect stubs (mkdocs-redirects, 0) and both languages are written
def protect_pages(config):
    """Every HTML file gets its Content-Security-Policy, hashing the inline scripts it finally holds."""
    plugin = config.plugins.get("i18n")
    if plugin is None or not getattr(plugin, "building", False):
        csp.protect_site(Path(config.site_dir), serving=os.environ.get(SERVING) == "1")


on_post_build = CombinedEvent(write_site_files, split_search_index, write_books, write_offline_files,
                              minify_own_assets, protect_pages)
