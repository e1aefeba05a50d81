"""Every rewrite the native-speaker reviews found wrong stays fixed: ``framing.fix`` gives what a careful native writer accepts.

The sentences are in ``tests/data/reviews/<locale>.toml``, one ``[[rewrite]]`` table each:
``text`` (as the review quotes it), ``fixed`` (the text ``framing.fix`` must return;
the text itself when no rewrite is right), ``locale``, and ``review`` (where the review
shows the wrong rewrite). Most of them must come back unchanged: a term with another
common sense, a historical title, an adjective where a noun was expected.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import framing

REVIEWS = Path(__file__).parent / "data" / "reviews"


def _cases() -> list[object]:
    cases = []
    for path in sorted(REVIEWS.glob("*.toml")):
        with path.open("rb") as file:
            data = tomllib.load(file)
        for number, item in enumerate(data.get("rewrite", []), start=1):
            cases.append(pytest.param(item, id=f"{path.stem}-{number}"))
    return cases


CASES = _cases()


def test_there_are_review_rewrites_for_every_reviewed_language() -> None:
    languages = {case.values[0]["locale"].split("_")[0] for case in CASES}  # type: ignore[attr-defined]
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "zh", "ja", "ko", "ar"} <= languages


@pytest.mark.parametrize("case", CASES)
def test_review_rewrite(case: dict[str, str]) -> None:
    assert set(case) <= {"locale", "text", "fixed", "review", "why"}, sorted(case)
    fixed, _edits = framing.fix(case["text"], locale=case["locale"])
    assert fixed == case.get("fixed", case["text"]), case.get("review", "")
