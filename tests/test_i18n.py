"""The tool's own messages: an up-to-date template, complete German and French catalogs, language choice."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from framing import i18n
from framing.cli import register_commands
from framing.cli.lang import split_lang

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
PYBABEL = Path(sys.executable).with_name("pybabel")


def read(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as file:
        return read_po(file)


def extract(tmp_path: Path) -> Path:
    target = tmp_path / "framing.pot"
    command = [
        str(PYBABEL),
        "extract",
        "-F",
        "pyproject.toml",
        "-k",
        "N_",
        "--omit-header",
        "--no-location",
        "-o",
        str(target),
        ".",
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return target


def messages(catalog) -> dict[object, object]:  # type: ignore[no-untyped-def]
    return {(m.id, m.context): m for m in catalog if m.id}


@pytest.mark.skipif(not PYBABEL.exists(), reason="pybabel is not installed next to this Python")
def test_template_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    fresh = messages(read(extract(tmp_path)))
    committed = messages(read(LOCALES / "framing.pot"))
    missing = sorted(str(key[0])[:60] for key in fresh.keys() - committed.keys())
    stale = sorted(str(key[0])[:60] for key in committed.keys() - fresh.keys())
    assert not missing and not stale, (
        "locales/framing.pot is out of date; run: pybabel extract -F pyproject.toml -k N_ -o locales/framing.pot . "
        f"&& pybabel update -i locales/framing.pot -d locales -D framing (missing: {missing}, stale: {stale})"
    )


@pytest.mark.parametrize("language", ["de", "fr"])
def test_catalog_is_complete_and_matches_template(language: str) -> None:
    template = messages(read(LOCALES / "framing.pot"))
    catalog = read(LOCALES / language / "LC_MESSAGES" / "framing.po")
    translated = messages(catalog)
    assert translated.keys() == template.keys()
    for key, message in translated.items():
        assert not message.fuzzy, key
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {key}"
        # Placeholders survive translation.
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(re.findall(r"\{\w*\}", " ".join(ids)))
        for string in strings:
            assert set(re.findall(r"\{\w*\}", string)) == wanted, key
    assert list(catalog.check()) == []


@pytest.mark.skipif(not PYBABEL.exists(), reason="pybabel is not installed next to this Python")
@pytest.mark.parametrize("language", ["de", "fr"])
def test_pybabel_update_check_reports_catalog_current(language: str, tmp_path: Path) -> None:
    shutil.copytree(LOCALES, tmp_path / "locales")
    command = [
        str(PYBABEL),
        "update",
        "--check",
        "--ignore-pot-creation-date",
        "-i",
        "locales/framing.pot",
        "-d",
        "locales",
        "-D",
        "framing",
        "-l",
        language,
    ]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANGUAGE": "fr:de", "LANG": "de_DE.UTF-8"}, ["fr", "de"]),
        ({"LANG": "de_AT.UTF-8"}, ["de_AT"]),
        ({"LC_ALL": "C", "LANGUAGE": "de"}, []),
        ({"LC_MESSAGES": "fr_FR@euro"}, ["fr_FR"]),
        ({}, []),
    ],
)
def test_languages_from_environment(environ: dict[str, str], expected: list[str]) -> None:
    assert i18n.languages_from_environment(environ) == expected


def test_split_lang_takes_the_option_anywhere_before_double_dash() -> None:
    assert split_lang(["lint", "--lang", "de", "a.md"]) == ("de", ["lint", "a.md"])
    assert split_lang(["--lang=fr", "check-po", "x.po"]) == ("fr", ["check-po", "x.po"])
    assert split_lang(["lint", "--", "--lang", "de"]) == (None, ["lint", "--", "--lang", "de"])


def test_regional_language_falls_back_and_english_is_untranslated() -> None:
    assert i18n.translations(["de_AT"]).gettext("already exists; not overwriting a translation") != (
        "already exists; not overwriting a translation"
    )
    assert i18n.translations(["en_GB", "de"]).gettext("reference") == "reference"
    assert i18n.translations(["xx"]).gettext("reference") == "reference"


@pytest.fixture
def restore_language():  # type: ignore[no-untyped-def]
    yield
    i18n.activate("en")


def run_cli(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    """Run `framing` as the console script does (language from --lang or the environment)."""
    from framing.cli.lang import run

    capsys.readouterr()
    try:
        run(register_commands(), argv)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


STATS = ["lexicon", "stats", "--lexicon-dir", str(ROOT / "tests" / "data" / "lexicon")]


@pytest.mark.parametrize(("language", "word"), [("de", "Referenz"), ("fr", "référence"), ("en", "reference")])
def test_lang_option_chooses_the_language(language: str, word: str, restore_language, capsys, golden) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run_cli(capsys, ["--lang", language, *STATS])
    assert code == 0
    assert word in out
    golden(f"i18n/stats.{language}.txt", out)
    code, out, _err = run_cli(capsys, ["check-po", "--help", "--lang", language])
    assert code == 0
    first_line = {"de": "Prüft die Übersetzungen", "fr": "Vérifie les traductions", "en": "Lint the translations"}[language]
    assert first_line in out


def test_environment_chooses_the_language(restore_language, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANGUAGE", "fr")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out, _err = run_cli(capsys, STATS)
    assert code == 0 and "référence" in out
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    code, out, _err = run_cli(capsys, STATS)
    assert "Referenz" in out
    lexicon = str(ROOT / "tests" / "data" / "lexicon")
    code, out, err = run_cli(capsys, ["--lang", "de", "explain", "leader", "-l", "qq", "--no-builtin", "--lexicon", lexicon])
    assert (code, err) == (2, "framing: unbekanntes Locale 'qq'\n")


def test_non_editable_install_speaks_german(installed: Path, tmp_path: Path) -> None:
    """The catalogs reach the wheel (as framing/locales) and are found from an installed package."""
    import os

    environment = installed
    python = environment / "bin" / "python"
    env = {**os.environ, "PYTHONPATH": "", "LANGUAGE": "", "LANG": "de_DE.UTF-8"}
    where = subprocess.run(
        [str(python), "-c", "from framing import i18n; print(i18n.locales_dir())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    assert str(environment) in where
    result = subprocess.run(
        [str(environment / "bin" / "framing"), "lexicon", "stats", "--lexicon-dir", str(ROOT / "tests" / "data" / "lexicon")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Referenz" in result.stdout and "übersetzte Meldungen" in result.stdout


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Language of messages"), ("de", "Sprache der Meldungen"), ("fr", "Langue des messages")]
)
def test_lang_is_documented_in_the_main_help(language: str, text: str, restore_language, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run_cli(capsys, ["--lang", language, "--help"])
    assert code == 0
    assert "--lang" in out and text in out


def test_lang_option_is_accepted_before_the_command(restore_language, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run_cli(capsys, ["--lang=fr", *STATS])
    assert code == 0 and "référence" in out
