"""Issue 8, item 2: hostile and broken input is one clear line (exit 2) or a skipped file with a notice.

Every case runs the real command line (``framing lint``) and checks that nothing but a
``framing: ...`` line reaches standard error: no traceback, ever. Big inputs are made in
``tmp_path`` at run time; time is compared across sizes (CPU time of this process, so
other work on the machine does not count), never against a fixed number of seconds.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import register_commands
from framing.config import Overrides
from framing.readers import extractor
from framing.readers import wikitext as wikitext_reader
from framing.runner import run

TEST_LEXICON = Path(__file__).parent / "data" / "lexicon"
HOSTILE = Path(__file__).parent / "data" / "hostile"
OWN = ["--no-builtin", "--lexicon", str(TEST_LEXICON)]
app = register_commands()
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def lint(*args: str):
    # The compact format: one path:line:column: line per finding, which these tests look for.
    result = CliRunner().invoke(app, ["lint", "--format", "compact", *OWN, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def one_error_line(result, path: str, message: str) -> None:
    """The run stopped with exit 2 and one line ``framing: path...: message``."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"framing: {path}") and message in lines[0], lines[0]


# --- files that are not text ---------------------------------------------------------------


def test_binary_file_is_skipped_with_a_notice(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR leader")
    (tmp_path / "good.txt").write_text("Our leader.\n")
    result = lint(str(tmp_path))
    assert result.exit_code == 1
    assert f"framing: {tmp_path / 'image.txt'}: skipped, binary file" in result.stderr.splitlines()
    assert "good.txt:1:5" in result.stdout


def test_invalid_utf8_is_one_line_and_encoding_overrides(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Our leader in Caf\u00e9.\n".encode("latin-1"))
    one_error_line(lint(str(path)), str(path), "is not valid utf-8 (byte 17); pass --encoding")
    result = lint("--encoding", "latin-1", str(path))
    assert result.exit_code == 1 and "latin.txt:1:5" in result.stdout


def test_unknown_encoding_is_one_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("leader\n")
    one_error_line(lint("--encoding", "no-such-codec", str(path)), str(path), "unknown encoding 'no-such-codec'")


def test_lone_surrogate_in_utf16_is_one_line(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + "Our leader ".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le"))
    one_error_line(lint(str(path)), str(path), "is not valid utf-16-le")


# --- deep nesting and malformed markup -----------------------------------------------------


@pytest.mark.parametrize(
    "name, source",
    [
        ("quotes.md", "> " * 90 + "Our leader.\n"),
        ("lists.md", "".join("  " * i + "- x\n" for i in range(40)) + " " * 80 + "- Our leader.\n"),
        ("brackets.md", "[" * 5000 + "Our leader." + "](x)" * 5000 + "\n\nOur leader.\n"),
        ("emphasis.md", "*_" * 5000 + "Our leader.\n"),
        ("divs.html", "<div>" * 20000 + "<p>Our leader.</p>" + "</div>" * 20000),
        ("unclosed.html", "<div><span><b><i>" * 5000 + "Our leader."),
        ("comment.html", "<p>Our leader.</p><!--" + "x" * 10000),
        ("templates.wiki", "{{a|" * 30 + "b" + "}}" * 30 + "\n\nOur leader.\n"),
        ("links.wiki", "[[a|" * 3000 + "x" + "]]" * 3000 + "\n\nOur leader.\n"),
        ("tags.wiki", "<b><i>" * 500 + "Our leader." + "</i></b>" * 500 + "\n"),
    ],
)
def test_deeply_nested_markup_is_read(tmp_path, name, source):
    path = tmp_path / name
    path.write_text(source)
    result = lint(str(path))
    assert result.exit_code == 1, result.output
    assert "leader" in result.stdout


@pytest.mark.parametrize(
    "source",
    [
        "> " * 5000 + "Our leader.\n",
        "".join("  " * i + "- x\n" for i in range(300)) + "\nOur leader.\n",
        "Our leader.\n\n" + "> - " * 60 + "hidden leader\n",
    ],
    ids=["quotes", "lists", "mixed"],
)
def test_markdown_nested_deeper_than_the_parser_reads_is_refused_not_half_read(tmp_path, source):
    # markdown-it-py drops blocks nested past its limit; linting the rest would silently miss them.
    path = tmp_path / "deep.md"
    path.write_text(source)
    one_error_line(lint(str(path)), str(path), "nested more than 100 levels deep")


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("malformed*.wiki")))
def test_malformed_wikitext_is_read_or_refused_in_one_line(name):
    result = lint(str(HOSTILE / name))
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:
        one_error_line(result, str(HOSTILE / name), "")
    else:
        assert "framing:" not in result.stderr


@pytest.mark.parametrize("opening", ["{{a|", "[[a|", "[http://example.org ", "<ref>", "{|\n", "<!--x-->{{"])
def test_wikitext_that_would_take_quadratic_time_is_refused_quickly(tmp_path, opening):
    # mwparserfromhell 0.7.2 needs minutes for 8000 unclosed templates (earwig/mwparserfromhell#364).
    path = tmp_path / "hostile.wiki"
    path.write_text(opening * 8000 + "Our leader.")
    started = time.process_time()
    one_error_line(lint(str(path)), str(path), "too malformed to read: unclosed wiki markup")
    assert time.process_time() - started < 5  # the refusal is one linear pass (it took minutes before)


def test_wikitext_below_the_unclosed_limit_parses_in_linear_time():
    filler = "Our leaders will meet; the team decides.\n"
    prefix = "{{a|" * wikitext_reader.MAX_UNCLOSED

    def cost(size: int) -> float:
        source = prefix + filler * (size // len(filler))
        started = time.process_time()
        extractor("wikitext")(source)
        return time.process_time() - started

    assert_linear(cost, [25_000, 50_000, 100_000, 200_000])


def test_unclosed_markup_is_counted_per_kind():
    assert wikitext_reader.unclosed("{{a|b}} [[c]] [http://x y] <ref>z</ref> <br> {|\n|}") == {}
    assert wikitext_reader.unclosed("}}{{a {{b [[c [http://x <ref>y <!-- z") == {"{{": 2, "[[": 1, "[": 1, "<": 1, "<!--": 1}


# --- gettext catalogs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, source, message",
    [
        ("garbage.po", "\x01\x02 this is not a catalog\n", "not a valid PO file"),
        ("cut.po", 'msgid "a"\nmsgstr', "not a valid PO file"),
        ("keyword.po", 'msgid "a"\nmsgfoo "b"\n', "not a valid PO file"),
    ],
)
def test_malformed_po_is_one_line(tmp_path, name, source, message):
    path = tmp_path / name
    path.write_text(source)
    one_error_line(lint(str(path)), str(path), message)


def test_po_cut_inside_a_string_is_read_as_far_as_it_goes(tmp_path):
    path = tmp_path / "cut.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "Our leader.\n')
    result = lint(str(path))
    assert result.exit_code in (0, 1, 2)
    assert result.exit_code != 2 or len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("cut", [0, 3, 4, 7, 12, 19, 27, -9, -1])
def test_truncated_mo_is_one_line(tmp_path, cut):
    whole = (HOSTILE / "catalog.mo").read_bytes()
    path = tmp_path / "cut.mo"
    path.write_bytes(whole[:cut])
    result = lint(str(path))
    if result.exit_code == 2:
        one_error_line(result, str(path), "not a valid MO file")
    else:
        assert result.exit_code in (0, 1) and "Traceback" not in result.output


def test_whole_mo_is_linted():
    result = lint(str(HOSTILE / "catalog.mo"))
    assert result.exit_code == 1 and "leader" in result.stdout


def test_mo_with_offsets_past_its_end_is_one_line(tmp_path):
    raw = bytearray((HOSTILE / "catalog.mo").read_bytes())
    raw[16:20] = (0x7FFFFFF0).to_bytes(4, "little")  # the translations table "starts" 2 GB in
    path = tmp_path / "far.mo"
    path.write_bytes(bytes(raw))
    one_error_line(lint(str(path)), str(path), "not a valid MO file")


# --- unreadable files and folders, symbolic links -------------------------------------------------


@pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their mode; see the simulated test below")
def test_unreadable_file_by_mode(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Our leader.\n")
    path.chmod(0)
    try:
        one_error_line(lint(str(path)), str(path), "cannot read: Permission denied")
    finally:
        path.chmod(0o644)


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Our leader.\n")
    real_read, real_open = Path.read_bytes, Path.open

    def refuse(path: Path) -> None:
        if path.name == "secret.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

    def denied_read(self: Path) -> bytes:
        refuse(self)
        return real_read(self)

    def denied_open(self: Path, *args, **kwargs):
        refuse(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", denied_read)
    monkeypatch.setattr(Path, "open", denied_open)  # plain text is read as a stream
    one_error_line(lint(str(path)), str(path), "cannot read: Permission denied")


@pytest.mark.skipif(AS_ROOT, reason="root lists folders whatever their mode; see the simulated test below")
def test_unreadable_folder_by_mode(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("Our leader.\n")
    (tmp_path / "open.txt").write_text("Our leader.\n")
    (tmp_path / "locked").chmod(0)
    try:
        result = lint(str(tmp_path))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert result.exit_code == 1 and "open.txt:1:5" in result.stdout
    assert f"framing: {tmp_path / 'locked'}: skipped, cannot read folder: Permission denied" in result.stderr


def test_unreadable_folder_simulated(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("Our leader.\n")
    (tmp_path / "open.txt").write_text("Our leader.\n")
    real = os.scandir

    def denied(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", denied)
    result = lint(str(tmp_path))
    assert result.exit_code == 1 and "open.txt:1:5" in result.stdout and "a.txt" not in result.stdout
    assert f"framing: {tmp_path / 'locked'}: skipped, cannot read folder: Permission denied" in result.stderr


def test_symbolic_link_loops_and_broken_links_in_a_folder_are_skipped(tmp_path):
    (tmp_path / "x.md").symlink_to("y.md")
    (tmp_path / "y.md").symlink_to("x.md")
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    (tmp_path / "gone.png").symlink_to("nowhere.png")  # not a text file: left alone silently
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")  # a folder loop: links to folders are not followed
    (tmp_path / "sub" / "a.txt").write_text("Our leader.\n")
    result = lint(str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 1 and "a.txt:1:5" in result.stdout
    notices = [line for line in result.stderr.splitlines() if line.startswith("framing:")]
    assert notices == [
        f"framing: {tmp_path / 'gone.txt'}: skipped, broken symbolic link",
        f"framing: {tmp_path / 'x.md'}: skipped, symbolic link loop",
        f"framing: {tmp_path / 'y.md'}: skipped, symbolic link loop",
    ]


def test_a_named_symbolic_link_loop_is_one_line(tmp_path):
    (tmp_path / "x.txt").symlink_to("y.txt")
    (tmp_path / "y.txt").symlink_to("x.txt")
    one_error_line(lint(str(tmp_path / "x.txt")), str(tmp_path / "x.txt"), "symbolic link loop")


def test_a_folder_named_as_a_file_input_is_walked_not_read(tmp_path):
    (tmp_path / "notes.txt").mkdir()
    (tmp_path / "notes.txt" / "a.txt").write_text("Our leader.\n")
    assert lint(str(tmp_path / "notes.txt")).exit_code == 1


# --- size: time grows linearly ---------------------------------------------------------------------


def assert_linear(cost, sizes: list[int]) -> None:
    """Time at the largest size over time at the smallest stays near the size ratio (quadratic would square it)."""
    cost(sizes[0])  # warm up: caches, imports
    times = [min(cost(size) for _ in range(2)) for size in sizes]
    growth = sizes[-1] / sizes[0]
    ratio = times[-1] / max(times[0], 1e-3)
    assert ratio < growth * 3, f"sizes {sizes}: times {times}, ratio {ratio:.1f} for {growth:.0f}x the input"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".wiki"])
def test_single_line_files_take_linear_time(tmp_path, suffix):
    # One line, no paragraph breaks: a reader or matcher that rescans the line per word would be quadratic.
    sentence = "Our team will meet today; the plan is agreed and the work is shared. "
    overrides = Overrides(lexicons=(str(TEST_LEXICON),))

    def cost(size: int) -> float:
        path = tmp_path / f"line-{size}{suffix}"
        if not path.exists():
            body = sentence * (size // len(sentence))
            path.write_text("Our leader. " + body + " the leader\n")
        started = time.process_time()
        result = run([str(path)], overrides=overrides, builtin=False)
        elapsed = time.process_time() - started
        assert result.findings == 2
        return elapsed

    assert_linear(cost, [125_000, 250_000, 500_000, 1_000_000])


def test_dense_findings_take_linear_time(tmp_path):
    overrides = Overrides(lexicons=(str(TEST_LEXICON),))

    def cost(size: int) -> float:
        path = tmp_path / f"dense-{size}.txt"
        path.write_text("the leader " * (size // 11))
        started = time.process_time()
        result = run([str(path)], overrides=overrides, builtin=False)
        elapsed = time.process_time() - started
        assert result.findings == size // 11
        return elapsed

    assert_linear(cost, [11_000, 22_000, 44_000, 88_000])
