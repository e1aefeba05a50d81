"""Protocol positions: offsets to line and UTF-16/UTF-8/UTF-32 columns and back, and incremental changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.lsp.text import UTF8, UTF16, UTF32, Position, Positions, apply_change

# Line breaks of every kind, characters beyond the Basic Multilingual Plane, and separators the
# protocol does not count as line breaks (form feed, U+2028).
TEXTS = st.lists(st.sampled_from(["a", "é", "😀", " ", "\n", "\r\n", "\r", "\x0c", "\u2028", "leader"]), max_size=40).map("".join)
ENCODINGS = st.sampled_from([UTF8, UTF16, UTF32])


def expected(text: str, offset: int, encoding: str) -> Position:
    """The position as the protocol defines it, counted the slow way."""
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n")
    column_text = before.rsplit("\n", 1)[-1]
    width = {UTF8: len(column_text.encode("utf-8")), UTF16: len(column_text.encode("utf-16-le")) // 2, UTF32: len(column_text)}
    return Position(line, width[encoding])


@given(TEXTS, ENCODINGS)
def test_offsets_and_positions_agree_with_the_protocol(text: str, encoding: str) -> None:
    positions = Positions(text, encoding)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # between CR and LF is no position of its own
        position = positions.position(offset)
        assert position == expected(text, offset, encoding)
        assert positions.offset(position) == offset


@given(TEXTS, st.data())
def test_an_incremental_change_is_a_splice(text: str, data: st.DataObject) -> None:
    positions = Positions(text)
    cuts = [o for o in range(len(text) + 1) if text[o - 1 : o + 1] != "\r\n"]
    start = data.draw(st.sampled_from(cuts))
    end = data.draw(st.sampled_from([c for c in cuts if c >= start]))
    new = data.draw(TEXTS)
    assert apply_change(text, positions.position(start), positions.position(end), new) == text[:start] + new + text[end:]


@pytest.mark.parametrize(
    ("position", "offset"),
    [(Position(0, 99), 3), (Position(5, 0), 6), (Position(-1, 0), 0), (Position(1, 1), 5)],
    ids=["past-the-line-end", "past-the-last-line", "negative-line", "inside-a-surrogate-pair"],
)
def test_positions_outside_the_text_are_clamped(position: Position, offset: int) -> None:
    # "abc\n😀d": the emoji takes two UTF-16 units; a position between them is taken as after it.
    assert Positions("abc\n😀d").offset(position) == offset
