"""The build, in the order it runs: the one hook that mkdocs.yml registers.

Read it top to bottom. Each MkDocs event below lists its steps in the order they run, with the priority that
places them among the plugins' own steps (named below) and the reason. The steps themselves are plain functions
in ``edition/`` (inputs, citations, citing, reading_aids, output); none of them registers an event, and this
module holds no logic of its own: it reads the inputs once, hands each step what it needs, and stores what a
step returns for the next. mkdocs-static-i18n builds the site once per language: everything below runs for the
Indonesian original, then again for each translation, inside the original's ``on_post_build``.

State is passed, not shared: a ``Run`` (every language) holds the inputs, each read once, and one ``Build`` per
language, created fresh in that language's first step. The one place that stores the ``Run`` between events is
the configuration object MkDocs hands every event (``RUN_ATTRIBUTE``); a new ``mkdocs build`` or a ``mkdocs
serve`` rebuild loads a new configuration, and so starts a new ``Run``. The one exception, ``KEPT``: what a build
computes that the next build of the same process would compute again (compiled templates, print sections, page
policies), each kept under the hash of what it is made from (edition/kept.py), handed to the steps that use it.

MkDocs imports this module once per process: after editing build code, restart ``mkdocs serve`` (it does not
watch hooks/).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from jinja2 import Environment
from mkdocs.utils.templates import TemplateContext

from edition import pages
from edition.kept import Kept, TemplateCache
from edition.citations import bibliography, formatting, hover, style
from edition.citations import bibtex_adapter as bibtex
from edition.citations.bibtex_text import bib_path
from edition.citing import article, changelog, cite_box, downloads, head_metadata, reader_view, record, release
from edition.citing import social_card
from edition.inputs import bib_check, citation_file, environment, heading_ids, i18n_adapter, input_files, languages
from edition.inputs import markers, site_nav, twins
from edition.output import (alternates, bundle, csp, epub, generated, minify, not_found, offline, pdf, redirects,
                            robots, script_loading, search_split, theme_markup, whitespace)
from edition.reading_aids import crossref, data_page, figures, glossary, print_page
from edition.state import Build, Run

RUN_ATTRIBUTE = "edition_run"
KEPT = Kept()  # the one object that outlives a build: edition/kept.py says what it keeps, and why that is safe

# Content placeholders (<!-- insert: NAME [ARGUMENT] -->): name -> the page it belongs on (None: any page).
MARKERS = {
    "bibliography": pages.BIBLIOGRAPHY,
    "glossary": pages.GLOSSARY,
    "numbers": pages.DATA,
    "timeline": pages.DATA,
    "whole-article": pages.PRINT,
    "chart": None,  # ARGUMENT: a figure of edition.reading_aids.figures.FIGURES
    "chart-data": None,
    "changelog": pages.CHANGELOG,
}
MARKER_ARGUMENTS = {"chart": figures.FIGURES, "chart-data": figures.FIGURES}  # the others take none

# ---------------------------------------------------------------------------
# Priorities: a higher one runs first; at equal priority the plugins' steps run before this hook's. The plugins'
# own, as their code declares them (tests/inputs/test_plugin_priorities.py reads each from the installed plugin):
# ---------------------------------------------------------------------------
PLUGINS = 0  # mkdocs-bibtex, mkdocs-redirects and search declare none: bibtex reads references.bib (on_config)
#              and writes "(Author, Year)" and the footnotes (on_page_markdown); redirects reads its map (on_files)
#              and writes its stubs (on_post_build); search writes its index (on_post_build); mkdocs-static-i18n
#              adds a Jinja extension (on_env)
I18N_PAGE = 50  # mkdocs-static-i18n adds its own keys and alternates (on_page_markdown, on_page_context,
#                 on_template_context)
I18N_LANGUAGE = -100  # mkdocs-static-i18n sets up the language (on_config), puts its files in place (on_files),
#                       hands the page to with-pdf (on_post_page), builds the other languages and merges their
#                       search index (on_post_build)
PLUGIN_PRIORITIES = {  # plugin (as MkDocs names it) -> event -> its priority, for every event this hook handles
    "i18n": {"on_config": I18N_LANGUAGE, "on_files": I18N_LANGUAGE, "on_env": PLUGINS, "on_page_markdown": I18N_PAGE,
             "on_page_context": I18N_PAGE, "on_template_context": I18N_PAGE, "on_post_page": I18N_LANGUAGE,
             "on_post_build": I18N_LANGUAGE},
    "bibtex": {"on_startup": PLUGINS, "on_config": PLUGINS, "on_page_markdown": PLUGINS},
    "redirects": {"on_files": PLUGINS, "on_post_build": PLUGINS},
    "material/search": {"on_startup": PLUGINS, "on_config": PLUGINS, "on_page_context": PLUGINS,
                        "on_post_build": PLUGINS},
}
FIRST = PLUGINS + 100  # before every plugin
STEP = 10  # from one step of the build to the next at the same event


def after(priority: int, steps: int = 1) -> int:
    """The priority of the ``steps``-th step after one at ``priority``, at the same event."""
    return priority - steps * STEP


def current_run(config: MkDocsConfig) -> Run:
    return getattr(config, RUN_ATTRIBUTE)


def current_build(config: MkDocsConfig) -> Build:
    run = current_run(config)
    return run.builds[languages.current(config, run.languages)]


def every_template(build: Build) -> dict:
    """What every template of the language gets: its words, and the addresses of its about and offline pages."""
    return {"strings": build.strings, "about_url": build.locale.prefix + pages.url(pages.ABOUT),
            "offline_url": build.locale.prefix + pages.url(pages.OFFLINE)}


def source(page: Page, config: MkDocsConfig) -> str:
    """The page's language-neutral source below docs/ (``pendahuluan.md`` for ``pendahuluan.en.md`` too)."""
    return current_run(config).languages.neutral(page.file.src_uri)


@event_priority(PLUGINS)  # once per process, before any build; no plugin reads what it notes
def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, whose live reload injects an inline script into every page it serves, the pages'
    Content-Security-Policy allows inline scripts (edition/output/csp.py)."""
    environment.note_command(command, os.environ)


# ---------------------------------------------------------------------------
# on_config: read and check the inputs (once per run), then start the slow work in the background.
# ---------------------------------------------------------------------------

def new_run(config: MkDocsConfig, project: Path) -> Run:
    """Every input read once: the languages (mkdocs.yml's i18n plugin) and their words (strings.yml), the
    environment variables, CITATION.cff (the article and its release) and the change log."""
    edition_languages, strings = languages.read(i18n_adapter.languages(config))
    citation = citation_file.read(project, edition_languages.default)
    edition_release = release.load_release(citation)
    env = environment.read(os.environ, config.site_url, edition_languages.codes)
    return Run(project=project, docs_dir=Path(config.docs_dir), languages=edition_languages, strings=strings,
               environment=env, article=article.load_article(citation, config.site_url, config.docs_dir),
               release=edition_release, releases=changelog.load(Path(config.docs_dir), edition_release,
                                                                edition_languages),
               built=environment.served_languages(env, edition_languages.codes))


@event_priority(FIRST)  # before mkdocs-bibtex (PLUGINS) parses references.bib and builds its registry
def read_inputs(config: MkDocsConfig) -> MkDocsConfig:
    """In the run's first build: check that the edited files are UTF-8 and references.bib, read every input
    (``new_run``) and choose the language built first (under `mkdocs serve`, the one served, announced); then the
    language's APA style; a fresh Build with the record of the work its pages describe."""
    project = Path(config.config_file_path).parent
    run = getattr(config, RUN_ATTRIBUTE, None)
    if run is None:  # the run's first build (the original's, but when serving a translation alone)
        input_files.check_encoding(project)  # before anything reads them
        bib_check.check(bib_path(config))
        run = new_run(config, project)
        setattr(config, RUN_ATTRIBUTE, run)
        i18n_adapter.build_first(config, run.built[0], run.languages.default)
        if run.environment.serving:
            environment.announce_served(run.built, run.languages.codes, {
                locale.code: run.environment.site_url + locale.prefix for locale in run.languages.locales})
    locale = run.languages.locale(languages.current(config, run.languages))
    bibtex.use_style(config, str(style.localized_style(locale.csl)))
    strings = run.strings[locale.code]
    run.builds[locale.code] = Build(locale=locale, strings=strings, first=not run.builds,
                                    record=record.work(run.article, run.languages, locale.code, strings),
                                    pdf=pdf.pdf_path(locale.prefix, run.environment.build_pdf))
    not_found.one_not_found_page(config, run.builds[locale.code].first)
    return config


@event_priority(after(PLUGINS))  # after mkdocs-bibtex's on_config (its registry); before i18n's (I18N_LANGUAGE)
def start_background_work(config: MkDocsConfig) -> MkDocsConfig:
    """The bibliography held; one pandoc run for every citation (and, from the run's first build, the other built
    languages' on the other core); the figures' drawing processes."""
    run, build = current_run(config), current_build(config)
    build.entries = bibtex.entries(config)
    blocks = formatting.site_blocks(run.docs_dir, build.entries)
    bib_file, cache_dir = bib_path(config), run.caches / "citations"
    build.citations = formatting.start(blocks, bib_file, bibtex.plugin(config).config.csl_file, cache_dir,
                                       run.prefetch.pop(build.language, None))
    if build.first:
        translations = [run.languages.locale(code) for code in run.built if code != build.language]
        run.prefetch = formatting.prefetch(blocks, bib_file, style.localized_styles(translations), cache_dir)
    build.figures = figures.start_drawing(run.project, build.language, build.strings)
    return config


on_config = CombinedEvent(read_inputs, start_background_work)


# ---------------------------------------------------------------------------
# on_files: check every page at once, collect the formatted citations, add generated files.
# ---------------------------------------------------------------------------

@event_priority(PLUGINS)  # before mkdocs-static-i18n (I18N_LANGUAGE) renames files: problems name the real file
def check_pages(files: Files, config: MkDocsConfig) -> Files:
    """Each page's twin and the same IDs in both, the nav, redirects, abbreviations, the change log's links, and
    the headings, citation keys and markers of every page, reported together; then the citations."""
    run, build = current_run(config), current_build(config)
    sources = {file.src_uri: file.content_string for file in files.documentation_pages()}
    problems = twins.problems(sources, run.languages) + site_nav.problems(config, sources, run.languages)
    problems += redirects.problems(config, sources, run.languages)
    problems += glossary.problems(run.docs_dir, run.languages)
    problems += changelog.page_problems(run.releases, run.docs_dir, run.languages)
    for src, markdown in sources.items():
        problems += heading_ids.heading_problems(markdown, src)
        problems += formatting.unknown_keys(markdown, src, build.entries)
        problems += markers.problems(markdown, src, run.languages.neutral(src), MARKERS, MARKER_ARGUMENTS)
    if problems:
        raise PluginError("pages with problems:\n  " + "\n  ".join(problems))
    formatting.finish(config, build.citations, list(sources.values()))
    build.crossref_targets = crossref.targets(files, run.languages)
    build.glossary = glossary.definitions(run.docs_dir, build.language, run.languages)
    return files


@event_priority(after(I18N_LANGUAGE))  # after mkdocs-static-i18n has put the language's files in place
def add_downloads(files: Files, config: MkDocsConfig) -> Files:
    """The citation of the work the language's pages describe (``en/unduh/`` for the translation), the references,
    the figures' and the data page's data, the language's EPUB (its name now, so that links to it are checked as to
    any file; pandoc writes it after the pages: ``finish_site``); the scripts bundle (once, in the first build: every
    language shares it)."""
    run, build = current_run(config), current_build(config)
    files_written = {
        **cite_box.whole_work(build.record, build.strings, run.languages),
        **downloads.reference_downloads(bib_path(config), build.entries, run.languages),
        **figures.figure_downloads(build.figures),
        **data_page.data_downloads(run.project),
        **epub.placeholder(build.locale.prefix),
        **({bundle.BUNDLE: bundle.bundle_text(run.docs_dir, run.caches / "minified")} if build.first else {}),
    }
    generated.add(files, config, files_written, build.locale.prefix)
    return files


@event_priority(after(I18N_LANGUAGE, 2))  # after mkdocs-redirects (PLUGINS) and i18n have read and placed the files
def localize_redirects(files: Files, config: MkDocsConfig) -> Files:
    """A moved page redirects in every language."""
    run = current_run(config)
    redirects.localize(config, files, current_build(config).language, run.languages)
    return files


on_files = CombinedEvent(check_pages, add_downloads, localize_redirects)


# ---------------------------------------------------------------------------
# on_env: the templates' environment, before any template is loaded.
# ---------------------------------------------------------------------------

@event_priority(FIRST)  # before mkdocs-static-i18n's (PLUGINS), which adds an extension: no template is loaded yet
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Compiled templates kept, in the process and in .cache/templates/, under each template's source (Jinja
    compiles the theme's ninety templates again for every language and every build otherwise)."""
    env.bytecode_cache = TemplateCache(KEPT, current_run(config).caches / "templates")
    return env


# ---------------------------------------------------------------------------
# on_page_markdown: mkdocs-static-i18n (I18N_PAGE), mkdocs-bibtex (PLUGINS: "(Author, Year)" and footnotes) or,
# without it, the edition's own citation step, then the reading aids, the reference footnotes, the reference list
# and the change log.
# ---------------------------------------------------------------------------

@event_priority(PLUGINS)  # where mkdocs-bibtex runs (plugins first): after i18n, before every step below
def render_citations(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Without mkdocs-bibtex (mkdocs.yml does not enable it): [@key] as "(Author, Year)[^key]" and the page's
    reference footnotes, written as the plugin writes them; with it, nothing (edition/citations/bibtex_adapter.py)."""
    return bibtex.render(markdown, page.file.src_uri, config)


@event_priority(PLUGINS)  # after mkdocs-bibtex or render_citations (listed before it): citations are formatted
def add_reading_aids(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Figures and their data, the data page's tables, abbreviations, links to figures and tables."""
    run, build = current_run(config), current_build(config)
    markdown = figures.fill(markdown, build.figures, build.locale, build.strings)
    markdown = data_page.fill(markdown, run.project, run.docs_dir, build.entries, build.locale, build.strings)
    markdown = glossary.fill(markdown, build.glossary, build.strings)
    return crossref.link_references(markdown, source(page, config), build.crossref_targets)


@event_priority(after(PLUGINS))  # after mkdocs-bibtex (or render_citations) has written its footnotes
def link_reference_footnotes(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Each reference footnote links to its entry in the list; the page's references get a heading."""
    return formatting.link_footnotes(markdown, source(page, config), config, current_build(config).strings)


@event_priority(after(PLUGINS, 2))  # after the footnotes: the list's backlinks read the finished pages' citations
def fill_bibliography(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The whole reference list, in APA order, with the sections citing each entry."""
    run, build = current_run(config), current_build(config)
    return bibliography.fill(markdown, bibtex.references(bibtex.registry(config)), files, build.language,
                             run.languages, build.strings)


@event_priority(after(PLUGINS, 3))  # still Markdown, so that MkDocs checks (strict) every link to a section
def fill_changelog(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The change log page: every release, newest first, from docs/riwayat.yml, in the page's language."""
    run, build = current_run(config), current_build(config)
    return markers.fill(markdown, "changelog", lambda _: changelog.entries_markdown(
        run.releases, run.docs_dir, build.language, page.url, run.environment.latest_url, build.strings,
        run.environment.versions, run.languages))


on_page_markdown = CombinedEvent(render_citations, add_reading_aids, link_reference_footnotes, fill_bibliography,
                                 fill_changelog)


# ---------------------------------------------------------------------------
# on_page_content, on_page_context, on_template_context, on_post_page: the page's HTML and template.
# ---------------------------------------------------------------------------

@event_priority(PLUGINS)  # no plugin handles the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """"(Author, Year)" itself opens the reference (Material's footnote tooltip); permalinks keep
    their "¶" out of the text reader views extract (the stylesheet draws it)."""
    return reader_view.permalink_glyphs(hover.link_citations(html))


@event_priority(PLUGINS)  # after mkdocs-static-i18n's (I18N_PAGE), which only adds its own keys
def give_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Head metadata, cite box, interface strings, PDF and EPUB links and the page's version for the page's
    templates; an archived version names the latest as the canonical page."""
    run, build = current_run(config), current_build(config)
    env = run.environment
    context["head_metadata"] = head_metadata.page_metadata(page, nav, config.site_name, build.record, run.languages,
                                                           build.entries, build.pdf)
    context["cite_box"] = cite_box.page_cite_box(page, build.record, build.strings, run.languages)
    context.update(every_template(build))
    context["pdf"] = build.pdf
    context["epub"] = epub.book_path(build.locale.prefix) if env.writes_books else ""
    context["edition_version"] = version = release.page_version(
        page.url, build.locale.prefix, run.release, env.site_url, env.latest_url, env.repository_url, build.strings,
        env.versions)
    page.canonical_url = release.canonical_url(version, page.canonical_url)
    return context


@event_priority(after(PLUGINS))  # after the page's own context: every other page of the language is rendered
def assemble_print_page(context: TemplateContext, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
    """The print page holds a cover (shown in print) and the whole article, and loads no script."""
    run, build = current_run(config), current_build(config)
    print_page.assemble(context, page, nav, run.languages, build.record, build.strings, run.release, KEPT)
    return context


@event_priority(after(PLUGINS, 2))  # after the print page is assembled: the pages it holds are final
def start_book(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """On the print page: the language's EPUB, from the pages the print page holds and the abbreviations, written by
    pandoc on the other core while the build goes on (not under `mkdocs serve`: Environment.writes_books)."""
    run, build = current_run(config), current_build(config)
    if source(page, config) == pages.PRINT and run.environment.writes_books:
        build.epub = epub.start(nav, page, run.languages, build.locale, build.record, build.strings, run.release,
                                config.copyright or "", run.caches / "epub")
    return context


on_page_context = CombinedEvent(give_page_context, assemble_print_page, start_book)


@event_priority(PLUGINS)  # after mkdocs-static-i18n's (I18N_PAGE), which only adds its own keys
def on_template_context(context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
    """Static templates (404.html, sitemap.xml) get the interface strings too; the not-found page every
    language's words (it speaks them all)."""
    run, build = current_run(config), current_build(config)
    context.update(every_template(build))
    context.update(not_found.template_context(template_name, run.languages, run.strings))
    return context


@event_priority(PLUGINS)  # before mkdocs-static-i18n's (I18N_LANGUAGE), which only hands the page to with-pdf
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """No <link rel=alternate hreflang> in heads (see edition/output/alternates.py); Material's three
    attributes the HTML checker rejects, repaired (edition/output/theme_markup.py); scripts deferred, so
    that they do not hold up the first paint (edition/output/script_loading.py); the templates' indentation
    dropped (edition/output/whitespace.py)."""
    where = f"{page.file.src_uri} ({current_build(config).language})"
    output = alternates.drop_alternate_links(output)
    return whitespace.compact(script_loading.defer_scripts(theme_markup.repair(output, where), where))


@event_priority(PLUGINS)  # no plugin handles the static templates' output
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The static pages (404.html) get the same repairs of Material's markup, and deferred scripts."""
    if not template_name.endswith(".html"):
        return output_content
    return script_loading.defer_scripts(theme_markup.repair(output_content, template_name), template_name)


# ---------------------------------------------------------------------------
# on_post_build: files written once, the PDF, then (after every language) the site finished.
# ---------------------------------------------------------------------------

@event_priority(PLUGINS)  # before mkdocs-static-i18n (I18N_LANGUAGE) starts the next language's build
def write_site_files(config: MkDocsConfig) -> None:
    """Social card and robots.txt (once, in the first build; an archived version's robots.txt is not read,
    so it disallows nothing); the language's PDF if asked for."""
    run, build, site_dir = current_run(config), current_build(config), Path(config.site_dir)
    if build.first:
        social_card.write_card(site_dir, run.article, run.strings[run.languages.default]["edition"], KEPT,
                               run.caches / "social-card")
        robots.write_robots(site_dir, config.site_url, "" if run.environment.archived else pages.VERSIONS)
    if build.pdf:
        pdf.print_language(site_dir, build.record, build.strings, run.environment.browser_path)


@event_priority(after(PLUGINS))  # before mkdocs-static-i18n (I18N_LANGUAGE) builds the other languages
def build_only_served_languages(config: MkDocsConfig) -> None:
    """Under `mkdocs serve`, the languages not served are not built after this one (SERVE_LANGUAGE)."""
    i18n_adapter.build_no_other_language(config, current_run(config).built)


@event_priority(after(I18N_LANGUAGE))  # after mkdocs-static-i18n has built every language and merged the index,
def finish_site(config: MkDocsConfig) -> None:  # and mkdocs-redirects (PLUGINS) has written its stubs
    """Once every language is built (in the first build, after the others'; the Run's, since the language
    built last is no longer the first): one search index per language; for the latest release (an archived one has
    none), the service worker and what "save for offline" stores in each language (its pages, their files, its search
    index and sitemap); the edition's own scripts and stylesheet minified (first-visit weight); every HTML file's
    Content-Security-Policy, hashing the inline scripts it finally holds (the last step that writes HTML); last, each
    language's EPUB, once pandoc is done (it has run on the other core meanwhile)."""
    if i18n_adapter.building_other_languages(config):
        return
    run, site_dir = current_run(config), Path(config.site_dir)
    search_split.split_index(site_dir, run.languages, run.built)
    if not run.environment.archived:
        offline.write_offline_files(site_dir, run.docs_dir, run.release.version, run.languages, run.strings,
                                    run.built, run.caches / "minified")
    minify.minify_assets(run.docs_dir, site_dir, run.caches / "minified")
    csp.protect_site(site_dir, serving=run.environment.serving, kept=KEPT, cache_dir=run.caches / "policies")
    for build in run.builds.values():
        epub.finish(site_dir, build.locale.prefix, build.epub)


on_post_build = CombinedEvent(write_site_files, build_only_served_languages, finish_site)
