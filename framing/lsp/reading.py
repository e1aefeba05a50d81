"""Read a Markdown document piece by piece, so that an edit parses only the piece it touched.

Reading the whole document again after each keystroke costs as much as linting it
(markdown-it's parse), so the analysis cuts the source into pieces where Markdown's
block structure starts afresh and keeps each piece's prose, keyed on its text. A piece
ends before a line at column 0 that follows a blank line: after a blank line, such a
line cannot continue a paragraph, a list item, a block quote or indented code; it
starts a new top-level block. The cut is not made inside a fenced code block or an
HTML block (those of ``<pre>``, ``<script>``, ``<style>``, ``<textarea>``, comments,
processing instructions, declarations and CDATA run across blank lines; markdown-it's
own patterns tell the kinds apart), nor before a list item (which would continue a
list), nor inside front matter. A document with link reference definitions (``[name]: url``), which reach
across the document, is read whole, as is one where a line alone cannot tell whether
a fence is open.

:func:`join` puts the pieces' prose together exactly as the reader gives it for the
whole document (``tests/test_lsp_reading.py`` checks that they are equal).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.rules_block.html_block import HTML_SEQUENCES

from framing.errors import InputError
from framing.readers import Comment, Prose, Segment, front_matter

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:", re.MULTILINE)
# markdown-it's own start and end patterns of the seven kinds of HTML block: the first
# five end at their closing sequence (across blank lines), the last two at a blank line.
_RAW_HTML_KINDS = 5
_TYPE_7 = 6
# A one-word paragraph read before a later piece, so that the reader puts the break before the piece's first block.
_LEAD = "x\n\n"
_LINE = re.compile(r".*?(?:\r\n|\n|\r)|.+\Z", re.DOTALL)


def _closes(fence: str, line: str) -> bool:
    """Return whether ``line`` closes the fenced code block opened by ``fence``."""
    closing = _FENCE.match(line)
    if closing is None:
        return False
    marks = closing.group(1)
    return marks[0] == fence[0] and len(marks) >= len(fence) and not line[closing.end() :].strip()


def _html_kind(line: str) -> int | None:
    """Return which kind of HTML block (0-6, markdown-it's order) ``line`` would start, or None."""
    stripped = line.lstrip(" ")
    if not stripped.startswith("<"):
        return None
    return next((kind for kind, (starts, _end, _interrupts) in enumerate(HTML_SEQUENCES) if starts.search(stripped)), None)


def markdown_pieces(text: str) -> list[tuple[int, str]] | None:  # noqa: C901  (one pass, one state per kind of block)
    """Return the pieces of a Markdown source with their offsets, or None when the document must be read whole.

    It is read whole when it has link reference definitions, or when a fence or raw
    HTML opens inside a line that may or may not start an HTML block (markdown-it's
    seventh kind, which depends on the paragraph before it): then where a fence runs
    is not certain from lines alone.
    """
    if _REFERENCE_DEFINITION.search(text):
        return None
    pieces: list[tuple[int, str]] = []
    start = offset = 0
    found = front_matter.span(text)
    if found is not None:  # the front matter belongs to the first piece, whatever its blank lines
        closing = _LINE.match(text, found[1])
        offset = closing.end() if closing else found[1]
    fence: str | None = None
    raw_end: re.Pattern[str] | None = None  # the closing sequence of an open HTML block of the first five kinds
    html_until_blank = False  # an HTML block of the sixth kind: ends at a blank line
    maybe_html = False  # a line that may start an HTML block of the seventh kind, until a blank line
    previous_blank = False
    opened_indented = False  # whether the open fence or HTML block was opened by an indented line
    for match in _LINE.finditer(text, offset):
        line = match.group(0).rstrip("\r\n")
        blank = not line.strip()
        inside = fence is not None or raw_end is not None or html_until_blank
        if inside and opened_indented and not blank and line[:1] not in (" ", "\t"):
            return None  # a block opened indented may belong to a list item, which this line would end
        if fence is None and raw_end is None and not html_until_blank and previous_blank and line[:1] not in ("", " ", "\t"):
            if not _LIST_ITEM.match(line) and offset > start:
                pieces.append((start, text[start:offset]))
                start = offset
        indented = line.startswith(" " * 4) or line.startswith("\t")
        if fence is not None:
            if _closes(fence, line):
                fence = None
        elif raw_end is not None:
            if raw_end.search(line):
                raw_end = None
        elif html_until_blank:
            html_until_blank = not blank
        elif blank:
            maybe_html = False
        elif not indented:
            opening = _FENCE.match(line)
            kind = _html_kind(line)
            if maybe_html and (opening or (kind is not None and kind < _TYPE_7)):
                return None
            opened_indented = line.startswith(" ")
            if opening and not (opening.group(1)[0] == "`" and "`" in line[opening.end() :]):
                fence = opening.group(1)
            elif kind is not None and kind < _RAW_HTML_KINDS:
                ends = HTML_SEQUENCES[kind][1]
                raw_end = None if ends.search(line) else ends
            elif kind is not None and kind < _TYPE_7:
                html_until_blank = True
            elif kind == _TYPE_7:
                maybe_html = True
        previous_blank = blank
        offset = match.end()
    pieces.append((start, text[start:]))
    return pieces


def read_piece(extract: Callable[[str], Prose], piece: str, *, first: bool) -> Prose:
    """Return the prose of one piece, offsets relative to it; a later piece's begins with the paragraph break before it.

    The reader puts a paragraph break before every block but the first that gives
    prose, at the source offset where the block begins; a piece after prose
    (``first=False``) is read after a one-word paragraph (:data:`_LEAD`), so that the
    break comes out where the reader puts it for the whole document, and that paragraph
    is then taken away.
    """
    if first:
        return extract(piece)
    lead = len(_LEAD)
    prose = extract(_LEAD + piece)
    kept = prose.segments[1:]  # the lead's one word
    return Prose(
        prose.text[1:],
        tuple(Segment(s.prose_start - 1, s.length, s.source_start - lead, s.source_end - lead, s.copied) for s in kept),
        tuple(_shifted(c, -lead) for c in prose.comments),
    )


def _shifted(comment: Comment, by: int) -> Comment:
    target = None if comment.target is None else (comment.target[0] + by, comment.target[1] + by)
    return Comment(comment.start + by, comment.end + by, comment.text, target)


def join(pieces: list[tuple[int, Prose]]) -> Prose:
    """Return the prose of a document from the prose of its pieces (each with the source offset it starts at).

    A later piece's leading paragraph break (see :func:`read_piece`) is dropped where
    the reader would not have put one: at the start of the prose, or after one.
    """
    parts: list[str] = []
    segments: list[Segment] = []
    comments: list[Comment] = []
    length = 0
    for source_start, prose in pieces:
        text, own = prose.text, prose.segments
        if own and not own[0].copied and text.startswith("\n\n") and own[0].length == 2:
            if not length or "".join(parts[-2:]).endswith("\n\n"):
                text = text[2:]
                own = tuple(Segment(s.prose_start - 2, s.length, s.source_start, s.source_end, s.copied) for s in own[1:])
        segments.extend(
            Segment(s.prose_start + length, s.length, s.source_start + source_start, s.source_end + source_start, s.copied)
            for s in own
        )
        comments.extend(_shifted(c, source_start) for c in prose.comments)
        if text:
            parts.append(text)
        length += len(text)
    return Prose("".join(parts), tuple(segments), tuple(comments))


class PieceReader:
    """Reads Markdown piece by piece, keeping the prose of each piece seen (at most ``limit`` of them)."""

    def __init__(self, extract: Callable[[str], Prose], limit: int = 20_000) -> None:
        self.extract = extract
        self.limit = limit
        self._prose: dict[tuple[bool, str], Prose] = {}

    def read(self, text: str) -> Prose:
        """Return the prose of the Markdown ``text``, reading only pieces not seen before."""
        pieces = markdown_pieces(text)
        if pieces is None or len(pieces) == 1:
            return self.extract(text)
        read = []
        started = False  # whether the pieces so far gave any prose (before, a piece is read as the document's start)
        for offset, piece in pieces:
            key = (not started, piece)
            prose = self._prose.get(key)
            if prose is None:
                try:
                    prose = read_piece(self.extract, piece, first=not started)
                except InputError:
                    return self.extract(text)  # raised again, with the line in the whole document
                if len(self._prose) >= self.limit:
                    self._prose.pop(next(iter(self._prose)))
                self._prose[key] = prose
            started = started or bool(prose.text)
            read.append((offset, prose))
        return join(read)
