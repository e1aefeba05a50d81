"""What a run's findings add up to: each note once per concept and reader, and per concept and file the counts.

Reports show one short line per occurrence; the long notes and the totals come after,
once. :class:`Overview` gathers both while the findings go by (a document's findings
need not be held once they are reported), for the text report and for SARIF's rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from framing.model import Finding, Reader
from framing.report import Located


@dataclass
class ConceptTotal:
    """One concept over a run: how often, where (lines per file), whose readers, and what to try instead."""

    concept: str
    count: int = 0
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> first and last line
    readers: dict[str, None] = field(default_factory=dict)  # locales, in the order first seen
    alternatives: tuple[str, ...] = ()

    def add(self, item: Located) -> None:
        """Count one more occurrence."""
        self.count += 1
        first, last = self.lines.get(item.path, (item.line, item.line))
        self.lines[item.path] = (min(first, item.line), max(last, item.line))
        self.readers.update(dict.fromkeys(item.finding.locales))
        if not self.alternatives and item.finding.alternatives:
            self.alternatives = item.finding.alternatives


@dataclass
class Overview:
    """The notes (once per concept and reader) and totals (per concept, per file) of the findings added, in order.

    ``notes`` maps (concept, reader locale) to the first reader seen for it: its note
    and sources, which are the same for every occurrence. ``files`` maps each path to
    its findings counted by severity name.
    """

    notes: dict[tuple[str, str], Reader] = field(default_factory=dict)
    concepts: dict[str, ConceptTotal] = field(default_factory=dict)
    files: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, item: Located) -> None:
        """Take one located finding into account."""
        finding: Finding = item.finding
        for reader in finding.readers:
            self.notes.setdefault((finding.concept, reader.locale), reader)
        self.concepts.setdefault(finding.concept, ConceptTotal(finding.concept)).add(item)
        self.files.setdefault(item.path, Counter())[str(finding.severity)] += 1

    def add_all(self, items: Iterable[Located]) -> Overview:
        """Take every item into account; return this overview."""
        for item in items:
            self.add(item)
        return self

    def ranked(self) -> list[ConceptTotal]:
        """Return the concepts, the most frequent first (then in the order first found)."""
        order = {concept: index for index, concept in enumerate(self.concepts)}
        return sorted(self.concepts.values(), key=lambda total: (-total.count, order[total.concept]))

    def readers_of(self, concept: str) -> list[Reader]:
        """Return the readers ``concept`` concerned in this run, in the order first seen (own first where it came first)."""
        return [reader for (seen, _locale), reader in self.notes.items() if seen == concept]
