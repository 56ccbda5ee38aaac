"""The build code keeps the rules a maintainer relies on (hooks/README.md): one registered hook that
states the pipeline, steps without events of their own, no module-level mutable state, imports at the top."""

from __future__ import annotations

import ast
import re

import pytest
import yaml

from support import ROOT

STEP_MODULES = sorted((ROOT / "hooks" / "edition").rglob("*.py"))
MUTATING_METHODS = {"append", "extend", "insert", "clear", "update", "pop", "popitem", "setdefault", "add",
                    "discard", "remove"}


class Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV tags read as plain values."""


Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def module_id(path) -> str:
    return path.relative_to(ROOT / "hooks").as_posix()


def test_one_registered_hook():
    """mkdocs.yml registers exactly one hook, hooks/pipeline.py."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert config["hooks"] == ["hooks/pipeline.py"]


def test_pipeline_states_every_event_in_one_place():
    """Every MkDocs event the build handles is defined in hooks/pipeline.py, nowhere else."""
    tree = ast.parse((ROOT / "hooks" / "pipeline.py").read_text(encoding="utf-8"))
    events = {target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets
              if isinstance(target, ast.Name) and target.id.startswith("on_")}
    events |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")}
    assert {"on_config", "on_files", "on_page_markdown", "on_page_context", "on_post_build"} <= events


@pytest.mark.parametrize("path", STEP_MODULES, ids=module_id)
def test_step_module_has_no_event_of_its_own(path):
    """A step module defines no on_* function: only the pipeline decides when a step runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    events = [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")]
    assert not events, f"hooks/{module_id(path)} defines {events}"


@pytest.mark.parametrize("path", STEP_MODULES + [ROOT / "hooks" / "pipeline.py"], ids=module_id)
def test_imports_at_the_top(path):
    """No import inside a function (an import in a thread or a lazy import hides a missing dependency)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inner = [f"line {node.lineno}" for function in ast.walk(tree) if isinstance(function, ast.FunctionDef)
             for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert not inner, f"hooks/{module_id(path)}: import inside a function at {', '.join(inner)}"


@pytest.mark.parametrize("path", STEP_MODULES + [ROOT / "hooks" / "pipeline.py"], ids=module_id)
def test_no_module_level_mutable_state(path):
    """No function rebinds or mutates a module-level name (state goes through the Build object)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_names = {target.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                    for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                    if isinstance(target, ast.Name)}
    problems = []
    for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda))):
        local = {a.arg for a in function.args.args + function.args.kwonlyargs}
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                problems.append(f"line {node.lineno}: global {', '.join(node.names)}")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in MUTATING_METHODS and isinstance(node.func.value, ast.Name)
                  and node.func.value.id in module_names - local):
                problems.append(f"line {node.lineno}: {node.func.value.id}.{node.func.attr}()")
            elif isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                            and target.value.id in module_names - local):
                        problems.append(f"line {node.lineno}: {target.value.id}[...] assigned")
    assert not problems, f"hooks/{module_id(path)} mutates module-level state: " + "; ".join(problems)


STRINGS = yaml.safe_load((ROOT / "hooks" / "edition" / "strings.yml").read_text(encoding="utf-8"))
TEMPLATES = sorted((ROOT / "overrides").rglob("*.html"))
SCRIPTS = sorted((ROOT / "docs" / "assets").rglob("*.js"))


@pytest.mark.parametrize("path", TEMPLATES + SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_words_come_from_the_strings_table(path):
    """Templates and scripts take the edition's words from hooks/edition/strings.yml, never `if en else`."""
    text = re.sub(r"\{#.*?#\}|/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)  # not comments
    assert " if en else " not in text and "EN ?" not in text, f"{path.name} chooses words by language itself"
    if path.suffix == ".html":
        used = set(re.findall(r"\bstrings\.([a-z_]+)", text))
        table = {language: set(STRINGS[language]) for language in ("id", "en")}
    else:
        used = set(re.findall(r"\bstrings\.([a-z_]+)", text))
        table = {language: set(STRINGS[language]["script"]) for language in ("id", "en")}
    for language, keys in table.items():
        assert used <= keys, f"{path.name} uses {sorted(used - keys)} missing from strings.yml ({language})"
