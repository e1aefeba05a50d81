"""The fast tokenizer gives exactly the findings of spaCy's blank tokenizer.

Every example sentence of every lexicon (built-in, and the test lexicons) is matched both
ways; compiled patterns are compared; random text built from lexicon words, fillers and
punctuation is matched both ways (hypothesis); long texts read in chunks give what one
pass gives.
"""

from __future__ import annotations

import contextlib
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from framing import engine as engine_module
from framing import locales, tokenizer
from framing.engine import Engine, blank_pipeline, example_engine, tokenizer_function, tokens_of
from framing.inflection import inflections
from framing.lexicon import load, load_leniently
from framing.patterns import compile_patterns

DATA = Path(__file__).parent / "data"
TEST_LEXICONS = [DATA / "lexicon", DATA / "matching", DATA / "agreement"]

# The built-in lexicons are being edited: take whatever loads, problems or not (the
# comparison does not need the lexicon to be valid).
BUILTIN, _ = load_leniently()
LEXICONS = [("builtin", BUILTIN)] + [(path.name, load([path], builtin=False)) for path in TEST_LEXICONS]


def _word_locales(lexicon):
    return [code for code in lexicon.locales() if locales.support(code).segmentation == "words"]


EXAMPLE_CASES = [
    pytest.param(lexicon, locale, id=f"{name}-{locale}") for name, lexicon in LEXICONS for locale in _word_locales(lexicon)
]


def _key(findings):
    return [(f.start, f.end, f.concept, f.locales, f.term) for f in findings]


@pytest.mark.parametrize(("lexicon", "locale"), EXAMPLE_CASES)
def test_fast_tokenizer_gives_spacy_findings_on_every_example(lexicon, locale):
    fast_engine, fast_tokens = example_engine(lexicon, locale, tokenizer="fast")
    spacy_engine, spacy_tokens = example_engine(lexicon, locale, tokenizer="spacy")
    entries = [c.entries[locale] for c in lexicon.concepts.values() if locale in c.entries]
    examples = [example.text for entry in entries for example in (*entry.must_flag, *entry.must_not_flag)]
    assert examples
    for text in examples:
        spacy = _key(spacy_engine.find(text, spacy_tokens(text)))
        assert _key(fast_engine.find(text, fast_tokens(text))) == spacy, text
        assert _key(fast_engine.find_text(text)) == spacy, text


@pytest.mark.parametrize(("lexicon", "locale"), EXAMPLE_CASES)
def test_terms_compile_to_the_same_patterns_with_either_tokenizer(lexicon, locale):
    language = locales.language(locale)
    inflect = (lambda words: inflections(language, words)) if locales.support(locale).lemma_table else None
    entries = lexicon.entries(locale)
    with_spacy = compile_patterns(entries, tokenizer_function(blank_pipeline(locale)), inflect)
    with_fast = compile_patterns(entries, tokenizer.split_term(language), inflect)
    assert with_fast == with_spacy


# --- random text ------------------------------------------------------------------------

_SEPARATORS = [
    " ", "  ", "\n", ", ", ". ", "; ", ": ", "! ", "? ", " (", ") ", ' "', '" ', " - ", "-", " — ", "'s ", "’s ", "... ",
]  # fmt: skip
_FILLERS = {
    "en": ["the", "a", "team", "of", "and", "we", "Meeting", "is", "not", "x"],
    "de": ["der", "die", "Team", "und", "wir", "ist", "nicht", "Treffen"],
    "fr": ["le", "la", "équipe", "et", "nous", "est", "l'", "d'", "réunion"],
    "es": ["el", "la", "equipo", "y", "nosotros", "es", "reunión"],
    "it": ["il", "la", "squadra", "e", "noi", "è", "l'", "dell'", "riunione"],
}


def _vocabulary(lexicon, locale):
    words = set(_FILLERS[locales.language(locale)])
    for entry in lexicon.entries(locale):
        for term in entry.terms:
            words.update(re.split(r"\s+", term.text))
            for phrase in (*term.unless_followed_by, *term.unless_preceded_by, *term.unless_near, *term.forms):
                words.update(re.split(r"\s+", phrase))
    words.discard("")
    return sorted(words)


_MATCHING = load([DATA / "matching"], builtin=False)
_PROPERTY_LOCALES = ["en", "de", "fr", "es", "it"]
_PIPELINES = {locale: blank_pipeline(locale) for locale in _PROPERTY_LOCALES}
_ENGINES = {
    locale: Engine(_MATCHING, locale, ["de", "it"], tokenize=tokenizer.split_term(locale)) for locale in _PROPERTY_LOCALES
}


@st.composite
def _texts(draw):
    locale = draw(st.sampled_from(_PROPERTY_LOCALES))
    vocabulary = _vocabulary(_MATCHING, locale)
    pieces = draw(st.lists(st.tuples(st.sampled_from(vocabulary), st.sampled_from(_SEPARATORS)), max_size=40))
    casing = draw(st.sampled_from([str, str.upper, str.title]))
    return locale, "".join(casing(word) + separator for word, separator in pieces)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts())
@example(("en", "X. Leader "))  # an initial: spaCy keeps "X." whole, so "Leader" is inside a name
@example(("en", "b. Leader "))
@example(("de", 'Führer "Führer’s Führer" '))  # a curly "’s" at a word's end is a suffix in German
def test_fast_tokenizer_gives_spacy_findings_on_random_text(case):
    locale, text = case
    engine = _ENGINES[locale]
    spacy = engine.find(text, tokens_of(_PIPELINES[locale].make_doc(text)))
    assert _key(engine.find_text(text)) == _key(spacy)


@contextlib.contextmanager
def _chunks_of(size):
    saved = engine_module.CHUNK_CHARACTERS
    engine_module.CHUNK_CHARACTERS = size
    try:
        yield
    finally:
        engine_module.CHUNK_CHARACTERS = saved


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts(), st.integers(min_value=1, max_value=40))
def test_long_texts_read_in_chunks_give_the_findings_of_one_pass(case, chunk):
    locale, text = case
    engine = _ENGINES[locale]
    whole = _key(engine.find_text(text))
    with _chunks_of(chunk):
        assert _key(engine.find_text(text)) == whole


# --- the tokenizer itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "The leader's team", ["the", "leader", "'s", "team"]),
        ("en", "don't stop", ["do", "n't", "stop"]),
        ("en", "co-leader, e.g. U.S. 3.5", ["co", "leader", ",", "e.g.", "u.s.", "3.5"]),
        ("fr", "l'homme d’État aujourd'hui", ["l'", "homme", "d’", "état", "aujourd'hui"]),
        ("de", "Führer's l’homme", ["führer's", "l", "’", "homme"]),
        ("en", "e\u0301te\u0301 naïve", ["e\u0301te\u0301", "naïve"]),
        ("en", "see https://example.org/leader.", ["see", "https://example.org/leader", "."]),
        ("en", "J. R. Leader, b. x. AB. X..", ["j.", "r.", "leader", ",", "b.", "x.", "ab", ".", "x", ".."]),
        ("ru", "Ж. г. ж.", ["ж.", "г.", "ж", "."]),
        ("pl", "X. b.", ["x", ".", "b", "."]),
        ("de", "Anna’s Führer’s geht’s l’homme", ["anna", "’s", "führer", "’s", "geht", "’s", "l", "’", "homme"]),
        ("nl", "Anna’s zo’t l’homme", ["anna", "’s", "zo", "’t", "l", "’", "homme"]),
    ],
)
def test_words(language, text, expected):
    lowered, starts, ends = tokenizer.words(text, language)
    assert lowered == expected
    assert [text[s:e].lower() for s, e in zip(starts, ends, strict=True)] == expected


def test_combining_marks_are_complete():
    # If this fails after a Python upgrade (new Unicode version), regenerate COMBINING_MARKS.
    word = re.compile(rf"[\w{tokenizer.COMBINING_MARKS}]")
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)).startswith("M") and not word.match(chr(code))
    ]
    assert missing == []
