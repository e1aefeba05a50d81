"""The engine issue's matching promises, checked on the built-in lexicons users get."""

from __future__ import annotations

import pytest

from framing import Linter
from framing.lexicon import load

LEXICON = load()
_LINTERS: dict[tuple[str, tuple[str, ...]], Linter] = {}


def lint(text: str, locale: str = "en", audience: tuple[str, ...] = ()):
    key = (locale, audience)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(locale, audience, lexicon=LEXICON)
    return _LINTERS[key].lint(text)


@pytest.mark.parametrize(
    ("locale", "text", "matched", "concept"),
    [
        ("en", "Our leaders will meet.", "leaders", "leader"),
        ("en", "Leadership is a team sport.", "Leadership", "leader"),
        ("en", "LEADERS, PLEASE CONFIRM.", "LEADERS", "leader"),
        ("de", "Sie folgten den Führern.", "Führern", "leader"),
        ("de", "Die Rede des Führers.", "Führers", "leader"),
        ("fr", "Les kapos du service se réuniront.", "kapos", "kapo"),
        ("es", "Los caudillos de la región.", "caudillos", "leader"),
        ("en", "We set up two war rooms.", "war rooms", "war-room"),
        ("en", "Pick the low-hanging fruits first.", "low-hanging fruits", "low-hanging-fruit"),
    ],
)
def test_inflections_and_phrases(locale, text, matched, concept):
    assert (matched, concept) in {(f.text, f.concept) for f in lint(text, locale)}


@pytest.mark.parametrize(
    "text",
    [
        "The cheerleader waved.",
        "Connect to the remote host and restart the service.",
        "A bipolar magnet has two poles.",
        "We fixed a race condition in the scheduler.",
        "Each read has a leader sequence that we trim.",
    ],
)
def test_known_false_alarms_of_other_tools_stay_quiet(text):
    assert lint(text, "en", ("de", "fr", "it")) == []


def test_seed_case_with_audience():
    # German readers meet "leader" as a loanword and hear the echo of "Führer" in translation: a
    # suggestion for them. Italian readers use "leader" as an ordinary word (the audit of the
    # Italian lexicon): the English entry no longer links them.
    findings = lint("Our leaders will meet", "en", ("de", "it"))
    assert len(findings) == 1  # one occurrence, whatever the number of readers
    finding = findings[0]
    assert finding.locales == ("en", "de")
    assert {"take on responsibility", "coordinator", "organizer"} <= set(finding.alternatives)
    english, german = finding.readers
    assert english.own and english.note == LEXICON.entry("leader", "en").note
    assert not german.own and german.note == LEXICON.entry("leader", "de").reading and german.name == "German"
    assert str(german.severity) == "suggestion"
    assert [f.locales for f in lint("Our leaders will meet")] == [("en",)]


def test_starter_lexicon_sizes():
    per_locale = {loc: len(LEXICON.entries(loc)) for loc in LEXICON.locales()}
    assert per_locale["en"] >= 21 and per_locale["de"] >= 10
    for locale in ("en", "de", "fr", "es", "it", "pt", "ru"):
        assert LEXICON.entry("leader", locale) is not None


def test_term_severity_overrides_the_entry_for_its_own_readers():
    severities = {f.text: str(f.severity) for f in lint("Notre guide suprême et le Duce du projet.", "fr")}
    assert severities == {"guide suprême": "suggestion", "Duce": "warning"}
