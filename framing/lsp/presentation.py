"""Findings as the protocol shows them: one diagnostic per occurrence, and a hover with the readers' notes.

Pure functions from an :class:`~framing.lsp.analysis.Analysis` to protocol objects;
nothing here sends anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lsprotocol import types

from framing import locales
from framing.i18n import _
from framing.lsp.text import Positions
from framing.model import Finding, Reader, Severity

SOURCE = "framing"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def lsp_range(positions: Positions, start: int, end: int) -> types.Range:
    """Return the protocol range of the offsets ``start`` to ``end``."""
    first, last = positions.position(start), positions.position(end)
    return types.Range(types.Position(first.line, first.character), types.Position(last.line, last.character))


def readers_label(reader: Reader) -> str:
    """Return who a reader group is ("German readers"; "English readers, the text's own" for the writer's locale)."""
    if reader.own:
        return _("{language} readers, the text's own").format(language=locales.language_name(reader.locale))
    return _("{language} readers").format(language=reader.name or locales.language_name(reader.locale))


def message(occurrence: Finding) -> str:
    """Return the diagnostic's message: the short message, naming the readers when they are not the writer's own."""
    top = next((r for r in occurrence.readers if r.message == occurrence.message), occurrence.readers[0])
    text = occurrence.message if top.own else _("For {language} readers: {message}").format(
        language=top.name or locales.language_name(top.locale), message=occurrence.message
    )
    others = [r.name or locales.language_name(r.locale) for r in occurrence.readers if r is not top and not r.own]
    if others:
        text += " " + _("(also for {languages} readers)").format(languages=", ".join(others))
    return text


def diagnostic(occurrence: Finding, uri: str, positions: Positions) -> types.Diagnostic:
    """Return the diagnostic of one occurrence; its related information holds each reader group's full note."""
    where = lsp_range(positions, occurrence.start, occurrence.end)
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=where), message=f"{readers_label(reader)}: {' '.join(reader.note.split())}"
        )
        for reader in occurrence.readers
    ]
    return types.Diagnostic(
        range=where,
        message=message(occurrence),
        severity=SEVERITIES[occurrence.severity],
        code=occurrence.concept,
        source=SOURCE,
        related_information=related,
        data={"concept": occurrence.concept, "start": occurrence.start, "end": occurrence.end},
    )


def diagnostics(occurrences: Iterable[Finding], uri: str, positions: Positions) -> list[types.Diagnostic]:
    """Return the diagnostics of ``occurrences``, in text order."""
    return [diagnostic(occurrence, uri, positions) for occurrence in occurrences]


def escape(text: str) -> str:
    """Return ``text`` on one line with Markdown's special characters escaped, so it shows as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _source_line(source: str) -> str:
    if re.match(r"https?://\S+$", source):
        return f"<{source}>"
    return escape(source)


def hover_markdown(occurrence: Finding) -> str:
    """Return the hover of an occurrence in Markdown: each reader group's note and sources, then the alternatives."""
    lines = [f"**{escape(occurrence.text)}** — `{occurrence.concept}` ({occurrence.severity})", ""]
    for reader in occurrence.readers:
        lines.append(f"**{escape(readers_label(reader))}** ({reader.severity}): {escape(reader.note)}")
        lines.append("")
        if reader.sources:
            lines.append(_("Sources:") + " " + "; ".join(_source_line(source) for source in reader.sources))
            lines.append("")
    if occurrence.alternatives:
        safe = set(occurrence.safe_alternatives)
        shown = [f"*{escape(a)}*" + (" " + _("(safe to apply)") if a in safe else "") for a in occurrence.alternatives]
        lines.append("**" + _("Alternatives:") + "** " + ", ".join(shown))
    return "\n".join(lines).rstrip() + "\n"


def at(occurrences: Sequence[Finding], offset: int) -> list[Finding]:
    """Return the occurrences whose span holds ``offset`` (its end included, where a cursor stands after a word)."""
    return [o for o in occurrences if o.start <= offset <= o.end]


def hover(occurrences: Sequence[Finding], offset: int, positions: Positions) -> types.Hover | None:
    """Return the hover at ``offset``: every occurrence there, or None."""
    found = at(occurrences, offset)
    if not found:
        return None
    value = "\n---\n\n".join(hover_markdown(o) for o in found)
    start, end = min(o.start for o in found), max(o.end for o in found)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value), range=lsp_range(positions, start, end)
    )
