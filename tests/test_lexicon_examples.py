"""Every example of every built-in lexicon entry is a test case, and every entry is complete."""

from __future__ import annotations

import pytest

from framing import locales
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


LINKS = [
    pytest.param(entry, reader, id=f"{locale}-{concept.id}->{reader}")
    for concept in LEXICON.concepts.values()
    for locale, entry in sorted(concept.entries.items())
    for reader in entry.audience
]
_LINTERS: dict[tuple[str, str], object] = {}


@pytest.mark.parametrize(("entry", "reader"), LINKS)
def test_audience_link_reports_the_readers_concern(entry, reader):
    from framing import Linter

    key = (entry.locale, reader)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(entry.locale, [reader], lexicon=LEXICON)
    example = entry.must_flag[0].text
    findings = _LINTERS[key].lint(example)
    concerned = {r.locale for f in findings if f.concept == entry.concept for r in f.readers}
    assert reader in concerned, f"{example!r} with audience {reader}: {concerned}"
    linked = LEXICON.entry(entry.concept, reader)
    note = next(r.note for f in findings if f.concept == entry.concept for r in f.readers if r.locale == reader)
    assert note == (linked.reading or linked.note)


def test_every_language_links_out_and_is_linked_to():
    # Regional variants (pt_BR, zh_Hant) count as their language: they extend its entries.
    language = locales.language
    outgoing = {language(e.locale) for c in LEXICON.concepts.values() for e in c.entries.values() if e.audience}
    incoming = {language(a) for c in LEXICON.concepts.values() for e in c.entries.values() for a in e.audience}
    assert outgoing == incoming == {language(code) for code in LEXICON.locales()}


def test_every_builtin_entry_says_its_concern_and_cites_its_own_source():
    # Issue 13: every entry of locale X cites a source in X or about X, not only the concept's shared ones.
    from framing.lexicon import advisories

    assert [str(problem) for problem in advisories(LEXICON)] == []


def test_every_safe_alternative_says_why():
    for concept in LEXICON.concepts.values():
        for entry in concept.entries.values():
            for alternative in entry.alternatives:
                assert not alternative.safe or len(alternative.safe_because) >= 20, (concept.id, entry.locale, alternative.text)


def _safe_cases():
    cases = []
    for concept in LEXICON.concepts.values():
        for locale, entry in sorted(concept.entries.items()):
            if any(a.safe for a in entry.alternatives):
                for example in entry.must_flag:
                    cases.append(pytest.param(concept.id, locale, example.text, id=f"{locale}-{concept.id}-{example.text[:30]}"))
    return cases


@pytest.mark.parametrize(("concept", "locale", "sentence"), _safe_cases())
def test_a_safe_fix_agrees_and_removes_the_finding(concept, locale, sentence):
    # Every locale with a safe alternative: what --fix writes in its own examples is one of the
    # alternative's declared forms (fitted to case and, in English, article), and leaves no finding.
    import framing

    entry = LEXICON.entry(concept, locale)
    fixed, edits = framing.fix(sentence, locale=locale)
    allowed = {
        form.lower()
        for alternative in entry.alternatives
        if alternative.safe
        for form in (alternative.text, *(f for _, f in alternative.forms))
    }
    for edit in (e for e in edits if e.concept == concept):
        new = edit.new.lower()
        assert any(new == form or new.endswith(" " + form) or new.startswith(form) for form in allowed), (edit, allowed)
    if any(e.concept == concept for e in edits):
        assert concept not in {f.concept for f in framing.lint(fixed, locale=locale) if locale in f.locales}


def test_every_locale_with_a_safe_alternative_fixes_one_of_its_examples():
    import framing

    fixed_somewhere = set()
    wanted = set()
    for concept in LEXICON.concepts.values():
        for locale, entry in concept.entries.items():
            if any(a.safe for a in entry.alternatives):
                wanted.add(locale)
                if any(framing.fix(example.text, locale=locale)[1] for example in entry.must_flag):
                    fixed_somewhere.add(locale)
    assert wanted and fixed_somewhere == wanted
