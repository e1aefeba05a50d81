"""Edits from findings: apply the first auto-fix-safe alternative of each, fitted to the sentence.

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
from dataclasses import dataclass, replace
from pathlib import Path

from framing import locales
from framing.documents import Document
from framing.lexicon import Lexicon
from framing.model import Alternative, Finding, Term
from framing.rewrite import Suggestion, suggest

MAX_ROUNDS = 50
_LINES = re.compile(r".*?(?:\r\n|\n|\r)|.+\Z", re.DOTALL)

Lint = Callable[[str], Sequence[Finding]]
#: A finding's alternatives in the lexicon, best first, and the term that matched.
AlternativesOf = Callable[[Finding], tuple[Sequence[Alternative], Term | None]]
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


def alternatives_in(lexicon: Lexicon) -> AlternativesOf:
    """Return a function giving the lexicon's alternatives for a finding's term, best first, and the term itself."""

    def alternatives_of(finding: Finding) -> tuple[Sequence[Alternative], Term | None]:
        entry = lexicon.entry(finding.concept, finding.term_locale or finding.locale)
        if entry is None:
            return (), None
        return entry.alternatives_for(finding.term), entry.term(finding.term)

    return alternatives_of


def suggestions(text: str, finding: Finding, alternatives_of: AlternativesOf) -> list[Suggestion]:
    """Return the suggestions for ``finding`` in ``text``: each alternative fitted to the sentence, or as advice."""
    language = locales.language(finding.term_locale or finding.locale)
    alternatives, term = alternatives_of(finding)
    return suggest(text, finding, alternatives, language, term=term)


def with_fitted_alternatives(text: str, findings: Iterable[Finding], lexicon: Lexicon) -> list[Finding]:
    """Return ``findings`` with their alternatives fitted to the sentence, for reports.

    A safe alternative whose agreement is certain comes in the form that would replace
    the matched words ("our leaders" → "coordinators", "a leader" → "an organizer");
    the others come as the lexicon writes them. ``safe_alternatives`` keeps only what
    ``--fix`` would apply. Findings on the same words share the work.
    """
    alternatives_of = alternatives_in(lexicon)
    fitted: dict[tuple[int, int, str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    result = []
    for finding in findings:
        key = (finding.start, finding.end, finding.concept, finding.term)
        if key not in fitted:
            offered = suggestions(text, finding, alternatives_of)
            fitted[key] = (
                tuple(dict.fromkeys(s.replacement for s in offered)),
                tuple(dict.fromkeys(s.replacement for s in offered if s.auto)),
            )
        alternatives, safe = fitted[key]
        result.append(replace(finding, alternatives=alternatives or finding.alternatives, safe_alternatives=safe))
    return result


def plan(
    text: str,
    findings: Iterable[Finding],
    alternatives_of: AlternativesOf,
    *,
    editable: Editable | None = None,
    skip: frozenset[tuple[int, int]] = frozenset(),
) -> list[Edit]:
    """Return the edits that apply the first auto-fix-safe, fitting alternative of each finding, in text order.

    A span is edited once (findings for several audience locales share it); an edit that
    overlaps an earlier one, lies outside ``editable`` ranges, or whose finding span is in
    ``skip`` is left out, as is any finding whose span does not hold its matched text.
    """
    return [edit for edit, _ in _plan(text, findings, alternatives_of, editable, skip)]


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
    for _ in range(MAX_ROUNDS):
        planned = _plan(text, lint(text), alternatives_of, editable, frozenset(skip))
        if not planned:
            return text, []
        edits = [edit for edit, _ in planned]
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
    from framing.linter import Linter

    linter = Linter(locale, audience, lexicons, builtin=builtin)
    return fix_text(text, linter.lint, alternatives_in(linter.lexicon))


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
    from framing.documents import write

    written = 0
    for fixed in fixes:
        if fixed.changed:
            write(fixed.document, fixed.text)
            written += 1
    return written
