"""Internal link check of the built site (offline), and the source check's configuration."""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.utils.yaml import yaml_load

from support import ROOT, bib_entries
from linkcheck import external_links, internal_check

MIN_LINKS = 400  # the site has about 500 links; far fewer means the checker saw too little


def test_every_internal_link_and_fragment_resolves(site):
    """Every href, src, srcset and #fragment resolves under the project subpath."""
    report = internal_check(site.root, ROOT / "docs")
    assert report.checked >= MIN_LINKS, f"only {report.checked} links checked: implausibly few"
    assert not report.failures, f"{len(report.failures)} broken links:\n" + "\n".join(report.failures)
    print(f"internal links checked: {report.checked}")


def test_source_check_is_configured():
    """mkdocs.yml makes MkDocs validate links and anchors at warn (fatal under --strict)."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    links = config["validation"]["links"]
    assert links["not_found"] == "warn" and links["anchors"] == "warn" and links["unrecognized_links"] == "warn"
    assert links["absolute_links"] == "warn"


def test_external_links_are_collected(site):
    """Every URL and DOI of references.bib is among the external links, with the pages using it."""
    links = external_links(site.root, urlsplit(site.site_url).hostname)
    for key, entry in bib_entries().items():
        for url in filter(None, [entry.fields.get("url"), entry.fields.get("doi") and f"https://doi.org/{entry.fields['doi']}"]):
            assert url in links, f"{key}: {url} not collected"
            assert "/daftar-pustaka/" in links[url]
    assert urlsplit(site.site_url).hostname not in {urlsplit(u).hostname for u in links}
