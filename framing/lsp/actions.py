"""Code actions on findings: the alternatives as quick fixes, "ignore here", "allow in the workspace", "fix all safe".

Quick fixes are the fixer's own suggestions (:func:`framing.fitting.suggestions`):
each alternative fitted to the sentence the way ``--fix`` fits it ("a leader" → "an
organizer"), the first safe one preferred; an alternative the lexicon offers as
advice replaces the words as written and says so. Only text the reader copied
verbatim into the prose is edited, as with ``--fix``. "Ignore here" writes the
format's own suppression comment (see :mod:`framing.suppressions`); "fix all safe"
is :func:`framing.fixes.fix_text` over the document, through the same analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lsprotocol import types

from framing.fitting import suggestions
from framing.fixes import fix_text
from framing.i18n import _
from framing.lsp.analysis import Analysis
from framing.lsp.presentation import lsp_range
from framing.lsp.text import Positions
from framing.model import Finding

ALLOW_COMMAND = "framing.allowTerm"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.framing"
_HTML_COMMENTS = ("markdown", "html", "wikitext")


def editable(analysis: Analysis, start: int, end: int) -> bool:
    """Return whether the source span ``start``-``end`` lies in text the reader copied verbatim, so a fix may change it."""
    return any(first <= start and end <= last for first, last in analysis.result.editable)


def _edit(uri: str, positions: Positions, start: int, end: int, new: str) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(range=lsp_range(positions, start, end), new_text=new)]})


def quick_fixes(
    analysis: Analysis, occurrence: Finding, uri: str, positions: Positions, diagnostic: types.Diagnostic | None
) -> list[types.CodeAction]:
    """Return one quick fix per alternative of ``occurrence``, fitted to its sentence; the first safe one is preferred."""
    findings = analysis.findings_at(occurrence)
    text = analysis.result.document.text
    if not findings or not analysis.result.is_editable(findings[0]) or text[occurrence.start : occurrence.end] != occurrence.text:
        return []
    actions = []
    seen: set[str] = set()
    preferred = False
    for suggestion in suggestions(text, findings[0], analysis.alternatives_of):
        if suggestion.replacement in seen or not editable(analysis, suggestion.start, suggestion.end):
            continue
        seen.add(suggestion.replacement)
        if suggestion.auto:
            title = _("Replace with “{replacement}”").format(replacement=suggestion.replacement)
        else:
            title = _("Replace with “{replacement}” (reword the sentence around it)").format(replacement=suggestion.replacement)
        actions.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic] if diagnostic is not None else None,
                is_preferred=suggestion.auto and not preferred,
                edit=_edit(uri, positions, suggestion.start, suggestion.end, suggestion.replacement),
            )
        )
        preferred = preferred or suggestion.auto
    return actions


def _line_break(text: str, offset: int) -> str:
    """Return the line break found at ``offset`` (a line feed when there is none)."""
    for candidate in ("\r\n", "\n", "\r"):
        if text.startswith(candidate, offset):
            return candidate
    return "\n"


def _block_lines(text: str, positions: Positions, line: int) -> tuple[int, int]:
    """Return the first and last line of the block (lines between blank lines) that holds ``line``."""
    first = last = line
    while first > 0 and text[positions.starts[first - 1] : positions.starts[first]].strip():
        first -= 1
    while last + 1 < len(positions.starts) and text[positions.starts[last + 1] : positions.line_end(last + 1)].strip():
        last += 1
    return first, last


Insertion = tuple[int, int, str]


def ignore_edits(analysis: Analysis, occurrence: Finding, positions: Positions) -> list[Insertion]:
    """Return the insertions (start, end, text) that silence ``occurrence`` with the format's own comments, or none.

    Markdown, HTML and wikitext get ``<!-- framing-ignore concept -->`` at the end of
    the line (prose before a comment on its line silences that line); plain text a
    ``framing-ignore concept`` line of its own above; a PO entry a translator comment
    ``# framing-ignore concept`` at its start. reStructuredText has no comment inside a
    paragraph, so its paragraph goes between ``.. framing-disable concept`` and
    ``.. framing-enable concept`` comments.
    """
    text = analysis.result.document.text
    concept = occurrence.concept
    line = positions.line_of(occurrence.start)
    line_start = positions.starts[line]
    line_end = positions.line_end(line)
    form = analysis.result.input_format
    content = text[line_start:line_end]
    indent = content[: len(content) - len(content.lstrip(" \t"))]
    newline = _line_break(text, line_end)
    if form in _HTML_COMMENTS:
        return [(line_end, line_end, f" <!-- framing-ignore {concept} -->")]
    if form == "text":
        return [(line_start, line_start, f"{indent}framing-ignore {concept}{newline}")]
    first, last = _block_lines(text, positions, line)
    if form == "po":
        start = positions.starts[first]
        return [(start, start, f"# framing-ignore {concept}{newline}")]
    if form == "rst":
        start = positions.starts[first]
        end = positions.line_end(last)
        head = text[start : positions.line_end(first)]
        indent = head[: len(head) - len(head.lstrip(" \t"))]
        return [
            (start, start, f"{indent}.. framing-disable {concept}{newline}{newline}"),
            (end, end, f"{newline}{newline}{indent}.. framing-enable {concept}"),
        ]
    return []


def ignore_action(
    analysis: Analysis, occurrence: Finding, uri: str, positions: Positions, diagnostic: types.Diagnostic | None
) -> types.CodeAction | None:
    """Return the "ignore here" action of ``occurrence``, or None for a format without comments."""
    insertions = ignore_edits(analysis, occurrence, positions)
    if not insertions:
        return None
    edits = [types.TextEdit(range=lsp_range(positions, start, end), new_text=new) for start, end, new in insertions]
    return types.CodeAction(
        title=_("Ignore “{concept}” here").format(concept=occurrence.concept),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic is not None else None,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def allowed_term(occurrence: Finding) -> str:
    """Return what to add to ``allow`` for ``occurrence``: the lexicon's term (every inflection), else the words found."""
    return occurrence.term or " ".join(occurrence.text.lower().split())


def allow_action(occurrence: Finding, uri: str, target: str, diagnostic: types.Diagnostic | None) -> types.CodeAction:
    """Return the action that adds the occurrence's term to the ``allow`` list of the configuration file ``target``."""
    term = allowed_term(occurrence)
    title = _("Allow “{term}” in this workspace ({file})").format(term=term, file=target)
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic is not None else None,
        command=types.Command(title=title, command=ALLOW_COMMAND, arguments=[uri, term]),
    )


def fix_all_action(
    analysis: Analysis, uri: str, positions: Positions, lint: Callable[[str], Sequence[Finding]]
) -> types.CodeAction | None:
    """Return the "fix all safe" source action: the edits ``--fix`` would make in this document, or None when there are none.

    ``lint`` returns the findings of a text as this document (same reader, settings and
    suppressions), so an edit that would create a new finding is dropped as ``--fix`` drops it.
    """
    result = analysis.result
    _fixed, edits = fix_text(
        result.document.text, lint, analysis.alternatives_of, editable=lambda start, end: editable(analysis, start, end)
    )
    if not edits:
        return None
    text_edits = [types.TextEdit(range=lsp_range(positions, e.start, e.end), new_text=e.new) for e in edits]
    return types.CodeAction(
        title=_("Fix all safe findings in this file"),
        kind=FIX_ALL_KIND,
        edit=types.WorkspaceEdit(changes={uri: text_edits}),
    )
