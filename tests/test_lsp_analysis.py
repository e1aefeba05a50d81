"""The language server's analysis: what ``framing lint`` finds, block by block, with only changed blocks linted again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.config import Overrides
from framing.errors import InputError
from framing.lsp.analysis import Analyzer, blocks, input_format
from framing.runner import run

ROOT = Path(__file__).resolve().parent.parent
# Every document of the project in a format the readers know: prose of all kinds, the hostile inputs.
DOCUMENTS = sorted(
    p
    for p in [*ROOT.glob("docs/*.md"), ROOT / "README.md", *ROOT.glob("examples/*"), *ROOT.glob("tests/data/**/*")]
    if p.is_file() and input_format(str(p), None) is not None
)
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
OVERRIDES = Overrides(audience=("de", "fr", "it"))


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_findings_are_those_of_framing_lint(analyzer: Analyzer, path: Path) -> None:
    try:
        expected = run([str(path)], overrides=OVERRIDES).results[0]
    except Exception as error:  # a document framing lint refuses, the analysis refuses too
        with pytest.raises(type(error)):
            text = path.read_text(encoding="utf-8", errors="replace")
            analyzer.analyse(text, str(path), input_format(str(path), None) or "", analyzer.settings(str(path), OVERRIDES))
        return
    analysis = analyzer.analyse(expected.document.text, str(path), expected.input_format, expected.settings)
    assert analysis is not None
    assert analysis.findings == expected.findings
    assert len(analysis.occurrences) == len({(f.start, f.end, f.concept) for f in expected.findings})  # one per position


def test_only_changed_blocks_are_linted_again(analyzer: Analyzer) -> None:
    text = "\n\n".join(f"Paragraph {n}: our leaders met in the war room." for n in range(200))
    settings = analyzer.settings(str(ROOT / "notes.txt"), OVERRIDES)
    linter = analyzer.linter(settings)
    calls: list[str] = []
    original = linter.lint
    linter.lint = lambda block: calls.append(block) or original(block)  # type: ignore[method-assign]
    try:
        first = analyzer.analyse(text, "notes.txt", "text", settings)
        calls.clear()
        edited = text.replace("Paragraph 7: our leaders", "Paragraph 7: our people")
        second = analyzer.analyse(edited, "notes.txt", "text", settings)
    finally:
        del linter.lint
    assert calls == ["Paragraph 7: our people met in the war room.\n\n"]
    assert first is not None and second is not None
    assert len(second.occurrences) == len(first.occurrences) - 1


def test_work_stops_when_a_newer_version_arrives(analyzer: Analyzer) -> None:
    settings = analyzer.settings(str(ROOT / "notes.txt"), OVERRIDES)
    asked = []

    def stale() -> bool:
        asked.append(True)
        return len(asked) > 3

    text = "\n\n".join(f"Block {n} with a leader." for n in range(50))
    assert analyzer.analyse(text, "notes.txt", "text", settings, stale=stale) is None
    assert len(asked) == 4


def test_binary_content_is_refused(analyzer: Analyzer) -> None:
    with pytest.raises(InputError):
        analyzer.analyse("leader\x00\x01", "blob.txt", "text", analyzer.settings("blob.txt", OVERRIDES))


@pytest.mark.parametrize(
    ("path", "language_id", "expected"),
    [
        ("/w/a.md", None, "markdown"),
        ("/w/a.MD", "plaintext", "markdown"),
        ("/w/a.pot", None, "po"),
        ("/w/page", "html", "html"),
        ("untitled:Untitled-1", "markdown", "markdown"),
        ("/w/notes", "plaintext", "text"),
        ("/w/Article", "wikitext", "wikitext"),
        ("/w/a.mo", None, None),
        ("/w/a.docx", None, None),
        ("/w/a.odt", None, None),
        ("/w/a.rst", None, "rst"),
        ("/w/README", "restructuredtext", "rst"),
        ("/w/script.py", "python", None),
        ("/w/.framing.toml", "toml", None),
        ("/w/pyproject.toml", None, None),
    ],
)
def test_the_reader_is_chosen_by_extension_then_language_id(path: str, language_id: str | None, expected: str | None) -> None:
    assert input_format(path, language_id) == expected


@given(st.lists(st.sampled_from(["word", " ", "\n", "\n\n", "\n \t\n", "\r\n"]), max_size=30).map("".join))
def test_blocks_cover_the_text_and_end_at_blank_lines(text: str) -> None:
    found = blocks(text)
    assert "".join(block for _, block in found) == text
    assert [offset for offset, _ in found] == [sum(len(b) for _, b in found[:n]) for n in range(len(found))]
    for number, (_, block) in enumerate(found, 1):
        first_blank_line = BLANK_LINE.search(block)
        if first_blank_line is None:
            assert number == len(found)  # only the last block may end without one
        else:
            assert first_blank_line.end() == len(block)
