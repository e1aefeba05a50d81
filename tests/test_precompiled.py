"""The compiled-engine cache: a warm linter reads no lexicon, and a stale or damaged cache is rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framing import inflection, lexicon, precompiled
from framing.linter import Linter

DATA = Path(__file__).parent / "data"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def lexicon_copy(tmp_path):
    target = tmp_path / "lexicon"
    shutil.copytree(DATA / "lexicon", target)
    return target


@pytest.fixture
def loads(monkeypatch):
    """Count how often lexicon files are parsed."""
    calls = []
    real = lexicon.read_files

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(lexicon, "read_files", counting)
    return calls


TEXT = "Our leaders will meet the leadership."


def _findings(linter):
    return [(f.start, f.end, f.concept, f.locales) for f in linter.lint(TEXT)]


def test_a_warm_linter_reads_no_lexicon_file(cache, lexicon_copy, loads):
    first = Linter("en", ["de"], [lexicon_copy], builtin=False)
    assert len(loads) == 1
    second = Linter("en", ["de"], [lexicon_copy], builtin=False)
    assert len(loads) == 1
    assert _findings(second) == _findings(first) != []
    assert second.lexicon.digest == first.lexicon.digest  # the lexicon comes from the cache too
    assert len(loads) == 1
    assert len(list(cache.glob("engine-*.pickle"))) == 1


def test_a_changed_lexicon_file_is_compiled_again(cache, lexicon_copy, loads):
    before = Linter("en", [], [lexicon_copy], builtin=False).lint(TEXT)
    assert before and all(r.note != "Changed note." for f in before for r in f.readers)
    english = lexicon_copy / "en.toml"
    text = english.read_text(encoding="utf-8")
    note = text.split("note = ", 1)[1].split("\n", 1)[0]
    english.write_text(text.replace(note, '"Changed note."', 1), encoding="utf-8")
    changed = Linter("en", [], [lexicon_copy], builtin=False)
    assert len(loads) == 2
    assert "Changed note." in {r.note for f in changed.lint(TEXT) for r in f.readers}


def test_a_new_library_version_is_compiled_again(cache, lexicon_copy, loads, monkeypatch):
    Linter("en", [], [lexicon_copy], builtin=False)
    real = inflection._version
    monkeypatch.setattr(inflection, "_version", lambda name: "99.0" if name == "spacy-lookups-data" else real(name))
    Linter("en", [], [lexicon_copy], builtin=False)
    assert len(loads) == 2


def test_another_audience_or_tokenizer_is_compiled_apart(cache, lexicon_copy, loads):
    Linter("en", [], [lexicon_copy], builtin=False)
    Linter("en", ["de"], [lexicon_copy], builtin=False)
    Linter("en", ["de"], [lexicon_copy], builtin=False, tokenizer="spacy")
    assert len(loads) == 3
    assert len(list(cache.glob("engine-*.pickle"))) == 3


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_cache_file_is_rebuilt(cache, lexicon_copy, loads, damage):
    expected = _findings(Linter("en", ["de"], [lexicon_copy], builtin=False))
    (stored,) = cache.glob("engine-*.pickle")
    stored.write_bytes(damage)
    assert _findings(Linter("en", ["de"], [lexicon_copy], builtin=False)) == expected
    assert len(loads) == 2
    assert stored.stat().st_size > 100  # written again
    Linter("en", ["de"], [lexicon_copy], builtin=False)
    assert len(loads) == 2


def test_a_cache_file_with_another_key_is_not_used(cache, lexicon_copy, loads):
    Linter("en", [], [lexicon_copy], builtin=False)
    Linter("en", ["de"], [lexicon_copy], builtin=False)
    first, second = sorted(cache.glob("engine-*.pickle"), key=lambda p: p.stat().st_mtime)
    shutil.copyfile(first, second)  # the audience-less engine under the other name
    linter = Linter("en", ["de"], [lexicon_copy], builtin=False)
    assert len(loads) == 3
    assert any("de" in f.locales for f in linter.lint(TEXT))


def test_no_cache_is_written_when_caching_is_off(tmp_path, monkeypatch, lexicon_copy, loads):
    monkeypatch.setenv("FRAMING_NO_CACHE", "1")
    Linter("en", [], [lexicon_copy], builtin=False)
    Linter("en", [], [lexicon_copy], builtin=False)
    assert len(loads) == 2


@pytest.mark.parametrize(
    ("paths", "builtin"),
    [([], True), ([DATA / "lexicon"], False), ([DATA / "matching"], True), ([DATA / "lexicon" / "en.toml"], False)],
)
def test_the_fingerprint_covers_every_file_the_loader_reads(paths, builtin):
    read = lexicon.read_files(paths, builtin=builtin)
    assert set(precompiled.lexicon_files(paths, builtin=builtin)) >= set(read.paths)


def test_unknown_tokenizer_is_refused():
    with pytest.raises(ValueError, match="unknown tokenizer"):
        Linter("en", lexicons=[DATA / "lexicon"], builtin=False, tokenizer="regex")
