"""The translators' commands end to end, against golden files (regenerate with pytest --update-golden)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import polib
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
    only = invoke(
        "check-po", str(catalog), "--no-builtin", "--lexicon", str(DATA / "lexicon"), "--introduced-only", "-f", "compact"
    )
    assert only.stdout.count("\n") == 1 and "[introduced in translation]" in only.stdout


CHECKED = ["translate/coordinator.po", "translate/menu.po"]
OWN_LEXICON = ["--no-builtin", "--lexicon", "lexicon"]


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from tests/data, so that the reports name the catalogs by relative paths."""
    monkeypatch.chdir(DATA)


@pytest.mark.parametrize(
    ("output_format", "name"),
    [("text", "check-po-formats.txt"), ("compact", "check-po-formats-compact.txt"), ("json", "check-po-formats.json")],
)
def test_check_po_formats(output_format: str, name: str, golden, invoke, in_data) -> None:  # type: ignore[no-untyped-def]
    result = invoke("check-po", *CHECKED, *OWN_LEXICON, "--format", output_format)
    assert result.exit_code == 1
    golden(f"translate/{name}", result.stdout)
    coverage = "translate/coordinator.po: de: 3 translated messages, 1 fuzzy translation, 1 untranslated message.\n"
    coverage += "translate/menu.po: de: 4 translated messages.\n"
    summary = "7 findings (7 warnings) in 2 files (3 introduced in translation)\n"
    assert result.stderr == coverage + (summary if output_format in ("text", "compact") else "")


def test_check_po_json_has_the_lint_schema_and_documents_its_fields(invoke, in_data) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(invoke("check-po", *CHECKED, *OWN_LEXICON, "-f", "json").stdout)
    linted = json.loads(invoke("lint", *CHECKED, *OWN_LEXICON, "-f", "json").stdout)
    assert (report["version"], report["files"]) == (linted["version"], linted["files"]) == (2, 2)
    schema = json.loads((Path(__file__).parent.parent / "docs" / "json-format.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    for mine, lints in zip(report["findings"], linted["findings"], strict=True):
        assert {key: mine[key] for key in lints} == lints  # every lint field, with the same position and meaning
        assert set(mine) - set(lints) <= {"msgid", "msgctxt", "introduced"}
    assert [f.get("msgctxt") for f in report["findings"]] == [None, None, None, None, "menu", None, None]
    documented = (Path(__file__).parent.parent / "docs" / "json-format.md").read_text(encoding="utf-8")
    check_po_section = documented[documented.index("## check-po") :]
    assert all(f"`{name}`" in check_po_section for name in ("msgid", "msgctxt", "introduced"))


def test_check_po_introduced_only_with_json(invoke, in_data) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(invoke("check-po", *CHECKED, *OWN_LEXICON, "-f", "json", "--introduced-only").stdout)
    assert report["files"] == 2
    assert [(f["path"], f["line"], f["msgid"], f["introduced"]) for f in report["findings"]] == [
        ("translate/coordinator.po", 13, "Ask the coordinator of your team.", True),
        ("translate/menu.po", 14, 'Contact the "coordinator"', True),
        ("translate/menu.po", 22, "Our team will answer\nwithin a day.", True),
    ]


def test_check_po_sarif_validates(tmp_path: Path, invoke, in_data) -> None:  # type: ignore[no-untyped-def]
    mo = tmp_path / "de.mo"
    polib.pofile("translate/menu.po").save_as_mofile(str(mo))
    result = invoke("check-po", *CHECKED, str(mo), *OWN_LEXICON, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    results = log["runs"][0]["results"]
    assert len(results) == 4 + 3 + 2  # polib leaves the partly translated plural out of the MO file
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "translate/coordinator.po"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 13
    assert (first["properties"]["msgid"], first["properties"]["introduced"]) == ("Ask the coordinator of your team.", True)
    assert first["message"]["text"].endswith('msgid "Ask the coordinator of your team." [introduced in translation]')


def test_check_po_github_annotations(invoke, in_data) -> None:  # type: ignore[no-untyped-def]
    result = invoke("check-po", "translate/menu.po", *OWN_LEXICON, "--format", "github", "--introduced-only")
    assert result.exit_code == 1
    assert result.stdout == (
        "::warning file=translate/menu.po,line=14,col=13,endLine=14,endColumn=19,title=framing leader (de)::"
        '„Führer“ ist als Titel belastet Alternatives: Leitung. Readers: de. msgid "Contact the "coordinator"" '
        "[introduced in translation]\n"
        "::warning file=translate/menu.po,line=22,col=38,endLine=22,endColumn=44,title=framing leader (de)::"
        '„Führer“ ist als Titel belastet Alternatives: Leitung. Readers: de. msgid "Our team will answer within a day." '
        "[introduced in translation]\n"
    )
    assert result.stderr.endswith("2 findings (2 warnings) in 1 file (2 introduced in translation)\n")


def _template(tmp_path: Path) -> Path:
    pot = tmp_path / "app.pot"
    pot.write_text('msgid ""\nmsgstr ""\n\nmsgid "Meet our leaders."\nmsgstr ""\n', encoding="utf-8")
    return pot


@pytest.mark.parametrize(
    ("catalog", "fail_on", "expected"),
    [
        # warnings: the German translation of "leader"
        ("translate/coordinator.po", None, 1),
        ("translate/coordinator.po", "suggestion", 1),
        ("translate/coordinator.po", "warning", 1),
        ("translate/coordinator.po", "error", 0),
        ("translate/coordinator.po", "never", 0),
        # a suggestion: the English source text of a template
        ("app.pot", None, 1),
        ("app.pot", "suggestion", 1),
        ("app.pot", "warning", 0),
        ("app.pot", "never", 0),
        # nothing found
        ("clean.po", None, 0),
        ("clean.po", "suggestion", 0),
    ],
)
def test_check_po_fail_on(catalog: str, fail_on: str | None, expected: int, tmp_path: Path, invoke, in_data) -> None:  # type: ignore[no-untyped-def]
    _template(tmp_path)
    (tmp_path / "clean.po").write_text(
        'msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Ask the team."\nmsgstr "Fragen Sie das Team."\n', encoding="utf-8"
    )
    path = catalog if catalog.startswith("translate/") else str(tmp_path / catalog)
    for output_format in ("text", "json", "sarif", "github"):
        args = ["check-po", path, *OWN_LEXICON, "--format", output_format]
        result = invoke(*args, *(["--fail-on", fail_on] if fail_on else []))
        assert result.exit_code == expected, (output_format, result.output)
        assert result.stdout == invoke(*args).stdout  # --fail-on decides the exit status, never what is reported


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_check_po_input_errors_are_one_line_and_exit_2(output_format: str, tmp_path: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing.po"
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nmsgstr "b"\nthis is not po\n', encoding="utf-8")
    for path in (missing, broken, tmp_path):
        result = invoke("check-po", str(path), "--no-builtin", "--lexicon", str(DATA / "lexicon"), "--format", output_format)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith(f"framing: {path}") and result.stderr.count("\n") == 1, result.stderr


def test_check_po_unknown_language_exits_2(tmp_path: Path, invoke) -> None:
    path = tmp_path / "kab.po"
    path.write_text('msgid ""\nmsgstr "Language: kab\\n"\n\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    result = invoke("check-po", str(path), "--no-builtin", "--lexicon", str(DATA / "lexicon"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"framing: {path}: locale 'kab' is not supported")
