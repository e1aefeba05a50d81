"""Markdown (CommonMark with tables and strikethrough), read with markdown-it-py.

Paragraphs, headings, list items, table cells, link text, image descriptions and
link and image titles are prose; code spans, code blocks, link destinations and
autolinks are not. HTML blocks are read with the HTML reader, so their text counts and
their comments hold directives; inline HTML tags give their visible attributes
(``alt``, ``title``...). Front matter (YAML between ``---`` lines at the very start) is
data, except the values of its ``title``, ``description`` and ``summary`` keys, which
readers see. markdown-it-py gives line ranges for blocks but no positions for inline
text, so each inline text is found in the source in order, from the block's start.
Titles and attribute values follow the text of their block as blocks of their own, so
they never join its sentences.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown_it import MarkdownIt

from framing.errors import InputError
from framing.i18n import _
from framing.readers import Prose, ProseBuilder, front_matter, line_starts
from framing.readers import html as html_reader

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


# markdown-it-py silently drops blocks nested deeper than ``maxNesting`` (20 in its
# CommonMark preset: ten levels of list items). We allow its default preset's 100 and
# refuse deeper documents rather than lint them with text missing.
MAX_NESTING = 100


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    tokenize = parser.block.tokenize

    def refuse_dropped_blocks(state: Any, start: int, end: int) -> None:
        if state.level >= MAX_NESTING:
            line = state.skipEmptyLines(start)
            if line < end and state.sCount[line] >= state.blkIndent:
                raise InputError(
                    _("blocks nested more than {limit} levels deep (quotes or lists) cannot be read").format(limit=MAX_NESTING),
                    line=line + 1,
                )
        tokenize(state, start, end)

    parser.block.tokenize = refuse_dropped_blocks  # type: ignore[method-assign,assignment]
    return parser


class _Inline:
    """Walks the inline tokens of one block, finding each in the source from a cursor."""

    def __init__(self, builder: ProseBuilder, start: int, end: int) -> None:
        self.builder = builder
        self.source = builder.source
        self.cursor = start
        self.limit = end
        self.titles: list[str] = []  # titles of the links open, innermost last
        self.deferred: list[tuple[int, int, str | None]] = []  # blocks after this one: source range, decoded text or None

    def flush(self) -> None:
        """Add the titles and attribute values found in the block, each a block of its own."""
        for start, end, decoded in self.deferred:
            self.builder.gap(start)
            if decoded is None:
                self.builder.copy(start, end)
            else:
                self.builder.put(decoded, start, end)
            self.builder.gap(end)
        self.deferred = []

    def text(self, content: str) -> None:
        if not content:
            return
        found = self.source.find(content, self.cursor, self.limit)
        if found >= 0:
            self.builder.copy(found, found + len(content))
            self.cursor = found + len(content)
            return
        self._align(content)

    def _align(self, content: str) -> None:
        # The text differs from its source: backslash escapes and entities were decoded.
        source, position = self.source, self.cursor
        index = 0
        while index < len(content):
            char = content[index]
            match = _ENTITY.match(source, position, self.limit)
            decoded = html.unescape(match.group()) if match else ""
            if match and decoded != match.group() and content.startswith(decoded, index):
                self.builder.put(decoded, match.start(), match.end())
                position, index = match.end(), index + len(decoded)
            elif source.startswith("\\" + char, position) and char in _PUNCTUATION:
                self.builder.copy(position + 1, position + 2)
                position, index = position + 2, index + 1
            elif position < self.limit and source[position] == char:
                self.builder.copy(position, position + 1)
                position, index = position + 1, index + 1
            elif char == "\ufffd" and position < self.limit and source[position] == "\x00":
                # CommonMark replaces NUL with U+FFFD: it stands for the NUL.
                self.builder.put(char, position, position + 1)
                position, index = position + 1, index + 1
            else:
                following = source.find(char, position, self.limit)
                if following < 0:
                    # Cannot place this character: keep it as prose standing for the cursor
                    # position, and go on placing the ones after it.
                    self.builder.put(char, position, position)
                    index += 1
                    continue
                position = following
        self.cursor = position

    def skip(self, content: str) -> None:
        found = self.source.find(content, self.cursor, self.limit) if content else -1
        if found >= 0:
            self.cursor = found + len(content)

    def skip_destination(self, title: str = "") -> None:
        """Move past the ``](destination "title")`` or ``][label]`` that closes a link or image, keeping its ``title`` for later.

        A title given in a reference definition is read where it is defined (see :func:`extract`).
        """
        source = self.source
        close = source.find("]", self.cursor, self.limit)
        if close < 0:
            return
        position = close + 1
        if source.startswith("(", position):
            if title:
                position = self._title(title, position)
            depth = 0 if position == close + 1 else 1
            while position < self.limit:
                char = source[position]
                if char == "\\":
                    position += 2
                    continue
                if char == "(":
                    depth += 1
                elif char == ")":
                    depth -= 1
                    if depth == 0:
                        position += 1
                        break
                position += 1
        elif source.startswith("[", position):
            end = source.find("]", position, self.limit)
            position = end + 1 if end >= 0 else position
        self.cursor = position

    def _title(self, title: str, opening: int) -> int:
        """Note the ``title`` of the destination that opens at ``opening``; return where to go on looking for its ``)``."""
        for quote, closing in (('"', '"'), ("'", "'"), ("(", ")")):
            found = self.source.find(quote + title + closing, opening + 1, self.limit)
            if found >= 0:
                self.deferred.append((found + 1, found + 1 + len(title), None))
                return found + len(title) + 2
        end = self.source.find(")", opening, self.limit)  # the title was written with escapes or references
        self.deferred.append((opening, end + 1 if end >= 0 else opening + 1, title))
        return opening

    def walk(self, children: list[Any]) -> None:
        skipping_autolink = False
        for token in children:
            kind = token.type
            if skipping_autolink:
                if kind == "link_close":
                    skipping_autolink = False
                    self.skip(">")
                elif kind == "text":
                    self.skip(token.content)
                continue
            if kind == "text":
                self.text(token.content)
            elif kind == "code_inline":
                self.skip(token.markup)
                self.skip(token.content)
                self.skip(token.markup)
            elif kind in ("softbreak", "hardbreak"):
                self.builder.put("\n", self.cursor, self.cursor)
            elif kind == "link_open" and token.markup == "autolink":
                skipping_autolink = True
            elif kind == "link_open":
                self.titles.append(str(token.attrs.get("title") or ""))
            elif kind == "link_close":
                self.skip_destination(self.titles.pop() if self.titles else "")
            elif kind == "image":
                self.skip("![")
                self.walk(token.children or [])
                self.skip_destination(str(token.attrs.get("title") or ""))
            elif kind == "html_inline":
                found = self.source.find(token.content, self.cursor, self.limit)
                if found >= 0:
                    self.cursor = found + len(token.content)
                    if token.content.startswith("<!--"):
                        self.builder.comment(found, self.cursor, token.content[4:-3])
                    elif not token.content.startswith("</"):
                        self.deferred += [
                            (s, e, None) for s, e in html_reader.visible_attributes(self.source, found, self.cursor)
                        ]


def extract(text: str) -> Prose:
    """Return the prose of a Markdown document."""
    builder = ProseBuilder(text)
    body = front_matter.read_into(builder)
    starts = line_starts(text)
    starts.append(len(text))

    def offsets(line_map: list[int]) -> tuple[int, int]:
        first, last = line_map
        return starts[min(first, len(starts) - 1)], starts[min(last, len(starts) - 1)]

    block = (0, len(text))
    env: dict[str, Any] = {}
    for token in _parser().parse(body, env):
        if token.map is not None:
            block = offsets(token.map)
        if token.type == "inline":
            builder.gap(block[0])
            inline = _Inline(builder, *block)
            inline.walk(token.children or [])
            inline.flush()
        elif token.type == "html_block":
            builder.gap(block[0])
            html_reader.extract_into(builder, *block)
    _reference_titles(builder, env, starts)
    return builder.build()


def _reference_titles(builder: ProseBuilder, env: dict[str, Any], starts: list[int]) -> None:
    """Add the titles of reference definitions (``[label]: /url "title"``), each a block of prose where it is defined."""
    for reference in env.get("references", {}).values():
        title, line_map = reference.get("title") or "", reference.get("map")
        if not title or not line_map:
            continue
        start, end = starts[min(line_map[0], len(starts) - 1)], starts[min(line_map[1], len(starts) - 1)]
        colon = builder.source.find("]:", start, end)
        if colon >= 0:
            inline = _Inline(builder, start, end)
            inline._title(title, colon + 1)
            inline.flush()
