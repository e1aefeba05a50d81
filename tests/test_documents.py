"""Documents: faithful decoding and re-encoding, byte for byte, and atomic writes that never lose the original."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import documents
from framing.documents import decode, encode, read, write, write_bytes
from framing.errors import InputError
from framing.fitting import alternatives_in
from framing.fixes import fix_document, unified_diff, write_fixes
from framing.linter import Linter

AGREEMENT = Path(__file__).parent / "data" / "agreement"

ENCODINGS = {
    "utf-8": ("utf-8", b""),
    "utf-8-bom": ("utf-8", codecs.BOM_UTF8),
    "utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE),
}
ENDINGS = {"lf": ["\n"], "crlf": ["\r\n"], "mixed": ["\n", "\r\n", "\r", "\r\n"]}
LINES = ["Our leaders will meet.", "Grüße, naïve café 😀", "", "Ask a guru!", "The end"]


def make_text(endings: list[str], final_newline: bool) -> str:
    text = "".join(line + endings[i % len(endings)] for i, line in enumerate(LINES))
    return text if final_newline else text[: -len(endings[(len(LINES) - 1) % len(endings)])]


CASES = [
    pytest.param(enc, end, final, id=f"{enc}-{end}-{'final-newline' if final else 'no-final-newline'}")
    for enc in ENCODINGS
    for end in ENDINGS
    for final in (True, False)
]


@pytest.mark.parametrize(("encoding", "ending", "final"), CASES)
def test_round_trip_is_byte_exact(encoding: str, ending: str, final: bool) -> None:
    codec, bom = ENCODINGS[encoding]
    text = make_text(ENDINGS[ending], final)
    raw = bom + text.encode(codec)
    document = decode(raw, "x.txt")
    assert document.text == text
    assert (document.encoding, document.bom) == (codec, bool(bom))
    assert encode(document) == raw


@pytest.mark.parametrize(("encoding", "ending", "final"), CASES)
def test_fix_keeps_every_byte_outside_the_edits(tmp_path: Path, encoding: str, ending: str, final: bool) -> None:
    codec, bom = ENCODINGS[encoding]
    text = make_text(ENDINGS[ending], final)
    path = tmp_path / "proposal.txt"
    path.write_bytes(bom + text.encode(codec))
    linter = Linter("en", lexicons=[AGREEMENT], builtin=False)
    fixed = fix_document(read(str(path)), linter.lint, alternatives_in(linter.engine))
    assert [(e.old, e.new) for e in fixed.edits] == [("leaders", "organizers"), ("a guru", "an expert")]
    assert write_fixes([fixed]) == 1
    expected = text
    for edit in reversed(fixed.edits):
        expected = expected[: edit.start] + edit.new + expected[edit.end :]
    assert path.read_bytes() == bom + expected.encode(codec)
    # Byte for byte: everything before the first edit and after the last is the original's.
    original = bom + text.encode(codec)
    head = bom + text[: fixed.edits[0].start].encode(codec)
    tail = text[fixed.edits[-1].end :].encode(codec)
    assert original.startswith(head) and path.read_bytes().startswith(head)
    assert original.endswith(tail) and path.read_bytes().endswith(tail)
    # A second fix changes nothing.
    again = fix_document(read(str(path)), linter.lint, alternatives_in(linter.engine))
    assert not again.changed and write_fixes([again]) == 0


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=200),
    st.sampled_from(sorted(ENCODINGS)),
)
def test_any_text_round_trips(text: str, encoding: str) -> None:
    codec, bom = ENCODINGS[encoding]
    raw = bom + text.encode(codec)
    if not bom and "\x00" in text:
        return  # NUL without a byte order mark reads as binary, by design
    assert encode(decode(raw, "x")) == raw


def test_given_encoding_with_a_bom_keeps_it() -> None:
    raw = codecs.BOM_UTF16_BE + "leader\r\n".encode("utf-16-be")
    document = decode(raw, "x", "utf-16")
    assert (document.text, document.encoding, document.bom) == ("leader\r\n", "utf-16-be", True)
    assert encode(document) == raw
    latin = decode("café".encode("latin-1"), "x", "latin-1")
    assert encode(latin) == "café".encode("latin-1")


def test_unencodable_replacement_is_an_error_not_a_loss(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("cafe".encode("latin-1"))
    document = read(str(path), "latin-1")
    with pytest.raises(InputError, match="cannot write"):
        write(document, "caf😀")
    assert path.read_bytes() == b"cafe"


def test_write_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_bytes(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_write_follows_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_bytes(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["oserror", "interrupt"])
def test_failure_between_write_and_rename_leaves_the_original(tmp_path: Path, monkeypatch, failure) -> None:
    path = tmp_path / "proposal.txt"
    path.write_bytes(b"Our leaders will meet.\r\n")
    written: list[str] = []

    def fail_replace(source: str, target: object) -> None:
        written.append(Path(source).read_bytes().decode())  # the new bytes were written...
        raise failure  # ...and then the process fails before the rename

    monkeypatch.setattr(documents.os, "replace", fail_replace)
    linter = Linter("en", lexicons=[AGREEMENT], builtin=False)
    fixed = fix_document(read(str(path)), linter.lint, alternatives_in(linter.engine))
    expected = InputError if isinstance(failure, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        write_fixes([fixed])
    assert written == ["Our organizers will meet.\r\n"]
    assert path.read_bytes() == b"Our leaders will meet.\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proposal.txt"]  # no temporary file left


def test_unified_diff_keeps_line_endings_and_marks_missing_final_newline() -> None:
    linter = Linter("en", lexicons=[AGREEMENT], builtin=False)
    document = decode(b"Hello\r\nOur leaders.", "p.txt")
    diff = unified_diff(fix_document(document, linter.lint, alternatives_in(linter.engine)))
    assert diff == (
        "--- a/p.txt\n+++ b/p.txt\n@@ -1,2 +1,2 @@\n Hello\r\n"
        "-Our leaders.\n\\ No newline at end of file\n+Our organizers.\n\\ No newline at end of file\n"
    )
