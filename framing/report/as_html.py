"""The HTML format: one self-contained page with each document, its occurrences highlighted, and a panel per finding.

The page carries the view's script and style sheet inline and the findings as a JSON
data block; a Content-Security-Policy allows exactly that script and style and nothing
else, so it opens from a file with no server and no network, and nothing from the
documents can run. See :mod:`framing.view`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from framing.view.page import catalog, csp_hash, language_names, messages, script_data, static_text

#: A document for the report: its path, its text and its occurrences (the view's JSON objects).
ReportDocument = tuple[str, str, Sequence[dict[str, Any]]]


def render(documents: Sequence[ReportDocument], *, language: str = "en") -> str:
    """Return the report page for ``documents``, its messages in ``language``."""
    texts = messages(language)
    readers = sorted({r["locale"] for _, _, found in documents for f in found for r in f["readers"]})
    data = {
        "messages": texts,
        "languages": language_names(language, tuple(readers)),
        "documents": [{"path": path, "text": text, "findings": list(found)} for path, text, found in documents],
    }
    script = static_text("view.js") + "\n" + static_text("report.js")
    style = static_text("view.css") + "\n" + static_text("report.css")
    policy = (
        f"default-src 'none'; script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    count = sum(len(found) for _, _, found in documents)
    title = texts["report_title"]
    translated = catalog(language)
    heading = " ".join(
        (
            translated.ngettext("{count} occurrence", "{count} occurrences", count).format(count=count),
            translated.ngettext("in {files} file", "in {files} files", len(documents)).format(files=len(documents)),
        )
    )
    if "</script" in script.lower():  # the inline script must not end its own element
        raise ValueError("the view's script contains </script")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f'<header><h1>{html.escape(title)}</h1><p>{html.escape(heading)}</p></header>\n'
        '<main id="view"></main>\n'
        f'<script type="application/json" id="framing-data">{script_data(data)}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
