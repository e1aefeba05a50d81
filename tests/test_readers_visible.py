"""Issue 15, item 3: text readers see besides the body (titles, alt texts, unpiped wiki links, front matter) is linted.

Where a fix would change a link target, the finding is reported but not editable.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing.config import Settings
from framing.documents import Document
from framing.linter import Linter
from framing.readers import extractor, front_matter
from framing.runner import DocumentResult, lint_document

TEST_LEXICON = Path(__file__).parent / "data" / "lexicon"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter("en", lexicons=[TEST_LEXICON], builtin=False)


def lint_source(linter: Linter, input_format: str, source: str) -> DocumentResult:
    prose = extractor(input_format, "doc")(source)
    return lint_document(Document("doc", source), input_format, prose, linter.lint(prose.text), Settings())


# (format, source, the texts found in source order, whether each is editable)
VISIBLE = [
    ("wikitext", "War room: see [[war room]] today.\n", ["War room", "war room"], [True, False]),
    ("wikitext", "See [[war room]]s today.\n", ["war room]]s"], [False]),
    ("wikitext", "[[Page#Our leaders]]\n", ["leaders"], [False]),
    ("wikitext", "[[War room|the war room]]\n", ["war room"], [True]),
    ("html", '<img src="x.png" alt="Our leaders">\n', ["leaders"], [True]),
    ("html", '<p>The <abbr title="war room">WR</abbr> is open.</p>\n', ["war room"], [True]),
    ("html", '<button aria-label="Call the leader">x</button>\n', ["leader"], [True]),
    ("html", "<input placeholder='Your leader'>\n", ["leader"], [True]),
    ("html", '<img alt="leaders &amp; staff">\n', ["leaders"], [True]),
    ("html", "<p>Our war <em title='x'>room</em> is open.</p>\n", ["war <em title='x'>room"], [False]),
    ("markdown", '![Our leaders](team.png "The war room")\n', ["leaders", "war room"], [True, True]),
    ("markdown", 'Read [this](https://example.org/leader "Notes of the leader").\n', ["leader"], [True]),
    ("markdown", "Read [this](x.md 'a leader').\n", ["leader"], [True]),
    ("markdown", 'Read [this][x].\n\n[x]: https://example.org "The leaders"\n', ["leaders"], [True]),
    ("markdown", 'A <img alt="our leader" src="x.png"> inline.\n', ["leader"], [True]),
    ("markdown", '---\ntitle: "Our leaders"\nauthor: leader\ntags: [leader]\n---\nText.\n', ["leaders"], [True]),
    (
        "markdown",
        "---\ndescription: >\n  The war room\n  plan\nsummary: leaders\nleader: x\n---\n",
        ["war room", "leaders"],
        [True, True],
    ),
    ("markdown", "---\nlayout: leader\n...\n# Leaders\n", ["Leaders"], [True]),
]


@pytest.mark.parametrize(
    ("input_format", "source", "texts", "editable"), VISIBLE, ids=[f"{v[0]}-{i}" for i, v in enumerate(VISIBLE)]
)
def test_visible_text_is_linted(linter, input_format, source, texts, editable):
    result = lint_source(linter, input_format, source)
    assert [f.text for f in result.findings] == texts
    assert [result.is_editable(f) for f in result.findings] == editable
    for finding in result.findings:
        assert source[finding.start : finding.end] == finding.text


def test_front_matter_keys_and_other_values_are_not_prose(linter):
    source = "---\nleader: the leader\nitems:\n  - leader\ntitle:\n  nested: leader\n---\nBody.\n"
    prose = extractor("markdown", "doc")(source)
    assert "leader" not in prose.text
    assert lint_source(linter, "markdown", source).findings == ()


def test_unreadable_front_matter_is_skipped_whole(linter):
    source = "---\ntitle: [unclosed leader\n---\nOur leaders.\n"
    assert [f.text for f in lint_source(linter, "markdown", source).findings] == ["leaders"]


def test_a_fence_that_is_not_at_the_start_is_markdown(linter):
    assert front_matter.span("\n---\ntitle: x\n---\n") is None
    assert front_matter.span("---\ntitle: x\n") is None  # never closed: a thematic break and text


yaml_values = st.text(alphabet=st.sampled_from(list("ab :#'\"-\n\x00\t|>leader")), max_size=30)


@settings(max_examples=100, deadline=None)
@given(value=yaml_values, key=st.sampled_from(["title", "description", "summary", "other"]))
@example(value="\x00leader", key="title")
@example(value="'leader", key="title")
def test_front_matter_values_map_to_their_source(value, key):
    source = f"---\n{key}: {value}\n---\nbody\n"
    prose = extractor("markdown", "doc")(source)
    for segment in prose.segments:
        if segment.copied:
            assert (
                source[segment.source_start : segment.source_end]
                == prose.text[segment.prose_start : segment.prose_start + segment.length]
            )
        assert 0 <= segment.source_start <= segment.source_end <= len(source)
