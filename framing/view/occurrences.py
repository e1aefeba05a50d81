"""The findings of one document as the view's JSON: one object per occurrence, with its readers.

The single adapter between the finding model and the page: the objects are exactly
those of ``framing lint --format json`` (version 2, see docs/json-format.md), so the
page, the report and the API show what the JSON report says.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framing.model import Finding
from framing.report import locate
from framing.report.as_json import finding_object


def occurrence_objects(path: str, text: str, findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Return one JSON-ready object per occurrence in ``findings`` of ``text``, in text order."""
    return [finding_object(item) for item in locate(path, text, list(findings))]
