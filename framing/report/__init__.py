"""Output formats for findings: one module per format, each a pure function of the results."""

from __future__ import annotations

from dataclasses import dataclass

from framing.documents import LineIndex
from framing.model import Finding


@dataclass(frozen=True)
class Located:
    """A finding with the path of its document and its 1-based line and column span."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    finding: Finding


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
