"""Issue 7, item 5: plain text is linted as a stream, and the stream reports what reading the file whole reports.

Generated documents mix built-in terms with directives, URLs, every kind of line end
and long lines; they are streamed in tiny blocks and chunks (so that every term,
directive and line end falls on a cut somewhere) and compared, finding by finding,
with :func:`framing.runner.run`, which reads the document whole.
"""

from __future__ import annotations

import codecs
import itertools
import re
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import documents
from framing.config import Overrides
from framing.errors import InputError
from framing.linter import Linter
from framing.report import locate
from framing.runner import run, stream
from framing.streaming import StreamedDocument, blocks, lint_plain

AUDIENCE = ("de", "fr")
FRAGMENTS = (
    "leader", "Leaders", "our leader's", "a leader", "an leader", "leader sequence", "war room", "war\nroom",
    "low-hanging fruit", "low hanging fruits", "master", "slave", "sanity check", "race", "race condition", "cheerleader",
    "blacklist", "kill", "the", "a", "an", ".", ",", "'", "’", "e.g.", "U.S.", "Führer",
    " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\U0001f600",
    "https://example.org/leader", "www.leader.example", "\nframing-ignore\n", "\nframing-ignore leader\n",
    "\n  framing-disable\n", "\nframing-disable leader, war-room\n", "\nframing-enable\n", "\nframing-enable leader\n",
    "\nframing-ignore", "framing-ignore ", "framing-disable",
)  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet="abc lr\n", max_size=3)), max_size=60).map("".join)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter("en", AUDIENCE)


def whole(path: Path):
    """Return the located findings and the silenced count of ``path`` read whole."""
    result = run([str(path)], overrides=Overrides(audience=AUDIENCE), input_format="text").results[0]
    return locate(result.document.path, result.document.text, list(result.findings)), result.suppressed, result.settings


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, block_size=st.integers(1, 40), chunk=st.integers(1, 30), newline=st.sampled_from(["", "\n"]))
def test_streaming_reports_what_reading_whole_reports(tmp_path, linter, text, block_size, chunk, newline):
    path = tmp_path / "doc.txt"
    path.write_bytes((text + newline).encode("utf-8"))
    expected, suppressed, configured = whole(path)
    outcome = StreamedDocument(str(path))
    got = list(lint_plain(str(path), linter, configured, block_size=block_size, chunk=chunk, outcome=outcome))
    assert got == expected
    assert outcome.suppressed == suppressed


def test_streaming_a_long_document_of_many_blocks(tmp_path, linter):
    """A document of thousands of lines, cut into blocks of a few lines, gives the whole-file findings."""
    lines = [
        f"Line {n}: our leaders met in the war room; see https://example.org/{n}.\r\n"
        if n % 3
        else f"framing-ignore leader\nThe leader of group {n} picked the low-hanging fruit.\n"
        for n in range(3000)
    ]
    path = tmp_path / "long.txt"
    path.write_text("".join(lines) + "framing-disable\nleader\n", encoding="utf-8", newline="")
    expected, suppressed, configured = whole(path)
    outcome = StreamedDocument(str(path))
    got = list(lint_plain(str(path), linter, configured, block_size=500, chunk=200, outcome=outcome))
    assert got == expected
    assert len(got) > 2000 and outcome.suppressed == suppressed > 900  # one per ignored line (and the disabled end)


def test_a_line_longer_than_a_block_is_cut_at_a_space(tmp_path, linter):
    path = tmp_path / "one-line.txt"
    path.write_text("word " * 2000 + "our leader " + "word " * 2000, encoding="utf-8")
    expected, _, configured = whole(path)
    assert {item.column for item in expected} == {10005}
    assert list(lint_plain(str(path), linter, configured, block_size=64, chunk=32)) == expected


@given(text=st.text(alphabet="ab \t\n\r", max_size=200), size=st.integers(1, 20))
def test_blocks_give_back_the_text_cut_only_after_line_feeds_and_blanks(text, size):
    cut = list(blocks([text[i : i + 7] for i in range(0, len(text), 7)], size))
    assert "".join(piece for piece, _ in cut) == text
    for (piece, _), (_, starts_line) in itertools.pairwise(cut):
        assert piece[-1] in "\n \t"
        assert starts_line == (piece[-1] == "\n")
    assert all(piece for piece, _ in cut)


def test_a_directive_line_is_never_cut():
    line = "framing-disable " + "leader " * 50
    cut = list(blocks([line + "\nafter"], 10))
    assert cut[0] == (line + "\n", True)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=300),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    size=st.integers(1, 50),
)
def test_decoding_as_a_stream_gives_the_text_reading_whole_gives(tmp_path_factory, text, encoding, size):
    path = tmp_path_factory.mktemp("decode") / "doc.txt"
    path.write_bytes(text.encode(encoding))
    try:
        expected = documents.read(str(path)).text
    except InputError as error:  # NUL bytes without a byte order mark: binary
        with pytest.raises(InputError, match=re.escape(error.message)):
            "".join(documents.stream(str(path), size=size))
    else:
        assert "".join(documents.stream(str(path), size=size)) == expected


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (b"ok " * 100 + b"\xff" + b" more", None),
        (b"ok " * 100 + b"\xe2\x82", None),  # cut in the middle of a character at the end
        (codecs.BOM_UTF8 + b"ok " * 100 + b"\xc3\x28", None),
        ("ok".encode("utf-16-le") * 50 + b"\x00\xd8" + b"a\x00", "utf-16-le"),
        (b"ok", "no-such-codec"),
        (b"ok\x00ok", None),
    ],
)
def test_decoding_errors_are_the_errors_reading_whole_gives(tmp_path, raw, encoding):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError) as whole_error:
        documents.read(str(path), encoding)
    for size in (1, 7, 1 << 20):
        with pytest.raises(InputError) as streamed_error:
            "".join(documents.stream(str(path), encoding, size=size))
        assert streamed_error.value.message == whole_error.value.message


def test_the_run_stream_gives_the_findings_of_run_in_order(tmp_path):
    (tmp_path / "a.txt").write_text("Our leaders met.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Plan\n\nThe war room opens.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Nothing here.\n", encoding="utf-8")
    overrides = Overrides(audience=AUDIENCE, fail_on="warning")
    result = run([str(tmp_path)], overrides=overrides)
    expected = [item for r in result.results for item in locate(r.document.path, r.document.text, list(r.findings))]
    for jobs in (1, 2):
        found = stream([str(tmp_path)], overrides=overrides, jobs=jobs)
        assert found.files == 3
        assert list(found) == expected
        assert found.failed == result.fails()


def test_a_stream_holds_blocks_not_the_document(tmp_path, linter):
    """Peak Python memory while streaming does not grow with the document: 4 times the text, not 3 MiB more.

    The text holds an emoji, so a whole 1 MB document would be 4 MiB as one string.
    """
    paragraph = "Our leaders met to plan the next release, and all went well. 🙂 " + "We planned it all again. " * 16 + "\n"
    settings_of = whole_settings(tmp_path, linter)

    def peak_while_streaming(size: int) -> int:
        path = tmp_path / f"big-{size}.txt"
        with path.open("w", encoding="utf-8") as file:
            while file.tell() < size:
                file.write(paragraph)
        tracemalloc.start()
        try:
            count = sum(1 for _ in lint_plain(str(path), linter, settings_of, block_size=1 << 16, chunk=1 << 14))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert count > size // 1000
        return peak

    small, large = peak_while_streaming(1 << 18), peak_while_streaming(1 << 20)
    assert large < small + (1 << 19), f"{small / 2**20:.1f} MiB for 256 KB, {large / 2**20:.1f} MiB for 1 MB"


def whole_settings(tmp_path: Path, linter: Linter):
    small = tmp_path / "small.txt"
    small.write_text("x\n", encoding="utf-8")
    return whole(small)[2]


def test_standard_input_is_streamed_with_the_findings_of_a_file(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from framing.cli import register_commands

    app = register_commands()
    text = "Our leaders met.\r\nframing-ignore\nThe leader spoke.\n" + "Plain words. " * 5000 + "\nThe war room.\n"
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8", newline="")
    runner = CliRunner()
    from_file = runner.invoke(app, ["lint", "--audience", "de", "--format", "compact", str(path)])
    read_whole = documents.read

    def not_standard_input(path: str, encoding: str | None = None):
        assert path != documents.STDIN, "standard input was read whole"
        return read_whole(path, encoding)

    monkeypatch.setattr(documents, "read", not_standard_input)
    from_stdin = runner.invoke(app, ["lint", "--audience", "de", "--format", "compact", "-"], input=text.encode("utf-8"))
    assert from_file.exit_code == from_stdin.exit_code == 1
    assert from_stdin.stdout == from_file.stdout.replace(str(path), "<stdin>")
    assert from_stdin.stdout.count("<stdin>:") == 2  # leaders (for English and German readers, one finding), war room


def test_mo_catalogs_are_still_refused_on_standard_input():
    from typer.testing import CliRunner

    from framing.cli import register_commands

    result = CliRunner().invoke(register_commands(), ["lint", "--input-format", "mo", "-"], input=b"not a catalog")
    assert result.exit_code == 2
    assert "MO catalogs cannot be read from standard input" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "latin-1"])
def test_other_encodings_stream_to_the_findings_of_reading_whole(tmp_path, linter, encoding):
    text = "Our leaders met.\r\nframing-ignore\nThe leader spoke in the war room. Café.\n" * 300
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    given = None if encoding in ("utf-8-sig", "utf-16") else encoding  # detected by their byte order mark
    result = run([str(path)], overrides=Overrides(audience=AUDIENCE), encoding=given).results[0]
    expected = locate(result.document.path, result.document.text, list(result.findings))
    got = list(lint_plain(str(path), linter, result.settings, encoding=given, block_size=100, chunk=64))
    assert got == expected and len(got) == 300  # "leaders", for English and German readers; the next line is ignored
    assert {item.finding.locales for item in got} == {("en", "de")}
