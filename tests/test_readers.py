"""Readers: each format's prose is linted, what is not prose is skipped, and every finding points into the original."""

from __future__ import annotations

import struct
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.config import Settings
from framing.documents import Document, LineIndex
from framing.errors import InputError
from framing.linter import Linter
from framing.readers import FORMATS, extractor, format_for
from framing.readers import gettext as gettext_reader
from framing.runner import DocumentResult, lint_document

TEST_LEXICON = Path(__file__).parent / "data" / "lexicon"
TERMS = ("leader", "leaders", "leadership", "LEADERS")
FILLERS = ("our", "team", "will", "meet", "today", "and", "with", "the", "plan", "ideas")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter("en", lexicons=[TEST_LEXICON], builtin=False)


def lint_source(linter: Linter, input_format: str, source: str | bytes, path: str = "doc") -> DocumentResult:
    """Lint ``source`` as a document of ``input_format``, the way the runner does."""
    if input_format == "mo":
        assert isinstance(source, bytes)
        prose = gettext_reader.extract_mo(source)
        document = Document(path, gettext_reader.decode_mo(source))
    else:
        assert isinstance(source, str)
        prose = extractor(input_format, path)(source)
        document = Document(path, source)
    return lint_document(document, input_format, prose, linter.lint(prose.text), Settings())


# --- the property: generated documents with terms in prose and in places that are not prose ---

words = st.lists(st.sampled_from(FILLERS + TERMS), min_size=1, max_size=6)


def count_terms(chunk: list[str]) -> int:
    return sum(word in TERMS for word in chunk)


def sentence(chunk: list[str]) -> str:
    return " ".join(chunk)


# Each builder turns lists of words into (source, number of terms in prose). Terms in
# code, URLs, link targets, template names and msgids must not be found.
def build_text(blocks: list[list[str]]) -> tuple[str, int]:
    parts = [sentence(b) + " https://example.org/leader/leaders" for b in blocks]
    return "\r\n\r\n".join(parts) + "\n", sum(map(count_terms, blocks))


def build_markdown(blocks: list[list[str]]) -> tuple[str, int]:
    shapes = [
        lambda s: f"# {s}",
        lambda s: f"{s} `leader` and *{s}*",
        lambda s: f"- {s}\n- [{s}](https://example.org/leader)",
        lambda s: f"> {s} <https://leader.example.org>",
        lambda s: f"```\nleader {s}\n```",
        lambda s: f"| a | b |\n|---|---|\n| {s} | x |",
        lambda s: f"<div>\n{s} <code>leader</code>\n</div>",
    ]
    parts, expected = [], 0
    for index, block in enumerate(blocks):
        shape = index % len(shapes)
        parts.append(shapes[shape](sentence(block)))
        expected += {0: 1, 1: 2, 2: 2, 3: 1, 4: 0, 5: 1, 6: 1}[shape] * count_terms(block)
    return "\n\n".join(parts) + "\n", expected


def build_html(blocks: list[list[str]]) -> tuple[str, int]:
    shapes = [
        lambda s: f"<p>{s} &amp; <b>{s}</b></p>",
        lambda s: f'<a href="leader.html" class="leader">{s}</a><code>leader</code>',
        lambda s: f"<script>var leader = 1;</script><h2>{s}</h2><style>.leader {{}}</style>",
        lambda s: f"<pre>leader {s}</pre><!-- leader -->",
    ]
    parts, expected = [], 0
    for index, block in enumerate(blocks):
        shape = index % len(shapes)
        parts.append(shapes[shape](sentence(block)))
        expected += {0: 2, 1: 1, 2: 1, 3: 0}[shape] * count_terms(block)
    return "<html><body>\n" + "\n".join(parts) + "\n</body></html>\n", expected


def build_wikitext(blocks: list[list[str]]) -> tuple[str, int]:
    shapes = [
        lambda s: f"== {s} ==",
        lambda s: f"{s} [[Leader page|{s}]] [[Category:leadership]]",
        lambda s: f"{{{{Leader box|leader={s}|{s}}}}}",
        lambda s: f"'''{s}''' <code>leader</code> [https://leader.org {s}]",
        lambda s: f"* {s}\n<pre>leader</pre><nowiki>leader</nowiki>",
    ]
    parts, expected = [], 0
    for index, block in enumerate(blocks):
        shape = index % len(shapes)
        parts.append(shapes[shape](sentence(block)))
        expected += {0: 1, 1: 2, 2: 2, 3: 2, 4: 1}[shape] * count_terms(block)
    return "\n\n".join(parts) + "\n", expected


def _catalog(blocks: list[list[str]], *, template: bool) -> polib.POFile:
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for index, block in enumerate(blocks):
        text = sentence(block)
        msgid = f"{text} {index}" if template else f"leader {index} {text}"
        catalog.append(polib.POEntry(msgid=msgid, msgstr="" if template else f'"ok" {text}\n{text} "ok"'))
    return catalog


def build_po(blocks: list[list[str]]) -> tuple[str, int]:
    return str(_catalog(blocks, template=False)), 2 * sum(map(count_terms, blocks))


def build_pot(blocks: list[list[str]]) -> tuple[str, int]:
    return str(_catalog(blocks, template=True)), sum(map(count_terms, blocks))


def build_mo(blocks: list[list[str]]) -> tuple[bytes, int]:
    return _catalog(blocks, template=False).to_binary(), 2 * sum(map(count_terms, blocks))


BUILDERS = {
    "text": build_text,
    "markdown": build_markdown,
    "html": build_html,
    "wikitext": build_wikitext,
    "po": build_po,
    "pot": build_pot,
    "mo": build_mo,
}


@pytest.mark.parametrize("kind", list(BUILDERS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(words, min_size=1, max_size=6))
def test_findings_point_at_their_text_in_the_original(linter, kind, blocks):
    source, expected = BUILDERS[kind](blocks)
    input_format = "po" if kind == "pot" else kind
    result = lint_source(linter, input_format, source, path=f"doc.{kind}")
    original = result.document.text
    for finding in result.findings:
        assert original[finding.start : finding.end] == finding.text
        assert finding.text.lower() in {"leader", "leaders", "leadership"}
        if kind != "mo":
            assert result.is_editable(finding)
    assert len(result.findings) == expected


# --- what each format skips, case by case ---

SKIPPED = [
    ("text", "See https://leader.example.org/leaders for details.\n"),
    ("markdown", "Use `leader` here.\n"),
    ("markdown", "```python\nleader = 1\n```\n"),
    ("markdown", "    leader = 1\n"),
    ("markdown", "[see here](https://example.org/leader)\n"),
    ("markdown", "[see here][leader]\n\n[leader]: https://example.org/leader\n"),
    ("markdown", "<https://leader.example.org>\n"),
    ("markdown", "![a picture](leader.png)\n"),
    ("html", "<script>leader()</script><style>.leader{}</style>\n"),
    ("html", "<code>leader</code><pre>leaders</pre>\n"),
    ("html", '<a href="leader.html" title="x">here</a><img alt="x" src="leader.png" class="leader">\n'),
    ("html", "<!-- leader -->\n"),
    ("wikitext", "{{Leader|leader=x}}\n"),
    ("wikitext", "[[Category:Leader]] [[de:Führer]] [[Leadership|the page]]\n"),
    ("wikitext", "[https://leader.example.org the page]\n"),
    ("wikitext", "<code>leader</code> <pre>leader</pre> <nowiki>leader</nowiki> <syntaxhighlight>leader</syntaxhighlight>\n"),
    ("wikitext", "<!-- leader --> {{{leader|x}}}\n"),
    ("po", 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "leader"\nmsgstr "coordinator"\n'),
]


@pytest.mark.parametrize(("input_format", "source"), SKIPPED, ids=[f"{f}-{i}" for i, (f, _) in enumerate(SKIPPED)])
def test_what_is_not_prose_is_skipped(linter, input_format, source):
    assert lint_source(linter, input_format, source).findings == ()


FOUND = [
    ("markdown", "# Our leaders\n", "leaders"),
    ("markdown", "Read [the leader's notes](https://example.org).\n", "leader"),
    ("markdown", "![our leader](x.png)\n", "leader"),
    ("markdown", "| a |\n|---|\n| leadership |\n", "leadership"),
    ("markdown", "Leaders\\* matter.\n", "Leaders"),
    ("markdown", "<div>\nOur leaders\n</div>\n", "leaders"),
    ("html", "<p>Our <em>leaders</em> meet.</p>\n", "leaders"),
    ("html", "<li>leadership&nbsp;team</li>\n", "leadership"),
    ("wikitext", "[[Team|our leaders]]\n", "leaders"),
    ("wikitext", "{{Quote|text=Our leaders meet}}\n", "leaders"),
    ("wikitext", "== Leadership ==\n", "Leadership"),
    ("wikitext", "''' leaders '''\n", "leaders"),
    ("po", 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "x"\nmsgstr "Our "\n"leaders"\n', "leaders"),
]


@pytest.mark.parametrize(("input_format", "source", "text"), FOUND, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(FOUND)])
def test_prose_is_found(linter, input_format, source, text):
    findings = lint_source(linter, input_format, source).findings
    assert [f.text for f in findings] == [text]
    assert source[findings[0].start : findings[0].end] == text


def test_a_term_split_by_inline_markup_is_found_but_not_editable(linter):
    source = "Our <b>war</b> room.\n"
    result = lint_source(linter, "html", source)
    [finding] = result.findings
    assert (finding.concept, finding.text) == ("race-term", "war</b> room")
    assert not result.is_editable(finding)


def test_po_lints_translations_in_the_catalog_language():
    source = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Our leaders"\nmsgstr "Die Führer"\n'
    prose = extractor("po", "de.po")(source)
    assert (prose.locale, prose.text.strip()) == ("de", "Die Führer")


def test_pot_lints_source_strings():
    source = 'msgid ""\nmsgstr ""\n\nmsgid "Our leaders"\nmsgid_plural "Our leaders all"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    prose = extractor("po", "x.pot")(source)
    assert prose.locale is None
    assert prose.text.split("\n\n") == ["Our leaders", "Our leaders all"]


def test_a_broken_po_file_is_an_input_error_with_its_line():
    with pytest.raises(InputError) as caught:
        extractor("po", "bad.po")('msgid "x"\nmsgstr "y"\nnonsense here\n')
    assert caught.value.path == "bad.po"


def test_mo_catalogs_are_read_from_their_string_table(linter):
    catalog = polib.POFile()
    catalog.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="x", msgstr="Our leaders"))
    raw = catalog.to_binary()
    result = lint_source(linter, "mo", raw)
    [finding] = result.findings
    assert raw.decode("utf-8", "surrogateescape")[finding.start : finding.end] == "leaders"
    assert result.editable == ()


ROOT = Path(__file__).parent.parent
CATALOGS = sorted(
    [*(ROOT / "locales").glob("*/LC_MESSAGES/*.po"), ROOT / "locales" / "framing.pot", *(ROOT / "tests" / "data").rglob("*.po")]
)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_quoted_strings_decode_to_what_polib_reads(path):
    """Every string of real catalogs (continued lines, escapes, plurals, contexts) decodes to polib's value, char by char."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    decoded = []
    for number, (keyword, pieces) in sorted(gettext_reader.quoted_strings(text).items()):
        assert lines[number - 1].startswith(keyword + " ")
        prose = gettext_reader.decode_strings(text, [pieces])
        for index, char in enumerate(prose.text):
            start, end, exact = prose.to_source(index, index + 1)
            assert (exact and text[start:end] == char) or (text[start] == "\\" and end == start + 2)
        decoded.append((keyword, prose.text))
    if decoded[0] == ("msgid", ""):
        decoded = decoded[2:]  # the header
    expected = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        expected += [("msgctxt", entry.msgctxt)] if entry.msgctxt is not None else []
        expected += [("msgid", entry.msgid)] + ([("msgid_plural", entry.msgid_plural)] if entry.msgid_plural else [])
        if entry.msgstr_plural:
            expected += [(f"msgstr[{n}]", value) for n, value in sorted(entry.msgstr_plural.items())]
        else:
            expected.append(("msgstr", entry.msgstr))
    assert decoded == expected


def test_decoded_strings_are_joined_by_a_line_feed():
    text = 'msgid "a\\tb"\nmsgid_plural ""\n"c"\n'
    strings = [pieces for _keyword, pieces in gettext_reader.quoted_strings(text).values()]
    prose = gettext_reader.decode_strings(text, strings)
    assert prose.text == "a\tb\nc"
    assert prose.to_source(4, 5)[:2] == (text.index("c"), text.index("c") + 1)
    assert prose.to_source(1, 2)[:2] == (text.index("\\t"), text.index("\\t") + 2)


def test_mo_strings_say_where_each_translation_is():
    catalog = polib.POFile()
    catalog.metadata = {"Language": "de", "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgctxt="menu", msgid="Lead", msgstr="Führen"))
    catalog.append(polib.POEntry(msgid="one", msgid_plural="{n}", msgstr_plural={0: "ein Führer", 1: "{n} Führer"}))
    raw = catalog.to_binary()
    text = gettext_reader.decode_mo(raw)
    found = {key: [text[start:end] for start, end in forms] for key, forms in gettext_reader.mo_strings(raw).items()}
    assert found == {b"menu\x04Lead": ["Führen"], b"one\x00{n}": ["ein Führer", "{n} Führer"]}


def _mo(originals: list[bytes], translations: list[tuple[int, int] | bytes]) -> bytes:
    """An MO file by hand: translations are bytes, or (offset, length) pairs into the string area."""
    count = len(originals)
    area = b"".join(t + b"\0" for t in translations if isinstance(t, bytes))
    base = 28 + 16 * count
    strings = b"".join(o + b"\0" for o in originals)
    table_o, table_t, position, own = b"", b"", base, base + len(strings)
    for original in originals:
        table_o += struct.pack("<II", len(original), position)
        position += len(original) + 1
    for translation in translations:
        if isinstance(translation, bytes):
            table_t += struct.pack("<II", len(translation), own)
            own += len(translation) + 1
        else:
            table_t += struct.pack("<II", translation[1], base + len(strings) + translation[0])
    return struct.pack("<IIIIIII", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, 0) + table_o + table_t + strings + area


@pytest.mark.parametrize(
    "translations",
    [
        [b"ein F\xc3\xbchrer", b"\xe2\x82\xac 5"],
        [b"bad \xff\xfe bytes", b"\x82\xac starts with continuation bytes", b"\xe2"],
        [b"x\xe2\x82\xacy", (2, 3), b"z"],  # the second points into the euro sign of the first
        [b"\xe2", (0, 1), (1, 0)],
    ],
)
def test_mo_strings_count_characters_as_decoding_the_whole_file_does(translations):
    originals = [f"m{n}".encode() for n in range(len(translations))]
    raw = _mo(originals, translations)
    expected = {}
    for original, (length, offset) in zip(
        originals, [struct.unpack("<II", raw[28 + 8 * (len(originals) + n) :][:8]) for n in range(len(originals))], strict=True
    ):
        start = len(raw[:offset].decode("utf-8", "surrogateescape"))
        expected[original] = ((start, start + len(raw[offset : offset + length].decode("utf-8", "surrogateescape"))),)
    assert gettext_reader.mo_strings(raw) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a.md", "markdown"),
        ("a.MARKDOWN", "markdown"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.wiki", "wikitext"),
        ("a.mediawiki", "wikitext"),
        ("a.po", "po"),
        ("a.pot", "po"),
        ("a.mo", "mo"),
        ("a.txt", "text"),
        ("README", "text"),
    ],
)
def test_format_is_chosen_by_extension(path, expected):
    assert format_for(path) == expected


def test_an_explicit_format_wins_and_unknown_ones_are_errors():
    assert format_for("a.txt", "markdown") == "markdown"
    with pytest.raises(InputError, match="unknown input format 'rtf'"):
        format_for("a.txt", "rtf")
    assert set(FORMATS) == {"text", "markdown", "rst", "html", "wikitext", "po", "mo", "docx", "odt"}


def test_crlf_markdown_positions(linter):
    source = "Intro line.\r\n\r\nOur leaders.\r\n"
    [finding] = lint_source(linter, "markdown", source).findings
    assert source[finding.start : finding.end] == "leaders"
    assert LineIndex(source).position(finding.start) == (3, 5)


@pytest.mark.parametrize("source", ["\x00leader", "a\x00b leader", "[x\x00](y) leader"])
def test_markdown_nul_keeps_the_offsets_of_what_follows(linter: Linter, source: str) -> None:
    # markdown-it replaces NUL with U+FFFD; the text after it must still map to the source.
    result = lint_source(linter, "markdown", source)
    assert [source[f.start : f.end] for f in result.findings] == ["leader"]
