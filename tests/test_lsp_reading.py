"""Reading Markdown piece by piece gives exactly the prose of reading it whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.lsp.reading import PieceReader, markdown_pieces
from framing.readers import markdown

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted([*ROOT.glob("docs/*.md"), ROOT / "README.md", ROOT / "CHANGELOG.md", *ROOT.glob("**/tests/data/**/*.md")])

# Blocks that reach across blank lines, blocks that cannot be cut before, and ordinary ones.
SNIPPETS = [
    "Our leaders met.",
    "# The war room",
    "Title\n=====",
    "- a leader\n\n  still the item\n- next",
    "1. first\n\n2) second",
    "> quoted leader\nlazy line",
    "```\ncode\n\nleader in code\n```",
    "~~~~ python\n~~~\n\nnot closed yet\n~~~~",
    "    indented code\n\n    more code",
    "<pre>\nraw\n\nleader raw\n</pre>",
    "<!-- framing-ignore leader\n\nstill the comment -->",
    "<div>\nblock html\n</div>",
    "<script>x</script>",
    "| a | b |\n|---|---|\n| leader | c |",
    "***",
    "Text with `code` and [a link](http://x) and <!-- framing-disable -->",
    "<!-- framing-enable -->",
    "[ref]: http://example.org",
    "Uses [the ref] here.",
    "\t tabbed start",
    "",
    # unclosed or ambiguous openings, whose reach only the whole document tells
    "```",
    "~~~",
    "<!--",
    "-->",
    "<span>",
    "<div>\n```",
    "  ```\n  x\n\n  y\n  ```",
    "- item\n\n  ```\n  code",
    "<pre>",
    "</pre>",
]
FRONT_MATTER = [
    "",
    "---\ntitle: Our leaders\n\nsummary: the war room\n---\n",
    "---\nbroken: [\n\nOur leaders\n...\n",
    "---\n\nno end\n",
]
BODIES = st.lists(st.sampled_from(SNIPPETS), max_size=12).flatmap(
    lambda blocks: st.lists(st.sampled_from(["\n", "\n\n", "\r\n\r\n", "\n \n"]), min_size=len(blocks), max_size=len(blocks)).map(
        lambda breaks: "".join(block + gap for block, gap in zip(blocks, breaks, strict=True))
    )
)
MARKDOWN = st.tuples(st.sampled_from(FRONT_MATTER), BODIES).map("".join)


@settings(max_examples=600, deadline=None)
@given(MARKDOWN)
def test_pieces_read_as_the_whole(text: str) -> None:
    assert PieceReader(markdown.extract).read(text) == markdown.extract(text)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_project_documents_read_as_the_whole(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    reader = PieceReader(markdown.extract)
    assert reader.read(text) == markdown.extract(text)
    edited = text.replace("\n\n", "\n\nOur leaders agree.\n\n", 1)
    assert reader.read(edited) == markdown.extract(edited)  # pieces read before are reused


def test_pieces_cover_the_text_and_reference_definitions_read_whole() -> None:
    text = "# A\n\nSome text.\n\n```\nx\n\ny\n```\n\nMore.\n"
    pieces = markdown_pieces(text)
    assert pieces is not None and "".join(piece for _, piece in pieces) == text
    assert [piece for _, piece in pieces] == ["# A\n\n", "Some text.\n\n", "```\nx\n\ny\n```\n\n", "More.\n"]
    assert markdown_pieces(text + "\n[x]: http://example.org\n") is None
