"""Issue 15, item 1: reStructuredText — prose is linted at its exact line and column; code, targets, comments are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from framing.config import Settings
from framing.documents import Document, LineIndex
from framing.errors import InputError
from framing.linter import Linter
from framing.readers import extractor, format_for
from framing.runner import DocumentResult, lint_document

TEST_LEXICON = Path(__file__).parent / "data" / "lexicon"
TERMS = ("leader", "leaders", "leadership")
FILLERS = ("our", "team", "will", "meet", "today", "and", "the", "plan")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter("en", lexicons=[TEST_LEXICON], builtin=False)


def lint_rst(linter: Linter, source: str) -> DocumentResult:
    prose = extractor("rst", "doc.rst")(source)
    return lint_document(Document("doc.rst", source), "rst", prose, linter.lint(prose.text), Settings())


SKIPPED = [
    "Call ``leader()`` now.\n",
    "Run this::\n\n    leader = get_leader()\n",
    ".. code-block:: python\n\n   leader = get_leader()\n",
    ".. code:: python\n\n   leaders = []\n",
    ".. sourcecode:: python\n\n   leaders = []\n",
    ".. math::\n\n   leader^2\n",
    "See :ref:`leader-page` and :doc:`leaders` and :func:`get_leader`.\n",
    "See :math:`leader` and :code:`leader()`.\n",
    ".. |team| replace:: our leader\n",
    ".. _leaders: https://example.org/leaders\n",
    ".. a comment about the leader\n",
    "..\n   a comment block\n   with leaders\n",
    ".. toctree::\n   :maxdepth: 2\n\n   leaders\n   leadership\n",
    ".. literalinclude:: leader.py\n   :language: python\n",
    ".. highlight:: leader\n",
    "Default role: `leader` is code in Sphinx projects.\n",
    ">>> leader = 1\n>>> leader\n1\n",
    ":leader: the field name is not prose\n",
    ".. include:: leaders.rst\n",
    ".. raw:: html\n\n   <p>leader</p>\n",
    "See https://example.org/leaders for more.\n",
    "Escaped ``\\leader`` literal.\n",
]


@pytest.mark.parametrize("source", SKIPPED, ids=range(len(SKIPPED)))
def test_what_is_not_prose_is_skipped(linter, source):
    assert lint_rst(linter, source).findings == ()


# source, expected (line, column, text) of each finding, whether a fix may edit each
FOUND = [
    ("Our leaders\n===========\n", [(1, 5, "leaders")], [True]),
    ("=======\nLeaders\n=======\n\nText.\n", [(2, 1, "Leaders")], [True]),
    ("Text about\n*our leaders* here.\n", [(2, 6, "leaders")], [True]),
    ("* first\n* our leaders\n  and the leadership\n", [(2, 7, "leaders"), (3, 11, "leadership")], [True, True]),
    (".. note::\n\n   The leaders meet.\n", [(3, 8, "leaders")], [True]),
    (".. versionadded:: 2.0\n   The leaders meet.\n", [(2, 8, "leaders")], [True]),
    (".. deprecated:: 1.0\n   :option: x\n\n   The leaders meet.\n", [(4, 8, "leaders")], [True]),
    (".. py:function:: get_leader()\n\n   Return the leader.\n", [(3, 15, "leader")], [True]),
    ("See :ref:`the leaders <leader-page>`.\n", [(1, 15, "leaders")], [True]),
    ("See :term:`leader`.\n", [(1, 12, "leader")], [False]),
    ("Read `our leaders <https://example.org/leader>`_.\n", [(1, 11, "leaders")], [True]),
    ("Read `leaders`_ now.\n\n.. _leaders: https://example.org\n", [(1, 7, "leaders")], [False]),
    ("Plain \\*leaders\\* escaped.\n", [(1, 9, "leaders")], [True]),
    ("Tab\tthe\tleaders here.\n", [(1, 9, "leaders")], [True]),
    (
        "+------------+--------------+\n| our leader | cell two     |\n"
        "| team       | the leaders  |\n+------------+--------------+\n",
        [(2, 7, "leader"), (3, 20, "leaders")],
        [True, True],
    ),
    ("=====  ==========\nA      B\n=====  ==========\nx      the leader\n=====  ==========\n", [(4, 12, "leader")], [True]),
    ("Term\n   The leader's definition.\n", [(2, 8, "leader")], [True]),
    (".. image:: team.png\n   :alt: our leaders\n", [(2, 14, "leaders")], [True]),
    (".. unknown-directive:: x\n\n   leaders here are skipped\n\nThe leaders.\n", [(5, 5, "leaders")], [True]),
    ("\x00leader at the start.\n", [(1, 2, "leader")], [True]),
]


@pytest.mark.parametrize(("source", "expected", "editable"), FOUND, ids=range(len(FOUND)))
def test_prose_is_found_at_its_line_and_column(linter, source, expected, editable):
    result = lint_rst(linter, source)
    index = LineIndex(source)
    found = [(*index.position(f.start), f.text) for f in result.findings]
    assert found == expected
    assert [result.is_editable(f) for f in result.findings] == editable


def test_a_comment_holds_framing_directives(linter):
    source = "Our leaders.\n\n.. framing-ignore leader\n\nOur leaders again.\n"
    result = lint_rst(linter, source)
    assert [LineIndex(source).position(f.start)[0] for f in result.findings] == [1]
    assert result.suppressed == 1


def test_rst_is_chosen_by_extension():
    assert format_for("index.rst") == format_for("x.rest") == "rst"


def test_text_docutils_cannot_read_is_one_input_error():
    deep = "".join("  " * n + "* x\n" for n in range(2000))
    try:
        extractor("rst", "doc.rst")(deep)
    except InputError as error:
        assert "\n" not in error.message


# --- the property: generated documents of prose blocks and blocks that are not prose ---

words = st.lists(st.sampled_from(FILLERS + TERMS), min_size=1, max_size=6).map(" ".join)


def _count(text: str) -> int:
    return sum(word in TERMS for word in text.split())


# Each shape turns a sentence into (a block of reStructuredText, terms in its prose).
SHAPES = [
    lambda s: (f"{s}\n", _count(s)),
    lambda s: (f"{s.capitalize()}\n{'=' * len(s)}\n", _count(s)),
    lambda s: (f"* {s}\n* ``leader`` {s}\n", 2 * _count(s)),
    lambda s: (f".. code-block:: python\n\n   leader = '{s}'\n", 0),
    lambda s: (f"{s} ::\n\n   leader {s}\n", _count(s)),
    lambda s: (f".. note::\n\n   {s}\n   :ref:`leader` {s}\n", 2 * _count(s)),
    lambda s: (f".. versionchanged:: 1.2\n   {s}\n", _count(s)),
    lambda s: (f".. toctree::\n\n   leader\n   {s.replace(' ', '-')}\n", 0),
    lambda s: (f".. |x| replace:: {s}\n", 0),
    lambda s: (f".. {s}\n", 0),
    lambda s: (f"{s} `link <https://example.org/leader>`_ :math:`leader`\n", _count(s)),
    lambda s: (f"term\n   {s}\n", _count(s)),
    lambda s: (f"+{'-' * (len(s) + 2)}+\n| {s} |\n+{'-' * (len(s) + 2)}+\n", _count(s)),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(st.tuples(st.integers(0, len(SHAPES) - 1), words), min_size=1, max_size=6))
@example(blocks=[(4, "leader"), (0, "leader")])
@example(blocks=[(12, "leader"), (12, "leader")])
def test_findings_in_generated_documents_are_exactly_the_prose_terms(linter, blocks):
    parts, expected = [], 0
    for shape, sentence in blocks:
        text, count = SHAPES[shape](sentence)
        parts.append(text)
        expected += count
    source = "\n".join(parts)
    result = lint_rst(linter, source)
    for finding in result.findings:
        assert source[finding.start : finding.end] == finding.text
        assert finding.text.lower() in TERMS
        assert result.is_editable(finding)
    assert len(result.findings) == expected, source
