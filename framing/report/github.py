"""GitHub Actions workflow commands: one ``::warning file=...::message`` annotation per finding (occurrence).

The annotation's title names the concept and its readers; its message is the short
message, the alternatives and the readers. The long notes are not repeated on every
annotation: ``--format sarif`` carries them in each rule's help, ``framing explain`` prints them.

Printed in a workflow step, each line becomes an annotation on the pull request's diff.
"""

from __future__ import annotations

from collections.abc import Iterable

from framing.model import Severity
from framing.report import Located

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    """Return ``text`` escaped as a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Return ``text`` escaped as a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_finding(item: Located) -> str:
    """Return the annotation command for one finding."""
    finding = item.finding
    properties = {
        "file": item.path,
        "line": str(item.line),
        "col": str(item.column),
        "endLine": str(item.end_line),
        "endColumn": str(item.end_column),
        "title": f"framing {finding.concept} ({', '.join(finding.locales)})",
    }
    message = finding.message
    if finding.alternatives:
        message += " Alternatives: " + ", ".join(finding.alternatives) + "."
    message += " Readers: " + ", ".join(finding.locales) + "."
    if item.remark:
        message += " " + item.remark
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{LEVELS[finding.severity]} {fields}::{escape_data(message)}"


def render(items: Iterable[Located]) -> str:
    """Return every annotation as a line, each ending with a newline."""
    return "".join(format_finding(item) + "\n" for item in items)
