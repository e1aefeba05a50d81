"""HTML, read with the standard library's :class:`html.parser.HTMLParser`.

Text content is prose; ``script``, ``style``, ``code``, ``pre`` and similar elements,
attributes and comments are not. Character references become synthetic pieces that
map to the reference in the source. Block elements separate paragraphs; inline
elements do not, so ``<b>war</b> room`` still reads as "war room".
"""

from __future__ import annotations

import html
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


class _Extractor(HTMLParser):
    def __init__(self, source: str, start: int, end: int, builder: ProseBuilder) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = start
        self.limit = end
        self.builder = builder
        self.starts = line_starts(source[start:end], newline_only=True)
        self.skipping = 0

    def position(self) -> int:
        line, column = self.getpos()
        return self.base + self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        elif tag not in INLINE:
            self.builder.gap(self.position())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE and tag not in SKIPPED:
            self.builder.gap(self.position())

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag not in INLINE:
            self.builder.gap(self.position())

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


def extract(text: str) -> Prose:
    """Return the prose of an HTML document."""
    builder = ProseBuilder(text)
    extract_into(builder, 0, len(text))
    return builder.build()
