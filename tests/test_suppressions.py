"""Inline suppressions in each format's comment syntax: ignore the next line, disable and enable regions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.config import Settings
from framing.documents import Document
from framing.linter import Linter
from framing.readers import Comment, extractor
from framing.runner import lint_document
from framing.suppressions import ALL, parse

TEST_LEXICON = Path(__file__).parent / "data" / "lexicon"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter("en", lexicons=[TEST_LEXICON], builtin=False)


def remaining(linter: Linter, input_format: str, source: str) -> list[tuple[int, str]]:
    """Return (line, text) of the findings left after suppressions."""
    prose = extractor(input_format, "doc")(source)
    result = lint_document(Document("doc", source), input_format, prose, linter.lint(prose.text), Settings())
    return [(source.count("\n", 0, f.start) + 1, f.text) for f in result.findings]


# (format, document, findings left as (line, text)); line 1 always has an unsuppressed "leaders".
CASES = {
    "markdown-ignore-next-line": (
        "markdown",
        "Our leaders.\n\n<!-- framing-ignore leader -->\nOur leaders.\n\nOur leaders.\n",
        [(1, "leaders"), (6, "leaders")],
    ),
    "markdown-ignore-other-concept": (
        "markdown",
        "Our leaders.\n\n<!-- framing-ignore race-term -->\nOur leaders.\n",
        [(1, "leaders"), (4, "leaders")],
    ),
    "markdown-trailing-comment": (
        "markdown",
        "Our leaders.\n\nOur leaders. <!-- framing-ignore leader -->\n\nOur leaders.\n",
        [(1, "leaders"), (5, "leaders")],
    ),
    "markdown-region": (
        "markdown",
        "Our leaders.\n\n<!-- framing-disable -->\n\nleaders in the war room\n\n<!-- framing-enable -->\n\nOur leaders.\n",
        [(1, "leaders"), (9, "leaders")],
    ),
    "markdown-region-one-concept": (
        "markdown",
        "Our leaders.\n\n<!-- framing-disable leader -->\n\nleaders in the war room\n\n"
        "<!-- framing-enable leader -->\n\nleaders\n",
        [(1, "leaders"), (5, "war room"), (9, "leaders")],
    ),
    "markdown-region-to-the-end": (
        "markdown",
        "Our leaders.\n\n<!-- framing-disable leader, race-term -->\n\nleaders in the war room\n",
        [(1, "leaders")],
    ),
    "html-ignore": (
        "html",
        "<p>Our leaders.</p>\n<!-- framing-ignore leader -->\n<p>Our leaders.</p>\n<p>leaders</p>\n",
        [(1, "leaders"), (4, "leaders")],
    ),
    "html-region": (
        "html",
        "<p>Our leaders.</p>\n<!-- framing-disable -->\n<p>leaders</p>\n<!-- framing-enable -->\n<p>leaders</p>\n",
        [(1, "leaders"), (5, "leaders")],
    ),
    "wikitext-ignore": (
        "wikitext",
        "Our leaders.\n<!-- framing-ignore leader -->\nOur leaders.\nOur leaders.\n",
        [(1, "leaders"), (4, "leaders")],
    ),
    "wikitext-region": (
        "wikitext",
        "Our leaders.\n<!-- framing-disable leader -->\nleaders\n<!-- framing-enable -->\nleaders\n",
        [(1, "leaders"), (5, "leaders")],
    ),
    "text-directive-line": (
        "text",
        "Our leaders.\nframing-ignore leader\nOur leaders.\nOur leaders.\n",
        [(1, "leaders"), (4, "leaders")],
    ),
    "text-region": (
        "text",
        "Our leaders.\nframing-disable\nleaders\nframing-enable\nleaders\n",
        [(1, "leaders"), (5, "leaders")],
    ),
    "po-ignore-applies-to-the-entry": (
        "po",
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "a"\nmsgstr "Our leaders."\n\n'
        '# framing-ignore leader\nmsgid "b"\nmsgstr ""\n"Our leaders "\n"and leaders."\n\nmsgid "c"\nmsgstr "leaders"\n',
        [(6, "leaders"), (15, "leaders")],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_suppressions(linter, case):
    input_format, source, expected = CASES[case]
    assert remaining(linter, input_format, source) == expected


def test_the_ignore_skips_blank_lines_to_the_next_prose(linter):
    source = "<!-- framing-ignore leader -->\n\n\nOur leaders.\n"
    assert remaining(linter, "markdown", source) == []


@pytest.mark.parametrize(
    ("text", "action", "concepts"),
    [
        (" framing-ignore leader ", "ignore", {"leader"}),
        (" framing-ignore leader, race-term", "ignore", {"leader", "race-term"}),
        ("framing-disable", "disable", {ALL}),
        (" framing-enable leader -->", "enable", {"leader"}),
    ],
)
def test_directives_are_parsed(text, action, concepts):
    directive = parse(Comment(0, len(text), text))
    assert directive is not None
    assert (directive.action, set(directive.concepts)) == (action, concepts)


def test_ordinary_comments_are_not_directives():
    assert parse(Comment(0, 10, " a note about framing ")) is None


# --- where a directive applies, found without a scan of every piece of prose ---------------------


def _naive_line_after(prose, index, text, offset):
    """The first line after ``offset`` with prose, by looking at every copied piece (the reference)."""
    lines = [
        index.position(position)[0]
        for segment in prose.segments
        if segment.copied and segment.source_end > offset
        for position in range(max(segment.source_start, offset), segment.source_end)
        if not text[position].isspace()
    ]
    return min(lines, default=None)


def _naive_before_on_line(prose, index, text, offset):
    line_start = index.starts[index.position(offset)[0] - 1]
    return any(
        not text[position].isspace()
        for segment in prose.segments
        if segment.copied
        for position in range(max(segment.source_start, line_start), min(segment.source_end, offset))
    )


PIECES = (
    "Our leaders.", "<!-- framing-ignore -->", "framing-ignore", "<!-- x -->", "`code`", "https://example.org/a",
    " ", "\n", "\n\n", "- ", "# ",
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=30), input_format=st.sampled_from(["text", "markdown", "html", "wikitext"])
)
def test_directive_targets_agree_with_a_scan_of_every_piece(pieces, input_format):
    from framing.documents import LineIndex
    from framing.suppressions import _CopiedProse

    text = "".join(pieces)
    prose = extractor(input_format, "doc")(text)
    index = LineIndex(text)
    copied = _CopiedProse(prose, text, index)
    for offset in range(len(text) + 1):
        assert copied.line_after(offset) == _naive_line_after(prose, index, text, offset)
        if offset < len(text):
            assert copied.before_on_line(offset) == _naive_before_on_line(prose, index, text, offset)
