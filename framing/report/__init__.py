"""Output formats for findings: one module per format, each a pure function of the results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from framing.documents import LineIndex
from framing.model import Finding


@dataclass(frozen=True)
class Located:
    """A finding with the path of its document and its 1-based line and column span.

    A command that knows more about a finding than where it is (``check-po``: the
    catalog entry, and whether the translation introduced it) says so in ``remark``, a
    short text the text, GitHub and SARIF reports show after the message, and in
    ``extra``, fields (name and JSON-ready value) the JSON report adds to the finding's
    object and SARIF to the result's properties.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    finding: Finding
    remark: str = ""
    extra: tuple[tuple[str, Any], ...] = ()


def locate(path: str, text: str, findings: list[Finding]) -> list[Located]:
    """Return ``findings`` of the document at ``path`` with line and column numbers, in text order."""
    index = LineIndex(text)
    located = []
    for finding in findings:
        line, column = index.position(finding.start)
        end_line, end_column = index.position(finding.end)
        located.append(Located(path, line, column, end_line, end_column, finding))
    return located


FORMATS = ("text", "json", "sarif", "github")
