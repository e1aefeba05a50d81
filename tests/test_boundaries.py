"""No match spans a block: a paragraph break, a list item, a table cell or a heading, in any format.

A line break inside a paragraph may fall between the words of a phrase ("war⏎room");
a blank line, a new list item, a table cell or a heading ends it. Context conditions
stop there too, and at the end of a sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.lexicon import load
from framing.readers import extractor


@pytest.fixture(scope="module")
def linter() -> framing.Linter:
    return framing.Linter("en")


SPLIT = [
    ("markdown", "| a | final |\n|---|---|\n| solution | b |\n"),
    ("markdown", "- the final\n- solution is near\n"),
    ("markdown", "# The final\nSolution is here\n"),
    ("markdown", "The final\n\nSolution here."),
    ("html", "<table><tr><td>the final</td><td>solution</td></tr></table>"),
    ("html", "<ul><li>the final</li><li>solution</li></ul>"),
    ("html", "<p>the final</p><p>solution</p>"),
    ("html", "<h1>final</h1>solution"),
    ("wikitext", "{| \n| the final || solution\n|}"),
    ("wikitext", "* the final\n* solution"),
    ("wikitext", "== final ==\nsolution"),
    ("text", "the final\n- solution"),
    ("text", "the final\n• solution"),
    ("text", "the final | solution"),
    ("text", "The final\n\nSolution is here."),
    ("text", "We use a white\n\nList of hosts."),
    ("text", "Audit events table\n\nThis table lists them."),
    ("po", 'msgid "a"\nmsgstr "the final"\n\nmsgid "b"\nmsgstr "solution"\n'),
]


@pytest.mark.parametrize(("input_format", "source"), SPLIT)
def test_no_phrase_across_a_block(linter: framing.Linter, input_format: str, source: str) -> None:
    prose = extractor(input_format, "doc.po")(source)
    assert [f.concept for f in linter.lint(prose.text)] == []


def test_a_line_break_inside_a_paragraph_still_joins_a_phrase(linter: framing.Linter) -> None:
    assert [f.concept for f in linter.lint("Their plan was a final\nsolution for the city.")] == ["final-solution"]


def test_conditions_stop_at_the_end_of_the_sentence(tmp_path: Path, one_entry_linter) -> None:
    linter = one_entry_linter(
        tmp_path,
        "en",
        '[{ text = "hero", unless_near = ["comic"] }]',
        '["A hero. Comic books sell."]',
        '["A hero of the comic."]',
    )
    assert [f.concept for f in linter.lint("The hero of the comic is back.")] == []
    assert [f.concept for f in linter.lint("The hero is back. Comic books sell well.")] == ["hero"]
    assert [f.concept for f in linter.lint("The hero is back\n\ncomic books sell well.")] == ["hero"]


PHRASES = sorted(
    {
        term.text
        for concept in load().concepts.values()
        for entry in concept.entries.values()
        if entry.locale == "en"
        for term in entry.terms
        if " " in term.text and not term.case_sensitive
    }
)
BREAKS = ["\n\n", "\n \n", "\n- ", "\n* ", "\n• ", "\r\n\r\n"]


@settings(max_examples=60, deadline=None)
@given(phrase=st.sampled_from(PHRASES), cut=st.integers(min_value=1, max_value=8), gap=st.sampled_from(BREAKS))
def test_no_english_phrase_term_matches_across_a_block(linter: framing.Linter, phrase: str, cut: int, gap: str) -> None:
    words = phrase.split(" ")
    cut = 1 + cut % (len(words) - 1)
    text = "We said " + " ".join(words[:cut]) + gap + " ".join(words[cut:]) + " again."
    start = text.index(gap)
    spanning = [f for f in linter.lint(text) if f.start < start < f.end]
    assert spanning == []
