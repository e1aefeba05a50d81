"""Issue 15, item 2: Word (.docx) and OpenDocument (.odt) files — every part people write in is linted, positions are paragraphs.

Fixtures are made at run time (tests/office_files.py). A finding's line is its
paragraph's number in reading order, its column the character in the paragraph; the
report names the place (table cell, footnote, comment) and JSON adds a stable locator.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from office_files import Content, docx_bytes, odt_bytes
from typer.testing import CliRunner

import framing.readers
from framing.cli import register_commands
from framing.config import DEFAULT_INCLUDE, Overrides
from framing.errors import InputError
from framing.readers import format_for, office_reader
from framing.runner import run

TEST_LEXICON = Path(__file__).parent / "data" / "lexicon"
OWN = ["--no-builtin", "--lexicon", str(TEST_LEXICON)]
app = register_commands()
BUILD = {"docx": docx_bytes, "odt": odt_bytes}

PROPOSAL = Content(
    heading="Our leaders",
    paragraphs=[["The ", "lead", "ers meet in the war room."], ["Nothing here."]],
    table=[["cell one", "two"], ["three", "a leader here"]],
    footnote="A note on leadership.",
    comment=("Ana", "Ask the leaders"),
)


def lint_file(path: Path):
    [result] = run([str(path)], overrides=Overrides(lexicons=(str(TEST_LEXICON),)), builtin=False).results
    return result


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_every_part_people_write_in_is_linted_with_its_place(tmp_path, kind):
    path = tmp_path / f"proposal.{kind}"
    path.write_bytes(BUILD[kind](PROPOSAL))
    result = lint_file(path)
    found = [(item.line, item.column, item.finding.text, item.remark) for item in result.located()]
    # reading order: heading, 2 paragraphs, 4 cells (+ python-docx's "Commented." paragraph), then footnote and comment
    cells_end = 7 if kind == "odt" else 8
    assert found == [
        (1, 5, "leaders", "heading"),
        (2, 5, "leaders", "paragraph 2"),
        (2, 25, "war room", "paragraph 2"),
        (7, 3, "leader", "table 1, row 2, cell 2"),
        (cells_end + 1, 11, "leadership", "footnote 1"),
        (cells_end + 2, 9, "leaders", "comment 1 by Ana"),
    ]


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_locators_name_the_part_and_the_element(tmp_path, kind):
    path = tmp_path / f"proposal.{kind}"
    path.write_bytes(BUILD[kind](PROPOSAL))
    result = CliRunner().invoke(app, ["lint", *OWN, "--format", "json", str(path)])
    findings = json.loads(result.stdout)["findings"]
    locators = [finding["locator"] for finding in findings]
    if kind == "docx":
        assert locators[0] == "word/document.xml#/w:document/w:body[1]/w:p[1]"
        assert locators[3] == "word/document.xml#/w:document/w:body[1]/w:tbl[1]/w:tr[2]/w:tc[2]/w:p[1]"
        assert locators[4] == "word/footnotes.xml#/w:footnotes/w:footnote[@w:id='1']/w:p[1]"
        assert locators[5].startswith("word/comments.xml#/w:comments/w:comment[@w:id='0']/w:p[1]")
    else:
        body = "content.xml#/office:document-content/office:body[1]/office:text[1]"
        assert locators[0] == f"{body}/text:h[1]"
        assert locators[3] == f"{body}/table:table[1]/table:table-row[2]/table:table-cell[2]/text:p[1]"
        assert locators[4] == f"{body}/text:p[2]/text:note[1]/text:note-body[1]/text:p[1]"
        assert locators[5] == f"{body}/text:p[2]/office:annotation[1]/text:p[1]"
    assert [finding["place"] for finding in findings][3:] == ["table 1, row 2, cell 2", "footnote 1", "comment 1 by Ana"]
    assert result.exit_code == 1


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_the_text_report_says_the_place_after_the_message(tmp_path, kind):
    path = tmp_path / f"p.{kind}"
    path.write_bytes(BUILD[kind](Content(table=[["x", "the leaders"]])))
    result = CliRunner().invoke(app, ["lint", *OWN, "--format", "compact", str(path)])
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{path}:2:5: suggestion leader: ") and line.endswith("; table 1, row 1, cell 2")
    grouped = CliRunner().invoke(app, ["lint", *OWN, str(path)]).stdout
    assert "table 1, row 1, cell 2" in grouped


@pytest.mark.parametrize("kind", ["docx", "odt"])
@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_fix_refuses_office_files_in_one_line_and_changes_nothing(tmp_path, kind, option):
    path = tmp_path / f"p.{kind}"
    original = BUILD[kind](PROPOSAL)
    path.write_bytes(original)
    other = tmp_path / "other.md"
    other.write_text("Our leaders.\n")
    result = CliRunner().invoke(app, ["lint", *OWN, option, str(other), str(path)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    expected = "--fix and --diff cannot edit Word or OpenDocument files (their formatting would not survive); nothing was changed"
    assert line == f"framing: {path}: {expected}"
    assert path.read_bytes() == original
    assert other.read_text() == "Our leaders.\n"


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_without_the_office_extra_one_line_names_it(tmp_path, monkeypatch, kind):
    library = "docx" if kind == "docx" else "lxml"
    monkeypatch.setitem(sys.modules, library, None)  # importing it now fails, as when it is not installed
    for module in ("word", "opendocument"):
        monkeypatch.delitem(sys.modules, f"framing.readers.{module}", raising=False)
        monkeypatch.delattr(framing.readers, module, raising=False)
    with pytest.raises(InputError) as caught:
        office_reader(kind)
    assert caught.value.message == f"reading .{kind} files needs the office extra: pip install 'framing-termlint[office]'"


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_office_files_from_standard_input_are_refused_in_one_line(kind):
    result = CliRunner().invoke(app, ["lint", *OWN, "--input-format", kind, "-"], input="x")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1


def test_new_formats_are_chosen_by_extension_and_included_by_default():
    assert (format_for("a.docx"), format_for("a.ODT"), format_for("a.rst")) == ("docx", "odt", "rst")
    assert {"*.docx", "*.odt", "*.rst", "*.rest"} <= set(DEFAULT_INCLUDE)


def test_a_folder_walk_lints_office_files_instead_of_skipping_them_as_binary(tmp_path):
    (tmp_path / "a.docx").write_bytes(docx_bytes(Content(paragraphs=[["Our leaders."]])))
    (tmp_path / "b.odt").write_bytes(odt_bytes(Content(paragraphs=[["Our leaders."]])))
    result = run([str(tmp_path)], overrides=Overrides(lexicons=(str(TEST_LEXICON),)), builtin=False)
    assert result.notices == ()
    assert [len(r.findings) for r in result.results] == [1, 1]


# --- the property: however the runs split a paragraph, its words are found as in plain text ---

SENTENCES = st.lists(
    st.sampled_from(["our", "leaders", "leadership", "war", "room", "meet", "the", "leader's"]), min_size=1, max_size=8
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=SENTENCES, cuts=st.lists(st.integers(0, 80), max_size=6), kind=st.sampled_from(["docx", "odt"]))
@example(words=["leaders"], cuts=[4], kind="docx")
@example(words=["war", "room"], cuts=[2, 5], kind="odt")
def test_a_word_split_across_runs_is_one_word(tmp_path, words, cuts, kind):
    text = " ".join(words)
    points = sorted({cut % (len(text) + 1) for cut in cuts} | {0, len(text)})
    runs = [text[a:b] for a, b in zip(points, points[1:], strict=False) if a < b]
    path = tmp_path / f"split.{kind}"
    path.write_bytes(BUILD[kind](Content(paragraphs=[runs])))
    plain = tmp_path / "split.txt"
    plain.write_text(text + "\n")
    office, expected = lint_file(path), lint_file(plain)
    assert [(f.start, f.end, f.text) for f in office.findings] == [(f.start, f.end, f.text) for f in expected.findings]
