"""The one place the language server meets the finding model: findings as occurrences with their readers.

The server shows one diagnostic per occurrence (a term at one position), carrying
every group of readers it concerns. The occurrence model of issue 14
(``/work/notes/occurrence-model.md``: ``Finding.readers`` as :class:`Reader` objects,
``Finding.message`` the short message) is being built beside this module; until it
is in the library, :func:`occurrences` builds those shapes from today's findings (one
per reader and position) and the lexicon. Everything else in :mod:`framing.lsp` uses
only the names of that model, so when the library gives occurrences itself, this
function shrinks to passing them through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from framing.lexicon import Lexicon
from framing.model import SHORT_PLACEHOLDER, Finding, Severity

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
#: How long a short message made from a note may be (the lexicon's own are at most this long too).
_SHORT = 90


@dataclass(frozen=True)
class Reader:
    """One group of readers a finding concerns: the writer's own locale, or an audience locale."""

    locale: str
    severity: Severity
    note: str
    message: str
    sources: tuple[str, ...] = ()
    own: bool = False
    name: str = ""


@dataclass(frozen=True)
class Occurrence:
    """One occurrence: a term at one position, whatever the number of readers (the model's ``Finding``)."""

    start: int
    end: int
    text: str
    concept: str
    severity: Severity
    message: str
    readers: tuple[Reader, ...]
    alternatives: tuple[str, ...] = ()
    safe_alternatives: tuple[str, ...] = ()
    category: str = ""
    term: str = ""
    term_locale: str = ""

    @property
    def locales(self) -> tuple[str, ...]:
        """Return the readers' locales, in order."""
        return tuple(reader.locale for reader in self.readers)


def _short(note: str) -> str:
    """Return the first sentence of ``note`` on one line, cut to a report line's length."""
    flat = " ".join(note.split())
    sentence = _SENTENCE_END.split(flat, maxsplit=1)[0]
    return sentence if len(sentence) <= _SHORT else sentence[: _SHORT - 1].rstrip() + "…"


def _reader(finding: Finding, lexicon: Lexicon) -> Reader:
    own = not finding.readers
    entry = lexicon.entry(finding.concept, finding.locale)
    concept = lexicon.concepts.get(finding.concept)
    short = None
    if entry is not None:
        short = entry.short if own else entry.short_reading
    message = short.replace(SHORT_PLACEHOLDER, finding.text) if short else _short(finding.note)
    sources = (entry.sources if entry is not None else ()) or (concept.sources if concept is not None else ())
    return Reader(finding.locale, finding.severity, finding.note, message, tuple(sources), own, finding.readers)


def occurrences(findings: Iterable[Finding], lexicon: Lexicon) -> list[Occurrence]:
    """Return one occurrence per position and concept of ``findings``, its readers own first, in text order."""
    grouped: dict[tuple[int, int, str], list[Finding]] = {}
    for finding in findings:
        grouped.setdefault((finding.start, finding.end, finding.concept), []).append(finding)
    result = []
    for (start, end, concept), group in sorted(grouped.items(), key=lambda item: item[0]):
        readers = sorted((_reader(finding, lexicon) for finding in group), key=lambda reader: not reader.own)
        top = max(readers, key=lambda reader: (reader.severity, reader.own))
        first = group[0]
        result.append(
            Occurrence(
                start=start,
                end=end,
                text=first.text,
                concept=concept,
                severity=top.severity,
                message=top.message,
                readers=tuple(readers),
                alternatives=first.alternatives,
                safe_alternatives=first.safe_alternatives,
                category=first.category,
                term=first.term,
                term_locale=first.term_locale,
            )
        )
    return result
