"""The runner behind `framing lint`: folders, include/exclude, binary files, per-file configuration, jobs, progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import register_commands
from framing.config import Overrides
from framing.errors import InputError
from framing.model import Severity
from framing.runner import matches, run, stream

TEST_LEXICON = str(Path(__file__).parent / "data" / "lexicon")
OWN = Overrides(lexicons=(TEST_LEXICON,))
app = register_commands()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / ".framing.toml", 'exclude = ["drafts"]\n')
    write(tmp_path / "docs" / "a.md", "Our leaders.\n\n`leader`\n")
    write(tmp_path / "docs" / "b.html", "<p>The war room</p><code>leader</code>\n")
    write(tmp_path / "docs" / "sub" / "c.wiki", "{{Leader|x=leadership}}\n")
    write(tmp_path / "docs" / "drafts" / "d.md", "leaders\n")
    write(tmp_path / "docs" / ".hidden" / "e.md", "leaders\n")
    write(tmp_path / "docs" / "notes.adoc", "leaders\n")
    write(tmp_path / "docs" / "image.txt", b"leader\x00\x01\x02")
    return tmp_path


def test_folders_are_expanded_with_include_and_exclude(project):
    result = run([str(project / "docs")], overrides=OWN, builtin=False)
    paths = [Path(r.document.path).relative_to(project).as_posix() for r in result.results]
    assert paths == ["docs/a.md", "docs/b.html", "docs/sub/c.wiki"]
    assert result.notices == (f"{project / 'docs' / 'image.txt'}: skipped, binary file",)
    assert [(r.input_format, [f.text for f in r.findings]) for r in result.results] == [
        ("markdown", ["leaders"]),
        ("html", ["war room"]),
        ("wikitext", ["leadership"]),
    ]


def test_named_files_are_linted_whatever_the_globs(project):
    result = run([str(project / "docs" / "drafts" / "d.md"), str(project / "docs" / "notes.adoc")], overrides=OWN, builtin=False)
    assert [(r.input_format, len(r.findings)) for r in result.results] == [("markdown", 1), ("text", 1)]


def test_include_replaces_the_default_file_types(project):
    write(project / ".framing.toml", 'include = ["*.adoc"]\n')
    result = run([str(project / "docs")], overrides=OWN, builtin=False)
    assert [Path(r.document.path).name for r in result.results] == ["notes.adoc"]


def test_a_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        run([str(tmp_path / "nope")], overrides=OWN, builtin=False)


def test_each_file_uses_its_nearest_configuration(tmp_path):
    write(tmp_path / "one" / ".framing.toml", 'disable = ["race-term"]\n[severity]\nleader = "error"\n')
    write(tmp_path / "two" / ".framing.toml", 'allow = ["leaders"]\nfail_on = "never"\n')
    for folder in ("one", "two"):
        write(tmp_path / folder / "a.txt", "Our leaders in the war room.\n")
    one, two = run([str(tmp_path)], overrides=OWN, builtin=False).results
    assert [(f.text, f.severity) for f in one.findings] == [("leaders", Severity.ERROR)]
    assert [f.text for f in two.findings] == ["war room"]
    assert (one.fails(), two.fails()) == (True, False)


def test_po_catalogs_are_linted_in_their_language_unless_the_flag_says(tmp_path):
    catalog = write(
        tmp_path / "de.po",
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Our leaders"\nmsgstr "Des Führers Wille."\n',
    )
    [result] = run([str(catalog)], overrides=OWN, builtin=False).results
    assert [(f.text, f.locales) for f in result.findings] == [("Führers", ("de",))]
    [forced] = run([str(catalog)], overrides=Overrides(lexicons=(TEST_LEXICON,), locale="en"), builtin=False).results
    assert forced.findings == ()


def test_jobs_give_the_same_result(project):
    for index in range(6):
        write(project / "docs" / f"more{index}.md", f"Our leaders {index}.\n\nThe war room.\n")
    one = run([str(project / "docs")], overrides=OWN, builtin=False)
    many = run([str(project / "docs")], overrides=OWN, builtin=False, jobs=3)
    assert many == one
    assert one.findings == 3 + 6 * 2


@pytest.mark.parametrize("broken", [(3,), (37,), (3, 37)])
def test_parallel_runs_keep_input_order_and_raise_the_first_error_in_it(project, broken):
    for index in range(40):
        write(project / "docs" / f"n{index:02d}.md", f"Our leaders {index}.\n" * (index % 5 + 1))
    one = run([str(project / "docs")], overrides=OWN, builtin=False)
    for jobs in (2, 3):
        assert run([str(project / "docs")], overrides=OWN, builtin=False, jobs=jobs) == one
        streamed = stream([str(project / "docs")], overrides=OWN, builtin=False, jobs=jobs)
        assert [item.path for item in streamed] == [str(r.document.path) for r in one.results for _ in r.findings]
    for index in broken:
        write(project / "docs" / f"n{index:02d}.po", 'msgid "x"\nmsgstr "y"\nnonsense here\n')
    with pytest.raises(InputError) as caught:
        run([str(project / "docs")], overrides=OWN, builtin=False, jobs=2)
    assert caught.value.path == str(project / "docs" / f"n{broken[0]:02d}.po")


def test_errors_in_parallel_runs_keep_their_file(project):
    write(project / "docs" / "zz.po", 'msgid "x"\nmsgstr "y"\nnonsense here\n')
    with pytest.raises(InputError) as caught:
        run([str(project / "docs")], overrides=OWN, builtin=False, jobs=2)
    assert caught.value.path == str(project / "docs" / "zz.po")


def test_progress_is_reported_per_document(project):
    calls = []
    run([str(project / "docs")], overrides=OWN, builtin=False, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.md", "docs/a.md", True),
        ("*.md", "docs/a.mdx", False),
        ("drafts", "docs/drafts/a.md", True),
        ("docs/drafts", "docs/drafts/a.md", True),
        ("docs/drafts/*", "docs/drafts/a.md", True),
        ("docs/**/old.md", "docs/old.md", True),
        ("docs/**/old.md", "docs/x/y/old.md", True),
        ("other/drafts", "docs/drafts/a.md", False),
        (".*", "docs/.hidden/a.md", True),
    ],
)
def test_glob_matching(pattern, path, expected):
    assert matches(pattern, path) is expected


def cli(*args: str):
    return CliRunner().invoke(app, [*args, "--no-builtin", "--lexicon", TEST_LEXICON])


def test_cli_lints_a_folder_and_reports_skipped_files(project):
    result = cli("lint", str(project / "docs"), "--format", "compact")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f'{project / "docs" / "a.md"}:1:5: suggestion leader: "leaders" can suggest hierarchy'
        " (coordinators, take on responsibility) [en]",
        f'{project / "docs" / "b.html"}:1:8: warning race-term: "war room" (a test entry) (y) [en]',
        f'{project / "docs" / "sub" / "c.wiki"}:1:12: suggestion leader: "leadership" can suggest hierarchy (coordination) [en]',
    ]
    assert result.stderr.splitlines() == [
        f"framing: {project / 'docs' / 'image.txt'}: skipped, binary file",
        "3 findings (1 warning, 2 suggestions) in 3 files",
    ]


def test_cli_jobs_give_the_same_output(project):
    one = cli("lint", str(project / "docs"), "--format", "json")
    many = cli("lint", str(project / "docs"), "--format", "json", "--jobs", "2")
    assert (one.exit_code, many.exit_code) == (1, 1)
    assert many.stdout == one.stdout
    assert json.loads(one.stdout)["files"] == 3


def test_cli_no_progress_bar_in_pipes(project):
    for index in range(25):
        write(project / "docs" / "many" / f"f{index:02}.txt", "Nothing here.\n")
    result = cli("lint", str(project / "docs"))
    assert "\r" not in result.stderr
    assert "files" in result.stderr.splitlines()[-1]


def test_cli_input_format_forces_a_reader(tmp_path):
    doc = write(tmp_path / "page.txt", "<p> Our leaders </p> <code> leader </code>\n")
    assert cli("lint", str(doc), "-f", "compact").stdout.count("leader:") == 2
    assert cli("lint", str(doc), "-f", "compact", "--input-format", "html").stdout.count("leader:") == 1


def test_progress_bar_draws_only_for_many_files(monkeypatch):
    import io

    from framing.cli import lint as lint_command

    stream = io.StringIO()
    monkeypatch.setattr(lint_command.sys, "stderr", stream)
    few = lint_command._ProgressBar()
    for done in range(1, 4):
        few(done, 3)
    few.clear()
    assert stream.getvalue() == ""
    many = lint_command._ProgressBar()
    for done in range(1, lint_command.PROGRESS_MIN_FILES + 1):
        many(done, lint_command.PROGRESS_MIN_FILES)
    many.clear()
    assert f"] {lint_command.PROGRESS_MIN_FILES}/{lint_command.PROGRESS_MIN_FILES} files" in stream.getvalue()
    assert stream.getvalue().endswith("\r\033[K")


def test_a_named_wide_encoding_is_not_taken_for_binary(tmp_path):
    """UTF-16 without a byte order mark is full of NUL bytes: with --encoding utf-16-le it is text, not a binary file."""
    (tmp_path / "notes.txt").write_bytes("Our leaders met.\n".encode("utf-16-le"))
    skipped = run([str(tmp_path)], overrides=OWN, builtin=False)
    assert skipped.results == () and "binary file" in skipped.notices[0]
    read = run([str(tmp_path)], overrides=OWN, builtin=False, encoding="utf-16-le")
    assert read.notices == () and [f.text for f in read.results[0].findings] == ["leaders"]
