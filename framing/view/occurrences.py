"""The findings of one document as the view's JSON: one object per occurrence, with its readers.

The single adapter between the finding model and the page. Its output is the JSON of
``framing lint --format json`` version 2 (see /work/notes/occurrence-model.md): one
object per occurrence with ``readers: [{locale, severity, note, message, sources, own,
name}]``. Findings of the model with one finding per reader are merged here by
position and concept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from framing.documents import LineIndex
from framing.model import Finding, Severity

#: The sources the lexicon gives for a concept in a locale.
SourcesOf = Callable[[str, str], tuple[str, ...]]
MAX_MESSAGE = 90


def occurrence_objects(path: str, text: str, findings: Sequence[Finding], sources_of: SourcesOf) -> list[dict[str, Any]]:
    """Return one JSON-ready object per occurrence in ``findings`` of ``text``, in text order."""
    index = LineIndex(text)
    groups: dict[tuple[int, int, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.start, finding.end, finding.concept), []).append(finding)
    objects = []
    for (start, end, _concept), group in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1], item[0][2])):
        line, column = index.position(start)
        end_line, end_column = index.position(end)
        objects.append({"path": path, "line": line, "column": column, "end_line": end_line, "end_column": end_column,
                        **_merged(group, sources_of)})
    return objects


def _merged(group: list[Finding], sources_of: SourcesOf) -> dict[str, Any]:
    """Return the fields of one occurrence from its findings, one per reader (the writer's own first)."""
    ordered = sorted(group, key=lambda f: bool(f.readers))  # stable: the audience keeps its order
    readers = [_reader(f, sources_of) for f in ordered]
    worst = max(ordered, key=lambda f: f.severity)
    top = next(f for f in ordered if f.severity == worst.severity)
    first = ordered[0]
    return {
        "start": first.start,
        "end": first.end,
        "text": first.text,
        "concept": first.concept,
        "category": first.category,
        "term": first.term,
        "term_locale": first.term_locale,
        "severity": str(worst.severity),
        "message": _short(top),
        "alternatives": list(first.alternatives),
        "safe_alternatives": list(first.safe_alternatives),
        "readers": readers,
    }


def _reader(finding: Finding, sources_of: SourcesOf) -> dict[str, Any]:
    return {
        "locale": finding.locale,
        "severity": str(finding.severity),
        "note": " ".join(finding.note.split()),
        "message": _short(finding),
        "sources": list(sources_of(finding.concept, finding.locale)),
        "own": not finding.readers,
        "name": finding.readers,
    }


def _short(finding: Finding) -> str:
    """Return a one-clause message: the note's first sentence, cut to :data:`MAX_MESSAGE` characters."""
    note = " ".join(finding.note.split())
    sentence = note.split(". ", 1)[0].rstrip(".")
    return sentence if len(sentence) <= MAX_MESSAGE else sentence[: MAX_MESSAGE - 1].rstrip() + "…"


def severity_names() -> list[str]:
    """Return the severity names, most severe first."""
    return [str(s) for s in sorted(Severity, reverse=True)]
