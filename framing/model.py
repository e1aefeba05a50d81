"""Plain, immutable data: the lexicon as concepts and entries, and the findings of a run.

Nothing here imports spaCy, Babel or the file formats: these objects are what every
other module passes around, and they can be built by hand in tests.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How strongly a finding asks for a change; ordered, so levels compare."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Return the severity named ``value`` (``suggestion``, ``warning`` or ``error``)."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            from framing.i18n import _

            raise ValueError(
                _("unknown severity {value}; expected one of {expected}").format(
                    value=repr(value), expected=", ".join(SEVERITY_NAMES)
                )
            ) from None


SEVERITY_NAMES = tuple(str(s) for s in Severity)

CATEGORIES = {
    "authority": "authority and hierarchy",
    "military": "military and violence",
    "colonial": "colonial and ethnic framing",
    "gender": "gender",
    "ability": "disability",
    "colour": "colour-coded terms",
    "deficit": "deficit and saviour framing",
    "religion": "religious metaphors",
    "idiom": "idioms and sports metaphors",
    "history": "locale-specific historically loaded words",
}


@dataclass(frozen=True)
class Term:
    """A loaded word or phrase, written as its lemma, with the conditions that silence it."""

    text: str
    unless_followed_by: tuple[str, ...] = ()
    unless_preceded_by: tuple[str, ...] = ()
    unless_near: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    inflect: bool = True
    case_sensitive: bool = False
    severity: Severity | None = None


@dataclass(frozen=True)
class Alternative:
    """A replacement to offer; ``safe`` ones may be applied by ``--fix``.

    ``for_terms`` limits it to some of the entry's terms (empty: all of them).
    ``forms`` are its inflected forms keyed on the feature they express (see
    :data:`FORM_FEATURES`); ``gender`` is its grammatical gender, when the lexicon says.
    """

    text: str
    safe: bool = False
    for_terms: tuple[str, ...] = ()
    forms: tuple[tuple[str, str], ...] = ()
    gender: str | None = None

    def applies_to(self, term: str) -> bool:
        """Return whether this alternative replaces ``term``."""
        return not self.for_terms or term in self.for_terms

    def form(self, feature: str) -> str | None:
        """Return the declared form for ``feature`` (``singular`` is ``text``), or None when not declared."""
        if feature == "singular":
            return self.text
        return dict(self.forms).get(feature)


# The features an alternative's ``forms`` may be keyed on, and the genders it may declare.
FORM_FEATURES = ("plural", "feminine", "feminine_plural", "genitive", "dative_plural")
GENDERS = ("masculine", "feminine", "neuter")


@dataclass(frozen=True)
class Source:
    """Where a lexicon item was read: a file and a line, for error messages."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Example:
    """An example sentence of an entry and where it is written."""

    text: str
    where: Source


@dataclass(frozen=True)
class Entry:
    """What one locale says about one concept."""

    concept: str
    locale: str
    terms: tuple[Term, ...]
    note: str
    alternatives: tuple[Alternative, ...]
    severity: Severity
    category: str
    sources: tuple[str, ...] = ()
    must_flag: tuple[Example, ...] = ()
    must_not_flag: tuple[Example, ...] = ()
    audience: tuple[str, ...] = ()
    audience_severity: Severity | None = None
    reading: str | None = None
    loaded: bool = True
    where: Source | None = None

    def alternatives_for(self, term: str) -> tuple[Alternative, ...]:
        """Return the alternatives that replace ``term``, best first."""
        return tuple(a for a in self.alternatives if a.applies_to(term))


@dataclass(frozen=True)
class Concept:
    """What a concept shares across locales (the registry), and its entries per locale."""

    id: str
    category: str
    severity: Severity = Severity.WARNING
    sources: tuple[str, ...] = ()
    entries: dict[str, Entry] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Finding:
    """One place in a text where a loaded term was found.

    ``start`` and ``end`` are character offsets into the linted text; ``locale`` is the
    locale whose readers the concern comes from (the writer's own, or an audience
    locale); ``alternatives`` are the writer's locale's replacements, best first.
    """

    start: int
    end: int
    text: str
    concept: str
    locale: str
    severity: Severity
    note: str
    alternatives: tuple[str, ...] = ()
    safe_alternatives: tuple[str, ...] = ()
    category: str = ""
    term: str = ""
    term_locale: str = ""
    readers: str = ""

    @property
    def message(self) -> str:
        """Return the one-line explanation shown to the writer.

        For a concern of an audience locale it names the readers ("For German readers: ...").
        """
        note = " ".join(self.note.split())
        return f"For {self.readers} readers: {note}" if self.readers else note

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as plain JSON-ready data (also used to ship it between processes)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "concept": self.concept,
            "locale": self.locale,
            "severity": str(self.severity),
            "note": self.note,
            "alternatives": list(self.alternatives),
            "safe_alternatives": list(self.safe_alternatives),
            "category": self.category,
            "term": self.term,
            "term_locale": self.term_locale,
            "readers": self.readers,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """Return the finding that :meth:`to_dict` produced ``data`` from."""
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            concept=str(data["concept"]),
            locale=str(data["locale"]),
            severity=Severity.parse(str(data["severity"])),
            note=str(data["note"]),
            alternatives=tuple(data.get("alternatives", ())),
            safe_alternatives=tuple(data.get("safe_alternatives", ())),
            category=str(data.get("category", "")),
            term=str(data.get("term", "")),
            term_locale=str(data.get("term_locale", "")),
            readers=str(data.get("readers", "")),
        )
