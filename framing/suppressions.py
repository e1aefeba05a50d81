"""Inline suppressions: directives in a document's own comments that silence findings.

- ``framing-ignore leader`` silences the concept ``leader`` (several may be listed,
  separated by spaces or commas; none means every concept) on the next line that holds
  prose, or on its own line when prose precedes the comment there. In a PO file it
  applies to the entry that follows.
- ``framing-disable [concept ...]`` silences from the comment to the next
  ``framing-enable`` (or the end of the document); ``framing-enable leader`` ends only
  the silence of ``leader``, and a bare ``framing-disable`` ends only at a bare
  ``framing-enable``.

Which comments exist is the reader's business (see :mod:`framing.readers`); this
module only interprets their text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing.documents import LineIndex
from framing.model import Finding
from framing.readers import Comment, Prose

_DIRECTIVE = re.compile(r"\bframing-(ignore|disable|enable)\b(.*)", re.DOTALL)
ALL = "*"


@dataclass(frozen=True)
class Directive:
    """One parsed directive: what it does, to which concepts (``*`` for all), where it is."""

    action: str
    concepts: frozenset[str]
    comment: Comment


def parse(comment: Comment) -> Directive | None:
    """Return the directive a comment holds, or ``None`` if it holds none."""
    match = _DIRECTIVE.search(comment.text)
    if match is None:
        return None
    rest = match.group(2).replace("-->", " ")
    concepts = frozenset(word for word in re.split(r"[\s,]+", rest) if word)
    return Directive(match.group(1), concepts or frozenset({ALL}), comment)


def _covers(concepts: frozenset[str], concept: str) -> bool:
    return ALL in concepts or concept in concepts


class _CopiedProse:
    """The source ranges copied into the prose, in source order, to find prose near a comment without a scan of them all."""

    def __init__(self, prose: Prose, text: str, index: LineIndex) -> None:
        self.ranges = sorted((s.source_start, s.source_end) for s in prose.segments if s.copied)
        self.ends = list(itertools.accumulate((end for _, end in self.ranges), max))  # sorted even if ranges overlapped
        self.text = text
        self.index = index

    def line_after(self, offset: int) -> int | None:
        """Return the first line at or after ``offset`` holding a non-space character of prose."""
        for start, end in self.ranges[bisect.bisect_right(self.ends, offset) :]:
            for position in range(max(start, offset), end):
                if not self.text[position].isspace():
                    return self.index.position(position)[0]
        return None

    def before_on_line(self, offset: int) -> bool:
        """Return whether prose (a non-space character) precedes ``offset`` on its line."""
        line = self.index.position(offset)[0]
        line_start = self.index.starts[line - 1]
        for start, end in self.ranges[bisect.bisect_right(self.ends, line_start) :]:
            if start >= offset:
                break
            if any(not self.text[p].isspace() for p in range(max(start, line_start), min(end, offset))):
                return True
        return False


@dataclass(frozen=True)
class _Rule:
    concepts: frozenset[str]
    start: int | None = None  # source offset range (regions, PO entries)
    end: int | None = None
    line: int | None = None  # or a source line


def rules(prose: Prose, text: str) -> list[_Rule]:
    """Return what the directives in ``prose``'s comments silence, in terms of the source ``text``."""
    index = LineIndex(text)
    copied = _CopiedProse(prose, text, index)
    found: list[_Rule] = []
    open_regions: list[tuple[frozenset[str], int]] = []
    for comment in sorted(prose.comments, key=lambda c: c.start):
        directive = parse(comment)
        if directive is None:
            continue
        if directive.action == "ignore":
            if comment.target is not None:
                found.append(_Rule(directive.concepts, *comment.target))
            elif copied.before_on_line(comment.start):
                found.append(_Rule(directive.concepts, line=index.position(comment.start)[0]))
            else:
                line = copied.line_after(comment.end)
                if line is not None:
                    found.append(_Rule(directive.concepts, line=line))
        elif directive.action == "disable":
            open_regions.append((directive.concepts, comment.end))
        else:
            still_open = []
            for concepts, start in open_regions:
                if ALL in directive.concepts:
                    found.append(_Rule(concepts, start, comment.start))
                elif ALL in concepts:
                    still_open.append((concepts, start))  # only a bare framing-enable ends a disable-all
                else:
                    if concepts & directive.concepts:
                        found.append(_Rule(concepts & directive.concepts, start, comment.start))
                    if concepts - directive.concepts:
                        still_open.append((concepts - directive.concepts, start))
            open_regions = still_open
    found.extend(_Rule(concepts, start, len(text)) for concepts, start in open_regions)
    return found


def _silenced(rule: _Rule, finding: Finding, line: int) -> bool:
    if not _covers(rule.concepts, finding.concept):
        return False
    if rule.line is not None:
        return rule.line == line
    assert rule.start is not None and rule.end is not None
    return rule.start <= finding.start and finding.end <= rule.end


def apply(findings: Sequence[Finding], prose: Prose, text: str) -> tuple[list[Finding], int]:
    """Return the findings (offsets into the source ``text``) no directive silences, and how many were silenced."""
    active = rules(prose, text)
    if not active:
        return list(findings), 0
    index = LineIndex(text)
    kept = [f for f in findings if not _any(active, f, index.position(f.start)[0])]
    return kept, len(findings) - len(kept)


def _any(active: Iterable[_Rule], finding: Finding, line: int) -> bool:
    return any(_silenced(rule, finding, line) for rule in active)
