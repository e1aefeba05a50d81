"""The adapter from today's findings (one per reader and position) to occurrences with their readers."""

from __future__ import annotations

from dataclasses import replace

from framing.linter import Linter
from framing.lsp.occurrences import occurrences
from framing.model import Severity


def test_one_occurrence_per_position_with_its_readers_own_first() -> None:
    linter = Linter("en", ["de"])
    findings = linter.lint("Our leaders will meet in the war room.")
    found = occurrences(reversed(findings), linter.lexicon)  # order of the findings does not matter
    assert [o.concept for o in found] == ["leader", "war-room"]
    leader = found[0]
    assert leader.locales == ("en", "de")
    assert leader.readers[0].own and not leader.readers[1].own and leader.readers[1].name == "German"
    assert all(r.message and "\n" not in r.message and len(r.message) < len(r.note) for r in leader.readers)  # one clause
    assert all(r.sources for r in leader.readers)
    assert leader.severity == max(r.severity for r in leader.readers)


def test_the_most_severe_reader_gives_the_message() -> None:
    linter = Linter("en", ["de"])
    own, german = [f for f in linter.lint("Our leaders meet.") if f.concept == "leader"]
    (occurrence,) = occurrences([own, replace(german, severity=Severity.ERROR)], linter.lexicon)
    assert occurrence.severity is Severity.ERROR
    assert occurrence.message == occurrence.readers[1].message != occurrence.readers[0].message
