"""Human-readable views of the lexicon: a concept across locales, and the table of locales."""

from __future__ import annotations

import textwrap

from framing import locales
from framing.i18n import _
from framing.lexicon import Lexicon
from framing.linter import Linter
from framing.model import Concept, Entry


def find_concepts(lexicon: Lexicon, word: str, locale: str | None = None) -> list[Concept]:
    """Return the concepts ``word`` belongs to: as a concept id, a term, or (with ``locale``) any inflection.

    Raises ``LocaleError`` for an unsupported ``locale``.
    """
    wanted = " ".join(word.lower().split())
    codes = [locales.parse_supported(locale)] if locale else lexicon.locales()
    found: dict[str, Concept] = {}
    if wanted in lexicon.concepts:
        found[wanted] = lexicon.concepts[wanted]
    for code in codes:
        for entry in lexicon.entries(code):
            if any(" ".join(t.text.lower().split()) == wanted for t in entry.terms):
                found.setdefault(entry.concept, lexicon.concepts[entry.concept])
    if locale:
        linter = Linter(codes[0], lexicon=lexicon)
        for finding in linter.lint(word):
            found.setdefault(finding.concept, lexicon.concepts[finding.concept])
    return list(found.values())


def describe(concept: Concept) -> str:
    """Return a readable description of ``concept`` and all its entries."""
    wrap = textwrap.TextWrapper(width=88, initial_indent="    ", subsequent_indent="    ")
    lines = [f"{concept.id} ({concept.category}, {concept.severity})"]
    for code in sorted(concept.entries):
        entry = concept.entries[code]
        name = locales.display_name(code)
        flags = [str(entry.severity)]
        if not entry.loaded:
            flags.append(_("loaded only for its audience"))
        lines.append(f"  {code} — {name} [{', '.join(flags)}]")
        lines.append("    " + _("terms: {terms}").format(terms=", ".join(t.text for t in entry.terms)))
        if entry.short:
            lines.extend(wrap.wrap(_("short: {message}").format(message=entry.short)))
        lines.extend(wrap.wrap(" ".join(entry.note.split())))
        if entry.reading and entry.reading != entry.note:
            if entry.short_reading:
                lines.extend(wrap.wrap(_("short for other languages: {message}").format(message=entry.short_reading)))
            lines.extend(wrap.wrap(_("reading for other languages: {note}").format(note=" ".join(entry.reading.split()))))
        if entry.concern == "naming":
            lines.append("    " + _("concern: the word itself, in history too"))
        elif entry.concern == "transferred":
            lines.extend(wrap.wrap(_("concern: transferred uses; {literal}").format(literal=_literal_summary(entry))))
        alternatives = [
            _("{alternative} (auto-fix)").format(alternative=a.text) if a.safe else a.text for a in entry.alternatives
        ]
        lines.append("    " + _("alternatives: {alternatives}").format(alternatives=", ".join(alternatives)))
        if entry.audience:
            lines.append("    " + _("loaded for readers of: {locales}").format(locales=", ".join(entry.audience)))
        for source in entry.sources:
            lines.extend(
                textwrap.wrap(
                    _("source: {source}").format(source=source), width=88, initial_indent="    ", subsequent_indent="      "
                )
            )
    return "\n".join(lines) + "\n"


def locale_table(lexicon: Lexicon) -> list[tuple[str, str, str, int]]:
    """Return (code, English name, endonym, number of concepts) for every supported locale.

    The languages `framing` can lint come first, each followed by the regional locales
    that have their own lexicon files.
    """
    codes = set(locales.SUPPORTED_LANGUAGES) | set(lexicon.locales())
    rows = []
    for code in sorted(codes):
        rows.append(
            (
                code,
                locales.display_name(code, "en"),
                locales.display_name(code, code),
                len(lexicon.entries(code)),
            )
        )
    return rows


def _literal_summary(entry: Entry) -> str:
    """Return how ``entry`` tells its literal sense apart, in words, for ``framing explain``."""
    literal = entry.literal
    if literal is None:
        return _("the literal sense is told apart by the conditions of its terms")
    marks = [*literal.near, *literal.preceded_by, *literal.followed_by]
    if literal.years is not None:
        marks.append(_("the years {first}–{last}").format(first=literal.years[0], last=literal.years[1]))
    return _("the literal sense is left alone near: {marks}").format(marks=", ".join(marks))
