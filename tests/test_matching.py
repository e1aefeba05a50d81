"""Matching a user can trust: inflections, phrases, whole words, context conditions, audiences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Linter
from framing.engine import loaded_alternatives
from framing.lexicon import load
from framing.model import Severity

MATCHING = Path(__file__).parent / "data" / "matching"


@pytest.fixture(scope="module")
def linters():
    made: dict[tuple[str, tuple[str, ...]], Linter] = {}

    def get(locale: str = "en", audience: tuple[str, ...] = ()) -> Linter:
        key = (locale, audience)
        if key not in made:
            made[key] = Linter(locale, audience, [MATCHING], builtin=False)
        return made[key]

    return get


def matched(linter: Linter, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.concept) for f in linter.lint(text)]


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("en", "Our leaders will meet.", "leaders"),
        ("en", "Leadership is shared.", "Leadership"),
        ("en", "LEADERS MEET", "LEADERS"),
        ("en", "the leader's desk", "leader"),
        ("de", "Wir folgen den Führern nicht.", "Führern"),
        ("de", "Der Wille des Führers.", "Führers"),
        ("fr", "Les dirigeants arrivent.", "dirigeants"),
        ("es", "Los caudillos hablaron.", "caudillos"),
    ],
)
def test_inflections_are_found_without_listing_them(linters, locale, text, expected):
    assert [f.text for f in linters(locale).lint(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two war rooms were busy.", "war rooms"),
        ("Pick the low-hanging fruits first.", "low-hanging fruits"),
        ("Pick the low hanging fruit.", "low hanging fruit"),
        ("The WAR ROOM is open.", "WAR ROOM"),
    ],
)
def test_phrases_match_in_their_inflections(linters, text, expected):
    assert [f.text for f in linters().lint(text)] == [expected]


@pytest.mark.parametrize("text", ["The cheerleader waved.", "Misleadership", "leaderboard", "The racetrack"])
def test_no_match_inside_another_word(linters, text):
    assert linters().lint(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Connect to the remote host.",
        "A bipolar magnet.",
        "Fix the race condition.",
        "The leader sequence is cleaved by a peptidase.",
        "The host answered on the network.",
    ],
)
def test_context_conditions_prevent_known_false_alarms(linters, text):
    assert linters().lint(text) == []


def test_context_conditions_leave_the_loaded_use_flagged(linters):
    assert matched(linters(), "People of every race. We host it. So bipolar.") == [
        ("race", "race"),
        ("host", "host"),
        ("bipolar", "bipolar"),
    ]


def test_case_sensitive_terms(linters):
    assert matched(linters(), "NASA and nasa") == [("NASA", "nasa")]


def test_offsets_point_at_the_matched_text(linters):
    text = "First line.\r\nThen our LEADERS,\tand war\nrooms."
    for finding in linters().lint(text):
        assert text[finding.start : finding.end] == finding.text


def test_audience_explains_the_readers_view_with_writer_alternatives(linters):
    findings = linters("en", ("de", "it")).lint("Our leaders will meet")
    assert len(findings) == 1
    [finding] = findings
    assert [(r.locale, r.severity, r.name, r.own) for r in finding.readers] == [
        ("en", Severity.SUGGESTION, "", True),
        ("de", Severity.SUGGESTION, "German", False),
        ("it", Severity.SUGGESTION, "Italian", False),
    ]
    german = finding.readers[1]
    assert german.note == "German readers may hear 'Führer'."
    assert german.message == '"leaders" may read as "Führer" to German readers'
    assert finding.message == finding.readers[0].message  # the own locale's on a tie
    assert finding.alternatives == ("coordinator", "take on responsibility")
    assert finding.safe_alternatives == ("coordinator",)


def test_without_audience_only_the_writers_locale_applies(linters):
    assert [f.locales for f in linters("en").lint("Our leaders will meet")] == [("en",)]


def test_audience_works_in_the_other_direction(linters):
    findings = linters("de", ("en",)).lint("Der Führer kommt.")
    assert [[(r.locale, r.name) for r in f.readers] for f in findings] == [[("de", ""), ("en", "English")]]


def test_audience_needs_a_link(linters):
    # The French entry links no audience, so English readers add nothing.
    assert [f.locales for f in linters("fr", ("en",)).lint("Les dirigeants")] == [("fr",)]


def test_an_entry_not_loaded_for_its_own_readers_reports_nothing_alone(linters):
    assert linters("it").lint("Il duce parlò.") == []


def test_regional_locale_falls_back_to_its_language(linters):
    assert [f.text for f in linters("de-AT").lint("Den Führern")] == ["Führern"]
    assert [f.locales for f in linters("en", ("de_at",)).lint("leader")] == [("en", "de")]


def test_characters_are_matched_for_chinese(linters):
    text = "我们的领袖来了。"
    findings = linters("zh").lint(text)
    assert [(f.text, f.start, f.end) for f in findings] == [("领袖", 3, 5)]
    english = linters("en", ("zh",)).lint("leaders")
    assert english[-1].readers[-1].name == "Chinese"


def test_alternatives_follow_the_matched_term(linters):
    by_text = {f.text: f.alternatives for f in linters().lint("leaders and leadership")}
    assert by_text == {"leaders": ("coordinator", "take on responsibility"), "leadership": ("coordination",)}


def test_findings_are_sorted_and_lint_many_agrees(linters):
    texts = ["race and leaders", "", "war rooms; the host", "nothing here"]
    linter = linters()
    streamed = list(linter.lint_many(texts))
    assert streamed == [linter.lint(t) for t in texts]
    for findings in streamed:
        assert [f.start for f in findings] == sorted(f.start for f in findings)


WORDS = st.sampled_from(["leader", "leaders", "race", "condition", "war", "room", "the", "host", "remote", "-", "\n", "LEADER"])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=30), st.lists(st.sampled_from([" ", "  ", "\t", "\r\n", ", "]), min_size=30, max_size=30))
def test_findings_always_point_at_their_text(linters, words, separators):
    text = "".join(w + s for w, s in zip(words, separators, strict=False))
    for finding in linters().lint(text):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text


def _write_lexicon(folder, entries: str) -> str:
    folder.mkdir()
    (folder / "concepts.toml").write_text(
        '[ninja]\ncategory = "idiom"\nsources = ["Merriam-Webster, s.v. \'ninja\'"]\n'
        '[hero]\ncategory = "idiom"\nsources = ["Merriam-Webster, s.v. \'hero\'"]\n',
        encoding="utf-8",
    )
    (folder / "en.toml").write_text(entries, encoding="utf-8")
    (folder / "de.toml").write_text(
        '[hero]\nconcern = "transferred"\nsources = ["Duden online, s.v. Held"]\nterms = ["Held"]\nnote = "n"\n'
        'reading = "German readers may hear a war hero."\nalternatives = ["Fachkraft"]\n'
        'must_flag = ["Ein Held."]\nmust_not_flag = ["Ein Feld."]\n',
        encoding="utf-8",
    )
    return str(folder)


def test_an_alternative_loaded_for_an_audience_is_never_offered(tmp_path):
    # "hero" is not loaded for English readers, only for German ones: offered to an
    # English-only audience, never when German readers are in it.
    lexicon = _write_lexicon(
        tmp_path / "lexicon",
        '[ninja]\nconcern = "transferred"\nsources = ["Merriam-Webster, s.v. \'ninja\'"]\nterms = ["ninja"]\n'
        'note = "n"\nalternatives = ["hero", "expert"]\nmust_flag = ["a ninja"]\nmust_not_flag = ["a cat"]\n'
        '[hero]\nconcern = "transferred"\nsources = ["Merriam-Webster, s.v. \'hero\'"]\nterms = ["hero"]\n'
        'loaded = false\naudience = ["de"]\nnote = "n"\nalternatives = ["expert"]\n'
        'must_flag = ["a hero"]\nmust_not_flag = ["a cat"]\n',
    )
    alone = Linter("en", lexicons=[lexicon], builtin=False)
    assert [f.alternatives for f in alone.lint("Ask a ninja.")] == [("hero", "expert")]
    assert alone.lint("Ask a hero.") == []
    with_german = Linter("en", ["de"], lexicons=[lexicon], builtin=False)
    assert [f.alternatives for f in with_german.lint("Ask a ninja.")] == [("expert",)]
    [hero] = with_german.lint("Ask a hero.")
    assert hero.locales == ("de",) and hero.message == "German readers may hear a war hero."


def test_validation_warns_about_an_alternative_loaded_in_its_own_locale(tmp_path):
    lexicon = _write_lexicon(
        tmp_path / "lexicon",
        '[ninja]\nconcern = "transferred"\nsources = ["Merriam-Webster, s.v. \'ninja\'"]\nterms = ["ninja"]\n'
        'note = "n"\nalternatives = ["hero", "expert", "hero worship"]\nmust_flag = ["a ninja"]\nmust_not_flag = ["a cat"]\n'
        '[hero]\nconcern = "transferred"\nsources = ["Merriam-Webster, s.v. \'hero\'"]\nterms = ["hero"]\n'
        'note = "n"\nalternatives = ["expert"]\nmust_flag = ["a hero"]\nmust_not_flag = ["a cat"]\n',
    )
    found = [str(problem) for problem in loaded_alternatives(load([lexicon], builtin=False), ["en", "de"])]
    assert found == [
        f"{lexicon}/en.toml:1: alternative 'hero' of 'ninja' (en) is itself loaded in en (hero); it is never offered",
        f"{lexicon}/en.toml:1: alternative 'hero worship' of 'ninja' (en) is itself loaded in en (hero); it is never offered",
    ]
