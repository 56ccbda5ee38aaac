"""The plugins' priorities that hooks/pipeline.py places its steps around are the installed plugins' own, and its
steps run where its reasons say, in the order MkDocs itself sorts every event (mkdocs.yml loaded, nothing built)."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config

from support import ROOT

import pipeline

# (event, what runs first, what runs after it): a step of the pipeline by its name, a plugin by MkDocs' name.
ORDER = [
    ("config", "read_inputs", "bibtex"),  # references.bib and the style checked and chosen before bibtex reads them
    ("config", "bibtex", "start_background_work"),  # its registry is built
    ("config", "start_background_work", "i18n"),  # before i18n sets up the next language
    ("files", "check_pages", "i18n"),  # before i18n renames the files: problems name the real file
    ("files", "i18n", "add_downloads"),  # the language's files in place
    ("files", "redirects", "localize_redirects"),  # after redirects has read its map and the pages
    ("files", "i18n", "localize_redirects"),
    ("env", "on_env", "i18n"),  # the template cache set before i18n adds its extension, before any template loads
    ("page_markdown", "bibtex", "add_reading_aids"),  # citations formatted
    ("page_markdown", "add_reading_aids", "link_reference_footnotes"),
    ("page_markdown", "link_reference_footnotes", "fill_bibliography"),
    ("page_markdown", "fill_bibliography", "fill_changelog"),
    ("page_context", "i18n", "give_page_context"),  # i18n only adds its own keys
    ("page_context", "give_page_context", "assemble_print_page"),
    ("template_context", "i18n", "on_template_context"),
    ("post_build", "write_site_files", "i18n"),  # before i18n builds the next language
    ("post_build", "build_only_served_languages", "i18n"),  # the languages not served: i18n does not build them
    ("post_build", "i18n", "finish_site"),  # every language built, the search index merged
    ("post_build", "redirects", "finish_site"),  # the redirect stubs written, so they get the policy too
]


@pytest.fixture(scope="module")
def plugins():
    """mkdocs.yml as MkDocs loads it: its plugins, and every event's handlers in the order MkDocs runs them."""
    return load_config(config_file=str(ROOT / "mkdocs.yml")).plugins


def handler_name(handler, plugins) -> str:
    owner = getattr(handler, "__self__", None)
    return next((name for name, plugin in plugins.items() if plugin is owner), None) or handler.__name__


def hook_events() -> set[str]:
    """The events hooks/pipeline.py handles ("config", "files", ...)."""
    return {name.removeprefix("on_") for name in vars(pipeline) if name.startswith("on_")}


@pytest.mark.parametrize("name,event", [(name, event) for name, events in pipeline.PLUGIN_PRIORITIES.items()
                                        for event in events])
def test_plugin_priority_is_the_plugins_own(plugins, name, event):
    """Each priority pipeline.PLUGIN_PRIORITIES states is the one the installed plugin declares."""
    assert name in plugins, f"mkdocs.yml configures no plugin {name!r}"
    handler = getattr(plugins[name], event, None)
    assert handler is not None, f"{name} no longer handles {event}"
    assert getattr(handler, "mkdocs_priority", 0) == pipeline.PLUGIN_PRIORITIES[name][event], \
        f"{name}.{event} runs at {getattr(handler, 'mkdocs_priority', 0)} now"


def test_every_plugin_step_beside_the_pipeline_is_stated(plugins):
    """Every plugin's handler of an event the pipeline also handles is in pipeline.PLUGIN_PRIORITIES (a new one of a
    new version fails here, naming it)."""
    events = hook_events()
    assert {"config", "files", "page_markdown", "page_context", "post_build"} <= events
    unstated = sorted(f"{handler_name(handler, plugins)}.on_{event}" for event in events
                      for handler in plugins.events[event] if getattr(handler, "__self__", None) is not None
                      and f"on_{event}" not in pipeline.PLUGIN_PRIORITIES.get(handler_name(handler, plugins), {}))
    assert not unstated, f"plugin steps the pipeline does not state: {unstated}"


def test_every_pipeline_event_states_its_priority():
    """Every event function of hooks/pipeline.py (each step of a combined one too) carries a priority."""
    steps = []
    for name, value in vars(pipeline).items():
        if name.startswith("on_"):
            steps += getattr(value, "methods", [value])
    assert len(steps) >= 16
    missing = [step.__name__ for step in steps if not hasattr(step, "mkdocs_priority")]
    assert not missing, f"steps without a priority: {missing}"


@pytest.mark.parametrize("event,first,then", ORDER, ids=[f"{e}:{a}<{b}" for e, a, b in ORDER])
def test_steps_run_where_their_reasons_say(plugins, event, first, then):
    """MkDocs runs the two in this order at this event (its own sort of every handler's priority)."""
    names = [handler_name(handler, plugins) for handler in plugins.events[event]]
    assert first in names and then in names, names
    assert names.index(first) < names.index(then), f"on_{event}: {names}"
