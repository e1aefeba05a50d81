"""HTML, read with the standard library's :class:`html.parser.HTMLParser`.

Text content is prose; ``script``, ``style``, ``code``, ``pre`` and similar elements,
comments and most attributes are not. The attributes readers see or hear (``alt``,
``title``, ``aria-label``, ``placeholder``) are prose too, each a block of its own
after the block of text around its element, so ``war <abbr title="x">room</abbr>``
still reads as "war room". Character references become synthetic pieces that
map to the reference in the source. Block elements separate paragraphs; inline
elements do not, so ``<b>war</b> room`` still reads as "war room".
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from framing.readers import Prose, ProseBuilder, line_starts

# Elements whose content is code or data, never prose.
SKIPPED = frozenset({"script", "style", "code", "pre", "kbd", "samp", "var", "math", "svg", "template", "textarea"})
# Elements that do not break a paragraph.
INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark", "q", "s",
        "small", "span", "strong", "sub", "sup", "time", "u", "font", "big", "tt", "wbr",
    }
)  # fmt: skip


# Attributes whose values readers see (alt text, tooltips, placeholders) or hear (screen readers).
VISIBLE_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_TAG_NAME = re.compile(r"<[^\s/>]+")
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'`=<]+)))?""")


def visible_attributes(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the source ranges of the values of visible attributes in the start tag at ``source[start:end]``."""
    name = _TAG_NAME.match(source, start, end)
    if name is None:
        return []
    found = []
    for match in _ATTRIBUTE.finditer(source, name.end(), end):
        if match.group(1).lower() not in VISIBLE_ATTRIBUTES:
            continue
        for group in (2, 3, 4):
            if match.group(group) is not None and match.start(group) < match.end(group):
                found.append((match.start(group), match.end(group)))
    return found


def add_attribute_value(builder: ProseBuilder, start: int, end: int) -> None:
    """Add the attribute value at ``builder.source[start:end]`` as a block of prose (decoded, when it holds references)."""
    builder.gap(start)
    position = start
    for reference in _REFERENCE.finditer(builder.source, start, end):
        builder.copy(position, reference.start())
        builder.put(html.unescape(reference.group()), reference.start(), reference.end())
        position = reference.end()
    builder.copy(position, end)
    builder.gap(end)


class _Extractor(HTMLParser):
    def __init__(self, source: str, start: int, end: int, builder: ProseBuilder) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = start
        self.limit = end
        self.builder = builder
        self.starts = line_starts(source[start:end], newline_only=True)
        self.skipping = 0
        self.attributes: list[tuple[int, int]] = []  # visible attribute values waiting for the end of the block

    def position(self) -> int:
        line, column = self.getpos()
        return self.base + self.starts[line - 1] + column

    def _note_attributes(self, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or not any(name in VISIBLE_ATTRIBUTES and value for name, value in attrs):
            return
        start = self.position()
        raw = self.get_starttag_text() or ""
        self.attributes += visible_attributes(self.source, start, min(start + len(raw), self.limit))

    def _block(self) -> None:
        """End the block of text here: the visible attributes noted in it follow as blocks of their own."""
        self.builder.gap(self.position())
        self.flush()

    def flush(self) -> None:
        """Add the visible attribute values noted so far."""
        for start, end in self.attributes:
            add_attribute_value(self.builder, start, end)
        self.attributes = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE and tag not in SKIPPED:
            self._block()
        self._note_attributes(attrs)
        if tag in SKIPPED:
            self.skipping += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE and tag not in SKIPPED:
            self._block()
        self._note_attributes(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag not in INLINE:
            self._block()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            start = self.position()
            self.builder.copy(start, start + len(data))

    def _reference(self, raw_start: str, name: str) -> None:
        if self.skipping:
            return
        start = self.position()
        end = start + len(raw_start) + len(name)
        if self.source.startswith(";", end):
            end += 1
        decoded = html.unescape(self.source[start:end])
        self.builder.put(decoded, start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference("&", name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#", name)

    def handle_comment(self, data: str) -> None:
        start = self.position()
        self.builder.comment(start, start + len(data) + 7, data)


def extract_into(builder: ProseBuilder, start: int, end: int) -> None:
    """Add the prose and comments of the HTML in ``builder.source[start:end]`` to ``builder``."""
    parser = _Extractor(builder.source, start, end, builder)
    parser.feed(builder.source[start:end])
    parser.close()
    parser.flush()


def extract(text: str) -> Prose:
    """Return the prose of an HTML document."""
    builder = ProseBuilder(text)
    extract_into(builder, 0, len(text))
    return builder.build()
