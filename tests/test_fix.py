"""Fixes: framing.fix, and the properties every fix keeps (only finding spans change, idempotent)."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.fitting import alternatives_in
from framing.fixes import apply, fix_text, plan
from framing.linter import Linter

DATA = Path(__file__).parent / "data"
AGREEMENT = DATA / "agreement"
TEST_LEXICON = DATA / "lexicon"


@cache
def linter(lexicon: Path = AGREEMENT, locale: str = "en") -> Linter:
    return Linter(locale, lexicons=[lexicon], builtin=False)


def fix_with(text: str, lexicon: Path = AGREEMENT, locale: str = "en"):
    chosen = linter(lexicon, locale)
    return fix_text(text, chosen.lint, alternatives_in(chosen.engine))


def test_fix_api_returns_text_and_edits() -> None:
    text, edits = framing.fix("He is a leader. Ask a guru!", locale="en", lexicons=[AGREEMENT], builtin=False)
    assert text == "He is an organizer. Ask an expert!"
    assert [(e.start, e.end, e.old, e.new, e.concept, e.alternative) for e in edits] == [
        (6, 14, "a leader", "an organizer", "leader", "organizer"),
        (20, 26, "a guru", "an expert", "guru", "expert"),
    ]
    assert all(isinstance(e, framing.Edit) for e in edits)


def test_fix_is_callable_even_after_the_module_was_imported() -> None:
    code = (
        "import framing.fixes, framing\n"
        f"print(framing.fix('Our leaders.', lexicons=[{str(AGREEMENT)!r}], builtin=False)[0])\n"
        "print(framing.Edit.__name__, framing.fix('x', lexicons=[], builtin=False))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["Our organizers.", "Edit ('x', [])"]


def test_advice_only_findings_are_left_alone() -> None:
    assert fix_with("Líder.", locale="es") == ("Líder.", [])  # gender cannot be told
    assert fix_with("The race was run.", TEST_LEXICON) == ("The race was run.", [])  # no safe alternative


def test_finding_whose_span_does_not_hold_its_text_is_not_edited() -> None:
    # As when a reader decoded an entity: the finding's text is not what the source holds there.
    finding = linter().lint("a leader")[0]
    moved = type(finding)(**{**finding.__dict__, "text": "leaders"})
    assert plan("a leader", [moved], alternatives_in(linter().engine)) == []


def test_edit_outside_editable_ranges_is_skipped() -> None:
    text = "Our leaders and our leaders."
    new, edits = fix_text(text, linter().lint, alternatives_in(linter().engine), editable=lambda s, e: s >= 12)
    assert new == "Our leaders and our organizers."
    assert [e.start for e in edits] == [20]


def test_alternative_that_is_itself_loaded_is_not_applied(tmp_path: Path) -> None:
    (tmp_path / "concepts.toml").write_text(
        '[a]\ncategory = "idiom"\nsources = ["Merriam-Webster, s.v. \'ninja\'"]\n'
        '[b]\ncategory = "idiom"\nsources = ["Merriam-Webster, s.v. \'rock star\'"]\n',
        encoding="utf-8",
    )
    (tmp_path / "en.toml").write_text(
        '[a]\nterms = ["ninja"]\nnote = "n"\nalternatives = [{ text = "rockstar", safe = true, safe_because = "b" }]\n'
        'must_flag = ["a ninja"]\nmust_not_flag = ["a cat", "the film “Ninja”"]\n'
        '[b]\nterms = ["rockstar"]\nnote = "n"\nalternatives = [{ text = "ninja", safe = true, safe_because = "b" }]\n'
        'must_flag = ["a rockstar"]\nmust_not_flag = ["a cat", "the film “Rockstar”"]\n',
        encoding="utf-8",
    )
    chosen = Linter("en", lexicons=[tmp_path], builtin=False)
    result = fix_text("A ninja and a rockstar.", chosen.lint, alternatives_in(chosen.engine))
    assert result == ("A ninja and a rockstar.", [])


# --- properties ----------------------------------------------------------------------

WORDS = [
    "Our", "the", "a", "an", "A", "AN", "leader", "leaders", "Leader", "LEADERS", "leader's", "leaders'", "guru",
    "gurus", "Guru", "war", "War", "room", "rooms", "chairman", "chairmen", "point", "men", "man", "whiz", "kid",
    "kingmaker", "cheerleader", "meet", "will", "expert", "organizer", "1", "über", "naïve", "😀",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\n", "\r\n", "\r", ". ", ", ", "\t", " - ", "!\n"]

texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=25).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)
unfixable_texts = st.lists(
    st.tuples(st.sampled_from(["race", "Race", "RACES", "war", "rooms", "low-hanging", "fruit", "the", "A", "x"]),
              st.sampled_from(SEPARATORS)),
    max_size=25,
).map(lambda pairs: "".join(w + s for w, s in pairs))  # fmt: skip

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_ARTICLE = re.compile(r"(?i)an?[ \t]+")


@PROPERTY
@given(texts)
def test_fix_changes_only_finding_spans(text: str) -> None:
    spans = {(f.start, f.end) for f in linter().lint(text)}
    new, edits = fix_with(text)
    rebuilt = text
    for edit in reversed(edits):
        assert text[edit.start : edit.end] == edit.old
        finding_start = edit.start
        if (edit.start, edit.end) not in spans:
            article = _ARTICLE.match(text, edit.start)
            assert article is not None, f"edit {edit} is not a finding span"
            finding_start = article.end()
        assert (finding_start, edit.end) in spans
        rebuilt = rebuilt[: edit.start] + edit.new + rebuilt[edit.end :]
    assert [e.start for e in edits] == sorted(e.start for e in edits)
    assert all(a.end <= b.start for a, b in zip(edits, edits[1:], strict=False))
    assert rebuilt == new == apply(text, edits)


@PROPERTY
@given(texts)
def test_fixing_is_idempotent(text: str) -> None:
    once, _ = fix_with(text)
    assert fix_with(once) == (once, [])


@PROPERTY
@given(unfixable_texts)
def test_unfixable_findings_leave_the_text_as_it_was(text: str) -> None:
    assert fix_with(text, TEST_LEXICON) == (text, [])
