"""A built page's HTML as written, edited where the build's own templates could not reach it.

``PageSource`` parses the page once (Python's ``html.parser``), knows where each element's start tag, content and
end tag are in the text, and splices the edits asked of it into the text: everything it is not asked to change
stays as it was, byte for byte. An archived release's pages are edited this way (edition.output.versioned_site,
edition.output.archived_record): markup written by older code is found by its elements and attributes, whatever
their order, quoting or spacing, not by patterns of its text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from html.parser import HTMLParser

from mkdocs.exceptions import PluginError

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    """One element: its attributes (values unescaped) and where it stands in the text."""

    tag: str
    attrs: dict[str, str]
    start: int  # its start tag's "<"
    open_end: int  # after its start tag
    close_start: int = -1  # its end tag's "<" (open_end for a void element)
    end: int = -1  # after its end tag
    line: int = 0
    parent: Element | None = field(default=None, repr=False)

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()

    def within(self, other: Element) -> bool:
        return other.start <= self.start and self.end <= other.end


class _Scanner(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self.position()
        element = Element(tag, {name: value or "" for name, value in attrs}, start,
                          start + len(self.get_starttag_text()), line=self.getpos()[0],
                          parent=self.open[-1] if self.open else None)
        self.elements.append(element)
        if tag in VOID:
            element.close_start = element.end = element.open_end
        else:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            element = self.open.pop()
            element.close_start = element.end = element.open_end

    def handle_endtag(self, tag):
        if not any(element.tag == tag for element in self.open):
            return  # an end tag nothing opened: ignored, as browsers do
        close_start = self.position()
        end = self.text.index(">", close_start) + 1
        while self.open:
            element = self.open.pop()
            element.close_start, element.end = (close_start, end) if element.tag == tag else (close_start, close_start)
            if element.tag == tag:
                break


class _Text(HTMLParser):
    """The text of a fragment, but what is inside an element of one of the classes left out."""

    def __init__(self, left_out: set[str]):
        super().__init__(convert_charrefs=True)
        self.left_out, self.skipping, self.parts = left_out, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.skipping.append(bool(classes & self.left_out) or bool(self.skipping and self.skipping[-1]))

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if not (self.skipping and self.skipping[-1]):
            self.parts.append(data)


class PageSource:
    """A page's HTML: its elements, and the edits asked of it (``result`` splices them in)."""

    def __init__(self, text: str, where: str):
        self.text, self.where = text, where
        scanner = _Scanner(text)
        scanner.feed(text)
        scanner.close()
        for element in scanner.open:  # never closed: they run to the end
            element.close_start = element.end = len(text)
        self.elements = scanner.elements
        self.edits: list[tuple[int, int, int, str]] = []  # (start, end, order asked, replacement)

    def find_all(self, tag: str | None = None, within: Element | None = None, **attrs) -> list[Element]:
        """The elements (of ``tag``, inside ``within``) whose attributes have these values (a set: any of them;
        True: present at all; ``class_``: one of its classes); in document order."""
        def matches(element: Element) -> bool:
            for name, wanted in attrs.items():
                if name == "class_":
                    if not element.has_class(wanted):
                        return False
                    continue
                name = name.replace("_", "-")
                value = element.attrs.get(name)
                if wanted is True and value is None or wanted is not True and (
                        value not in wanted if isinstance(wanted, (set, frozenset)) else value != wanted):
                    return False
            return True

        return [element for element in self.elements if (tag is None or element.tag == tag)
                and (within is None or element is not within and element.within(within)) and matches(element)]

    def find(self, tag: str | None = None, within: Element | None = None, **attrs) -> Element | None:
        found = self.find_all(tag, within, **attrs)
        return found[0] if found else None

    def inner(self, element: Element) -> str:
        """The element's content as written."""
        return self.text[element.open_end:element.close_start]

    def start_tag(self, element: Element) -> str:
        return self.text[element.start:element.open_end]

    def plain_text(self, element: Element, left_out: set[str] = frozenset()) -> str:
        """The element's text, white space squashed, without the elements of the classes ``left_out``."""
        reader = _Text(set(left_out))
        reader.feed(self.inner(element))
        reader.close()
        return " ".join("".join(reader.parts).split())

    def replace(self, start: int, end: int, text: str) -> None:
        self.edits.append((start, end, len(self.edits), text))

    def insert(self, at: int, text: str) -> None:
        """Insert at an offset (what is inserted at one offset stands in the order asked)."""
        self.replace(at, at, text)

    def replace_inner(self, element: Element, text: str) -> None:
        self.replace(element.open_end, element.close_start, text)

    def replace_element(self, element: Element, text: str) -> None:
        self.replace(element.start, element.end, text)

    def line_of(self, element: Element) -> tuple[int, int]:
        """The element's span widened to its whole line when it stands alone on it (indentation and newline)."""
        start = self.text.rfind("\n", 0, element.start) + 1
        end = element.end
        if self.text[start:element.start].strip():
            start = element.start
        elif end < len(self.text) and self.text[end] == "\n":
            end += 1
        return start, end

    def result(self) -> str:
        """The text with every edit spliced in; fails naming the page if two edits overlap."""
        parts, position = [], 0
        for start, end, _, text in sorted(self.edits):
            if start < position:
                raise PluginError(f"{self.where}: two edits of the page overlap at offset {start}")
            parts += [self.text[position:start], text]
            position = end
        return "".join(parts + [self.text[position:]])
