"""The public Python API: what it exports, what importing it costs, and what lint returns."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import framing

MATCHING = Path(__file__).parent / "data" / "matching"


def test_public_api_is_pinned():
    assert sorted(framing.__all__) == sorted(
        [
            "ConfigError",
            "Edit",
            "Finding",
            "FramingError",
            "InputError",
            "LexiconError",
            "Linter",
            "LocaleError",
            "Severity",
            "__version__",
            "fix",
            "lint",
        ]  # fmt: skip
    )
    for name in framing.__all__:
        assert getattr(framing, name) is not None


def test_importing_framing_does_no_io_and_loads_nothing():
    code = (
        "import sys, builtins\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "builtins.open = lambda *a, **k: (opened.append(a[0]), real_open(*a, **k))[1]\n"
        "import framing\n"
        "heavy = [m for m in ('spacy', 'babel', 'tomllib', 'framing.lexicon', 'framing.engine') if m in sys.modules]\n"
        "print(heavy, opened)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] []"


def test_lint_returns_immutable_findings():
    linter = framing.Linter("en", lexicons=[MATCHING], builtin=False)
    findings = linter.lint("Our leaders will meet.")
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.start, finding.end, finding.text, finding.concept, finding.locales) == (4, 11, "leaders", "leader", ("en",))
    assert finding.severity is framing.Severity.SUGGESTION
    assert [(r.note, r.own) for r in finding.readers] == [("English note.", True)]
    assert finding.alternatives == ("coordinator", "take on responsibility")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]


def test_lint_function_signature_and_builtin_lexicons():
    findings = framing.lint("Our leaders will meet.", locale="en", audience=("de",), lexicons=())
    assert {f.concept for f in findings} == {"leader"}
    assert all("de" in f.locales for f in findings)


def test_finding_round_trips_through_plain_data():
    linter = framing.Linter("en", ["de"], [MATCHING], builtin=False)
    for finding in linter.lint("leaders"):
        assert framing.Finding.from_dict(finding.to_dict()) == finding


def test_unknown_locale_is_a_locale_error():
    with pytest.raises(framing.LocaleError, match="supported languages"):
        framing.Linter("fi")
    with pytest.raises(framing.LocaleError, match="unknown locale"):
        framing.Linter("en", audience=["zz"])
