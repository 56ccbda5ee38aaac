"""The build code keeps the rules a maintainer relies on (hooks/README.md): one registered hook that
states the pipeline, steps without events of their own, no module-level mutable state, imports at the top;
each fact in one place (page names, language facts, the edition's words), each input read in one place
(environment variables, Markdown headings, citations), other packages' internals through their adapter. Each
rule is a function that names what breaks it; test_rules_catch_planted_violations shows each one failing."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys

import pytest
import yaml

from support import ROOT

from edition.inputs import i18n_adapter

STEP_MODULES = sorted((ROOT / "hooks" / "edition").rglob("*.py"))
BUILD_MODULES = STEP_MODULES + [ROOT / "hooks" / "pipeline.py"]
TEST_MODULES = sorted(path for path in (ROOT / "tests").rglob("*.py") if "npm" not in path.parts)
LANGUAGES = [code for code, _ in i18n_adapter.languages_in(ROOT / "mkdocs.yml")]
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


# The one exception to "imports at the top": what only a PDF build needs (BUILD_PDF=1), imported where it is used.
LAZY_IMPORTS = {"edition/output/pdf.py": {"playwright", "pypdf"}}


def inner_imports(source: str, allowed: set[str] = frozenset()) -> list[str]:
    """Imports inside a function, but of the packages in ``allowed`` (and their submodules)."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or "."] if node.level == 0 else ["."]
            else:
                continue
            if any(name.split(".")[0] not in allowed for name in names):
                found.append(f"line {node.lineno} ({', '.join(names)})")
    return found


@pytest.mark.parametrize("path", STEP_MODULES + [ROOT / "hooks" / "pipeline.py"], ids=module_id)
def test_imports_at_the_top(path):
    """No import inside a function (an import in a thread or a lazy import hides a missing dependency), but
    Playwright and pypdf in edition/output/pdf.py, which only a PDF build needs."""
    inner = inner_imports(path.read_text(encoding="utf-8"), LAZY_IMPORTS.get(module_id(path), set()))
    assert not inner, f"hooks/{module_id(path)}: import inside a function at {', '.join(inner)}"


def test_the_lazy_import_rule_catches_others():
    """The exception holds for those packages in that module only: any other import inside a function is named."""
    lazy = "def f():\n    from playwright.sync_api import sync_playwright\n    import pypdf.generic\n"
    assert inner_imports(lazy, LAZY_IMPORTS["edition/output/pdf.py"]) == []
    assert inner_imports(lazy) == ["line 2 (playwright.sync_api)", "line 3 (pypdf.generic)"]
    assert inner_imports("def f():\n    import bs4\n", LAZY_IMPORTS["edition/output/pdf.py"]) == ["line 2 (bs4)"]
    assert inner_imports("def f():\n    from . import pages\n", {"playwright"}) == ["line 2 (.)"]


def test_build_code_imports_no_pdf_tools():
    """Importing the build code (what every `mkdocs build` and `mkdocs serve` start does) imports neither
    Playwright nor pypdf: only a build that prints the PDF pays for them."""
    probe = ("import sys; import pipeline; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'playwright', 'pypdf'}))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT / "hooks", capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")}, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]", f"importing hooks/pipeline.py imports {result.stdout.strip()}"


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


# What a module may not make at import: an object that holds values a later build would find (containers, caches,
# executors, sessions); the one object that outlives a build (edition/kept.py) is made once, by hooks/pipeline.py,
# as KEPT. (Literal containers at module level are constants: test_no_module_level_mutable_state holds them so.)
STATEFUL = {"Kept", "dict", "list", "set", "defaultdict", "Counter", "OrderedDict", "deque", "ThreadPoolExecutor",
            "ProcessPoolExecutor", "Lock", "RLock", "Session", "SimpleNamespace", "WeakValueDictionary", "Queue"}
KEPT_MODULE, KEPT_NAME = "pipeline.py", "KEPT"
MEMOIZERS = {"lru_cache", "cache", "cached_property"}


def state_kept_at_import(source: str, may_keep: bool = False) -> list[str]:
    """What a module makes at import that could carry a value from one build to the next: a container, cache,
    executor or session made at module level (but the one ``KEPT = Kept()`` where ``may_keep``), a memoizing
    decorator."""
    found, kept = [], []
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call):
            callee = ast.unparse(node.value.func).split(".")[-1]
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [ast.unparse(target) for target in targets]
            if callee == "Kept" and may_keep and names == [KEPT_NAME]:
                kept.append(node.lineno)
            elif callee in STATEFUL:
                found.append(f"line {node.lineno}: {', '.join(names)} = {ast.unparse(node.value.func)}(...)")
    found += [f"line {line}: a second Kept" for line in kept[1:]]
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for decorator in function.decorator_list:
                name = ast.unparse(decorator.func if isinstance(decorator, ast.Call) else decorator).split(".")[-1]
                if name in MEMOIZERS:
                    found.append(f"line {decorator.lineno}: @{name} on {function.name}")
    return found


@pytest.mark.parametrize("path", BUILD_MODULES, ids=module_id)
def test_one_object_outlives_a_build(path):
    """Nothing made at import keeps a value between builds (no container, cache, executor or session made at module
    level, no memoizing decorator), but the one ``KEPT`` that hooks/pipeline.py makes (edition/kept.py: values
    under the hash of their inputs)."""
    found = state_kept_at_import(path.read_text(encoding="utf-8"), may_keep=module_id(path) == KEPT_MODULE)
    assert not found, f"hooks/{module_id(path)} keeps state at import: " + "; ".join(found)


def test_pipeline_makes_the_one_kept():
    """hooks/pipeline.py makes ``KEPT`` once; the rule names a second one, one in a step module, a cache made at
    import and a memoized function."""
    source = (ROOT / "hooks" / "pipeline.py").read_text(encoding="utf-8")
    assert source.count("= Kept(") == 1 and "\nKEPT = Kept()" in source
    assert state_kept_at_import("KEPT = Kept()\n", may_keep=True) == []
    assert state_kept_at_import("KEPT = Kept()\n") == ["line 1: KEPT = Kept(...)"]
    assert state_kept_at_import("KEPT = Kept()\nOTHER = Kept()\n", may_keep=True) == ["line 2: OTHER = Kept(...)"]
    assert state_kept_at_import("import collections\nSEEN = collections.defaultdict(list)\n") == \
        ["line 2: SEEN = collections.defaultdict(...)"]
    assert state_kept_at_import("import re\nPATTERN = re.compile('x')\nSHEET = Path('a').with_name('b')\n") == []
    assert state_kept_at_import("import requests\nSESSION = requests.Session()\n") == \
        ["line 2: SESSION = requests.Session(...)"]
    assert state_kept_at_import("import functools\n@functools.lru_cache(maxsize=None)\ndef f(x):\n    return x\n") \
        == ["line 2: @lru_cache on f"]


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
        table = {language: set(STRINGS[language]) for language in LANGUAGES}
    else:
        used = set(re.findall(r"\bstrings\.([a-z_]+)", text))
        table = {language: set(STRINGS[language]["script"]) for language in LANGUAGES}
    for language, keys in table.items():
        assert used <= keys, f"{path.name} uses {sorted(used - keys)} missing from strings.yml ({language})"


# ---------------------------------------------------------------- each fact once, each input read once

# Names of software and formats a template may write as they are (no words to translate).
PROPER_NAMES = ("Material for MkDocs", "MkDocs", "BibTeX", "APA 7", "RIS")
# The special pages and download names, which edition/pages.py names (as files, folders and downloads).
PAGE_NAME_RE = re.compile(r"\b(?:index|daftar-pustaka|data|singkatan|cetak|tentang|riwayat-perubahan)\.md\b|"
                          r"\briwayat\.yml\b|\bunduh/|kartu-sosial|artikel\.(?:bib|ris)\b|artikel-lengkap")
# What a language is called by a consumer: written in strings.yml's locale blocks only.
LOCALE_FORMS = re.compile(r"^(?:[a-z]{2}[-_][A-Z]{2}|indonesian|english)$")
HEADING_PATTERN_RE = re.compile(r"#\{1,6\}|^\^\(?#")  # a regular expression for Markdown headings
CITATION_PATTERN_RE = re.compile(r"@\((?:\?P<\w+>)?\[")  # a regular expression capturing a cited key after "@"
ENVIRONMENT_READS = {"get", "getenv", "__getitem__"}
# Attributes of the plugins' objects that only their adapters touch.
PLUGIN_INTERNALS = {"building", "current_language", "doc_pages", "norm_src_uri", "last_configured", "_inline_cache",
                    "_reference_cache", "i18n_files_per_language"}


def template_prose(text: str) -> list[str]:
    """The words a template writes itself rather than taking them from strings.yml: its text and the text of the
    attributes readers see, without Jinja, comments and scripts, and but the names of software and formats."""
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>", " ", text,
                  flags=re.S)
    shown = re.findall(r'\b(?:alt|title|aria-label|placeholder)="([^"]*)"', text)
    words = []
    for part in [re.sub(r"<[^>]*>", " ", text), *shown]:
        for name in PROPER_NAMES:
            part = part.replace(name, " ")
        words += re.findall(r"[^\W\d_]{2,}", re.sub(r"&#?\w+;", " ", part))
    return words


def code_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant of a module's code, f-strings' literal parts too, but docstrings."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def page_names(source: str) -> list[str]:
    """A special page or download named outside edition/pages.py."""
    return [f"line {line}: {text!r}" for line, text in code_strings(source) if PAGE_NAME_RE.search(text)]


def language_facts(source: str) -> list[str]:
    """A language's code compared or listed, or what a consumer calls it, outside strings.yml and mkdocs.yml."""
    found = [f"line {line}: {text!r}" for line, text in code_strings(source) if LOCALE_FORMS.match(text)]
    for node in ast.walk(ast.parse(source)):
        operands = ([node.left, *node.comparators] if isinstance(node, ast.Compare)
                    else node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [])
        codes = [o.value for o in operands if isinstance(o, ast.Constant) and o.value in LANGUAGES]
        if codes and (isinstance(node, ast.Compare) or len(codes) > 1):
            found.append(f"line {node.lineno}: {codes} compared or listed")
    return found


def heading_patterns(source: str) -> list[str]:
    """A regular expression for Markdown headings outside the one heading parser (edition/inputs/heading_ids.py)."""
    return [f"line {line}: {text!r}" for line, text in code_strings(source) if HEADING_PATTERN_RE.search(text)]


def citation_patterns(source: str) -> list[str]:
    """A regular expression for cited keys outside the one reader of citations (edition/citations/formatting.py,
    through the one parser of citation blocks in bibtex_adapter.py, mkdocs-bibtex's grammar)."""
    return [f"line {line}: {text!r}" for line, text in code_strings(source) if CITATION_PATTERN_RE.search(text)]


def environment_reads(source: str) -> list[str]:
    """An environment variable read outside edition/inputs/environment.py (os.environ handed on is no read)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "getenv":
            found.append(f"line {node.lineno}: os.getenv")
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif (isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT_READS
              and ast.unparse(node.value).endswith("environ")):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def plugin_internals(source: str) -> list[str]:
    """A plugin reached outside its adapter: config.plugins, or an attribute of a plugin's own state."""
    tree = ast.parse(source)
    modules = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
               if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and (node.attr == "plugins" or node.attr in PLUGIN_INTERNALS) \
                and not (isinstance(node.value, ast.Name) and node.value.id in modules):
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Call) and ast.unparse(node.func) == "getattr" and len(node.args) > 1 \
                and isinstance(node.args[1], ast.Constant) and node.args[1].value in PLUGIN_INTERNALS:
            found.append(f"line {node.lineno}: getattr(..., {node.args[1].value!r})")
    return found


RULES = {  # rule -> (checker, the modules it holds for, the modules it exempts: path below the root -> why)
    "page names in edition/pages.py": (page_names, BUILD_MODULES, {"hooks/edition/pages.py": "the table itself"}),
    "language facts in mkdocs.yml and strings.yml": (language_facts, BUILD_MODULES, {}),
    "one heading parser": (heading_patterns, BUILD_MODULES + TEST_MODULES,
                           {"hooks/edition/inputs/heading_ids.py": "the parser itself",
                            "tests/inputs/test_build_code_rules.py": "this rule's own pattern"}),
    "one reader of citations": (citation_patterns, BUILD_MODULES + TEST_MODULES,
                                {"hooks/edition/citations/bibtex_adapter.py": "the parser itself",
                                 "tests/inputs/test_build_code_rules.py": "this rule's own pattern"}),
    "environment read in one step": (environment_reads, BUILD_MODULES,
                                     {"hooks/edition/inputs/environment.py": "the one reader"}),
    "plugins through their adapters": (plugin_internals, BUILD_MODULES,
                                       {f"hooks/edition/{stage}/{name}_adapter.py": "the adapter"
                                        for stage, name in (("citations", "bibtex"), ("inputs", "i18n"),
                                                            ("output", "redirects"))}),
}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_templates_write_no_words_of_their_own(path):
    """A template's words, in every language, come from strings.yml: no prose of its own (the 404 page and the
    translation notice wrote theirs by hand)."""
    words = template_prose(path.read_text(encoding="utf-8"))
    assert not words, f"{path.relative_to(ROOT)} writes words of its own: {' '.join(words[:12])}"


@pytest.mark.parametrize("rule,path", [(rule, path) for rule, (_, paths, _) in RULES.items() for path in paths],
                         ids=lambda value: value if isinstance(value, str) else value.relative_to(ROOT).as_posix())
def test_each_fact_and_each_input_in_one_place(rule, path):
    """Special pages and download names (edition/pages.py), language facts (mkdocs.yml, strings.yml), Markdown
    headings (edition/inputs/heading_ids.py), cited keys (edition/citations/formatting.py), environment variables
    (edition/inputs/environment.py) and the plugins' internals (their adapters) each in one place."""
    check, _, exempt = RULES[rule]
    relative = path.relative_to(ROOT).as_posix()
    if relative in exempt:
        return
    found = check(path.read_text(encoding="utf-8"))
    assert not found, f"{relative} breaks the rule '{rule}': {'; '.join(found)}"


PLANTED = {
    "page names in edition/pages.py": 'PAGE = "daftar-pustaka.md"\n',
    "language facts in mkdocs.yml and strings.yml": 'def f(language):\n    return language == "en"\n',
    "one heading parser": 'import re\nHEADING_RE = re.compile(r"^(#{1,6})\\s+(.*)$")\n',
    "one reader of citations": 'import re\nCITED_RE = re.compile(r"@([a-z0-9-]+)")\n',
    "environment read in one step": 'import os\nPDF = os.environ.get("BUILD_PDF")\n',
    "plugins through their adapters": 'def f(config):\n    return config.plugins.get("i18n").building\n',
}


# Further violations each rule must name: the forms a second parser or reader has taken (the output contract's own
# copy of the citation grammar, a read of SITE_ENGINE in the engine switch).
PLANTED_TOO = {
    "one reader of citations": ['import re\nKEY_RE = re.compile(r"@([\\w-]+)")\n',
                                'import re\nKEY_RE = re.compile(r"@(?P<key>[a-z0-9-]+)")\n'],
    "one heading parser": ['import re\nH1_RE = re.compile(r"^#\\s+(.+?)$", re.M)\n'],
    "environment read in one step": ['import os\ndef f(environ=None):\n'
                                     '    return (os.environ if environ is None else environ).get("SITE_ENGINE")\n'],
}
NOT_A_VIOLATION = {
    "one reader of citations": ['import re\nENTRY_START_RE = re.compile(r"^\\s*@(\\w+)\\s*\\{")\n'],  # a .bib entry
}


def test_rules_catch_planted_violations():
    """Each rule names a violation planted in a module, and the template rule a hand-written sentence."""
    assert set(PLANTED) == set(RULES)
    for rule, source in PLANTED.items():
        assert RULES[rule][0](source), f"the rule '{rule}' misses: {source}"
    for rule, sources in PLANTED_TOO.items():
        for source in sources:
            assert RULES[rule][0](source), f"the rule '{rule}' misses: {source}"
    for rule, sources in NOT_A_VIOLATION.items():
        for source in sources:
            assert not RULES[rule][0](source), f"the rule '{rule}' wrongly names: {source}"
    assert template_prose('<p lang="en">Page not found. {{ strings.search }}</p>') == ["Page", "not", "found"]
    assert template_prose('<button title="Copy link">{{ strings.copy_link }}</button>') == ["Copy", "link"]


def test_readme_map_matches_the_tree():
    """hooks/README.md's map names every module of each stage of edition/, and no module that is not there."""
    readme = (ROOT / "hooks" / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `edition/(\w+)/` \| ([^|]+) \|", readme, re.M))
    stages = {path.name for path in (ROOT / "hooks" / "edition").iterdir() if (path / "__init__.py").is_file()}
    assert set(rows) == stages, f"stages in the map {sorted(rows)}, in the tree {sorted(stages)}"
    for stage, names in rows.items():
        listed = set(re.findall(r"`(\w+)`", names))
        present = {path.stem for path in (ROOT / "hooks" / "edition" / stage).glob("*.py") if path.stem != "__init__"}
        assert listed == present, f"edition/{stage}/: the map lacks {sorted(present - listed)}, names " \
                                  f"{sorted(listed - present)} the tree lacks"
    beside = {path.name for path in (ROOT / "hooks" / "edition").glob("*.*") if path.name != "__init__.py"}
    assert all(f"`edition/{name}`" in readme for name in beside), sorted(beside)
