"""Lint a plain-text file as a stream: a few blocks of it in memory at a time, findings out as soon as they are certain.

``framing lint`` reads most documents whole. A plain-text file can be any size (logs,
dumps of years of proposals), so it is read a block at a time instead: decoded
incrementally (:func:`framing.documents.stream`), cut at line ends (or, in a line
longer than a block, at a space), turned into prose block by block by the plain-text
reader, and matched by a :class:`~framing.engine.WordStream`. Positions, the text of
each finding, fitted alternatives and inline suppressions are worked out from the
blocks still held; a block is dropped once no later finding can need it.

The findings are exactly those :func:`framing.runner.run` gives for the whole
document, in the same order (``tests/test_streaming.py`` checks this on generated
texts cut into tiny blocks), so whether a file was streamed never shows in a report.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from framing import documents
from framing.config import Settings, apply_settings
from framing.documents import LineIndex
from framing.engine import CHUNK_CHARACTERS, WordStream
from framing.fitting import alternatives_in, fit
from framing.model import Finding
from framing.readers import Prose, plain
from framing.report import Located
from framing.suppressions import ALL, parse

if TYPE_CHECKING:
    from framing.linter import Linter

# Characters per block; a line longer than this is cut at a space or tab.
BLOCK_CHARACTERS = 1 << 20
# Characters of prose kept before a finding for fitting its alternatives (the rewriter looks back 40).
_CONTEXT = 200
_DIRECTIVE_START = re.compile(r"[ \t]*framing-")
_BLANKS = " \t\f\v"  # where a line too long for a block may be cut (never at a line break: CR LF stays whole)


def blocks(pieces: Iterable[str], size: int = BLOCK_CHARACTERS) -> Iterator[tuple[str, bool]]:
    """Yield the text of ``pieces`` again in blocks of about ``size`` characters, each with whether it begins a line.

    A block ends after a line feed when it can, else after a space or tab; a line that
    may be a framing directive is never cut (its text must be read whole).
    """
    pending = ""
    at_line_start = True
    for piece in pieces:
        pending += piece
        while len(pending) >= size:
            cut = _cut(pending, size, at_line_start)
            if not cut:
                break  # one word (or one directive line) longer than a block: read on
            yield pending[:cut], at_line_start
            at_line_start = pending[cut - 1] == "\n"
            pending = pending[cut:]
    if pending:
        yield pending, at_line_start


def _cut(pending: str, size: int, at_line_start: bool) -> int:
    """Return where to end the next block of ``pending`` (0: not yet, read on)."""
    cut = pending.rfind("\n", 0, size) + 1
    if cut:
        return cut
    line_end = pending.find("\n") + 1  # the first line is longer than a block
    if at_line_start and _DIRECTIVE_START.match(pending):
        return line_end
    blank = max(pending.rfind(blank, 0, size) for blank in _BLANKS) + 1
    if blank:
        return blank
    later = [found + 1 for found in (pending.find(blank, size) for blank in _BLANKS) if found >= 0]
    return min([*later, line_end] if line_end else later, default=0)


@dataclass(frozen=True)
class _Block:
    """One block of the document: its source text and prose, where both begin, and the line and column it begins at."""

    source_start: int
    text: str
    prose_start: int
    prose: Prose
    line: int
    column: int
    lines: LineIndex

    @property
    def source_end(self) -> int:
        return self.source_start + len(self.text)

    @property
    def prose_end(self) -> int:
        return self.prose_start + len(self.prose.text)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of the document offset ``offset``, which lies in (or just after) this block."""
        line, column = self.lines.position(offset - self.source_start)
        return self.line + line - 1, column + (self.column - 1 if line == 1 else 0)

    def to_source(self, offset: int, *, end: bool) -> int:
        """Return the document offset of prose offset ``offset`` (the start of a span, or its ``end``)."""
        local = offset - self.prose_start
        if end:
            return self.source_start + self.prose.to_source(local - 1, local)[1]
        return self.source_start + self.prose.to_source(local, local + 1)[0]


class _Silencer:
    """The inline directives met so far, as :func:`framing.suppressions.rules` reads them in plain text.

    In plain text a directive is a line of its own, so ``framing-ignore`` applies to
    the next line holding prose; until that line is read the directive waits.
    Findings are asked about in order, after every block up to their end was added.
    """

    def __init__(self) -> None:
        self._waiting: list[tuple[frozenset[str], int]] = []  # ignore directives: concepts, where the comment ends
        self._lines: deque[tuple[frozenset[str], int]] = deque()  # in line order
        self._open: list[tuple[frozenset[str], int]] = []  # disabled since (concepts, offset), not yet enabled
        self._closed: deque[tuple[frozenset[str], int, int]] = deque()  # in the order they end

    def add(self, block: _Block) -> None:
        """Take the directives of ``block`` and the lines its prose begins on, in the order they come."""
        directives = [(comment.start, comment.end, parse(comment)) for comment in block.prose.comments]
        copied = [(segment.source_start, segment.source_end) for segment in block.prose.segments if segment.copied]
        events = [(start, 1, end, None) for start, end in copied] + [(s, 0, e, d) for s, e, d in directives if d]
        events.sort(key=lambda event: (event[0], event[1]))
        for start, _kind, end, directive in events:
            if directive is None:
                self._resolve(block, start, end)
            else:
                self._direct(directive.action, directive.concepts, block.source_start + start, block.source_start + end)

    def _resolve(self, block: _Block, start: int, end: int) -> None:
        """Give waiting ``framing-ignore`` directives their line, if prose begins in ``block.text[start:end]``."""
        still = []
        for concepts, after in self._waiting:
            first = max(start, after - block.source_start)
            found = next((p for p in range(first, end) if not block.text[p].isspace()), None)
            if found is None:
                still.append((concepts, after))
            else:
                self._lines.append((concepts, block.position(block.source_start + found)[0]))
        self._waiting = still

    def _direct(self, action: str, concepts: frozenset[str], start: int, end: int) -> None:
        if action == "ignore":
            self._waiting.append((concepts, end))
        elif action == "disable":
            self._open.append((concepts, end))
        else:
            still_open = []
            for opened, since in self._open:
                if ALL in concepts:
                    self._closed.append((opened, since, start))
                elif ALL in opened:
                    still_open.append((opened, since))  # only a bare framing-enable ends a disable-all
                else:
                    if opened & concepts:
                        self._closed.append((opened & concepts, since, start))
                    if opened - concepts:
                        still_open.append((opened - concepts, since))
            self._open = still_open

    def silences(self, finding: Finding, line: int) -> bool:
        """Return whether a directive silences ``finding`` (source offsets) on ``line``; forget what lies behind it."""
        while self._lines and self._lines[0][1] < line:
            self._lines.popleft()
        while self._closed and self._closed[0][2] < finding.start:
            self._closed.popleft()
        concept = finding.concept

        def covers(concepts: frozenset[str]) -> bool:
            return ALL in concepts or concept in concepts

        return (
            any(covers(c) for c, n in itertools.takewhile(lambda rule: rule[1] == line, self._lines))
            or any(covers(c) and s <= finding.start and finding.end <= e for c, s, e in self._closed)
            or any(covers(c) and s <= finding.start for c, s in self._open)
        )


@dataclass
class StreamedDocument:
    """What streaming one document gave, once its findings have all been read: how many were silenced."""

    path: str
    suppressed: int = 0


def lint_plain(
    path: str,
    linter: Linter,
    settings: Settings,
    *,
    encoding: str | None = None,
    block_size: int = BLOCK_CHARACTERS,
    chunk: int = CHUNK_CHARACTERS,
    outcome: StreamedDocument | None = None,
) -> Iterator[Located]:
    """Yield the findings of the plain-text file at ``path`` (``-``: standard input) with their positions, in order, as a stream.

    ``linter`` must match words with its own tokenizer (``tokenizer="fast"``, not a
    script matched on characters). ``settings`` apply as for any document; ``outcome``,
    if given, counts the findings inline directives silenced. Raises
    :class:`~framing.errors.InputError` when the file cannot be read or decoded, as
    soon as that part is reached.
    """
    name = "<stdin>" if path == documents.STDIN else path  # as documents.read names it
    outcome = outcome if outcome is not None else StreamedDocument(name)
    held: deque[_Block] = deque()
    silencer = _Silencer()
    words = WordStream(linter.engine, chunk=chunk)
    alternatives_of = alternatives_in(linter.engine)
    source_at = prose_at = 0
    line = column = 1

    def report(findings: list[Finding]) -> Iterator[Located]:
        # The same steps as a document read whole: fit the suggestions, map to the source, settings, suppressions.
        for finding in findings:
            prose_start, prose_end = finding.start, finding.end
            window_start = max(held[0].prose_start, prose_start - _CONTEXT)
            window = _prose(held, window_start, prose_end)
            moved = replace(finding, start=prose_start - window_start, end=prose_end - window_start)
            first, last = _holding(held, prose_start), _holding(held, max(prose_start, prose_end - 1))
            start, end = first.to_source(prose_start, end=False), last.to_source(prose_end, end=True)
            text = _source(held, start, end)
            start_line, start_column = _holding_source(held, start).position(start)
            end_line, end_column = _holding_source(held, max(start, end - 1)).position(end)
            for fitted in fit(window, [moved], alternatives_of):
                located = replace(fitted, start=start, end=end, text=text)
                for kept in apply_settings([located], settings):
                    if silencer.silences(kept, start_line):
                        outcome.suppressed += 1
                        continue
                    yield Located(name, start_line, start_column, end_line, end_column, kept)

    for text, at_line_start in blocks(documents.stream(path, encoding, size=block_size), block_size):
        prose = plain.extract(text, at_line_start=at_line_start)
        index = LineIndex(text)
        block = _Block(source_at, text, prose_at, prose, line, column, index)
        held.append(block)
        silencer.add(block)
        source_at += len(text)
        prose_at += len(prose.text)
        if len(index.starts) > 1:
            line += len(index.starts) - 1
            column = len(text) - index.starts[-1] + 1
        else:
            column += len(text)
        yield from report(words.feed(prose.text))
        needed = words.holds_from - _CONTEXT
        while len(held) > 1 and held[0].prose_end < needed:
            held.popleft()
    yield from report(words.finish())


def _holding(held: Iterable[_Block], offset: int) -> _Block:
    """Return the block whose prose holds ``offset``."""
    for block in held:
        if block.prose_start <= offset < block.prose_end:
            return block
    raise AssertionError(f"prose offset {offset} is no longer held")


def _holding_source(held: Iterable[_Block], offset: int) -> _Block:
    """Return the block whose source holds ``offset``."""
    for block in held:
        if block.source_start <= offset < block.source_end:
            return block
    raise AssertionError(f"source offset {offset} is no longer held")


def _prose(held: Iterable[_Block], start: int, end: int) -> str:
    """Return the prose from ``start`` to ``end`` (and up to a context's length after it, as far as it is held)."""
    stop = end + _CONTEXT
    return "".join(
        block.prose.text[max(0, start - block.prose_start) : stop - block.prose_start]
        for block in held
        if block.prose_end > start and block.prose_start < stop
    )


def _source(held: Iterable[_Block], start: int, end: int) -> str:
    """Return the document's text from ``start`` to ``end``."""
    return "".join(
        block.text[max(0, start - block.source_start) : end - block.source_start]
        for block in held
        if block.source_end > start and block.source_start < end
    )
