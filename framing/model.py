"""Plain, immutable data: the lexicon as concepts and entries, and the findings of a run.

Nothing here imports spaCy, Babel or the file formats: these objects are what every
other module passes around, and they can be built by hand in tests.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any

from framing.i18n import _


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
    "lgbtq": "sexual orientation and gender identity",
    "ability": "disability",
    "colour": "colour-coded terms",
    "deficit": "deficit and saviour framing",
    "religion": "religious metaphors",
    "idiom": "idioms and sports metaphors",
    "history": "locale-specific historically loaded words",
}


@dataclass(frozen=True)
class Term:
    """A loaded word or phrase, written as its lemma, with the conditions that tell its senses apart.

    ``unless_*`` conditions silence a match; ``only_*`` conditions, when given, must
    hold (any one of them) for a match to count. ``within`` is how many words the
    ``*_followed_by``/``*_preceded_by`` conditions look at, ``window`` how many words
    either side the ``*_near`` conditions look at; neither reaches past the sentence.
    Condition words that start with ``@`` name a word class (see :data:`WORD_SHAPES`
    and a locale's ``[word_classes]``). A match inside a proper name or title, or inside
    quotation marks, is a mention rather than a use and is not reported unless
    ``in_names`` / ``in_quotes`` say so. ``gender`` is the grammatical gender(s) of the
    term as a noun, for checking that safe alternatives agree.
    """

    text: str
    unless_followed_by: tuple[str, ...] = ()
    unless_preceded_by: tuple[str, ...] = ()
    unless_near: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    inflect: bool = True
    case_sensitive: bool = False
    severity: Severity | None = None
    only_followed_by: tuple[str, ...] = ()
    only_preceded_by: tuple[str, ...] = ()
    only_near: tuple[str, ...] = ()
    within: int = 1
    window: int = 5
    in_names: bool = False
    in_quotes: bool = False
    gender: tuple[str, ...] = ()

    @property
    def conditions(self) -> dict[str, tuple[str, ...]]:
        """Return the term's context conditions that are set, keyed on their lexicon key."""
        return {key: words for key in CONDITION_KEYS if (words := getattr(self, key))}


#: The context conditions of a term, as lexicon keys (also its attributes).
CONDITION_KEYS = (
    "unless_followed_by",
    "unless_preceded_by",
    "unless_near",
    "only_followed_by",
    "only_preceded_by",
    "only_near",
)
#: Every option a term table may carry besides ``text``, with its default: the one list
#: the lexicon reader, the TOML writer and the translators' fields all follow.
TERM_OPTIONS: dict[str, object] = {
    "unless_followed_by": (),
    "unless_preceded_by": (),
    "unless_near": (),
    "only_followed_by": (),
    "only_preceded_by": (),
    "only_near": (),
    "within": 1,
    "window": 5,
    "forms": (),
    "inflect": True,
    "case_sensitive": False,
    "in_names": False,
    "in_quotes": False,
    "severity": None,
    "gender": (),
}
#: The largest ``within`` and ``window`` a term may ask for (matching stays linear).
MAX_WITHIN = 8
MAX_WINDOW = 30
#: Word classes every locale has, decided by a word's shape rather than listed.
WORD_SHAPES = {
    "@number": "a number written in digits (12, 3.5, 4th)",
    "@year": "a year written in digits, 1000 to 2099 (1942, 1940s)",
    "@capitalized": "a word written with a capital first letter",
    "@punctuation": "a punctuation mark",
}


@dataclass(frozen=True)
class Literal:
    """How to recognise the literal (often historical) sense of an entry's terms, which is left alone.

    A match is literal when, within ``window`` words either side in its paragraph, one
    of the ``near`` words occurs or a year between ``years[0]`` and ``years[1]``; or when
    one of ``preceded_by``/``followed_by`` occurs within ``within`` words before/after it.
    """

    near: tuple[str, ...] = ()
    preceded_by: tuple[str, ...] = ()
    followed_by: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    window: int = 40
    within: int = 2


#: What a short message may say in place of the matched words, and how long it may be.
SHORT_PLACEHOLDER = "{text}"
MAX_SHORT = 90

#: What an entry's concern is: ``transferred`` (a metaphorical or transferred use; the
#: literal sense, such as history told as history, is left alone) or ``naming`` (the
#: word itself, in every sense, including history: "slaves" against "enslaved people").
CONCERNS = ("transferred", "naming")
#: The largest literal window.
MAX_LITERAL_WINDOW = 80


@dataclass(frozen=True)
class Alternative:
    """A replacement to offer; ``safe`` ones may be applied by ``--fix``.

    ``for_terms`` limits it to some of the entry's terms (empty: all of them).
    ``forms`` are its inflected forms keyed on the feature they express (see
    :data:`FORM_FEATURES`); ``gender`` is its grammatical gender, when the lexicon says.
    ``safe_because`` is the lexicon's reason why ``safe`` holds in every context.
    """

    text: str
    safe: bool = False
    for_terms: tuple[str, ...] = ()
    forms: tuple[tuple[str, str], ...] = ()
    gender: str | None = None
    safe_because: str = ""

    def applies_to(self, term: str) -> bool:
        """Return whether this alternative replaces ``term``."""
        return not self.for_terms or term in self.for_terms

    def form(self, feature: str) -> str | None:
        """Return the declared form for ``feature`` (``singular`` is ``text``), or None when not declared."""
        if feature == "singular":
            return self.text
        return dict(self.forms).get(feature)

    def genders(self) -> frozenset[str]:
        """Return the genders this alternative can take: its own, and feminine when it has a feminine form."""
        found = {self.gender} if self.gender else set()
        if self.form("feminine") is not None:
            found.add("feminine")
        if found & {"masculine", "feminine", "common"}:
            found.add("de-word")  # Dutch: masculine, feminine and common nouns all take "de"
        return frozenset(found)

    def disagrees_with(self, term: Term) -> str:
        """Return why this alternative cannot stand for ``term`` in a language with gender, or "" when it can.

        It needs a gender, the term needs one, and every gender the term can have must
        be one the alternative can take (a term of either gender, such as Italian
        "leader", needs an alternative with a feminine form too).
        """
        if self.gender is None:
            return _("the alternative has no gender")
        if not term.gender:
            return _("the term has no gender")
        offered = self.genders()
        missing = [g for g in term.gender if g not in offered and not (g == "common" and "de-word" in offered)]
        if missing:
            return _("the term is {term_gender} and the alternative {alternative_gender}").format(
                term_gender=" or ".join(term.gender), alternative_gender=" or ".join(sorted(offered - {"de-word"}))
            )
        return ""


# The features an alternative's ``forms`` may be keyed on, and the genders it may declare.
FORM_FEATURES = ("plural", "feminine", "feminine_plural", "genitive", "dative_plural")
GENDERS = ("masculine", "feminine", "neuter", "common")
#: Languages whose nouns have grammatical gender: a safe alternative there must state
#: its gender, and so must the terms it replaces. Dutch uses ``common`` (de-words) and
#: ``neuter`` (het-words).
GENDERED_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "ru", "pl", "ar")


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
    """What one locale says about one concept.

    ``note`` is the full explanation for writers of the entry's language and
    ``reading`` the one for readers of that language reading another (in English).
    ``short`` and ``short_reading`` are their one-clause summaries for a report line;
    ``{text}`` in them stands for the matched words (see :data:`SHORT_PLACEHOLDER`).
    """

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
    concern: str | None = None
    literal: Literal | None = None
    short: str | None = None
    short_reading: str | None = None

    @property
    def transferred(self) -> bool:
        """Return whether only transferred uses are the concern (literal ones are left alone)."""
        return self.concern == "transferred"

    def term(self, text: str) -> Term | None:
        """Return the term written ``text`` in the lexicon, if this entry has it."""
        return next((term for term in self.terms if term.text == text), None)

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
class Reader:
    """One group of readers a finding concerns: the writer's own locale, or an audience locale.

    ``note`` is the full explanation (the entry's note for the writer's own locale, the
    audience entry's reading, else its note, for an audience); ``message`` its one-clause
    summary with the matched words filled in (see :data:`SHORT_PLACEHOLDER`); ``name`` the
    readers' language in English ("German"), empty for the writer's own locale.
    """

    locale: str
    severity: Severity
    note: str
    message: str
    sources: tuple[str, ...] = ()
    own: bool = False
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the reader as plain JSON-ready data."""
        return {
            "locale": self.locale,
            "severity": str(self.severity),
            "note": self.note,
            "message": self.message,
            "sources": list(self.sources),
            "own": self.own,
            "name": self.name,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reader:
        """Return the reader that :meth:`to_dict` produced ``data`` from."""
        return cls(
            locale=str(data["locale"]),
            severity=Severity.parse(str(data["severity"])),
            note=str(data["note"]),
            message=str(data["message"]),
            sources=tuple(str(source) for source in data.get("sources", ())),
            own=bool(data.get("own", False)),
            name=str(data.get("name", "")),
        )


@dataclass(frozen=True)
class Finding:
    """One occurrence: a loaded term at one place in a text, whatever the number of readers it concerns.

    ``start`` and ``end`` are character offsets into the linted text. ``readers`` are
    the groups of readers the term concerns, the writer's own locale first (when its
    entry is loaded), then each audience locale in the order given; ``severity`` is the
    highest of theirs and ``message`` the short message of the most severe (the own
    locale's on a tie). ``alternatives`` are the writer's locale's replacements, best
    first, none of them loaded for any reader; ``safe_alternatives`` those ``--fix``
    may apply.
    """

    start: int
    end: int
    text: str
    concept: str
    severity: Severity
    message: str
    readers: tuple[Reader, ...]
    alternatives: tuple[str, ...] = ()
    safe_alternatives: tuple[str, ...] = ()
    category: str = ""
    term: str = ""
    term_locale: str = ""

    @property
    def locales(self) -> tuple[str, ...]:
        """Return the locales of the readers, in order."""
        return tuple(reader.locale for reader in self.readers)

    @property
    def own(self) -> Reader | None:
        """Return the writer's own locale's reader, or None when only the audience is concerned."""
        return next((reader for reader in self.readers if reader.own), None)

    def with_readers(self, readers: tuple[Reader, ...]) -> Finding:
        """Return this finding concerning ``readers`` instead, its severity and message recomputed from them."""
        severity, message = summarise(readers)
        return replace(self, readers=readers, severity=severity, message=message)

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as plain JSON-ready data (also used to ship it between processes)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "concept": self.concept,
            "severity": str(self.severity),
            "message": self.message,
            "readers": [reader.to_dict() for reader in self.readers],
            "alternatives": list(self.alternatives),
            "safe_alternatives": list(self.safe_alternatives),
            "category": self.category,
            "term": self.term,
            "term_locale": self.term_locale,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """Return the finding that :meth:`to_dict` produced ``data`` from."""
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            concept=str(data["concept"]),
            severity=Severity.parse(str(data["severity"])),
            message=str(data["message"]),
            readers=tuple(Reader.from_dict(reader) for reader in data.get("readers", ())),
            alternatives=tuple(data.get("alternatives", ())),
            safe_alternatives=tuple(data.get("safe_alternatives", ())),
            category=str(data.get("category", "")),
            term=str(data.get("term", "")),
            term_locale=str(data.get("term_locale", "")),
        )


def summarise(readers: tuple[Reader, ...]) -> tuple[Severity, str]:
    """Return the severity and message of a finding concerning ``readers``: those of the most severe (the first on a tie)."""
    if not readers:
        raise ValueError("a finding concerns at least one reader")
    top = max(readers, key=lambda reader: reader.severity)  # max keeps the first of equals: own first
    return top.severity, top.message


def first_sentence(text: str, limit: int = MAX_SHORT) -> str:
    """Return the first sentence of ``text`` on one line, cut at a word boundary to ``limit`` characters with "…".

    The short message of an entry that has none (a user lexicon may lack it).
    """
    flat = " ".join(text.split())
    for index, character in enumerate(flat):
        if character in ".!?。！？" and (index + 1 == len(flat) or flat[index + 1] == " " or character in "。！？"):
            flat = flat[: index + 1]
            break
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:—-") + "…"
