"""The SARIF 2.1.0 format, for GitHub code scanning and other static-analysis viewers.

One rule per concept (its id is the concept id, its help text the concept's note);
one result per finding, located by line and column counted in Unicode code points.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from framing import __version__
from framing.model import Severity
from framing.report import Located

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


def artifact_uri(path: str) -> str:
    """Return the SARIF URI of a report path.

    Relative paths stay relative (to the checkout, as code scanning expects); absolute
    ones become ``file:`` URIs.
    """
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix())


def _rule(item: Located) -> dict[str, Any]:
    finding = item.finding
    note = " ".join(finding.note.split())
    help_text = note
    if finding.alternatives:
        help_text += "\n\nAlternatives: " + ", ".join(finding.alternatives)
    rule: dict[str, Any] = {
        "id": finding.concept,
        "name": finding.concept,
        "shortDescription": {"text": f"Loaded term ({finding.concept})"},
        "fullDescription": {"text": note},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": [t for t in ("framing", finding.category) if t]},
    }
    return rule


def _result(item: Located, index: int) -> dict[str, Any]:
    finding = item.finding
    message = finding.message
    if finding.alternatives:
        message += " Alternatives: " + ", ".join(finding.alternatives) + "."
    if item.remark:
        message += " " + item.remark
    return {
        "ruleId": finding.concept,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(item.path)},
                    "region": {
                        "startLine": item.line,
                        "startColumn": item.column,
                        "endLine": item.end_line,
                        "endColumn": item.end_column,
                        "snippet": {"text": finding.text},
                    },
                }
            }
        ],
        "properties": {
            "locale": finding.locale,
            "term": finding.term,
            "alternatives": list(finding.alternatives),
            **dict(item.extra),
        },
    }


def report(items: Iterable[Located]) -> dict[str, Any]:
    """Return the SARIF log of the findings as plain data."""
    items = list(items)
    rules: dict[str, dict[str, Any]] = {}
    # A concept's rule describes it in the writer's own locale when a finding has that note.
    for item in sorted(items, key=lambda i: (i.finding.concept, bool(i.finding.readers))):
        rules.setdefault(item.finding.concept, _rule(item))
    order = {concept: index for index, concept in enumerate(sorted(rules))}
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "framing",
                        "version": __version__,
                        "rules": [rules[concept] for concept in sorted(rules)],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(item, order[item.finding.concept]) for item in items],
            }
        ],
    }


def render(items: Iterable[Located]) -> str:
    """Return the SARIF log as JSON text (with a final newline)."""
    return json.dumps(report(items), ensure_ascii=False, indent=2) + "\n"
