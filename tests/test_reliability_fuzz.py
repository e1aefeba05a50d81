"""Issue 8, item 1: property and fuzz tests over every reader, the decoder and the fixer.

Generated documents mix loaded terms with right-to-left text, combining marks, emoji,
zero-width and bidirectional controls, NUL bytes, mixed line endings and the markup of
each format. Whatever comes in: nothing but :class:`InputError` is raised, every offset
stays inside the text, every finding points at the text it matched, and fixing twice
changes nothing the first fix did not.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from framing.config import Overrides, Settings
from framing.documents import Document, decode, encode
from framing.errors import InputError
from framing.fitting import alternatives_in
from framing.fixes import fix_run, fix_text
from framing.linter import Linter
from framing.readers import extractor
from framing.readers import gettext as gettext_reader
from framing.runner import lint_document, run

TEST_LEXICON = Path(__file__).parent / "data" / "lexicon"
# What the test lexicon's English terms start with, lower-cased (leader, leadership, race, war room, low-hanging fruit).
TERM_STARTS = ("leader", "race", "war", "low")

SPECIALS = (
    "leader", "Leaders", "LEADERSHIP", "leader sequence", "race", "war room", "low-hanging fruit", "low\u2011hanging",
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u202e", "\u202b", "\u2066", "\u2069", "\u200f",
    "\u200b", "\u200d", "\ufeff", "e\u0301", "\u0301\u0301", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f3f3\ufe0f",
    "\x00", "\r", "\n", "\r\n", "\n\n", "\t", " ", "\u2028", "\u0085", "\u0130", "\u00df", "\ufb03",
    "<b>", "</b>", "<p>", "<!--", "-->", "&amp;", "&#x202e;", "&", "<", ">", "`", "```", "*", "_", "#", "> ", "- ", "|",
    "[", "]", "(", ")", "[[", "]]", "{{", "}}", "{|", "|}", "'''", "==", "\\", '"', "https://example.org/leader ",
)  # fmt: skip
pieces = st.one_of(st.sampled_from(SPECIALS), st.text(max_size=4))
documents = st.lists(pieces, max_size=40).map("".join)
FORMATS = ("text", "markdown", "rst", "html", "wikitext")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter("en", lexicons=[TEST_LEXICON], builtin=False)


def check_prose(source: str, prose) -> None:
    """Every piece of the prose maps into the source; verbatim pieces hold exactly their source text."""
    assert prose.segments == tuple(sorted(prose.segments, key=lambda s: s.prose_start))
    position = 0
    for segment in prose.segments:
        assert segment.prose_start == position
        assert 0 <= segment.source_start <= segment.source_end <= len(source)
        piece = prose.text[segment.prose_start : segment.prose_start + segment.length]
        if segment.copied:
            assert source[segment.source_start : segment.source_end] == piece
        position += segment.length
    assert position == len(prose.text)
    for comment in prose.comments:
        assert 0 <= comment.start <= comment.end <= len(source)


def check_findings(source: str, result) -> None:
    """Findings lie inside the text, hold its text, and (where they map exactly) a term of the lexicon."""
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(source)
        assert finding.text == source[finding.start : finding.end]
        if result.is_editable(finding):
            assert finding.text.lower().startswith(TERM_STARTS), finding


# Inputs hypothesis found failing once, pinned so every run (and CI, which does not
# explore at random) tries them: NUL gave an empty finding at 0-0 in Markdown (issue 15)
# and stopped mwparserfromhell's tokenizer, so wikitext was refused.
NUL_EXAMPLES = (
    "\x00leader",
    "a\x00leader b",
    "x\x00\n\nleader\x00",
    "[[a\x00b]] leader",
    "\\\x00leader",
    "\x01leader\x1f\x0b leader",
)


@pytest.mark.parametrize("input_format", FORMATS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=documents)
@example(source=NUL_EXAMPLES[0])
@example(source=NUL_EXAMPLES[1])
@example(source=NUL_EXAMPLES[2])
@example(source=NUL_EXAMPLES[3])
@example(source=NUL_EXAMPLES[4])
@example(source=NUL_EXAMPLES[5])
def test_readers_keep_offsets_inside_and_findings_on_their_text(linter, input_format, source):
    try:
        prose = extractor(input_format, "doc")(source)
    except InputError:
        assert input_format == "wikitext"  # the one reader that refuses text it cannot read back
        return
    check_prose(source, prose)
    result = lint_document(Document("doc", source), input_format, prose, linter.lint(prose.text), Settings())
    check_findings(source, result)


@pytest.mark.parametrize("input_format", FORMATS)
@pytest.mark.parametrize("source", NUL_EXAMPLES)
def test_control_characters_never_shift_what_follows(linter, input_format, source):
    prose = extractor(input_format, "doc")(source)
    result = lint_document(Document("doc", source), input_format, prose, linter.lint(prose.text), Settings())
    assert result.findings, "the term after the control character is found"
    assert all(source[f.start : f.end].lower() == "leader" for f in result.findings)


def test_property_tests_are_deterministic_in_ci_and_explore_locally():
    current = settings.default
    if os.environ.get("CI"):
        assert current.derandomize and current.database is None
    elif not os.environ.get("HYPOTHESIS_PROFILE"):
        assert not current.derandomize and current.database is not None


def po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(translations=st.lists(documents, min_size=1, max_size=4), cut=st.integers(min_value=0, max_value=400))
def test_po_catalogs_whole_or_cut_short(linter, translations, cut):
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    entries = "".join(f'msgid "m{n}"\nmsgstr "{po_escape(text)}"\n\n' for n, text in enumerate(translations))
    whole = header + entries
    for source in (whole, whole[: cut % (len(whole) + 1)]):
        try:
            prose = gettext_reader.extract(source, path="doc.po")
        except InputError as error:
            assert error.path == "doc.po"
            continue
        check_prose(source, prose)
        check_findings(source, lint_document(Document("doc.po", source), "po", prose, linter.lint(prose.text), Settings()))


def mo_bytes(translations: list[str]) -> bytes:
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for n, text in enumerate(translations):
        catalog.append(polib.POEntry(msgid=f"m{n}", msgstr=text.replace("\x00", "")))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.mo"
        catalog.save_as_mofile(str(path))
        return path.read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    translations=st.lists(documents, min_size=1, max_size=3),
    cut=st.integers(min_value=0, max_value=600),
    flips=st.lists(st.tuples(st.integers(0, 600), st.integers(0, 255)), max_size=3),
)
def test_mo_catalogs_whole_cut_short_or_corrupted(linter, translations, cut, flips):
    whole = mo_bytes(translations)
    corrupted = bytearray(whole)
    for at, value in flips:
        corrupted[at % len(corrupted)] = value
    for raw in (whole, whole[: cut % (len(whole) + 1)], bytes(corrupted)):
        try:
            prose = gettext_reader.extract_mo(raw, path="doc.mo")
        except InputError as error:
            assert error.path == "doc.mo"
            continue
        source = gettext_reader.decode_mo(raw)
        check_prose(source, prose)
        result = lint_document(Document("doc.mo", source), "mo", prose, linter.lint(prose.text), Settings())
        for finding in result.findings:
            assert 0 <= finding.start < finding.end <= len(source)
            assert finding.text == source[finding.start : finding.end]


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=64), prefix=st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]))
def test_any_bytes_decode_or_give_an_input_error(raw, prefix):
    try:
        document = decode(prefix + raw, "doc")
    except InputError as error:
        assert error.path == "doc"
        return
    assert encode(document) == prefix + raw  # what was read is what would be written back


@pytest.mark.parametrize("codec, surrogate", [("utf-16-le", b"\x00\xd8"), ("utf-16-be", b"\xd8\x00"), ("utf-16-le", b"\x00\xdc")])
@settings(max_examples=30, deadline=None)
@given(before=documents, after=documents)
def test_lone_surrogates_in_utf16_are_an_input_error(codec, surrogate, before, after):
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    raw = bom + before.encode(codec) + surrogate + after.encode(codec)
    with pytest.raises(InputError, match="not valid utf-16"):
        decode(raw, "doc")


# --- the fixer --------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=documents)
def test_fixing_text_changes_only_findings_and_is_idempotent(linter, source):
    alternatives = alternatives_in(linter.engine)
    fixed, edits = fix_text(source, linter.lint, alternatives)
    rebuilt, position = [], 0
    for edit in edits:
        assert source[edit.start : edit.end] == edit.old
        rebuilt.append(source[position : edit.start] + edit.new)
        position = edit.end
    assert "".join(rebuilt) + source[position:] == fixed
    again, more = fix_text(fixed, linter.lint, alternatives)
    assert (again, more) == (fixed, [])


SUFFIX = {"text": ".txt", "markdown": ".md", "rst": ".rst", "html": ".html", "wikitext": ".wiki"}


@pytest.mark.parametrize("input_format", FORMATS)
@settings(max_examples=25, deadline=None)
@given(source=documents)
def test_fixing_files_through_their_reader_is_idempotent(input_format, source):
    overrides = Overrides(lexicons=(str(TEST_LEXICON),))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{SUFFIX[input_format]}"
        path.write_bytes(source.encode("utf-8", "surrogatepass"))
        try:
            first = run([str(path)], overrides=overrides, builtin=False)
        except InputError:
            return  # refused with a one-line error (binary, invalid text, unreadable wikitext)
        fixed, _ = fix_run(first, builtin=False, write=True)
        after_first = path.read_bytes()
        for result in fixed.results:
            check_findings(result.document.text, result)
        second, diff = fix_run(run([str(path)], overrides=overrides, builtin=False), builtin=False, write=True)
        assert diff == ""
        assert path.read_bytes() == after_first
        assert sorted(p.name for p in Path(folder).iterdir()) == [path.name]  # no temporary file left behind


def test_generated_documents_cover_the_hostile_characters():
    # The strategy must be able to produce what the issue lists; a typo in SPECIALS would silently weaken every test.
    wanted = {"\u202e", "\u200b", "\u0301", "\x00", "\r\n", "\u05e9\u05dc\u05d5\u05dd", "leader"}
    assert wanted <= {piece for special in SPECIALS for piece in wanted if piece in special}
    assert any("\U0001f469" in s for s in SPECIALS)
