"""Issue 8, item 4: a fix that fails at any point leaves the original byte-identical, and the run says so.

Each step of :func:`framing.documents.write_bytes` (make the temporary file, write, flush
to disk, copy the mode, rename over the original) is made to fail in turn, through the
real command line (``framing lint --fix``). Read-only files and folders are refused
before anything is written, whoever runs the tests (root ignores mode bits).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing import documents
from framing.cli import register_commands

TEST_LEXICON = Path(__file__).parent / "data" / "lexicon"
OWN = ["--no-builtin", "--lexicon", str(TEST_LEXICON)]
ORIGINAL = "Our leader will meet.\r\nThe leader\u2019s team, caf\u00e9 \u05e9\u05dc\u05d5\u05dd.\n".encode("utf-16")
app = register_commands()
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def fix(*paths: Path):
    return CliRunner().invoke(app, ["lint", "--fix", *OWN, *map(str, paths)])


def proposal(folder: Path, name: str = "proposal.txt") -> Path:
    path = folder / name
    path.write_bytes(ORIGINAL)
    return path


def assert_untouched(path: Path, result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"framing: {path}: ") and message in lines[0], lines
    assert path.read_bytes() == ORIGINAL
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file left behind


def test_the_fix_does_change_the_file_when_nothing_fails(tmp_path):
    # Without this, the fault tests below could pass because nothing was ever to be written.
    path = proposal(tmp_path)
    result = fix(path)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == ORIGINAL.decode("utf-16").replace("leader", "coordinator").encode("utf-16")


def fail_in(step: str, error: BaseException):
    """Return (object, attribute, replacement) that makes ``step`` of an atomic write raise ``error``."""

    def raising(*args, **kwargs):
        raise error

    if step == "create":
        return documents.tempfile, "mkstemp", raising
    if step == "write":
        real_fdopen = os.fdopen

        class FullDisk:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])  # half the bytes reach the disk, then it is full
                raise error

        return documents.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode))
    if step == "fsync":
        return documents.os, "fsync", raising
    if step == "chmod":
        return documents.os, "chmod", raising
    if step == "rename":
        return documents.os, "replace", raising
    raise AssertionError(step)


@pytest.mark.parametrize("step", ["create", "write", "fsync", "chmod", "rename"])
@pytest.mark.parametrize(
    "error, message",
    [
        (OSError(errno.ENOSPC, "No space left on device"), "cannot write: No space left on device; the file is unchanged"),
        (OSError(errno.EIO, "Input/output error"), "cannot write: Input/output error; the file is unchanged"),
    ],
    ids=["disk-full", "io-error"],
)
def test_failure_at_any_step_leaves_the_original(tmp_path, monkeypatch, step, error, message):
    path = proposal(tmp_path)
    monkeypatch.setattr(*fail_in(step, error))
    assert_untouched(path, fix(path), message)


@pytest.mark.parametrize("step", ["write", "fsync", "rename"])
def test_interrupt_at_any_step_leaves_the_original(tmp_path, monkeypatch, step):
    path = proposal(tmp_path)
    monkeypatch.setattr(*fail_in(step, KeyboardInterrupt()))
    result = fix(path)
    assert result.exit_code != 0
    assert path.read_bytes() == ORIGINAL
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_read_only_file_is_not_fixed(tmp_path, mode):
    path = proposal(tmp_path)
    path.chmod(mode)
    try:
        assert_untouched(path, fix(path), "cannot write: the file is read-only; it is unchanged")
        assert stat.S_IMODE(path.stat().st_mode) == mode
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(AS_ROOT, reason="root creates files in read-only folders; the simulated test covers it")
def test_read_only_folder_by_mode(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    path = proposal(folder)
    folder.chmod(0o555)
    try:
        assert_untouched(path, fix(path), "cannot write: Permission denied; the file is unchanged")
    finally:
        folder.chmod(0o755)


def test_read_only_folder_simulated(tmp_path, monkeypatch):
    path = proposal(tmp_path)
    monkeypatch.setattr(*fail_in("create", PermissionError(errno.EACCES, "Permission denied")))
    assert_untouched(path, fix(path), "cannot write: Permission denied; the file is unchanged")


def test_read_only_file_system_simulated(tmp_path, monkeypatch):
    path = proposal(tmp_path)
    monkeypatch.setattr(*fail_in("create", OSError(errno.EROFS, "Read-only file system")))
    assert_untouched(path, fix(path), "cannot write: Read-only file system; the file is unchanged")


def test_a_failure_in_one_file_names_it_and_leaves_it_whole(tmp_path, monkeypatch):
    first, second = proposal(tmp_path, "a.txt"), proposal(tmp_path, "b.txt")
    real_replace = os.replace

    def replace_but_not_b(source, target):
        if Path(target).name == "b.txt":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(documents.os, "replace", replace_but_not_b)
    result = fix(first, second)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"framing: {second}: cannot write: No space left on device; the file is unchanged"]
    assert second.read_bytes() == ORIGINAL
    assert first.read_bytes() == ORIGINAL.decode("utf-16").replace("leader", "coordinator").encode("utf-16")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
