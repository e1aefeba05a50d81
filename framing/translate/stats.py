"""Numbers about a lexicon per locale: its size, its links, and how much of it is translated."""

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
    examples: int
    audience_links: int
    translated_notes: int
    coverage: Coverage | None

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
                examples=sum(len(e.must_flag) + len(e.must_not_flag) for e in entries),
                audience_links=sum(len(e.audience) for e in entries),
                translated_notes=own_notes,
                coverage=None if locale == reference else coverage(export_po(folder, locale, reference)),
            )
        )
    return rows
