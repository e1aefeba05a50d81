"""A broken lexicon is refused with a LexiconError naming the file and the line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from framing.engine import check_examples
from framing.errors import LexiconError
from framing.lexicon import load

VALID_ENTRY = """\
[hero]
terms = ["hero"]
note = "A note."
alternatives = ["expert"]
must_flag = ["Our hero arrived."]
must_not_flag = ["The heroic effort."]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    concepts = '[hero]\ncategory = "idiom"\nsources = ["s"]\n\n[rockstar]\ncategory = "idiom"\nsources = ["s"]\n'
    write(tmp_path, "concepts.toml", concepts)
    return tmp_path


def refused(folder: Path) -> LexiconError:
    with pytest.raises(LexiconError) as caught:
        lexicon = load([folder], builtin=False)
        problems = check_examples(lexicon, lexicon.locales())
        if problems:
            raise problems[0]
    return caught.value


def test_a_valid_lexicon_loads(folder):
    write(folder, "en.toml", VALID_ENTRY)
    lexicon = load([folder], builtin=False)
    assert list(lexicon.concepts) == ["hero"]
    assert check_examples(lexicon, ["en"]) == []


def test_unknown_key_names_file_and_line(folder):
    write(folder, "en.toml", VALID_ENTRY + 'must_flagg = ["x"]\n')
    error = refused(folder)
    assert error.path == str(folder / "en.toml")
    assert error.line == 7
    assert "unknown key 'must_flagg'" in error.message and "did you mean 'must_flag'" in error.message


def test_missing_required_field(folder):
    write(folder, "en.toml", VALID_ENTRY.replace('note = "A note."\n', ""))
    error = refused(folder)
    assert (error.path, error.line) == (str(folder / "en.toml"), 1)
    assert "missing required 'note'" in error.message


def test_duplicate_term_in_one_locale(folder):
    second = VALID_ENTRY.replace("[hero]", "[rockstar]").replace('"Our hero arrived."', '"A hero."')
    write(folder, "en.toml", VALID_ENTRY + "\n" + second)
    error = refused(folder)
    assert "term 'hero' is listed twice in locale en (also in concept 'hero')" in error.message
    assert error.line == 8


def test_unknown_locale_code_in_file_name(folder):
    write(folder, "xx.toml", VALID_ENTRY)
    error = refused(folder)
    assert error.path == str(folder / "xx.toml")
    assert "unknown locale 'xx'" in error.message


def test_unknown_locale_code_declared_in_file(folder):
    write(folder, "mine.toml", 'locale = "en-QQ"\n' + VALID_ENTRY)
    error = refused(folder)
    assert (error.path, error.line) == (str(folder / "mine.toml"), 1)


def test_unsupported_locale_lists_supported_ones(folder):
    write(folder, "fi.toml", VALID_ENTRY)
    assert "supported languages: ar, de, en" in refused(folder).message


def test_must_flag_example_that_is_not_flagged(folder):
    write(folder, "en.toml", VALID_ENTRY.replace('"Our hero arrived."', '"Our champion arrived."'))
    error = refused(folder)
    assert error.line == 5
    assert "must_flag example of 'hero' (en) is not flagged: 'Our champion arrived.'" in error.message


def test_must_not_flag_example_that_is_flagged(folder):
    write(folder, "en.toml", VALID_ENTRY.replace('"The heroic effort."', '"Two heroes."'))
    error = refused(folder)
    assert error.line == 6
    assert "must_not_flag example of 'hero' (en) is flagged" in error.message


def test_toml_syntax_error_has_a_line(folder):
    write(folder, "en.toml", VALID_ENTRY + "broken = [\n")
    error = refused(folder)
    assert error.line is not None and "TOML syntax error" in error.message


def test_wrong_types_are_refused(folder):
    write(folder, "en.toml", VALID_ENTRY.replace('note = "A note."', "note = 3"))
    assert "'note' of 'hero' must be a non-empty string" in refused(folder).message


def test_unknown_category_and_severity(folder):
    write(folder, "concepts.toml", '[hero]\ncategory = "vibes"\nseverity = "fatal"\n')
    write(folder, "en.toml", VALID_ENTRY)
    with pytest.raises(LexiconError) as caught:
        load([folder], builtin=False)
    messages = [p.message for p in caught.value.problems]
    assert any("unknown category 'vibes'" in m for m in messages)
    assert any("unknown severity 'fatal'" in m for m in messages)


def test_audience_link_needs_an_entry_in_that_locale(folder):
    write(folder, "en.toml", VALID_ENTRY.replace('terms = ["hero"]', 'terms = ["hero"]\naudience = ["de"]'))
    assert "links audience de but 'hero' has no de entry" in refused(folder).message


def test_all_problems_are_collected(folder):
    write(folder, "en.toml", VALID_ENTRY + 'colour = "red"\nshade = "dark"\n')
    with pytest.raises(LexiconError) as caught:
        load([folder], builtin=False)
    assert len(caught.value.problems) == 2


def test_user_lexicon_extends_replaces_and_disables(folder, tmp_path_factory):
    write(folder, "en.toml", VALID_ENTRY)
    user = tmp_path_factory.mktemp("user")
    write(user, "en.toml", '[hero]\nterms = ["superhero"]\nalternatives = ["specialist"]\nseverity = "error"\n')
    lexicon = load([folder, user], builtin=False)
    entry = lexicon.entry("hero", "en")
    assert [t.text for t in entry.terms] == ["hero", "superhero"]
    assert [a.text for a in entry.alternatives] == ["expert", "specialist"]
    assert str(entry.severity) == "error"
    write(user, "en.toml", "[hero]\ndisabled = true\n")
    assert load([folder, user], builtin=False).entry("hero", "en") is None
    write(user, "en.toml", 'disable = ["hero"]\n')
    assert "hero" not in load([folder, user], builtin=False).concepts
    write(user, "en.toml", '[hero]\nreplace = true\nterms = ["idol"]\n')
    assert "missing required" in refused_layers([folder, user]).message


def refused_layers(paths) -> LexiconError:
    with pytest.raises(LexiconError) as caught:
        load(paths, builtin=False)
    return caught.value


def test_new_concept_in_a_user_file_needs_a_category(tmp_path):
    write(tmp_path, "en.toml", VALID_ENTRY.replace("[hero]", "[guru]"))
    assert "not in the registry" in refused_layers([tmp_path / "en.toml"]).message
    write(tmp_path, "en.toml", VALID_ENTRY.replace("[hero]", '[guru]\ncategory = "religion"\nsources = ["s"]'))
    assert "guru" in load([tmp_path / "en.toml"], builtin=False).concepts


def test_regional_locale_extends_its_language(folder):
    write(folder, "en.toml", VALID_ENTRY)
    write(folder, "en_GB.toml", '[hero]\nalternatives = ["specialist"]\n')
    lexicon = load([folder], builtin=False)
    assert [a.text for a in lexicon.entry("hero", "en-gb").alternatives] == ["expert", "specialist"]
    assert [a.text for a in lexicon.entry("hero", "en_US").alternatives] == ["expert"]


def test_missing_lexicon_path(tmp_path):
    error = refused_layers([tmp_path / "nope.toml"])
    assert error.path == str(tmp_path / "nope.toml")
    assert "no such lexicon file" in error.message


def test_an_entry_without_any_source_is_refused(tmp_path):
    write(tmp_path, "concepts.toml", '[hero]\ncategory = "idiom"\n')
    write(tmp_path, "en.toml", VALID_ENTRY)
    error = refused_layers([tmp_path])
    assert "entry 'hero' (en) cites no source" in error.message
