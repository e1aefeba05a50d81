"""The translators' commands end to end, against golden files (regenerate with pytest --update-golden)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framing import i18n
from framing.cli import register_commands
from framing.cli.lang import localized_command

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "translate" / "lexicon"


@pytest.fixture(autouse=True)
def _english_and_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    i18n.activate("en")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "lexicons"
    shutil.copytree(FIXTURE, target)
    return target


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr
        self.output = stdout + stderr


@pytest.fixture
def invoke(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the localized command tree the way `framing` does (Typer's CliRunner only takes a Typer app)."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        command = localized_command(register_commands())
        try:
            code = command.main(list(args), prog_name="framing", standalone_mode=False)
        except SystemExit as exit_:
            code = exit_.code
        captured = capsys.readouterr()
        return Result(int(code or 0), captured.out, captured.err)

    return run


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("export-po-de.po", ["lexicon", "export-po", "de"]),
        ("export-po-fr.po", ["lexicon", "export-po", "fr"]),
        ("export-pot.pot", ["lexicon", "export-pot"]),
        ("init-es.po", ["lexicon", "init", "es"]),
        ("stats.txt", ["lexicon", "stats"]),
        ("export.tbx", ["lexicon", "export-tbx"]),
    ],
)
def test_export_commands(name: str, args: list[str], golden, invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke(*args, "--lexicon-dir", str(FIXTURE))
    assert result.exit_code == 0, result.output
    golden(f"translate/{name}", result.stdout)


def test_export_to_file_then_import_dry_run(root: Path, tmp_path: Path, golden, invoke) -> None:  # type: ignore[no-untyped-def]
    po_file = tmp_path / "de.po"
    assert invoke("lexicon", "export-po", "de", "-o", str(po_file), "--lexicon-dir", str(root)).exit_code == 0
    text = po_file.read_text(encoding="utf-8").replace(
        'msgstr "„Führer“ ist durch den Nationalsozialismus belastet."', 'msgstr "„Führer“ ist belastet."'
    )
    po_file.write_text(text, encoding="utf-8")
    result = invoke("lexicon", "import-po", str(po_file), "--dry-run", "--lexicon-dir", str(root))
    assert result.exit_code == 0, result.output
    golden("translate/import-po-dry-run.txt", result.stdout + "--- stderr\n" + result.stderr)
    result = invoke("lexicon", "import-po", str(po_file), "--lexicon-dir", str(root))
    assert result.exit_code == 0
    assert 'note = "„Führer“ ist belastet."' in (root / "de" / "general.toml").read_text(encoding="utf-8")


def test_import_po_errors_are_one_line_each_with_exit_2(root: Path, tmp_path: Path, invoke) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text(
        'msgid ""\nmsgstr "Language: de\\n"\n\nmsgctxt "nosuch.note"\nmsgid "x"\nmsgstr "y"\n\n'
        'msgctxt "leader.colour"\nmsgid "x"\nmsgstr "y"\n',
        encoding="utf-8",
    )
    result = invoke("lexicon", "import-po", str(bad), "--lexicon-dir", str(root))
    assert result.exit_code == 2
    assert result.stderr == (
        f"framing: {bad}:4: unknown concept 'nosuch'\n"
        f"framing: {bad}:8: unknown field 'colour'; "
        "expected one of terms, alternatives, note, must_flag, must_not_flag, sources\n"
        "2 problems\n"
    )


def test_init_refuses_to_overwrite(tmp_path: Path, invoke) -> None:
    existing = tmp_path / "es.po"
    existing.write_text("keep me", encoding="utf-8")
    result = invoke("lexicon", "init", "es", "-o", str(existing), "--lexicon-dir", str(FIXTURE))
    assert result.exit_code == 2 and existing.read_text(encoding="utf-8") == "keep me"
    assert result.stderr == f"framing: {existing}: already exists; not overwriting a translation\n"


def test_import_tbx_dry_run(root: Path, tmp_path: Path, golden, invoke) -> None:  # type: ignore[no-untyped-def]
    tbx_file = tmp_path / "lexicon.tbx"
    assert invoke("lexicon", "export-tbx", "-o", str(tbx_file), "--lexicon-dir", str(root)).exit_code == 0
    tbx_file.write_text(
        tbx_file.read_text(encoding="utf-8").replace("<term>Koordination</term>", "<term>Koordinierung</term>"), encoding="utf-8"
    )
    result = invoke("lexicon", "import-tbx", str(tbx_file), "--dry-run", "--lexicon-dir", str(root))
    assert result.exit_code == 0, result.output
    golden("translate/import-tbx-dry-run.txt", result.stdout + "--- stderr\n" + result.stderr)


def test_check_po_reports_and_exits_1(golden, invoke) -> None:  # type: ignore[no-untyped-def]
    catalog = DATA / "translate" / "coordinator.po"
    result = invoke("check-po", str(catalog), "--no-builtin", "--lexicon", str(DATA / "lexicon"))
    assert result.exit_code == 1
    golden("translate/check-po.txt", (result.stdout + "--- stderr\n" + result.stderr).replace(str(DATA), "<data>"))
    only = invoke("check-po", str(catalog), "--no-builtin", "--lexicon", str(DATA / "lexicon"), "--introduced-only")
    assert only.stdout.count("\n") == 1 and "[introduced in translation]" in only.stdout


def test_check_po_unknown_language_exits_2(tmp_path: Path, invoke) -> None:
    path = tmp_path / "kab.po"
    path.write_text('msgid ""\nmsgstr "Language: kab\\n"\n\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    result = invoke("check-po", str(path), "--no-builtin", "--lexicon", str(DATA / "lexicon"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"framing: {path}: locale 'kab' is not supported")
