"""Configuration: discovery by walking up, validation with file and line, flags overriding, `framing config`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import register_commands
from framing.config import COMMAND_LINE, DEFAULT, DEFAULT_EXCLUDE, ConfigFinder, Overrides
from framing.errors import ConfigError
from framing.model import Severity

app = register_commands()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_found_from_a_nested_file(tmp_path):
    config = write(
        tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.framing]\nlocale = "de"\naudience = ["it", "fr"]\n'
    )
    settings = ConfigFinder().settings(tmp_path / "docs" / "deep" / "a.md")
    assert (settings.locale, settings.audience) == ("de", ("it", "fr"))
    assert settings.source("locale") == str(config)
    assert settings.source("fail_on") == DEFAULT


def test_nearest_config_wins_and_framing_toml_before_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.framing]\nlocale = "de"\n')
    inner = write(tmp_path / "docs" / ".framing.toml", 'locale = "fr"\n')
    write(tmp_path / "docs" / "pyproject.toml", '[tool.framing]\nlocale = "it"\n')
    settings = ConfigFinder().settings(tmp_path / "docs" / "a.md")
    assert (settings.locale, settings.config_path) == ("fr", str(inner))
    assert ConfigFinder().settings(tmp_path / "a.md").locale == "de"


def test_a_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / ".framing.toml", 'audience = "de,it"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert ConfigFinder().settings(tmp_path / "sub" / "a.md").audience == ("de", "it")


def test_every_key(tmp_path):
    write(
        tmp_path / ".framing.toml",
        'locale = "en"\naudience = ["de"]\nlexicons = ["terms"]\ndisable = ["race-term"]\nallow = ["Leadership"]\n'
        'include = ["*.md"]\nexclude = ["drafts"]\nfail_on = "warning"\n\n[severity]\nleader = "error"\n',
    )
    settings = ConfigFinder().settings(tmp_path / "a.md")
    assert settings.lexicons == (str((tmp_path / "terms").resolve()),)
    assert settings.disable == frozenset({"race-term"})
    assert settings.allow == frozenset({"leadership"})
    assert settings.include == ("*.md",)
    assert settings.exclude == (*DEFAULT_EXCLUDE, "drafts")
    assert settings.fail_on is Severity.WARNING
    assert settings.severity_of("leader") is Severity.ERROR


def test_flags_override(tmp_path):
    write(tmp_path / ".framing.toml", 'locale = "de"\nlexicons = ["a"]\nfail_on = "never"\n')
    overrides = Overrides(locale="fr", lexicons=("b",), fail_on="error", audience=("it",))
    settings = ConfigFinder().settings(tmp_path / "x.md", overrides)
    assert (settings.locale, settings.audience, settings.fail_on) == ("fr", ("it",), Severity.ERROR)
    assert settings.lexicons == (str((tmp_path / "a").resolve()), "b")
    assert {settings.source(k) for k in ("locale", "audience", "lexicons", "fail_on")} == {COMMAND_LINE}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('locale = "de"\naudiance = ["it"]\n', 2, "unknown key 'audiance'"),
        ('fail-on = "error"\n', 1, "unknown key 'fail-on' (did you mean 'fail_on'?)"),
        ('locale = "xx"\n', 1, "locale: unknown locale 'xx'"),
        ('audience = ["de", 3]\n', 1, "audience must be a list of strings"),
        ('fail_on = "sometimes"\n', 1, "fail_on must be one of suggestion, warning, error, never, not 'sometimes'"),
        ('\n[severity]\nleader = "loud"\n', 2, "severity of 'leader' must be one of suggestion, warning, error, not 'loud'"),
        ('locale = "de\n', 1, "not valid TOML"),
    ],
)
def test_bad_configuration_names_file_line_and_key(tmp_path, text, line, message):
    config = write(tmp_path / ".framing.toml", text)
    with pytest.raises(ConfigError) as caught:
        ConfigFinder().settings(tmp_path / "a.md")
    assert (caught.value.path, caught.value.line) == (str(config), line)
    assert message in caught.value.message


def test_bad_key_in_pyproject_gives_its_line(tmp_path):
    config = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.framing]\nlocale = "de"\ncolour = true\n')
    with pytest.raises(ConfigError) as caught:
        ConfigFinder().settings(tmp_path / "a.md")
    assert str(caught.value) == f"{config}:6: unknown key 'colour'; known keys: " + (
        "locale, audience, lexicons, disable, allow, severity, include, exclude, fail_on"
    )


def test_lint_exits_two_on_a_bad_config(tmp_path):
    config = write(tmp_path / ".framing.toml", 'fail_on = "sometimes"\n')
    doc = write(tmp_path / "a.md", "Our leaders.\n")
    result = CliRunner().invoke(app, ["lint", str(doc), "--no-builtin"])
    assert result.exit_code == 2
    assert result.stderr == (f"framing: {config}:1: fail_on must be one of suggestion, warning, error, never, not 'sometimes'\n")


def test_config_command_shows_values_and_sources(tmp_path, monkeypatch, golden):
    write(
        tmp_path / "pyproject.toml",
        '[tool.framing]\nlocale = "de"\naudience = ["it"]\ndisable = ["race-term"]\n\n'
        '[tool.framing.severity]\nleader = "error"\n',
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["config", "docs/a.md", "--fail-on", "warning"])
    assert result.exit_code == 0
    golden("config-show.txt", result.stdout.replace(str(tmp_path.resolve()), "<project>"))


def test_config_command_exits_two_on_a_bad_config(tmp_path, monkeypatch):
    write(tmp_path / ".framing.toml", "nonsense = 1\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["config"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"framing: {(tmp_path / '.framing.toml').resolve()}:1: unknown key 'nonsense'")


# --- concept ids that no lexicon defines ----------------------------------------------------------

TEST_LEXICON = Path(__file__).parent / "data" / "lexicon"


def test_unknown_concepts_in_disable_and_severity_are_reported_with_a_guess(tmp_path):
    from framing.runner import run

    config = write(
        tmp_path / ".framing.toml",
        f'lexicons = ["{TEST_LEXICON}"]\ndisable = ["leadr", "race-term"]\n[severity]\nleader = "error"\nrace-trem = "error"\n',
    )
    write(tmp_path / "a.txt", "Our leaders.\n")
    result = run([str(tmp_path / "a.txt")], builtin=False)
    assert list(result.notices) == [
        f"{config}: disable: no concept 'leadr' in the lexicons in use, so this has no effect (did you mean 'leader'?)",
        f"{config}: severity: no concept 'race-trem' in the lexicons in use, so this has no effect (did you mean 'race-term'?)",
    ]
    assert [f.severity for f in result.results[0].findings] == [Severity.ERROR]  # the known ones still apply


def test_known_concepts_give_no_notice_and_cli_config_shows_unknown_ones(tmp_path):
    from framing.runner import stream

    write(tmp_path / "pyproject.toml", '[tool.framing]\ndisable = ["leader"]\n[tool.framing.severity]\nkil = "error"\n')
    write(tmp_path / "a.txt", "Our leaders.\n")
    config = tmp_path / "pyproject.toml"
    assert stream([str(tmp_path / "a.txt")]).notices == (
        f"{config}: severity: no concept 'kil' in the lexicons in use, so this has no effect (did you mean 'kill'?)",
    )
    shown = CliRunner().invoke(register_commands(), ["config", str(tmp_path / "a.txt")])
    assert shown.exit_code == 0
    assert "no concept 'kil'" in shown.stderr and "'leader'" not in shown.stderr
