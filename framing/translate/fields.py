r"""The fields of an entry that translators fill, as the plain text they edit, and back.

A list field is one item per line. Options of a term or an alternative follow its text
in square brackets, so that a translator sees and keeps them::

    leader [unless followed by: sequence, peptide]
    coordinator [safe] [for: leader]

Examples are one sentence per line and take no options (a sentence may contain brackets).
Brackets that belong to a term or an alternative are written ``\\[`` and ``\\]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from framing.i18n import _
from framing.model import FORM_FEATURES, GENDERS, TERM_OPTIONS, Alternative, Concept, Entry, Severity, Term

#: The fields a translator fills, in the order they are exported. ``sources`` is one only
#: for concepts whose registry cites nothing, so that each entry must bring its own.
FIELDS = ("terms", "alternatives", "note", "must_flag", "must_not_flag", "sources")
#: Fields that hold one item per line.
LIST_FIELDS = frozenset({"terms", "alternatives", "must_flag", "must_not_flag", "sources"})

FIELD_HELP = {
    "terms": "Loaded words or phrases in your language, one per line, as lemmas (dictionary forms); "
    "the engine finds inflections. Options in brackets: [unless followed by: a, b], "
    "[unless preceded by: a, b], [unless near: a, b], [only followed by: a, b], [only preceded by: a, b], "
    "[only near: a, b], [within: 3], [window: 10], [forms: a, b], [no inflection], [case sensitive], "
    "[in names], [in quotes], [gender: masculine], [severity: suggestion|warning|error].",
    "alternatives": "What to write instead, best first, one per line. [safe] marks an alternative that can "
    "replace the word in place in every context, and [safe because: ...] says why; [for: a, b] limits it to "
    "some of your terms; [plural: ...], [feminine: ...] give its inflected forms and [gender: feminine] its gender.",
    "note": "Why the terms are loaded and for whom, in your language.",
    "must_flag": "Sentences in your language that must be reported for this concept, one per line.",
    "must_not_flag": "Sentences in your language that must not be reported (near misses), one per line.",
    "sources": "Where the concern is documented for your language (a dictionary or style guide, "
    "'Dictionary, s.v. word'), one per line. Never invent a citation.",
}

_TERM_LISTS = {
    "unless followed by": "unless_followed_by",
    "unless preceded by": "unless_preceded_by",
    "unless near": "unless_near",
    "only followed by": "only_followed_by",
    "only preceded by": "only_preceded_by",
    "only near": "only_near",
    "forms": "forms",
    "gender": "gender",
}
_TERM_FLAGS = {
    "no inflection": ("inflect", False),
    "case sensitive": ("case_sensitive", True),
    "in names": ("in_names", True),
    "in quotes": ("in_quotes", True),
}
_TERM_NUMBERS = {"within": "within", "window": "window"}
_MARKER = re.compile(r"\s*(?<!\\)\[((?:\\[\[\]]|[^\[\]])*)(?<!\\)\]\s*$")


def _escape(text: str) -> str:
    # Brackets in a text are written \[ and \] so that they are not read as options.
    return text.replace("[", "\\[").replace("]", "\\]")


def _unescape(text: str) -> str:
    return text.replace("\\[", "[").replace("\\]", "]")


class FieldError(ValueError):
    """A field's text cannot be read; ``offset`` is the 0-based line within the value."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Key:
    """A ``msgctxt``: the concept id and the field, written ``concept.field``."""

    concept: str
    field: str

    def __str__(self) -> str:
        return f"{self.concept}.{self.field}"

    @classmethod
    def parse(cls, text: str) -> Key:
        """Return the key written as ``concept.field``; raise ``ValueError`` when it is not one."""
        concept, dot, field = text.rpartition(".")
        if not dot or not concept:
            raise ValueError(f"context {text!r} is not of the form concept.field")
        return cls(concept, field)


def fields_of(concept: Concept) -> tuple[str, ...]:
    """Return the fields a translator fills for ``concept`` (``sources`` only when its registry cites nothing)."""
    return FIELDS if not concept.sources else FIELDS[:-1]


def entry_values(entry: Entry, shared_sources: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return the translatable values of ``entry``: tuples of model objects, and the note.

    ``sources`` are the entry's own, without the concept's ``shared_sources``.
    """
    return {
        "sources": tuple(source for source in entry.sources if source not in shared_sources),
        "terms": entry.terms,
        "alternatives": entry.alternatives,
        "note": entry.note,
        "must_flag": tuple(example.text for example in entry.must_flag),
        "must_not_flag": tuple(example.text for example in entry.must_not_flag),
    }


def format_term(term: Term) -> str:
    """Return the line that stands for ``term``."""
    parts = [_escape(term.text)]
    for label, key in _TERM_LISTS.items():
        words = getattr(term, key)
        if words:
            parts.append(f"[{label}: {', '.join(words)}]")
    for label, key in _TERM_NUMBERS.items():
        if getattr(term, key) != TERM_OPTIONS[key]:
            parts.append(f"[{label}: {getattr(term, key)}]")
    for label, (key, flag) in _TERM_FLAGS.items():
        if getattr(term, key) == flag:
            parts.append(f"[{label}]")
    if term.severity is not None:
        parts.append(f"[severity: {term.severity}]")
    return " ".join(parts)


def format_alternative(alternative: Alternative) -> str:
    """Return the line that stands for ``alternative``."""
    parts = [_escape(alternative.text)]
    if alternative.safe:
        parts.append("[safe]")
    if alternative.safe_because:
        parts.append(f"[safe because: {_escape(alternative.safe_because)}]")
    if alternative.for_terms:
        parts.append(f"[for: {', '.join(alternative.for_terms)}]")
    parts.extend(f"[{feature}: {form}]" for feature, form in alternative.forms)
    if alternative.gender:
        parts.append(f"[gender: {alternative.gender}]")
    return " ".join(parts)


def format_value(field: str, value: Any) -> str:
    """Return the text a translator edits for ``value`` of ``field``."""
    if field == "terms":
        return "\n".join(format_term(term) for term in value)
    if field == "alternatives":
        return "\n".join(format_alternative(alternative) for alternative in value)
    if field in LIST_FIELDS:
        return "\n".join(value)
    return str(value)


def _split_markers(line: str) -> tuple[str, list[str]]:
    markers: list[str] = []
    while True:
        match = _MARKER.search(line)
        if match is None:
            return _unescape(line.strip()), markers[::-1]
        markers.append(" ".join(match.group(1).split()))
        line = line[: match.start()]


def _words(raw: str, what: str, offset: int) -> tuple[str, ...]:
    words = tuple(word.strip() for word in raw.split(","))
    if not all(words):
        raise FieldError(_("empty word in [{option}: ...]").format(option=what), offset)
    return words


def parse_term(line: str, offset: int = 0) -> Term:
    """Return the term a line stands for; raise :class:`FieldError` for an unknown option."""
    text, markers = _split_markers(line)
    if not text:
        raise FieldError(_("a term has no text before its options"), offset)
    values: dict[str, Any] = {}
    for marker in markers:
        label, colon, rest = marker.partition(":")
        label = label.strip().lower()
        if colon and label in _TERM_LISTS:
            values[_TERM_LISTS[label]] = _words(rest, label, offset)
        elif not colon and label in _TERM_FLAGS:
            key, flag = _TERM_FLAGS[label]
            values[key] = flag
        elif colon and label in _TERM_NUMBERS and rest.strip().isdigit():
            values[_TERM_NUMBERS[label]] = int(rest.strip())
        elif colon and label == "severity":
            try:
                values["severity"] = Severity.parse(rest)
            except ValueError as error:
                raise FieldError(str(error), offset) from None
        else:
            known = ", ".join(
                [f"[{k}: ...]" for k in [*_TERM_LISTS, *_TERM_NUMBERS]] + [f"[{k}]" for k in _TERM_FLAGS] + ["[severity: ...]"]
            )
            raise FieldError(_("unknown term option [{option}]; known: {known}").format(option=marker, known=known), offset)
    return Term(text, **values)


def parse_alternative(line: str, offset: int = 0) -> Alternative:
    """Return the alternative a line stands for; raise :class:`FieldError` for an unknown option."""
    text, markers = _split_markers(line)
    if not text:
        raise FieldError(_("an alternative has no text before its options"), offset)
    safe = False
    because = ""
    for_terms: tuple[str, ...] = ()
    forms: list[tuple[str, str]] = []
    gender: str | None = None
    for marker in markers:
        label, colon, rest = marker.partition(":")
        label = label.strip().lower()
        if not colon and label == "safe":
            safe = True
        elif colon and label == "safe because" and rest.strip():
            because = _unescape(rest.strip())
        elif colon and label == "for":
            for_terms = _words(rest, "for", offset)
        elif colon and label in FORM_FEATURES and rest.strip():
            forms.append((label, rest.strip()))
        elif colon and label == "gender" and rest.strip() in GENDERS:
            gender = rest.strip()
        else:
            known = ", ".join(
                [
                    "[safe]",
                    "[safe because: ...]",
                    "[for: ...]",
                    *(f"[{f}: ...]" for f in FORM_FEATURES),
                    f"[gender: {'|'.join(GENDERS)}]",
                ]
            )
            raise FieldError(
                _("unknown alternative option [{option}]; known: {known}").format(option=marker, known=known), offset
            )
    return Alternative(text, safe=safe, for_terms=for_terms, forms=tuple(forms), gender=gender, safe_because=because)


def parse_value(field: str, text: str) -> Any:
    """Return the value ``text`` stands for in ``field`` (a tuple for list fields, a string for the note).

    Raises :class:`FieldError` for an empty value, an empty line inside a list, or an
    unknown option.
    """
    stripped = text.strip()
    if not stripped:
        raise FieldError(_("empty value for required field {field}").format(field=repr(field)))
    if field not in LIST_FIELDS:
        return stripped
    lines = stripped.split("\n")
    items: list[Any] = []
    for offset, line in enumerate(lines):
        if not line.strip():
            raise FieldError(
                _("malformed list in {field}: empty line {line} (one item per line)").format(field=repr(field), line=offset + 1),
                offset,
            )
        if field == "terms":
            items.append(parse_term(line, offset))
        elif field == "alternatives":
            items.append(parse_alternative(line, offset))
        else:
            items.append(line.strip())
    return tuple(items)
