"""Code actions: quick fixes fitted as --fix fits them, "ignore here" in each format's comment, "fix all safe"."""

from __future__ import annotations

from pathlib import Path

import pytest

import framing
from framing.config import Overrides
from framing.lsp import actions
from framing.lsp.analysis import Analysis, Analyzer, input_format
from framing.lsp.text import Positions

# One document per format, each with a finding of "leader" on a line of prose among others.
DOCUMENTS = {
    "text": ("notes.txt", "Intro line.\n  Our leaders will meet.\nOur leaders agree.\n"),
    "markdown": ("notes.md", "# Plan\n\n- Our leaders will meet.\n- Our leaders agree.\n"),
    "html": ("page.html", "<p>Intro</p>\n<p>Our leaders will meet.</p>\r\n<p>Our leaders agree.</p>\n"),
    "wikitext": ("Page.wiki", "== Plan ==\n'''Our''' leaders will meet.\nOur leaders agree.\n"),
    "rst": ("notes.rst", "Plan\n====\n\nIntro line.\n  Our leaders will meet.\n\nOur leaders agree.\n"),
    "po": (
        "de.po",
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n#: src/a.c:1\nmsgid "Unsere Leute"\nmsgstr "Our leaders will meet."\n\n'
        'msgid "Noch"\nmsgstr "Our leaders agree."\n',
    ),
}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def analyse(analyzer: Analyzer, name: str, text: str, tmp_path: Path) -> Analysis:
    path = str(tmp_path / name)
    form = framing_format(name)
    analysis = analyzer.analyse(text, path, form, analyzer.settings(path, Overrides()))
    assert analysis is not None
    return analysis


def framing_format(name: str) -> str:
    found = input_format(name, None)
    assert found is not None
    return found


def apply(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


@pytest.mark.parametrize("form", DOCUMENTS)
def test_ignore_here_silences_that_occurrence_and_no_other(analyzer: Analyzer, form: str, tmp_path: Path) -> None:
    name, text = DOCUMENTS[form]
    analysis = analyse(analyzer, name, text, tmp_path)
    leaders = [o for o in analysis.occurrences if o.concept == "leader"]
    assert len(leaders) == 2
    insertions = actions.ignore_edits(analysis, leaders[0], Positions(text))
    assert insertions
    for start, end, new in reversed(insertions):
        text = apply(text, start, end, new)
    silenced = analyse(analyzer, name, text, tmp_path)
    assert [o.text for o in silenced.occurrences if o.concept == "leader"] == [leaders[1].text]
    assert silenced.result.suppressed == 1


def test_quick_fixes_are_the_alternatives_fitted_as_fix_fits_them(analyzer: Analyzer, tmp_path: Path) -> None:
    text = "We need a leader for the sprint.\n"
    analysis = analyse(analyzer, "a.txt", text, tmp_path)
    (leader,) = [o for o in analysis.occurrences if o.concept == "leader"]
    offered = actions.quick_fixes(analysis, leader, "file:///a.txt", Positions(text), None)
    preferred = [a for a in offered if a.is_preferred]
    assert len(preferred) == 1 and offered[0] is preferred[0]
    edit = preferred[0].edit.changes["file:///a.txt"][0]  # type: ignore[union-attr,index]
    fixed, (expected,) = framing.fix(text)
    assert (edit.range.start.character, edit.range.end.character, edit.new_text) == (expected.start, expected.end, expected.new)
    assert len({a.title for a in offered}) == len(offered) == len(leader.alternatives)


def test_no_quick_fix_where_the_source_is_not_the_prose(analyzer: Analyzer, tmp_path: Path) -> None:
    text = "<p>Our lea&shy;ders meet.</p>\n"  # an entity inside the word: --fix leaves it too
    analysis = analyse(analyzer, "a.html", text, tmp_path)
    for occurrence in analysis.occurrences:
        assert actions.quick_fixes(analysis, occurrence, "file:///a.html", Positions(text), None) == []


def test_fix_all_makes_the_edits_of_fix(analyzer: Analyzer, tmp_path: Path) -> None:
    text = "Our leader is on the whitelist. A leader and a master branch.\n"
    analysis = analyse(analyzer, "a.txt", text, tmp_path)
    path = str(tmp_path / "a.txt")
    settings = analyzer.settings(path, Overrides())

    def lint(new: str) -> tuple[framing.Finding, ...]:
        again = analyzer.analyse(new, path, "text", settings)
        assert again is not None
        return again.findings

    action = actions.fix_all_action(analysis, "file:///a.txt", Positions(text), lint)
    assert action is not None and action.kind == "source.fixAll.framing"
    edits = action.edit.changes["file:///a.txt"]  # type: ignore[union-attr,index]
    _fixed, expected = framing.fix(text)
    assert [(e.range.start.character, e.new_text) for e in edits] == [(e.start, e.new) for e in expected]
    assert actions.fix_all_action(analyse(analyzer, "a.txt", _fixed, tmp_path), "file:///a.txt", Positions(_fixed), lint) is None


def test_allow_offers_the_lexicon_term(analyzer: Analyzer, tmp_path: Path) -> None:
    analysis = analyse(analyzer, "a.txt", "Our LEADERS met.\n", tmp_path)
    (leader,) = analysis.occurrences
    action = actions.allow_action(leader, "file:///a.txt", str(tmp_path / ".framing.toml"), None)
    assert action.command is not None and action.command.arguments == ["file:///a.txt", "leader"]
