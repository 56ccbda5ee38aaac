"""Files the build writes that are no page of docs/: the downloads under ``unduh/`` and the scripts bundle.

``add`` hands each to MkDocs as a generated file (``File.generated``), so that it is written with the site,
served by ``mkdocs serve`` and checked by the link validation like any file of docs/.
"""

from __future__ import annotations

from mkdocs.structure.files import File


def add(files, config, generated: dict[str, str], root: str) -> None:
    """Add each generated file (path below the site -> text) to the build's ``files``; a file of the language's
    own (below its ``root``: ``en/unduh/artikel.bib``) is named as the language's pages link to it
    (``unduh/artikel.bib``), and written where it belongs."""
    for path, text in generated.items():
        file = File.generated(config, path.removeprefix(root) if root else path, content=text)
        file.dest_uri = path
        files.append(file)
