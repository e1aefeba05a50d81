"""Reporters: text (colour only on a terminal, NO_COLOR), JSON (as documented), SARIF 2.1.0 (schema-valid), GitHub annotations."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from framing.cli import register_commands
from framing.model import Finding, Reader, Severity, summarise
from framing.report import Located, as_json, as_text, github, locate, sarif

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
OWN = ["--no-builtin", "--lexicon", str(DATA / "lexicon")]
app = register_commands()


def reader(locale: str = "en", note: str = "", **kwargs) -> Reader:
    own = locale == "en"
    values = {
        "severity": Severity.WARNING,
        "message": f"short {locale} message",
        "sources": (f"{locale} source",),
        "own": own,
        "name": "" if own else "German",
    }
    values.update(kwargs)
    return Reader(locale=locale, note=note or f"{locale} note, with a comma: and a colon", **values)  # type: ignore[arg-type]


def finding(start: int, text: str, concept: str, readers: tuple[Reader, ...] = (), **kwargs) -> Finding:
    readers = readers or (reader(severity=kwargs.pop("severity", Severity.WARNING)),)
    severity, message = summarise(readers)
    values = {"alternatives": ("coordinator",), "category": "authority", "term": text, "term_locale": "en"}
    values.update(kwargs)
    return Finding(start, start + len(text), text, concept, severity, message, readers, **values)  # type: ignore[arg-type]


TEXT = "Our leaders\nmeet in the war room.\n"
ITEMS = locate(
    "docs/a b.md",
    TEXT,
    [
        finding(
            4,
            "leaders",
            "leader",
            (reader(severity=Severity.SUGGESTION), reader("de", "Führer 100%", message='"leaders" may read as "Führer" 100%')),
        ),
        finding(24, "war room", "race-term", severity=Severity.ERROR, alternatives=()),
    ],
)
JSON_SCHEMA = json.loads((ROOT / "docs" / "json-format.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _relative_paths(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_sarif_validates_against_the_official_schema():
    jsonschema.validate(sarif.report(ITEMS), SCHEMA)


def test_sarif_has_one_rule_per_concept_with_every_readers_note_and_sources_as_help():
    run = sarif.report(ITEMS)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["leader", "race-term"]
    assert rules[0]["help"]["text"] == (
        "leader (en): en note, with a comma: and a colon\n\nSources: en source\n\n"
        "leader (de, German readers): Führer 100%\n\nSources: de source\n\nAlternatives: coordinator"
    )
    assert rules[0]["help"]["markdown"].startswith("**leader (en)**\n\nen note, with a comma: and a colon\n\n- en source")
    assert rules[1]["help"]["text"] == "race-term (en): en note, with a comma: and a colon\n\nSources: en source"
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [("leader", 0, "warning"), ("race-term", 1, "error")]
    readers = results[0]["properties"]["readers"]
    assert [(r["locale"], r["severity"], r["note"], r["own"]) for r in readers] == [
        ("en", "suggestion", "en note, with a comma: and a colon", True),
        ("de", "warning", "Führer 100%", False),
    ]
    region = results[1]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (2, 13, 2, 21)
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/a%20b.md"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_of_a_real_run_validates(tmp_path):
    result = CliRunner().invoke(app, ["lint", "tests/data/proposal.txt", "-a", "de", "--format", "sarif", *OWN])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"]


def test_sarif_with_no_findings_validates():
    jsonschema.validate(sarif.report([]), SCHEMA)


def test_github_annotations(golden):
    golden("report-github.txt", github.render(ITEMS))


def test_github_escaping():
    line = github.format_finding(ITEMS[0])
    assert line.startswith("::warning file=docs/a b.md,line=1,col=5,endLine=1,endColumn=12,title=framing leader (en%2C de)::")
    assert line.endswith('"leaders" may read as "Führer" 100%25 Alternatives: coordinator. Readers: en, de.')
    assert "\n" not in github.escape_data("a\nb") and github.escape_property("a,b:c") == "a%2Cb%3Ac"


def test_github_format_from_the_cli():
    result = CliRunner().invoke(app, ["lint", "-", "--format", "github", *OWN], input="Our leaders.\n")
    assert result.exit_code == 1
    assert result.stdout == (
        "::notice file=<stdin>,line=1,col=5,endLine=1,endColumn=12,title=framing leader (en)::"
        '"leaders" can suggest hierarchy Alternatives: coordinators, take on responsibility. Readers: en.\n'
    )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "expected"),
    [
        (Terminal(), {}, True),
        (Terminal(), {"NO_COLOR": "1"}, False),
        (Terminal(), {"TERM": "dumb"}, False),
        (io.StringIO(), {}, False),
        (io.StringIO(), {"FORCE_COLOR": "1"}, True),
        (io.StringIO(), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_colour_only_on_a_terminal_and_never_with_no_color(stream, environ, expected):
    assert as_text.wants_colour(stream, environ) is expected


def test_text_groups_by_file_and_aligns_columns():
    text = as_text.render(ITEMS)
    lines = text.splitlines()
    assert lines[0] == "docs/a b.md"
    assert lines[1] == '   1:5  warning  leader     "leaders" may read as "Führer" 100%  try: coordinator  en, de'
    assert lines[2].startswith('  2:13  error    race-term  "war room": short en message  en')
    assert text.count("Führer 100%") == 1  # the note, once (the line has the short message)


def test_text_lines_wrap_to_the_width():
    wrapped = as_text.format_file("f.md", ITEMS, width=50)
    assert max(len(line) for line in wrapped.splitlines()) <= 50
    assert (
        as_text.format_file("f.md", ITEMS, width=50).replace("\n", " ").split()
        == as_text.format_file("f.md", ITEMS, width=160).replace("\n", " ").split()
    )


@pytest.mark.parametrize("width", range(40, 121))
def test_wrapping_never_breaks_the_readers_apart(width):
    for line in as_text.format_file("f.md", ITEMS, width=width).splitlines():
        assert not line.rstrip().endswith("en,") and not line.strip().startswith("de")


def test_readers_label_names_the_first_readers():
    assert as_text.readers_label(("en", "de")) == "en, de"
    assert as_text.readers_label(("en", "de", "it", "es", "pt", "ru", "pl")) == "en, de, it, …"


def test_coloured_text_says_the_same_as_plain_text():
    coloured = as_text.render(ITEMS, colour=True)
    assert "\033[" in coloured
    assert re.sub(r"\033\[[0-9;]*m", "", coloured) == as_text.render(ITEMS)


def test_cli_text_has_no_colour_in_a_pipe_and_a_summary_line(monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    result = CliRunner().invoke(app, ["lint", "-", *OWN], input="Our leaders in the war room.\n")
    assert "\033[" not in result.stdout
    assert result.stderr == "2 findings (1 warning, 1 suggestion) in 1 file\n"
    assert result.stdout.startswith("<stdin>\n   1:5  suggestion  leader    ")


def test_cli_text_colour_can_be_forced_and_no_color_wins(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\033[" in CliRunner().invoke(app, ["lint", "-", *OWN], input="Our leaders.\n").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in CliRunner().invoke(app, ["lint", "-", *OWN], input="Our leaders.\n").stdout


def test_json_fields_are_all_documented_and_follow_the_schema():
    documented = (ROOT / "docs" / "json-format.md").read_text(encoding="utf-8")
    report = json.loads(as_json.render(ITEMS, files=1))
    assert report["version"] == as_json.SCHEMA_VERSION == 2
    jsonschema.validate(report, JSON_SCHEMA)
    names = list(report) + list(report["findings"][0]) + list(report["findings"][0]["readers"][0])
    missing = [name for name in names if f"`{name}`" not in documented]
    assert missing == []
    schema_fields = set(JSON_SCHEMA["$defs"]["finding"]["properties"]) | set(JSON_SCHEMA["$defs"]["reader"]["properties"])
    assert set(names) - {"version", "files", "findings"} <= schema_fields


def test_json_has_one_object_per_occurrence_with_its_readers():
    report = json.loads(as_json.render(ITEMS, files=1))
    first = report["findings"][0]
    assert (first["text"], first["severity"], first["message"]) == ("leaders", "warning", '"leaders" may read as "Führer" 100%')
    assert [(r["locale"], r["own"], r["sources"]) for r in first["readers"]] == [
        ("en", True, ["en source"]),
        ("de", False, ["de source"]),
    ]
    assert len(report["findings"]) == 2


def test_json_of_a_real_run_follows_the_schema():
    result = CliRunner().invoke(app, ["lint", "tests/data/proposal.txt", "-a", "de", "--format", "json", *OWN])
    report = json.loads(result.stdout)
    jsonschema.validate(report, JSON_SCHEMA)
    assert [f["readers"][0]["own"] for f in report["findings"]] == [True] * len(report["findings"])


def test_a_commands_remark_and_extra_fields_reach_every_format():
    noted = replace(ITEMS[0], remark='msgid "Lead"', extra=(("msgid", "Lead"), ("introduced", True)))
    assert as_text.format_compact(noted).endswith('Führer" 100% (coordinator) [en, de]; msgid "Lead"')
    coloured = as_text.format_compact(noted, colour=True)
    assert re.sub(r"\033\[[0-9;]*m", "", coloured) == as_text.format_compact(noted)
    assert as_text.format_file("f", [noted]).splitlines()[1].endswith('en, de  msgid "Lead"')
    fields = as_json.finding_object(noted)
    assert list(fields)[-2:] == ["msgid", "introduced"] and (fields["msgid"], fields["introduced"]) == ("Lead", True)
    log = sarif.report([noted])
    jsonschema.validate(log, SCHEMA)
    result = log["runs"][0]["results"][0]
    assert (
        result["message"]["text"]
        == '"leaders" may read as "Führer" 100% Alternatives: coordinator. Readers: en, de. msgid "Lead"'
    )
    assert (result["properties"]["msgid"], result["properties"]["introduced"]) == ("Lead", True)
    assert github.format_finding(noted).endswith('Alternatives: coordinator. Readers: en, de. msgid "Lead"')


def test_locate_counts_lines_and_columns_from_one():
    item: Located = ITEMS[1]
    assert (item.line, item.column, item.end_line, item.end_column) == (2, 13, 2, 21)
