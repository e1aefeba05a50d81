"""The SARIF 2.1.0 format, for GitHub code scanning and other static-analysis viewers.

One rule per concept (its id is the concept id; its ``help``, in text and Markdown, holds
the note of every reader the run saw, with the sources); one result per finding (an
occurrence), located by line and column counted in Unicode code points, with its readers'
short messages and notes in its ``properties``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from framing.model import Reader, Severity
from framing.report import Located
from framing.report.overview import Overview
from framing.version import __version__

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


def _heading(concept: str, reader: Reader) -> str:
    return (
        f"{concept} ({reader.locale})" if reader.own or not reader.name else f"{concept} ({reader.locale}, {reader.name} readers)"
    )


def _markdown(text: str) -> str:
    """Return ``text`` with the characters Markdown would read as markup escaped."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _rule(concept: str, readers: list[Reader], first: Located) -> dict[str, Any]:
    """Return the rule of ``concept``: its notes for every reader the run saw, with their sources, in ``help``."""
    finding = first.finding
    description = " ".join(readers[0].note.split())
    text_parts = []
    markdown_parts = []
    for reader in readers:
        note = " ".join(reader.note.split())
        text_parts.append(f"{_heading(concept, reader)}: {note}")
        markdown = [f"**{_markdown(_heading(concept, reader))}**", "", _markdown(note)]
        if reader.sources:
            text_parts.append("Sources: " + "; ".join(reader.sources))
            markdown += [
                "",
                *(
                    f"- <{source}>" if source.startswith(("http://", "https://")) else f"- {_markdown(source)}"
                    for source in reader.sources
                ),
            ]
        markdown_parts.append("\n".join(markdown))
    if finding.alternatives:
        text_parts.append("Alternatives: " + ", ".join(finding.alternatives))
        markdown_parts.append("Alternatives: " + ", ".join(_markdown(a) for a in finding.alternatives))
    return {
        "id": concept,
        "name": concept,
        "shortDescription": {"text": f"Loaded term ({concept})"},
        "fullDescription": {"text": description},
        "help": {"text": "\n\n".join(text_parts), "markdown": "\n\n".join(markdown_parts)},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": [t for t in ("framing", finding.category) if t]},
    }


def _result(item: Located, index: int) -> dict[str, Any]:
    finding = item.finding
    message = finding.message
    if finding.alternatives:
        message += " Alternatives: " + ", ".join(finding.alternatives) + "."
    message += " Readers: " + ", ".join(finding.locales) + "."
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
            "term": finding.term,
            "term_locale": finding.term_locale,
            "alternatives": list(finding.alternatives),
            "readers": [
                {
                    "locale": reader.locale,
                    "severity": str(reader.severity),
                    "message": reader.message,
                    "note": reader.note,
                    "own": reader.own,
                }
                for reader in finding.readers
            ],
            **dict(item.extra),
        },
    }


def report(items: Iterable[Located]) -> dict[str, Any]:
    """Return the SARIF log of the findings as plain data: one result per finding, one rule per concept."""
    items = list(items)
    overview = Overview().add_all(items)
    first: dict[str, Located] = {}
    for item in items:
        first.setdefault(item.finding.concept, item)
    concepts = sorted(first)
    order = {concept: index for index, concept in enumerate(concepts)}
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "framing",
                        "version": __version__,
                        "rules": [_rule(concept, overview.readers_of(concept), first[concept]) for concept in concepts],
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
