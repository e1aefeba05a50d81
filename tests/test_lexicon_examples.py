"""Every example of every built-in lexicon entry is a test case, and every entry is complete."""

from __future__ import annotations

import pytest

from framing.engine import example_engine
from framing.lexicon import load

LEXICON = load()
CASES = [
    pytest.param(entry, example, expected, id=f"{locale}-{concept.id}-{'flag' if expected else 'pass'}-{n}")
    for concept in LEXICON.concepts.values()
    for locale, entry in sorted(concept.entries.items())
    for expected, examples in ((True, entry.must_flag), (False, entry.must_not_flag))
    for n, example in enumerate(examples)
]
ENTRIES = [
    pytest.param(entry, id=f"{locale}-{concept.id}")
    for concept in LEXICON.concepts.values()
    for locale, entry in sorted(concept.entries.items())
]
_ENGINES: dict[str, object] = {}


def _engine(locale: str):
    if locale not in _ENGINES:
        _ENGINES[locale] = example_engine(LEXICON, locale)
    return _ENGINES[locale]


@pytest.mark.parametrize(("entry", "example", "expected"), CASES)
def test_example_is_flagged_as_declared(entry, example, expected):
    engine, tokens = _engine(entry.locale)
    concepts = {f.concept for f in engine.find(example.text, tokens(example.text))}
    assert (entry.concept in concepts) is expected, f"{example.where}: {example.text!r}"


@pytest.mark.parametrize("entry", ENTRIES)
def test_entry_is_complete(entry):
    assert entry.must_flag, "needs at least one must_flag example"
    assert entry.must_not_flag, "needs at least one must_not_flag example"
    assert entry.note.strip(), "needs a note"
    assert entry.alternatives, "needs at least one alternative"
    assert entry.sources, "needs at least one source"
