"""The text format: one line per finding, ``path:line:column: severity concept: message (alternatives)``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from framing.report import Located


def format_finding(item: Located) -> str:
    """Return the line that reports one finding."""
    finding = item.finding
    line = f"{item.path}:{item.line}:{item.column}: {finding.severity} {finding.concept}: {finding.message}"
    if finding.alternatives:
        line += " (" + ", ".join(finding.alternatives) + ")"
    return line


def render(items: Iterable[Located]) -> str:
    """Return every finding as a line, each ending with a newline."""
    return "".join(format_finding(item) + "\n" for item in items)


def summary(items: list[Located], files: int) -> str:
    """Return a one-line count of findings by severity ("3 findings (2 warnings, 1 suggestion) in 1 file")."""
    plural = {"error": "errors", "warning": "warnings", "suggestion": "suggestions"}
    counts = Counter(str(item.finding.severity) for item in items)
    kinds = ", ".join(
        f"{counts[name]} {name if counts[name] == 1 else plural[name]}"
        for name in ("error", "warning", "suggestion")
        if counts[name]
    )
    total = len(items)
    head = f"{total} finding{'' if total == 1 else 's'}"
    return f"{head}{f' ({kinds})' if kinds else ''} in {files} file{'' if files == 1 else 's'}"
