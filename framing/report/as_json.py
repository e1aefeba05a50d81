"""The JSON format: a versioned object with one object per finding (occurrence) and its readers (see docs/json-format.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from framing.report import Located

#: Version 2: one object per occurrence, with its ``readers`` (version 1 had one object per reader).
SCHEMA_VERSION = 2


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
        "term": finding.term,
        "term_locale": finding.term_locale,
        "severity": str(finding.severity),
        "message": finding.message,
        "alternatives": list(finding.alternatives),
        "safe_alternatives": list(finding.safe_alternatives),
        "readers": [
            {
                "locale": reader.locale,
                "severity": str(reader.severity),
                "note": reader.note,
                "message": reader.message,
                "sources": list(reader.sources),
                "own": reader.own,
            }
            for reader in finding.readers
        ],
    }
    fields.update(item.extra)
    return fields


def render(items: Iterable[Located], *, files: int) -> str:
    """Return the whole report as a JSON document (with a final newline)."""
    findings = [finding_object(item) for item in items]
    report = {"version": SCHEMA_VERSION, "files": files, "findings": findings}
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
