"""Edits from findings: apply the first auto-fix-safe alternative of each, fitted to the sentence.

A layer on top of linting: it lints (:mod:`framing.runner`, :class:`~framing.linter.Linter`),
asks :mod:`framing.fitting` for each finding's suggestions, and edits; nothing on the
lint path imports it.

:func:`fix` is the API (``framing.fix``; the module has a noun for a name so that
``framing.fix`` is always the function); :func:`fix_text` does the work for any lint
function, so the command line can use it with its readers (Markdown, HTML, PO...) and
their map back to the source. Guarantees, each covered by tests:

- only finding spans change (widened to the English article before one when it must
  change, "a leader" → "an organizer"), and only where the source holds exactly the
  matched text (a finding inside an entity or escape is never edited);
- a finding without an alternative that is safe *and* fits leaves the text as it was;
- fixing is idempotent: when an edit would create a new finding (an alternative that is
  itself a loaded term, or one that lifts a neighbour's context condition), that edit is
  dropped, so a second run changes nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing import documents
from framing.documents import Document
from framing.errors import InputError
from framing.fitting import AlternativesOf, alternatives_in, suggestions
from framing.i18n import _
from framing.linter import Linter
from framing.model import Finding
from framing.readers import OFFICE_FORMATS
from framing.runner import DocumentResult, LinterCache, RunResult, lint_again, linter_for

MAX_ROUNDS = 50
_LINES = re.compile(r".*?(?:\r\n|\n|\r)|.+\Z", re.DOTALL)

Lint = Callable[[str], Sequence[Finding]]
Editable = Callable[[int, int], bool]


@dataclass(frozen=True)
class Edit:
    """One change a fix makes: ``old`` (``text[start:end]`` of the original text) becomes ``new``.

    ``concept`` is the finding's concept and ``alternative`` the lexicon's alternative
    that ``new`` is a form of.
    """

    start: int
    end: int
    old: str
    new: str
    concept: str
    alternative: str


def plan(
    text: str,
    findings: Iterable[Finding],
    alternatives_of: AlternativesOf,
    *,
    editable: Editable | None = None,
    skip: frozenset[tuple[int, int]] = frozenset(),
) -> list[Edit]:
    """Return the edits that apply the first auto-fix-safe, fitting alternative of each finding, in text order.

    A span is edited once (two concepts may share it); an edit that overlaps an earlier
    one, lies outside ``editable`` ranges, or whose finding span is in ``skip`` is left
    out, as is any finding whose span does not hold its matched text.
    """
    return [edit for edit, _span in _plan(text, findings, alternatives_of, editable, skip)]


def _plan(
    text: str,
    findings: Iterable[Finding],
    alternatives_of: AlternativesOf,
    editable: Editable | None,
    skip: frozenset[tuple[int, int]],
) -> list[tuple[Edit, tuple[int, int]]]:
    planned: list[tuple[Edit, tuple[int, int]]] = []
    seen: set[tuple[int, int]] = set()
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        span = (finding.start, finding.end)
        if span in seen or span in skip or text[finding.start : finding.end] != finding.text:
            continue
        seen.add(span)
        chosen = next((s for s in suggestions(text, finding, alternatives_of) if s.auto), None)
        if chosen is None or text[chosen.start : chosen.end] == chosen.replacement:
            continue
        if planned and chosen.start < planned[-1][0].end:
            continue
        if editable is not None and not editable(chosen.start, chosen.end):
            continue
        old = text[chosen.start : chosen.end]
        planned.append((Edit(chosen.start, chosen.end, old, chosen.replacement, finding.concept, chosen.alternative), span))
    return planned


def apply(text: str, edits: Sequence[Edit]) -> str:
    """Return ``text`` with ``edits`` (sorted, not overlapping, offsets into ``text``) applied."""
    pieces = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.start])
        pieces.append(edit.new)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def _new_spans(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Return where each edit's new text lies in the edited text."""
    spans = []
    shift = 0
    for edit in edits:
        start = edit.start + shift
        spans.append((start, start + len(edit.new)))
        shift += len(edit.new) - (edit.end - edit.start)
    return spans


def fix_text(
    text: str, lint: Lint, alternatives_of: AlternativesOf, *, editable: Editable | None = None
) -> tuple[str, list[Edit]]:
    """Return ``text`` with its findings fixed, and the edits made (offsets into ``text``).

    ``lint`` returns the findings of a text (offsets into that text); ``editable`` says
    whether a span of the original may be changed. An edit after which the text has a
    finding that would be fixed again is dropped, so that fixing the result changes nothing.
    """
    skip: set[tuple[int, int]] = set()
    for _round in range(MAX_ROUNDS):
        planned = _plan(text, lint(text), alternatives_of, editable, frozenset(skip))
        if not planned:
            return text, []
        edits = [edit for edit, _span in planned]
        fixed = apply(text, edits)
        spans = _new_spans(edits)
        again = [
            edit
            for edit, span in _plan(fixed, lint(fixed), alternatives_of, None, frozenset())
            if not _left_alone_on_purpose(span, spans, edits, editable, skip)
        ]
        if not again:
            return fixed, edits
        for extra in again:
            # The edit whose new text overlaps the new finding, else the nearest one, caused it.
            distance = [max(0, s - extra.end, extra.start - e) for s, e in spans]
            skip.add(planned[distance.index(min(distance))][1])
    return text, []


def _left_alone_on_purpose(
    span: tuple[int, int],
    new_spans: list[tuple[int, int]],
    edits: list[Edit],
    editable: Editable | None,
    skip: set[tuple[int, int]],
) -> bool:
    """Return whether a finding of the fixed text is one of the original's that was not to be edited.

    Such a finding (outside ``editable`` ranges, or dropped earlier) is not a sign that
    an edit created something new.
    """
    start, end = span
    shift = 0
    for (new_start, new_end), edit in zip(new_spans, edits, strict=True):
        if new_start < end and start < new_end:
            return False
        if new_end <= start:
            shift += len(edit.new) - (edit.end - edit.start)
    original = (start - shift, end - shift)
    return original in skip or (editable is not None and not editable(*original))


def fix(
    text: str,
    locale: str = "en",
    audience: Sequence[str] = (),
    lexicons: Sequence[str | Path] = (),
    *,
    builtin: bool = True,
) -> tuple[str, list[Edit]]:
    """Return ``text`` with the first auto-fix-safe alternative of each finding applied, and the edits made.

    Alternatives are fitted to the sentence (number, case, article, gender); a finding
    whose alternatives are advice only is left as it is. Arguments as for
    :func:`framing.lint`; ``builtin=False`` leaves out the built-in lexicons.
    """
    linter = Linter(locale, audience, lexicons, builtin=builtin)
    return fix_text(text, linter.lint, alternatives_in(linter.engine))


# --- files: what `framing lint --fix` and `--diff` call ---------------------------------


@dataclass(frozen=True)
class DocumentFix:
    """A document, its text after fixing, and the edits (offsets into ``document.text``)."""

    document: Document
    text: str
    edits: tuple[Edit, ...]

    @property
    def changed(self) -> bool:
        """Return whether fixing changes the document."""
        return self.text != self.document.text


def fix_document(
    document: Document, lint: Lint, alternatives_of: AlternativesOf, *, editable: Editable | None = None
) -> DocumentFix:
    """Return the fix of ``document``; ``lint`` maps findings to offsets into the document's text."""
    text, edits = fix_text(document.text, lint, alternatives_of, editable=editable)
    return DocumentFix(document, text, tuple(edits))


def unified_diff(fixed: DocumentFix) -> str:
    r"""Return a unified diff from the document to its fixed text (empty when unchanged).

    Lines keep their own endings; a line without one (the last, or one changed) is
    followed by ``\ No newline at end of file`` as ``diff`` and ``patch`` expect.
    """
    if not fixed.changed:
        return ""
    path = fixed.document.path
    lines = difflib.unified_diff(
        _LINES.findall(fixed.document.text), _LINES.findall(fixed.text), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def write_fixes(fixes: Iterable[DocumentFix]) -> int:
    """Write every changed document back (atomically, in its encoding); return how many were written."""
    written = 0
    for fixed in fixes:
        if fixed.changed:
            documents.write(fixed.document, fixed.text)
            written += 1
    return written


def fix_run(result: RunResult, *, builtin: bool = True, write: bool = True) -> tuple[RunResult, str]:
    """Return the run result after fixing each of its documents, and the fixes as one unified diff.

    Each document is fixed through the same reader, configuration and suppressions that
    linted it, so only prose the reader copied verbatim is edited (never code, URLs,
    markup or suppressed regions), with the alternatives its linter offers (none loaded
    for any of its readers). With ``write`` the changed files are written back
    (atomically, in their encoding); without, nothing is written. MO catalogs are left
    as they are. Raises :class:`InputError` for standard input with ``write``, a file
    that cannot be written, or a Word or OpenDocument file among the results (before
    anything is written).
    """
    linters: LinterCache = {}
    after = []
    diffs = []
    for linted in result.results:
        if linted.input_format in OFFICE_FORMATS:
            raise InputError(
                _(
                    "--fix and --diff cannot edit Word or OpenDocument files (their formatting would not survive); "
                    "nothing was changed"
                ),
                path=linted.document.path,
            )
    for linted in result.results:
        if linted.input_format == "mo":
            after.append(linted)
            continue
        if write and linted.document.path == "<stdin>" and linted.findings:
            raise InputError(_("cannot fix standard input in place; use --diff"), path=linted.document.path)
        results = {linted.document.text: linted}

        def relint(text: str, linted: DocumentResult = linted, results: dict[str, DocumentResult] = results) -> DocumentResult:
            if text not in results:
                results[text] = lint_again(linted, text, builtin=builtin, linters=linters)
            return results[text]

        linter = linter_for(linted, builtin=builtin, linters=linters)
        editable = linted.editable
        fixed = fix_document(
            linted.document,
            lambda text, relint=relint: relint(text).findings,  # type: ignore[misc]
            alternatives_in(linter.engine),
            editable=lambda start, end, editable=editable: any(a <= start and end <= b for a, b in editable),  # type: ignore[misc]
        )
        if write:
            write_fixes([fixed])
        diffs.append(unified_diff(fixed))
        after.append(relint(fixed.text))
    return RunResult(tuple(after), result.notices), "".join(diffs)
