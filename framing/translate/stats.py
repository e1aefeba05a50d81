"""Numbers about a lexicon per locale: its size, its links, how much of it is sourced in its language, and how much is translated.

What a reviewer of a locale looks at first: how many concepts, how many examples of
each kind, how many entries cite a source of their own (in or about the language,
not only the concept's shared sources), and how few alternatives are auto-fix-safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from framing.translate.check import Coverage, coverage
from framing.translate.po import REFERENCE_LOCALE, LexiconFolder, export_po


@dataclass(frozen=True)
class LocaleStats:
    """Counts for one locale; ``coverage`` is None for the reference locale (it is the source)."""

    locale: str
    concepts: int
    terms: int
    alternatives: int
    safe_alternatives: int
    must_flag: int
    must_not_flag: int
    audience_links: int
    sourced: int
    translated_notes: int
    coverage: Coverage | None

    @property
    def examples(self) -> int:
        """Return the number of examples, must and must not flag."""
        return self.must_flag + self.must_not_flag

    @property
    def translated_note_share(self) -> float:
        """Return the share of the locale's concepts whose note is its own (not the reference text copied)."""
        return self.translated_notes / self.concepts if self.concepts else 0.0


def lexicon_stats(folder: LexiconFolder, reference: str = REFERENCE_LOCALE) -> list[LocaleStats]:
    """Return the statistics of every locale of the lexicon in ``folder``, sorted by locale."""
    lexicon = folder.lexicon
    rows = []
    for locale in lexicon.locales():
        entries = [c.entries[locale] for c in lexicon.concepts.values() if locale in c.entries]
        own_notes = 0
        for entry in entries:
            source = lexicon.concepts[entry.concept].entries.get(reference)
            if locale == reference or source is None or " ".join(source.note.split()) != " ".join(entry.note.split()):
                own_notes += 1
        rows.append(
            LocaleStats(
                locale=locale,
                concepts=len(entries),
                terms=sum(len(e.terms) for e in entries),
                alternatives=sum(len(e.alternatives) for e in entries),
                safe_alternatives=sum(1 for e in entries for a in e.alternatives if a.safe),
                must_flag=sum(len(e.must_flag) for e in entries),
                must_not_flag=sum(len(e.must_not_flag) for e in entries),
                audience_links=sum(len(e.audience) for e in entries),
                sourced=sum(1 for e in entries if set(e.sources) - set(lexicon.concepts[e.concept].sources)),
                translated_notes=own_notes,
                coverage=None if locale == reference else coverage(export_po(folder, locale, reference)),
            )
        )
    return rows
