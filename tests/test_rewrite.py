"""Suggestions that agree with the sentence: number, case, articles, possessives, gender (framing.rewrite)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.fitting import alternatives_in, suggestions
from framing.lexicon import load
from framing.linter import Linter
from framing.model import Alternative, Finding, Reader, Severity, Term
from framing.rewrite import english_plural, match_case, starts_with_vowel_sound, suggest

AGREEMENT = Path(__file__).parent / "data" / "agreement"
LOCALES = ("en", "de", "fr", "es", "it", "pt")


READERS = (Reader("en", Severity.WARNING, "n", "n", own=True),)


@cache
def linter(locale: str) -> Linter:
    return Linter(locale, lexicons=[AGREEMENT], builtin=False)


def fitted(sentence: str, locale: str) -> list[list[str]]:
    """Return, for each finding, the sentence rewritten with each auto suggestion, or 'advice: ...'."""
    found = linter(locale).lint(sentence)
    results = []
    for finding in found:
        row = []
        for s in suggestions(sentence, finding, alternatives_in(linter(locale).engine)):
            row.append(sentence[: s.start] + s.replacement + sentence[s.end :] if s.auto else f"advice: {s.alternative}")
        results.append(row)
    return results


@pytest.mark.parametrize(
    ("phrase", "vowel"),
    [
        ("hour", True),
        ("honest broker", True),
        ("user", False),
        ("user advocate", False),
        ("university", False),
        ("union", False),
        ("uninformed", True),
        ("umbrella", True),
        ("European", False),
        ("one-person team", False),
        ("MBA graduate", True),
        ("FAQ", True),
        ("URL expert", False),
        ("NASA engineer", False),
        ("HTML page", True),
        ("8-hour day", True),
        ("18th", True),
        ("1st", False),
        ("organizer", True),
        ("coordinator", False),
        ("iPhone", True),
    ],
)
def test_article_follows_the_vowel_sound(phrase: str, vowel: bool) -> None:
    assert starts_with_vowel_sound(phrase) is vowel


@pytest.mark.parametrize(
    ("matched", "replacement", "expected"),
    [
        ("leader", "coordinator", "coordinator"),
        ("Leader", "coordinator", "Coordinator"),
        ("LEADER", "coordinator", "COORDINATOR"),
        ("War Room", "situation room", "Situation Room"),
        ("War room", "situation room", "Situation room"),
        ("führer", "Koordinator", "Koordinator"),
        ("FÜHRER", "Koordinator", "KOORDINATOR"),
    ],
)
def test_match_case(matched: str, replacement: str, expected: str) -> None:
    assert match_case(matched, replacement) == expected


@pytest.mark.parametrize(
    ("singular", "plural"),
    [("coordinator", "coordinators"), ("point of contact", "points of contact"), ("boss", "bosses"), ("party", "parties"),
     ("day", "days"), ("person", "people"), ("MBA graduate", "MBA graduates")],
)  # fmt: skip
def test_english_plural(singular: str, plural: str) -> None:
    assert english_plural(singular) == plural


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Our leaders will meet.", "Our coordinators will meet."),
        ("Leaders will meet.", "Coordinators will meet."),
        ("THE LEADER IS HERE.", "THE COORDINATOR IS HERE."),
        ("He is a leader.", "He is a coordinator."),
        ("A leader's task.", "A coordinator's task."),
        ("The leaders' tasks.", "The coordinators' tasks."),
    ],
)
def test_issue_examples_english(sentence: str, expected: str) -> None:
    # The third alternative of "leader" is "coordinator" (after advice and "organizer").
    assert fitted(sentence, "en")[0][2] == expected


def test_article_changes_with_the_alternative() -> None:
    assert fitted("He is a leader.", "en")[0][1] == "He is an organizer."
    assert fitted("A LEADER.", "en")[0][1] == "AN ORGANIZER."
    assert fitted("Ask a guru.", "en")[0] == ["Ask an expert.", "Ask a user advocate."]
    assert fitted("A whiz kid joined.", "en")[0] == [
        "An MBA graduate joined.",
        "A one-person team joined.",
        "A URL expert joined.",
    ]


def test_phrase_that_does_not_slot_in_is_advice_only() -> None:
    finding = linter("en").lint("Our leaders will meet.")[0]
    first = suggestions("Our leaders will meet.", finding, alternatives_in(linter("en").engine))[0]
    assert first.alternative == "take on responsibility"
    assert not first.auto and first.reason


def test_unknown_form_is_advice_not_a_guess() -> None:
    finding = Finding(0, 3, "led", "leader", Severity.WARNING, "n", READERS, term="lead", term_locale="en")
    [only] = suggest("led the way", finding, [Alternative("guide", safe=True)], "en")
    assert not only.auto and "led" in only.reason


def test_romance_agreement_needs_declared_forms() -> None:
    finding = Finding(3, 9, "leader", "leader", Severity.WARNING, "n", READERS, term="leader", term_locale="it")
    term = Term("leader", gender=("masculine", "feminine"))
    [bare] = suggest("la leader", finding, [Alternative("coordinatore", safe=True, gender="masculine")], "it", term=term)
    assert not bare.auto and "feminine" in bare.reason
    [ungendered] = suggest("la leader", finding, [Alternative("coordinatore", safe=True)], "it", term=term)
    assert not ungendered.auto and "gender" in ungendered.reason


@pytest.mark.parametrize(
    ("locale", "sentence", "expected"),
    [
        ("de", "Den Führern folgen.", "Den Koordinatoren folgen."),
        ("de", "Die Führer kommen.", "Die Koordinatoren kommen."),
        ("de", "Die Führerin spricht.", "Die Koordinatorin spricht."),
        ("fr", "La meneuse arrive.", "La coordinatrice arrive."),
        ("fr", "Les meneurs arrivent.", "Les coordinateurs arrivent."),
        ("es", "La líder habla.", "La coordinadora habla."),
        ("es", "Los líderes hablan.", "Los coordinadores hablan."),
        ("it", "La leader parla.", "La coordinatrice parla."),
        ("it", "I leader parlano.", "I coordinatori parlano."),
        ("pt", "A líder fala.", "A coordenadora fala."),
        ("pt", "Os caudilhos falam.", "Os coordenadores falam."),
        ("en", "The chairmen met.", "The chairs met."),
        ("en", "Our point men called.", "Our points of contact called."),
        ("en", "Two War Rooms.", "Two Situation Rooms."),
    ],
)
def test_inflected_alternatives_take_the_matched_form(locale: str, sentence: str, expected: str) -> None:
    first_fit = next(item for item in fitted(sentence, locale)[0] if not item.startswith("advice:"))
    assert first_fit == expected


@pytest.mark.parametrize(
    ("locale", "sentence"),
    [
        ("de", "Die Rede der Führer war lang."),  # genitive plural or singular: cannot tell
        ("de", "Führer sind gefragt."),  # no determiner
        ("it", "Leader cercasi."),  # invariable word, no determiner
        ("it", "Il capo parla."),  # second alternative: "il" would have to become "l'"
        ("fr", "Le meneur arrive."),  # second alternative: "le" would have to become "l'"
    ],
)
def test_uncertain_agreement_is_not_auto(locale: str, sentence: str) -> None:
    rows = fitted(sentence, locale)
    assert any(item.startswith("advice:") for row in rows for item in row)


@pytest.mark.parametrize("locale", LOCALES)
def test_agreement_golden(locale: str, golden) -> None:
    lines = []
    for sentence in (AGREEMENT / "sentences" / f"{locale}.txt").read_text(encoding="utf-8").splitlines():
        lines.append(sentence)
        found = linter(locale).lint(sentence)
        assert found, f"test sentence without a finding: {sentence!r}"
        seen = set()
        for finding in found:
            if (finding.start, finding.end) in seen:
                continue
            seen.add((finding.start, finding.end))
            lines.append(f"  {finding.text!r} ({finding.concept}):")
            for s in suggestions(sentence, finding, alternatives_in(linter(locale).engine)):
                if s.auto:
                    lines.append(f"    fix    {sentence[: s.start] + s.replacement + sentence[s.end :]}")
                else:
                    lines.append(f"    advice {s.alternative!r}: {s.reason}")
    golden(f"agreement/{locale}.txt", "\n".join(lines) + "\n")


def test_lexicon_refuses_unknown_form_and_gender(tmp_path: Path) -> None:
    (tmp_path / "concepts.toml").write_text('[leader]\ncategory = "authority"\n', encoding="utf-8")
    (tmp_path / "it.toml").write_text(
        "[leader]\n"
        'terms = ["capo"]\n'
        'note = "n"\n'
        "alternatives = [\n"
        '  { text = "coordinatore", safe = true, gender = "male", forms = { plurale = "coordinatori" } },\n'
        "]\n"
        'must_flag = ["Il capo."]\n'
        'must_not_flag = ["Il re."]\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as raised:
        load([tmp_path], builtin=False)
    messages = [str(p) for p in raised.value.problems]
    assert any("it.toml:5: unknown form 'plurale'" in m for m in messages)
    assert any("it.toml:5: 'gender' of alternative 'coordinatore'" in m for m in messages)


def test_lexicon_reads_forms_and_gender() -> None:
    lexicon = load([AGREEMENT], builtin=False)
    entry = lexicon.entry("leader", "it")
    assert entry is not None
    first = entry.alternatives[0]
    assert first.gender == "masculine"
    assert first.form("feminine_plural") == "coordinatrici"
    assert first.form("singular") == "coordinatore"
    assert first.form("genitive") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Wir brauchen eine Endlösung für das Problem.", "dauerhafte Lösung"),
        ("Endlösung ist kein gutes Wort.", "Dauerhafte Lösung"),
        ("ENDLÖSUNG", "DAUERHAFTE LÖSUNG"),
    ],
)
def test_german_noun_capitals_do_not_carry_over_to_a_phrase(sentence: str, expected: str) -> None:
    from framing.rewrite import fit

    start = sentence.lower().index("endlösung")
    alternative = Alternative("dauerhafte Lösung", safe=True, gender="feminine")
    assert fit(sentence, start, start + 9, "Endlösung", alternative, "de").replacement == expected


def test_a_romance_phrase_is_fitted_only_in_its_dictionary_form() -> None:
    from framing.rewrite import _Unfit, fit

    alternative = Alternative("salle de coordination", safe=True, gender="feminine")
    text = "La salle de guerre est prête."
    assert fit(text, 3, 18, "salle de guerre", alternative, "fr").replacement == "salle de coordination"
    with pytest.raises(_Unfit):
        fit("Les salles de guerre.", 4, 20, "salle de guerre", alternative, "fr")


def test_missing_forms_names_what_a_safe_alternative_lacks() -> None:
    from framing.rewrite import missing_forms

    bare = Alternative("Koordinator", safe=True, gender="masculine")
    assert ("führers", "genitive") in missing_forms("de", "Führer", {"führer", "führers", "führern"}, bare)
    full = Alternative(
        "Koordinator", safe=True, gender="masculine", forms=(("plural", "Koordinatoren"), ("genitive", "Koordinators"))
    )
    assert missing_forms("de", "Führer", {"führer", "führers", "führern"}, full) == []
    assert missing_forms("en", "leader", {"leaders"}, bare) == []  # English plurals by rule
