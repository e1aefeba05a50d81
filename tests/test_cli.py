"""The command line, checked against golden files and for its exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import register_commands

ROOT = Path(__file__).parent.parent
MATCHING = Path(__file__).parent / "data" / "matching"
PROPOSAL = Path(__file__).parent / "data" / "proposal.txt"
OWN = ["--no-builtin", "--lexicon", str(MATCHING)]
app = register_commands()


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


@pytest.fixture(autouse=True)
def _relative_paths(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_lint_text_output(golden):
    result = run("lint", "tests/data/proposal.txt", *OWN)
    assert result.exit_code == 1
    golden("lint-text.txt", result.stdout)
    assert result.stderr == "5 findings (2 warnings, 3 suggestions) in 1 file\n"


def test_lint_with_audience(golden):
    result = run("lint", "tests/data/proposal.txt", "--audience", "de,it", *OWN)
    assert result.exit_code == 1
    golden("lint-audience.txt", result.stdout)


def test_lint_json_output(golden):
    result = run("lint", "tests/data/proposal.txt", "--format", "json", "-a", "de", *OWN)
    assert result.exit_code == 1
    golden("lint-json.json", result.stdout)
    report = json.loads(result.stdout)
    required = {"path", "line", "column", "end_line", "end_column", "text", "concept", "severity", "message", "readers"}
    required.add("alternatives")
    assert report["version"] == 2
    assert all(required <= set(finding) for finding in report["findings"])


def test_lint_reads_standard_input():
    result = run("lint", "-", "--format", "compact", *OWN, stdin="Our leaders.\n")
    assert result.exit_code == 1
    assert result.stdout == (
        '<stdin>:1:5: suggestion leader: "leaders" puts one person above the group (coordinators, take on responsibility) [en]\n'
    )


def test_lint_compact_output_is_one_line_per_occurrence(golden):
    result = run("lint", "tests/data/proposal.txt", "--format", "compact", "--audience", "de,it", *OWN)
    assert result.exit_code == 1
    golden("lint-compact.txt", result.stdout)
    assert len(result.stdout.splitlines()) == 5  # five occurrences, whatever the number of readers
    assert all(line.startswith("tests/data/proposal.txt:") for line in result.stdout.splitlines())


def test_lint_explain_prints_the_notes_whole_with_sources(golden):
    result = run("lint", "tests/data/proposal.txt", "--explain", "--audience", "de", *OWN)
    assert result.exit_code == 1
    golden("lint-explain.txt", result.stdout)
    assert "source: Duden online" in result.stdout


def test_lint_quiet_leaves_the_notes_out():
    loud = run("lint", "tests/data/proposal.txt", "--audience", "de,it", *OWN).stdout
    quiet = run("lint", "tests/data/proposal.txt", "--audience", "de,it", "--quiet", *OWN).stdout
    assert "Why" in loud and "Italian readers may hear" in loud
    assert "Why" not in quiet and "Italian readers may hear" not in quiet
    assert "Summary:" in quiet and quiet.splitlines()[:6] == loud.splitlines()[:6]


def test_lint_text_prints_each_note_once_per_concept_and_reader():
    text = "Our leaders, their leaders and the leader's war room. Leaders again.\n"
    result = run("lint", "-", "--audience", "de,it", *OWN, stdin=text)
    notes = ["English note.", "German readers may hear 'Führer'.", "Italian readers may hear 'duce'.", "War metaphor."]
    assert [result.stdout.count(note) for note in notes] == [1, 1, 1, 1]
    assert "leader ×4 — line 1 — readers en, de, it — try: coordinators" in result.stdout


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_lint_text_lines_fit_the_width(columns, monkeypatch):
    monkeypatch.setenv("COLUMNS", columns)
    result = run("lint", "tests/data/proposal.txt", "--audience", "de,it", *OWN)
    limit = min(int(columns), 160)
    assert max(len(line) for line in result.stdout.splitlines()) <= limit


@pytest.mark.parametrize(("fail_on", "code"), [("suggestion", 1), ("warning", 1), ("error", 0), ("never", 0)])
def test_fail_on_levels(fail_on, code):
    # The matching lexicon reports "leaders" as a suggestion and "war room" as a warning.
    assert run("lint", "-", "--fail-on", fail_on, *OWN, stdin="Our leaders in the war room.").exit_code == code


def test_clean_text_exits_zero():
    result = run("lint", "-", *OWN, stdin="Nothing to see here.")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.strip() == "0 findings in 1 file"


def test_missing_file_exits_two_with_one_line():
    result = run("lint", "no/such/file.md", *OWN)
    assert result.exit_code == 2
    assert result.stderr == "framing: no/such/file.md: no such file\n"


def test_unknown_locale_exits_two():
    result = run("lint", "-", "--locale", "xx", *OWN, stdin="x")
    assert result.exit_code == 2
    assert result.stderr == "framing: unknown locale 'xx'\n"


def test_unsupported_locale_lists_supported():
    result = run("lint", "-", "--locale", "fi", *OWN, stdin="x")
    assert result.exit_code == 2
    assert "supported languages: ar, de, en, es, fr, it, ja, ko, nl, pl, pt, ru, zh" in result.stderr


def test_broken_lexicon_exits_two_with_file_and_line(tmp_path):
    bad = tmp_path / "en.toml"
    bad.write_text('[leader]\nterms = ["leader"]\nnotes = "typo"\n', encoding="utf-8")
    result = run("lint", "-", *OWN, "--lexicon", str(bad), stdin="x")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"framing: {bad}:3: unknown key 'notes' in entry 'leader' (did you mean 'note'?)")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_lexicon_validate_lists_every_problem(tmp_path):
    bad = tmp_path / "en.toml"
    bad.write_text('[leader]\nnotes = "typo"\ncolour = 1\n', encoding="utf-8")
    result = run("lexicon", "validate", "--no-builtin", str(MATCHING), str(bad))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{bad}:2: unknown key 'notes' in entry 'leader' (did you mean 'note'?)",
        f"{bad}:3: unknown key 'colour' in entry 'leader'",
        "2 problems",
    ]


def test_lexicon_validate_passes_a_good_lexicon():
    result = run("lexicon", "validate", "--no-builtin", str(MATCHING))
    assert result.exit_code == 0
    assert result.stdout == "ok: 7 concepts, 6 locales, 41 examples checked\n"


def test_explain(golden):
    result = run("explain", "Führern", "--locale", "de", *OWN)
    assert result.exit_code == 0
    golden("explain-fuehrern.txt", result.stdout)


def test_explain_unknown_term():
    result = run("explain", "zebra", *OWN)
    assert result.exit_code == 1
    assert result.stderr == "framing: no concept found for 'zebra'\n"


def test_locales(golden):
    result = run("locales", *OWN)
    assert result.exit_code == 0
    golden("locales.txt", result.stdout)


def test_usage_error_exits_two():
    assert run("lint").exit_code == 2
    assert run("lint", "-", "--fail-on", "sometimes").exit_code == 2


def test_python_dash_m_framing_works():
    result = subprocess.run(
        [sys.executable, "-m", "framing", "lint", "-", *OWN], input="Our leaders.", capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "leader" in result.stdout


def test_lexicon_validate_checks_examples_even_when_another_file_is_broken(tmp_path):
    (tmp_path / "concepts.toml").write_text('[hero]\ncategory = "idiom"\nsources = ["s"]\n', encoding="utf-8")
    (tmp_path / "en.toml").write_text(
        '[hero]\nterms = ["hero"]\nnote = "n"\nalternatives = ["expert"]\n'
        'must_flag = ["A champion."]\nmust_not_flag = ["Heroic."]\n',
        encoding="utf-8",
    )
    (tmp_path / "de.toml").write_text("[hero]\nterms = [\n", encoding="utf-8")
    result = run("lexicon", "validate", "--no-builtin", str(tmp_path))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
    assert lines[0].startswith(f"{tmp_path / 'de.toml'}:2: TOML syntax error")
    assert lines[1] == f"{tmp_path / 'en.toml'}:5: must_flag example of 'hero' (en) is not flagged: 'A champion.'"
    assert lines[2] == "2 problems"
