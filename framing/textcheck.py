"""Check a text held in memory, fix it, or rewrite one occurrence: what the web page asks of the library.

A :class:`TextChecker` keeps the linters and lexicons it builds, so that many
requests for the same locale and audience share them. Every text goes through the
same reader, suppressions and fitting of alternatives as a file given to ``framing
lint``, and through the same fixer as ``--fix``. Nothing here knows about HTTP.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from framing.config import Overrides, Settings, resolve
from framing.documents import Document
from framing.errors import InputError
from framing.fitting import AlternativesOf, alternatives_in, suggestions
from framing.fixes import Edit, apply, fix_document
from framing.i18n import _
from framing.lexicon import Lexicon, load
from framing.rewrite import match_case
from framing.runner import DocumentResult, LinterCache, lint_text, linter_for

TEXT_PATH = "<text>"
#: How many (locale, audience) linters a checker keeps before starting afresh.
MAX_LINTERS = 32


@dataclass(frozen=True)
class Request:
    """What to check: the text, the writer's locale, the readers' locales and the input format."""

    text: str
    locale: str = "en"
    audience: tuple[str, ...] = ()
    input_format: str = "text"


class TextChecker:
    """Lints, fixes and rewrites texts in memory with the built-in lexicons, reusing what it has built.

    Safe to share between threads: building a linter or loading the lexicon happens
    under a lock, and matching itself keeps no state between texts.
    """

    def __init__(self, *, builtin: bool = True) -> None:
        self.builtin = builtin
        self._linters: LinterCache = {}
        self._lexicon: Lexicon | None = None
        self._lock = threading.Lock()

    @property
    def lexicon(self) -> Lexicon:
        """Return the lexicon every check uses (loaded once)."""
        with self._lock:
            if self._lexicon is None:
                self._lexicon = load([], builtin=self.builtin)
            return self._lexicon

    def settings(self, request: Request) -> Settings:
        """Return the settings of ``request``: its locale and audience, as if given on the command line."""
        return resolve(None, Overrides(locale=request.locale, audience=request.audience))

    def check(self, request: Request) -> DocumentResult:
        """Return the findings of ``request``'s text, offsets into that text.

        Raises ``LocaleError`` naming an unknown locale, ``InputError`` for an unknown
        input format or a text its reader cannot read.
        """
        settings = self.settings(request)
        key = (settings.locale, settings.audience, settings.lexicons, self.builtin)
        if key not in self._linters or request.input_format == "po":
            with self._lock:  # the first check of a locale and audience builds its linter
                if len(self._linters) >= MAX_LINTERS:  # many audiences asked for: keep memory bounded
                    self._linters.clear()
                return self._lint(request, settings)
        return self._lint(request, settings)

    def fix(self, request: Request) -> tuple[str, list[Edit]]:
        """Return the text with every auto-fix-safe alternative applied, as ``--fix`` would, and the edits."""
        linted = self.check(request)
        editable = linted.editable
        fixed = fix_document(
            Document(TEXT_PATH, request.text),
            lambda text: self.check(_with_text(request, text)).findings,
            self._alternatives(linted),
            editable=lambda start, end: any(a <= start and end <= b for a, b in editable),
        )
        return fixed.text, list(fixed.edits)

    def rewrite(self, request: Request, start: int, end: int, choice: str) -> tuple[str, list[Edit]]:
        """Return the text with the occurrence at ``start``–``end`` replaced by the alternative ``choice``, and the edit.

        ``choice`` is an alternative as the findings offer it (fitted to the sentence)
        or as the lexicon writes it. A safe alternative whose agreement is certain goes
        in fitted exactly as ``--fix`` would put it ("a leader" → "an organizer"); any
        other replaces the matched words as written, with their capitalisation. Raises
        ``InputError`` when no finding lies there or ``choice`` is not one of its
        alternatives.
        """
        linted = self.check(request)
        finding = next((f for f in linted.findings if (f.start, f.end) == (start, end)), None)
        if finding is None:
            raise InputError(_("no finding at {start}–{end}; check the text again").format(start=start, end=end))
        if not linted.is_editable(finding):
            raise InputError(
                _("the words at {start}–{end} are markup, not prose, and cannot be rewritten").format(start=start, end=end)
            )
        offered = suggestions(request.text, finding, self._alternatives(linted))
        chosen = next((s for s in offered if choice in (s.replacement, s.alternative)), None)
        if chosen is None:
            raise InputError(_("{choice} is not an alternative for {text}").format(choice=repr(choice), text=repr(finding.text)))
        if chosen.auto:
            old = request.text[chosen.start : chosen.end]
            edit = Edit(chosen.start, chosen.end, old, chosen.replacement, finding.concept, chosen.alternative)
        else:
            new = match_case(finding.text, chosen.alternative)
            edit = Edit(finding.start, finding.end, finding.text, new, finding.concept, chosen.alternative)
        return apply(request.text, [edit]), [edit]

    def _alternatives(self, linted: DocumentResult) -> AlternativesOf:
        """Return the alternatives of the linter that linted ``linted`` (none loaded for any of its readers)."""
        return alternatives_in(linter_for(linted, builtin=self.builtin, linters=self._linters).engine)

    def _lint(self, request: Request, settings: Settings) -> DocumentResult:
        return lint_text(
            request.text, settings, path=TEXT_PATH, input_format=request.input_format, builtin=self.builtin, linters=self._linters
        )


def _with_text(request: Request, text: str) -> Request:
    return Request(text, request.locale, request.audience, request.input_format)


def edits_object(edits: Sequence[Edit]) -> list[dict[str, object]]:
    """Return ``edits`` as JSON-ready objects (offsets into the text before the edits)."""
    return [
        {"start": e.start, "end": e.end, "old": e.old, "new": e.new, "concept": e.concept, "alternative": e.alternative}
        for e in edits
    ]
