"""Citations without mkdocs-bibtex, proven on the whole site: a copy of the project whose mkdocs.yml no longer lists
the plugin, built with the package made unimportable, is byte for byte the session's build (citations, footnotes,
the reference list, and everything else). The switch it proves: hooks/edition/citations/bibtex_adapter.py,
MAINTAINING.md."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from contract import build_date_epoch, tree_differences
from support import TEST_SITE_URL, build_site, copy_project

# mkdocs.yml's plugin entry: "  - bibtex:" and its indented options (the comment above it stays).
PLUGIN_BLOCK_RE = re.compile(r"^  - bibtex:\n(?:      .*\n)+", re.MULTILINE)
# Shadows the installed package: any import of mkdocs_bibtex in the build fails, as if it were uninstalled.
BLOCKER = 'raise ImportError("mkdocs-bibtex is uninstalled for this build (tests/citations/test_without_mkdocs_bibtex.py)")\n'


@pytest.fixture(scope="module")
def without_plugin(site, tmp_path_factory):
    """The project built with the bibtex block deleted from mkdocs.yml and mkdocs_bibtex unimportable, on the same
    build date as the session's site: (its folder, its log, the blocker folder)."""
    tmp = tmp_path_factory.mktemp("without-bibtex")
    project = copy_project(tmp / "proyek")
    config = project / "mkdocs.yml"
    text, count = PLUGIN_BLOCK_RE.subn("", config.read_text(encoding="utf-8"))
    assert count == 1, "mkdocs.yml no longer has one '  - bibtex:' block: update PLUGIN_BLOCK_RE"
    config.write_text(text, encoding="utf-8")
    blocker = tmp / "blocker"
    (blocker / "mkdocs_bibtex").mkdir(parents=True)
    (blocker / "mkdocs_bibtex" / "__init__.py").write_text(BLOCKER, encoding="utf-8")
    out = tmp / "site" / "upaya-iom"
    result = build_site(project, out, extra_env={"PYTHONPATH": str(blocker),
                                                 "SOURCE_DATE_EPOCH": str(build_date_epoch(site.root))})
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"the build without mkdocs-bibtex failed:\n{log}"
    return out, log, blocker


def test_the_package_is_really_out_of_reach(without_plugin):
    """In that build's environment mkdocs_bibtex cannot be imported, and the plugin never ran (it logs its loading)."""
    _, log, blocker = without_plugin
    probe = subprocess.run([sys.executable, "-c", "import mkdocs_bibtex"], capture_output=True, text=True,
                           env={"PYTHONPATH": str(blocker)})
    assert probe.returncode != 0 and "uninstalled for this build" in probe.stderr
    assert "Loading data from bib files" not in log


def test_site_is_byte_identical_without_mkdocs_bibtex(site, without_plugin):
    """Every file of the site, citations, footnotes and the reference list included, is byte for byte the build with
    mkdocs-bibtex (no normalisation at all)."""
    out, _, _ = without_plugin
    differences = tree_differences(site.root, out, normalise=False)
    assert not differences, f"{len(differences)} differences:\n" + "\n".join(differences[:30])
    assert site.site_url == TEST_SITE_URL
