"""Deployment: workflows, the site under its Pages subpath, 404, sitemap, robots.txt,
no third-party requests, the weight budget, and one pandoc run per build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
import yaml
from bs4 import BeautifulSoup

from support import ALL_PAGES, PAGES, ROOT, TEST_SITE_URL, copy_project, engine, page_id_for

from bench.weight import BUDGET, page_loads, page_weights

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SHA_PIN_RE = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$")


def actionlint() -> str:
    return shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow):
    """actionlint finds nothing wrong in the workflow."""
    result = subprocess.run([actionlint(), "-no-color", str(workflow)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """actionlint fails on a workflow with an undefined job dependency (the lint can fail)."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    needs: nope\n    runs-on: ubuntu-24.04\n    steps:\n      - run: true\n")
    result = subprocess.run([actionlint(), "-no-color", str(broken)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "nope" in result.stdout


def load_workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_pinned_to_commit_sha(workflow):
    """Every action is pinned to a full commit SHA with its version in a comment."""
    uses = [line.split("uses:", 1)[1].strip() for line in workflow.read_text().splitlines() if "uses:" in line]
    assert uses, "no actions used?"
    bad = [u for u in uses if not SHA_PIN_RE.match(u)]
    assert not bad, bad


def test_pages_workflow_contract():
    """Deploys from main with least privilege; pull requests build and test only."""
    flow = load_workflow("pages.yml")
    text = (ROOT / ".github/workflows/pages.yml").read_text()
    assert flow["on"]["push"]["branches"] == ["main"] and "pull_request" in flow["on"] and "workflow_dispatch" in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    assert "concurrency" in flow and "SITE_URL" in flow["env"]
    test, build, deploy = flow["jobs"]["test"], flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "permissions" not in build and "permissions" not in test
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages" and deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert build["needs"] == "test", "the site would deploy without its tests passing"
    assert all("timeout-minutes" in job for job in flow["jobs"].values())
    tests = " ".join(step.get("run", "") for step in test["steps"])
    runs = " ".join(step.get("run", "") for step in build["steps"])
    for job_runs in (tests, runs):
        assert ".ci/uv-requirements.txt" in job_runs and "uv sync --locked" in job_runs
    assert "uv run pytest" in tests
    assert "python -m edition.engine build --strict" in runs, "the deployed build ignores SITE_ENGINE"
    assert "tests/contract.py site" in runs and "--versions --pdf" in runs
    assert flow["env"]["SITE_ENGINE"] in ("mkdocs", "properdocs")
    assert "upload-pages-artifact" in text and "deploy-pages" in text


def requires_python() -> tuple[str, str]:
    """(lowest, highest) minor version pyproject.toml's requires-python allows (">=3.11,<3.16": 3.11, 3.15)."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    lowest = re.search(r">=\s*(\d+)\.(\d+)", spec)
    below = re.search(r"<\s*(\d+)\.(\d+)", spec)
    assert lowest and below, f"requires-python {spec!r} needs a lower and an upper bound: it says what is tested"
    return f"{lowest.group(1)}.{lowest.group(2)}", f"{below.group(1)}.{int(below.group(2)) - 1}"


def test_python_matrix_is_what_requires_python_says():
    """The tests run on the lowest and the highest Python pyproject.toml allows, each installed by uv for the job,
    and the deployed site is built on one of them."""
    flow = load_workflow("pages.yml")
    test = flow["jobs"]["test"]
    assert test["strategy"]["matrix"]["python"] == list(requires_python())
    assert test["env"]["UV_PYTHON"] == "${{ matrix.python }}" and test["strategy"]["fail-fast"] is False
    assert flow["env"]["DEPLOY_PYTHON"] in requires_python()
    for job in ("test", "build"):
        runs = " ".join(step.get("run", "") for step in flow["jobs"][job]["steps"])
        assert "uv python install" in runs and "$DEPLOY_PYTHON" in runs, job
    tests = " ".join(step.get("run", "") for step in test["steps"])
    assert tests.index('uv sync --locked --python "$DEPLOY_PYTHON"') < tests.index("uv run pytest"), \
        "the suite's offline rehearsal of the build job would lack the deploy Python's packages"
    assert 'echo "UV_PYTHON=$DEPLOY_PYTHON" >> "$GITHUB_ENV"' in " ".join(
        step.get("run", "") for step in flow["jobs"]["build"]["steps"])


def test_links_workflow_never_deploys():
    """The weekly link check runs on schedule and on demand, keeps its cache, uploads its report."""
    flow = load_workflow("links.yml")
    assert "schedule" in flow["on"] and "workflow_dispatch" in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    text = (ROOT / ".github/workflows/links.yml").read_text()
    assert "actions/cache@" in text and "actions/upload-artifact@" in text and "pytest -m live" in text
    assert "pages" not in str(flow["permissions"]) and "deploy-pages" not in text


# ------------------------------------------------------------------ served under the subpath

def fetch(url: str) -> tuple[int, bytes]:
    with urlopen(url, timeout=10) as response:
        return response.status, response.read()


@pytest.mark.parametrize("url", list(ALL_PAGES), ids=page_id_for)
def test_page_and_assets_answer_under_subpath(site, served, url):
    """The page and every file it loads answer 200 under the project subpath."""
    status, _ = fetch(served + url)
    assert status == 200
    html_path = site.root / url / "index.html"
    loads = page_loads(site.root, html_path, site.base_path)
    assert len(loads) >= 3, f"/{url} loads only {loads}"
    for path in loads:
        status, _ = fetch(served + path.relative_to(site.root).as_posix())
        assert status == 200, path


def test_404_page(site):
    """The 404 page is Indonesian, offers search and every section, and works from any depth."""
    soup = BeautifulSoup((site.root / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "id" and "Halaman tidak ditemukan" in soup.h1.get_text()
    assert soup.find("input", attrs={"name": "q"}) is not None
    hrefs = {a["href"] for a in soup.select("ul.article-sections a")}
    assert {site.base_path + u for u in PAGES} == hrefs
    assets = soup.select("link[rel=stylesheet], script[src]")
    assert assets, "404.html loads no stylesheet or script"
    for tag in assets:
        ref = tag.get("href") or tag.get("src")
        assert ref.startswith(site.base_path), f"404 asset not absolute under the subpath: {ref}"


def test_sitemap_lists_canonical_urls(site):
    """sitemap.xml lists the canonical URL of every page and nothing else."""
    xml = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", xml))
    assert locations == {TEST_SITE_URL + u for u in ALL_PAGES} | {TEST_SITE_URL + "en/" + u for u in ALL_PAGES}


@pytest.mark.parametrize("url", list(ALL_PAGES), ids=page_id_for)
def test_canonical_link(site, url):
    """Each page names its canonical URL."""
    link = site.soup(url).find("link", rel="canonical")
    assert link is not None and link["href"] == TEST_SITE_URL + url


def test_robots_txt(site):
    """robots.txt allows crawling and points to the absolute sitemap URL."""
    text = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in text and f"Sitemap: {TEST_SITE_URL}sitemap.xml" in text


# ------------------------------------------------------------------ no third-party requests

LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src",
           "audio": "src", "embed": "src", "object": "data"}
CSS_REMOTE_RE = re.compile(r"""(@import\s+(url\()?\s*['"]?|url\(\s*['"]?)(https?:)?//""", re.IGNORECASE)


def third_party(ref: str) -> bool:
    parts = urlsplit(ref)
    return bool(parts.netloc) and parts.hostname != urlsplit(TEST_SITE_URL).hostname


@pytest.mark.parametrize("page", sorted(["404.html", *[u + "index.html" for u in ALL_PAGES]]), ids=lambda p: p)
def test_no_third_party_loads(site, page):
    """No page loads a script, stylesheet, font, image or frame from another origin."""
    soup = BeautifulSoup((site.root / page).read_text(encoding="utf-8"), "html.parser")
    bad = []
    for tag, attr in LOADING.items():
        for element in soup.find_all(tag):
            if tag == "link" and not {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch",
                                      "preconnect", "dns-prefetch"} & set(element.get("rel", [])):
                continue
            refs = [element.get(attr, "")] + [p.strip().split()[0] for p in element.get("srcset", "").split(",") if p.strip()]
            bad += [f"<{tag}> {r}" for r in refs if r and third_party(r)]
    for style in soup.find_all("style"):
        bad += [f"<style> {m.group(0)}" for m in CSS_REMOTE_RE.finditer(style.get_text())]
    for element in soup.find_all(style=True):
        bad += [f"style= {m.group(0)}" for m in CSS_REMOTE_RE.finditer(element["style"])]
    assert not bad, bad


@pytest.mark.parametrize("css", ["assets/edition.css", "assets/stylesheets"], ids=lambda p: p)
def test_stylesheets_import_nothing_remote(site, css):
    """No stylesheet imports or points url() to another origin (no Google Fonts)."""
    files = [site.root / css] if css.endswith(".css") else sorted((site.root / css).rglob("*.css"))
    assert files
    bad = [f"{f.name}: {m.group(0)}" for f in files for m in CSS_REMOTE_RE.finditer(f.read_text(encoding="utf-8"))]
    assert not bad, bad


@pytest.mark.parametrize("url", list(ALL_PAGES), ids=page_id_for)
def test_new_tab_links_carry_noopener(site, url):
    """External links that open a new tab carry rel=noopener (the footer's, on every page, among them)."""
    links = site.soup(url).find_all("a", target="_blank")
    assert links, f"/{url}: no link opens a new tab (the footer's do)"
    for link in links:
        assert "noopener" in link.get("rel", []), link


# ------------------------------------------------------------------ weight and build work

def test_heaviest_page_within_budget(site):
    """The heaviest first visit (HTML, CSS, JS, fonts, images, search index) is at most 120 KB gzipped."""
    rows = page_weights(site.root, site.base_path)
    url, sizes = max(rows, key=lambda row: row[1]["total"])
    assert sizes["js"] > 0 and sizes["css"] > 0 and sizes["search"] > 0, "the measure misses files"
    assert sizes["total"] <= BUDGET, f"{url}: {sizes['total'] / 1024:.1f} KB > {BUDGET / 1024:.0f} KB"


def test_one_pandoc_run_per_build(tmp_path):
    """A build without formatted citations formats every citation of a language in a single pandoc conversion (two
    languages: two); its other caches are warm, as they do not touch citations."""
    project = copy_project(tmp_path / "proyek")
    shutil.rmtree(project / ".cache" / "citations", ignore_errors=True)
    counter = project / "hitung.py"
    counter.write_text(
        "import pypandoc, runpy, sys\n"
        "calls = []\n"
        "original = pypandoc.convert_text\n"
        "def counting(*a, **k):\n"
        "    calls.append(1)\n"
        "    return original(*a, **k)\n"
        "pypandoc.convert_text = counting\n"
        f"sys.argv = ['{engine.chosen()}', 'build', '--strict', '-q', '--site-dir', 'keluar']\n"
        "try:\n"
        f"    runpy.run_module('{engine.chosen()}', run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print('PANDOC_RUNS', len(calls))\n"
    )
    result = subprocess.run([sys.executable, str(counter)], cwd=project, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert "PANDOC_RUNS 2" in result.stdout, result.stdout + result.stderr  # one per language built
