"""Alternatives fitted to the sentence: the step of every lint run between matching and the settings.

The engine gives a finding's alternatives as the lexicon writes them ("coordinator");
a report shows them in the form that would replace the words found ("our leaders" →
"coordinators", "a leader" → "an organizer"), and ``--fix`` applies the same
suggestions. Both ask this module, so what a report offers is what a fix writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from framing import locales
from framing.engine import Engine
from framing.model import Alternative, Finding, Term
from framing.rewrite import Suggestion, suggest

#: A finding's alternatives, best first (none loaded for any reader), and the term that matched.
AlternativesOf = Callable[[Finding], tuple[Sequence[Alternative], Term | None]]


def alternatives_in(engine: Engine) -> AlternativesOf:
    """Return a function giving the alternatives ``engine`` offers for a finding's term, and the term itself."""

    def alternatives_of(finding: Finding) -> tuple[Sequence[Alternative], Term | None]:
        return engine.alternatives(finding.concept, finding.term)

    return alternatives_of


def suggestions(text: str, finding: Finding, alternatives_of: AlternativesOf) -> list[Suggestion]:
    """Return the suggestions for ``finding`` in ``text``: each alternative fitted to the sentence, or as advice."""
    language = locales.language(finding.term_locale)
    alternatives, term = alternatives_of(finding)
    return suggest(text, finding, alternatives, language, term=term)


def fit(text: str, findings: Iterable[Finding], alternatives_of: AlternativesOf) -> list[Finding]:
    """Return ``findings`` (offsets into ``text``) with their alternatives fitted to the sentence, for reports.

    A safe alternative whose agreement is certain comes in the form that would replace
    the matched words, with the article before them when that must change ("an
    organizer" for "a leader"); the others come as the lexicon writes them.
    ``safe_alternatives`` keeps only what ``--fix`` would apply.
    """
    result = []
    for finding in findings:
        offered = suggestions(text, finding, alternatives_of)
        alternatives = tuple(dict.fromkeys(s.replacement for s in offered))
        safe = tuple(dict.fromkeys(s.replacement for s in offered if s.auto))
        result.append(replace(finding, alternatives=alternatives or finding.alternatives, safe_alternatives=safe))
    return result
