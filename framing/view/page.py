"""What a page with the document view needs: its translated messages, language names, static files and data block.

The messages are the tool's own gettext catalogs (``locales/``), marked here with
``N_`` for extraction and translated per page with the catalog of the page's language,
so one process can serve pages in several languages.
"""

from __future__ import annotations

import base64
import gettext
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from framing import locales
from framing.i18n import N_, available, translations

STATIC = Path(__file__).resolve().parent / "static"

#: The page's messages by key; ``{name}`` placeholders are filled in by the script.
MESSAGES: dict[str, str] = {
    "filters": N_("Filters"),
    "severity": N_("Severity"),
    "concept": N_("Concept"),
    "readers": N_("Readers"),
    "severity_error": N_("error"),
    "severity_warning": N_("warning"),
    "severity_suggestion": N_("suggestion"),
    "own_readers": N_("your own language ({language})"),
    "document": N_("Your text"),
    "document_text": N_("The text with the words found highlighted"),
    "findings": N_("Findings"),
    "mark_label": N_("{text}: {severity}, {concept}"),
    "position": N_("line {line}, column {column}"),
    "sources": N_("Sources"),
    "alternatives": N_("Alternatives"),
    "safe_alternative": N_("{alternative} (safe)"),
    "no_alternatives": N_("No alternative: reword the sentence."),
    "no_findings": N_("Nothing found."),
    "summary": N_("Summary"),
    "total": N_("Occurrences found: {count}"),
    "count": N_("Count"),
    "lines": N_("Lines"),
    "try": N_("Try"),
    "chart_title": N_("Occurrences per concept"),
    "report_title": N_("framing report"),
}

#: The languages the page speaks: English and every language with a catalog.
def page_languages() -> list[str]:
    """Return the languages a page can be shown in, English first."""
    return ["en", *[code for code in available() if code != "en"]]


def catalog(language: str) -> gettext.NullTranslations:
    """Return the catalog of ``language`` (English: no translation)."""
    return _catalog(language)


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    return translations([language])


def messages(language: str) -> dict[str, str]:
    """Return :data:`MESSAGES` in ``language``."""
    translate = catalog(language).gettext
    return {key: translate(message) for key, message in MESSAGES.items()}


@cache
def language_names(language: str, codes: tuple[str, ...]) -> dict[str, str]:
    """Return the name of each locale in ``codes`` in ``language`` ("de" → "Deutsch" in German), by Babel."""
    return {code: locales.display_name(code, language) for code in codes}


def script_data(data: Any) -> str:
    r"""Return ``data`` as JSON safe to put inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` are escaped as ``\\u`` sequences, so no text of the document
    can close the element or open a comment; the JSON parses to the same data.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


@cache
def static_text(name: str) -> str:
    """Return the static file ``name`` (a script or style sheet of the view)."""
    return (STATIC / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """Return the Content-Security-Policy source that allows exactly the inline ``text`` (``'sha256-…'``)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
