r"""The text of an open document, kept in step with the editor, and positions as the protocol counts them.

The protocol counts lines at ``\n``, ``\r\n`` and ``\r`` only (never at form feeds
or Unicode line separators) and columns in UTF-16 code units unless the client and
server agreed on UTF-8 or UTF-32. :class:`Positions` converts both ways for one
version of a text, in time proportional to the line, not the document.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from framing.documents import LineIndex

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"


def _units(text: str, encoding: str) -> int:
    """Return the length of ``text`` in code units of ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


def _characters(line: str, units: int, encoding: str) -> int:
    """Return how many characters of ``line`` the first ``units`` code units cover (clamped to the line)."""
    if encoding == UTF32:
        return min(units, len(line))
    counted = 0
    for index, character in enumerate(line):
        if counted >= units:
            return index
        counted += _units(character, encoding)
    return len(line)


@dataclass(frozen=True)
class Position:
    """A protocol position: 0-based line and column in code units."""

    line: int
    character: int


class Positions:
    """Offsets into one version of a text, to and from protocol positions."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = LineIndex(text).starts

    def line_end(self, line: int) -> int:
        """Return the offset where line ``line`` ends, before its line break."""
        if line + 1 < len(self.starts):
            following = self.starts[line + 1]
            return following - 2 if self.text[following - 2 : following] == "\r\n" else following - 1
        return len(self.text)

    def position(self, offset: int) -> Position:
        """Return the protocol position of ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return Position(line, _units(self.text[start:offset], self.encoding))

    def offset(self, position: Position) -> int:
        """Return the offset of a protocol position; one past the last line is the end, one past a line's end is its end."""
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        line = self.text[start : self.line_end(position.line)]
        return start + _characters(line, max(0, position.character), self.encoding)

    def line_of(self, offset: int) -> int:
        """Return the 0-based line of ``offset``."""
        return bisect.bisect_right(self.starts, max(0, min(offset, len(self.text)))) - 1


def apply_change(text: str, start: Position, end: Position, new: str, encoding: str = UTF16) -> str:
    """Return ``text`` with the range from ``start`` to ``end`` replaced by ``new`` (an incremental change)."""
    positions = Positions(text, encoding)
    first, last = positions.offset(start), positions.offset(end)
    if last < first:
        first, last = last, first
    return text[:first] + new + text[last:]
