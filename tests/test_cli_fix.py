"""``framing lint --fix`` and ``--diff``: golden diffs in every locale with inflected alternatives, safe writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import register_commands

AGREEMENT = Path(__file__).parent / "data" / "agreement"
OWN = ["--no-builtin", "--lexicon", str(AGREEMENT)]
app = register_commands()


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


@pytest.mark.parametrize("locale", ["en", "de", "fr", "es", "it", "pt"])
def test_diff_golden_in_every_locale(locale: str, tmp_path: Path, monkeypatch, golden) -> None:
    monkeypatch.chdir(tmp_path)
    source = (AGREEMENT / "sentences" / f"{locale}.txt").read_bytes()
    Path("sentences.txt").write_bytes(source)
    result = run("lint", "sentences.txt", "--locale", locale, "--diff", *OWN)
    golden(f"fix/diff-{locale}.txt", result.stdout)
    assert Path("sentences.txt").read_bytes() == source  # --diff writes nothing
    assert result.exit_code in (0, 1)
    assert result.stderr.endswith("left after fixing\n")


MARKDOWN = (
    "# Our Leaders\r\n"
    "\r\n"
    "He is a leader; ask a guru about `leader` code.\r\n"
    "\r\n"
    "```\r\n"
    "leader = 1\r\n"
    "```\r\n"
    "\r\n"
    "See https://example.com/leader and <https://example.org/a-leader>.\r\n"
    "<!-- framing-ignore -->\r\n"
    "A leader stays here.\r\n"
    "Café leaders"
)
FIXED = (
    "# Our Organizers\r\n"
    "\r\n"
    "He is an organizer; ask an expert about `leader` code.\r\n"
    "\r\n"
    "```\r\n"
    "leader = 1\r\n"
    "```\r\n"
    "\r\n"
    "See https://example.com/leader and <https://example.org/a-leader>.\r\n"
    "<!-- framing-ignore -->\r\n"
    "A leader stays here.\r\n"
    "Café organizers"
)


def test_fix_edits_prose_only_keeps_bytes_and_mode_and_is_idempotent(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = Path("proposal.md")
    path.write_bytes(b"\xef\xbb\xbf" + MARKDOWN.encode("utf-8"))
    os.chmod(path, 0o604)
    result = run("lint", "proposal.md", "--fix", *OWN)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    again = run("lint", "proposal.md", "--diff", *OWN)
    assert (again.exit_code, again.stdout) == (0, "")
    run("lint", "proposal.md", "--fix", *OWN)
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode("utf-8")


def test_fix_reports_what_is_left(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.txt").write_text("Our leaders will meet.\n", encoding="utf-8")
    Path("q.txt").write_text("Der Führer kommt. Führer sind gefragt.\n", encoding="utf-8")
    fixed = run("lint", "p.txt", "--fix", *OWN)
    assert (fixed.exit_code, fixed.stdout) == (0, "")
    assert Path("p.txt").read_text(encoding="utf-8") == "Our organizers will meet.\n"
    partly = run("lint", "q.txt", "--locale", "de", "--fix", "--format", "compact", *OWN)
    assert partly.exit_code == 1
    # Number unknown without a determiner: advice only, so it stays and is reported.
    assert Path("q.txt").read_text(encoding="utf-8") == "Der Koordinator kommt. Führer sind gefragt.\n"
    assert partly.stdout.startswith("q.txt:1:24: ")
    assert partly.stdout.count("\n") == 1


def test_fix_refuses_standard_input_but_diff_works() -> None:
    refused = run("lint", "-", "--fix", *OWN, stdin="a leader\n")
    assert refused.exit_code == 2
    assert refused.stderr == "framing: <stdin>: cannot fix standard input in place; use --diff\n"
    shown = run("lint", "-", "--diff", *OWN, stdin="a leader\n")
    assert shown.exit_code == 0
    assert shown.stdout == "--- a/<stdin>\n+++ b/<stdin>\n@@ -1 +1 @@\n-a leader\n+an organizer\n"
