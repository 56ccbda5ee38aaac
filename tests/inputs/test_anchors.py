"""The anchor contract: every URL#id in tests/anchors.txt is still served (or redirected)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anchors import lost_anchors, published_anchors, read_manifest, redirect_maps
from support import build_site, copy_project

MANIFEST = read_manifest()


def test_manifest_covers_every_kind_of_anchor():
    """The manifest holds pages, headings, all seven figures, Tabel 1 and every reference entry."""
    assert "/" in MANIFEST and "/#abstrak" in MANIFEST and "/pendahuluan/#tabel-1" in MANIFEST
    figures = [e for e in MANIFEST if re.search(r"#gambar-\d$", e) and "/cetak/" not in e]
    assert len([e for e in figures if not e.startswith("/en/")]) == 7 and len(figures) == 14
    assert sum(1 for e in MANIFEST if "#ref-" in e) >= 26
    assert "/hasil-dan-pembahasan/iom-sebagai-arena/#iom-sebagai-arena" in MANIFEST


def test_no_published_anchor_is_lost(site, site_anchors):
    """Every URL#id ever published is in the build, or its page has a declared redirect."""
    lost = lost_anchors(MANIFEST, site.root, redirect_maps(), present=site_anchors)
    assert not lost, "lost published anchors (add a redirect or restore them):\n" + "\n".join(lost)


def test_new_anchors_are_in_the_manifest(site_anchors):
    """Every anchor of the build is in the manifest (run `uv run python tests/anchors.py`)."""
    new = sorted(site_anchors - set(MANIFEST))
    assert not new, "anchors missing from tests/anchors.txt:\n" + "\n".join(new)


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> tuple[Path, Path, set[str]]:
    """One build of a copy with a published heading ID renamed and a page moved with a declared redirect (the two
    changes touch different pages and anchors): (the site, its mkdocs.yml, its anchors)."""
    tmp = tmp_path_factory.mktemp("anchors")
    project = copy_project(tmp / "proyek")
    for page in (project / "docs").rglob("*.md"):  # the heading and the site's own links to it
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("sejarah-human-trafficking", "sejarah"), encoding="utf-8")
    (project / "docs/simpulan.md").rename(project / "docs/kesimpulan.md")
    (project / "docs/simpulan.en.md").rename(project / "docs/kesimpulan.en.md")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - Simpulan: simpulan.md", "  - Simpulan: kesimpulan.md")
    text = text.replace("      redirect_maps: {}", "      redirect_maps:\n        simpulan.md: kesimpulan.md")
    config.write_text(text, encoding="utf-8")
    for md in [*(project / "docs").rglob("*.md"), project / "docs" / "riwayat.yml"]:  # and the change log's links
        text = md.read_text(encoding="utf-8")
        md.write_text(text.replace("simpulan.md", "kesimpulan.md").replace("simpulan.en.md", "kesimpulan.en.md"),
                      encoding="utf-8")
    site = tmp / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, config, published_anchors(site)


RENAMED = ["/cetak/#sejarah-human-trafficking", "/en/cetak/#sejarah-human-trafficking",
           "/en/hasil-dan-pembahasan/#sejarah-human-trafficking", "/hasil-dan-pembahasan/#sejarah-human-trafficking"]


def test_renamed_heading_id_is_caught(changed):
    """Changing a published heading ID makes the contract fail, naming the lost URL#id (and nothing else: the moved
    page of the same build keeps its anchors)."""
    site, config, present = changed
    lost = lost_anchors(MANIFEST, site, redirect_maps(config), present)
    assert lost == RENAMED


def test_moved_page_with_redirect_keeps_its_anchors(changed):
    """A page moved with a declared redirect keeps its anchors valid through the redirect."""
    site, config, present = changed
    for old in ("simpulan", "en/simpulan"):
        assert (site / old / "index.html").is_file(), f"the redirect page {old}/ was not written"
    assert [entry for entry in lost_anchors(MANIFEST, site, redirect_maps(config), present)
            if entry not in RENAMED] == []
    without = lost_anchors(MANIFEST, site, {}, present)
    assert "/simpulan/#simpulan" in without and "/en/simpulan/#simpulan" in without
