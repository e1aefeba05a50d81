"""The JSON format: a versioned object with every finding and a summary (see docs/json-format.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from framing.report import Located

SCHEMA_VERSION = 1


def finding_object(item: Located) -> dict[str, Any]:
    """Return one finding as the JSON object the schema describes, with the ``extra`` fields of its command."""
    finding = item.finding
    fields = {
        "path": item.path,
        "line": item.line,
        "column": item.column,
        "end_line": item.end_line,
        "end_column": item.end_column,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "concept": finding.concept,
        "category": finding.category,
        "locale": finding.locale,
        "term": finding.term,
        "term_locale": finding.term_locale,
        "severity": str(finding.severity),
        "message": finding.message,
        "note": finding.note,
        "alternatives": list(finding.alternatives),
        "safe_alternatives": list(finding.safe_alternatives),
    }
    fields.update(item.extra)
    return fields


def render(items: Iterable[Located], *, files: int) -> str:
    """Return the whole report as a JSON document (with a final newline)."""
    findings = [finding_object(item) for item in items]
    report = {"version": SCHEMA_VERSION, "files": files, "findings": findings}
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
