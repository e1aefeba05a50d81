"""Read lexicon files (TOML) into concepts and entries, checking them as we go.

A lexicon is read in *layers*: the built-in files first, then each user path in order.
A layer's entry for a concept that already exists extends it (or replaces or disables
it); regional locales (``pt_BR``) extend their language (``pt``) the same way. Every
problem is reported with the file and line it comes from, and a lexicon with problems
does not load. Checking the examples needs the matcher and lives in ``framing.engine``.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing import locales
from framing.errors import LexiconError, LocaleError
from framing.i18n import _
from framing.model import (
    CATEGORIES,
    CONCERNS,
    FORM_FEATURES,
    GENDERED_LANGUAGES,
    GENDERS,
    MAX_LITERAL_WINDOW,
    MAX_SHORT,
    MAX_WINDOW,
    MAX_WITHIN,
    SHORT_PLACEHOLDER,
    TERM_OPTIONS,
    WORD_SHAPES,
    Alternative,
    Concept,
    Entry,
    Example,
    Literal,
    Severity,
    Source,
    Term,
)

REGISTRY_KEYS = {"category", "severity", "sources"}
ENTRY_KEYS = {
    "terms",
    "note",
    "alternatives",
    "must_flag",
    "must_not_flag",
    "severity",
    "sources",
    "audience",
    "audience_severity",
    "reading",
    "short",
    "short_reading",
    "loaded",
    "category",
    "replace",
    "disabled",
    "concern",
    "literal",
}
REQUIRED_ENTRY_KEYS = ("terms", "note", "alternatives", "must_flag", "must_not_flag")
TERM_KEYS = {"text", *TERM_OPTIONS}
ALTERNATIVE_KEYS = {"text", "safe", "for", "forms", "gender", "safe_because"}
LITERAL_KEYS = {"near", "preceded_by", "followed_by", "years", "window", "within"}
#: The top-level table of a locale file that defines its word classes (not a concept).
WORD_CLASSES_KEY = "word_classes"
LIST_KEYS = ("terms", "alternatives", "sources", "must_flag", "must_not_flag")
CONCEPT_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
MAX_FILE_BYTES = 16 * 1024 * 1024


def builtin_dir() -> Path:
    """Return the folder of the built-in lexicons: inside the installed wheel, or the source tree."""
    from importlib import resources

    packaged = Path(str(resources.files("framing"))) / "lexicons"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "lexicons"


# --- locating keys and values in the raw text, for file:line messages ------------------

_HEADER = re.compile(r"^\s*\[(?!\[)\s*(.+?)\s*\]\s*(#.*)?$")


class Locator:
    """Finds the line of a table, a key or a value in a TOML file's text.

    ``tomllib`` gives no positions, so we scan the text: table headers are unambiguous,
    and keys and values are searched for within their table's lines.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: dict[str, int] = {}
        starts: list[int] = []
        for number, line in enumerate(self.lines, start=1):
            match = _HEADER.match(line)
            if match:
                name = match.group(1).strip().strip('"').strip("'")
                self.tables.setdefault(name, number)
                starts.append(number)
        self._starts = starts

    def table(self, name: str) -> int | None:
        """Return the line of ``[name]``, or None when the table is written inline."""
        return self.tables.get(name)

    def _range(self, table: str | None) -> range:
        if table is None or table not in self.tables:
            end = self._starts[0] if self._starts else len(self.lines) + 1
            return range(1, end)
        start = self.tables[table]
        # bisect, not a scan: a lexicon with many tables must load in linear time
        following = bisect.bisect_right(self._starts, start)
        return range(start, self._starts[following] if following < len(self._starts) else len(self.lines) + 1)

    def key(self, table: str | None, key: str) -> int | None:
        """Return the line where ``key`` is set in ``table`` (None: the top level)."""
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in self._range(table):
            if pattern.match(self.lines[number - 1]):
                return number
        return self.table(table) if table else None

    def value(self, table: str | None, key: str, value: str) -> int | None:
        """Return the line of a string ``value`` under ``key`` in ``table``, or the key's line."""
        start = self.key(table, key) or (self.table(table) if table else 1) or 1
        needles = {value, value.replace("\\", "\\\\").replace('"', '\\"')}
        needles |= {value.split("\n", 1)[0]} if value.strip() else set()
        for number in self._range(table):
            if number < start:
                continue
            if any(n and n in self.lines[number - 1] for n in needles):
                return number
        return start


# --- the layers ------------------------------------------------------------------------


@dataclass
class EntryLayer:
    """One file's entry for a concept in a locale, with only the keys that file gives."""

    concept: str
    locale: str
    values: dict[str, Any]
    where: Source
    replace: bool = False
    disabled: bool = False


@dataclass
class RegistryItem:
    """One file's registry table for a concept."""

    concept: str
    category: str | None
    severity: Severity | None
    sources: tuple[str, ...]
    where: Source


@dataclass
class WordClassLayer:
    """One file's definition of a word class of a locale (``[word_classes]``): its words are added to the class."""

    locale: str
    name: str
    words: tuple[str, ...]
    where: Source
    inflect: bool = True


@dataclass
class LexiconFiles:
    """Everything read from a set of lexicon files, before entries are resolved."""

    registry: list[RegistryItem] = field(default_factory=list)
    entries: list[EntryLayer] = field(default_factory=list)
    disabled: list[tuple[str, Source]] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    problems: list[LexiconError] = field(default_factory=list)
    digest_parts: list[str] = field(default_factory=list)
    word_classes: list[WordClassLayer] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """Return a hash of every file read, for keying caches."""
        return hashlib.sha256("\n".join(self.digest_parts).encode()).hexdigest()


class _FileReader:
    """Reads one TOML file; collects problems rather than stopping at the first."""

    def __init__(self, path: Path, files: LexiconFiles) -> None:
        self.path = path
        self.files = files
        self.locator: Locator | None = None

    def problem(self, message: str, line: int | None) -> None:
        self.files.problems.append(LexiconError(message, path=self.path, line=line))

    def load(self) -> dict[str, Any] | None:
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.problem(
                    _("lexicon file is too large ({size} bytes; the limit is {limit})").format(size=size, limit=MAX_FILE_BYTES),
                    None,
                )
                return None
            raw = self.path.read_bytes()
        except OSError as error:
            self.problem(_("cannot read lexicon file: {reason}").format(reason=error.strerror or error), None)
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            self.problem(_("lexicon file is not UTF-8 (byte {offset})").format(offset=error.start), None)
            return None
        self.files.digest_parts.append(hashlib.sha256(raw).hexdigest() + str(self.path.name))
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            match = re.search(r"line (\d+)", str(error))
            line = int(match.group(1)) if match else max(1, len(text.splitlines()))  # "at end of document"
            self.problem(_("TOML syntax error: {reason}").format(reason=str(error).split(" (at")[0]), line)
            return None
        except RecursionError:
            self.problem(_("TOML nesting is too deep"), None)
            return None
        self.locator = Locator(text)
        self.files.paths.append(self.path)
        return data

    # -- registry files

    def read_registry(self) -> None:
        data = self.load()
        if data is None or self.locator is None:
            return
        for concept, table in data.items():
            line = self.locator.table(concept)
            if not CONCEPT_ID.match(concept):
                self.problem(
                    _("concept id {concept} must be lower-case letters, digits, '-' or '_'").format(concept=repr(concept)), line
                )
                continue
            if not isinstance(table, dict):
                self.problem(
                    _("concept {concept} must be a table").format(concept=repr(concept)), self.locator.key(None, concept)
                )
                continue
            for key in table:
                if key not in REGISTRY_KEYS:
                    self.problem(
                        _("unknown key {key} in registry entry {concept}").format(key=repr(key), concept=repr(concept)),
                        self.locator.key(concept, key),
                    )
            category = self.category(table, concept)
            severity = self.severity(table, concept, "severity")
            sources = self.strings(table, concept, "sources") if "sources" in table else []
            self.files.registry.append(RegistryItem(concept, category, severity, tuple(sources), Source(str(self.path), line)))

    # -- locale files

    def read_locale(self, locale_hint: str | None) -> None:
        data = self.load()
        if data is None or self.locator is None:
            return
        declared = data.pop("locale", None)
        code = declared if isinstance(declared, str) else locale_hint
        if declared is not None and not isinstance(declared, str):
            self.problem(_("'locale' must be a string"), self.locator.key(None, "locale"))
        if code is None:
            self.problem(_('cannot tell the locale: name the file <locale>.toml or set locale = ".."'), None)
            return
        try:
            locale = locales.parse_supported(code)
        except LocaleError as error:
            self.problem(error.message, self.locator.key(None, "locale") if declared else None)
            return
        classes = data.pop(WORD_CLASSES_KEY, None)
        if classes is not None:
            self.read_word_classes(locale, classes)
        disable = data.pop("disable", None)
        if disable is not None:
            for concept in self.strings({"disable": disable}, None, "disable"):
                self.files.disabled.append((concept, Source(str(self.path), self.locator.key(None, "disable"))))
        for concept, table in data.items():
            line = self.locator.table(concept)
            if not CONCEPT_ID.match(concept):
                self.problem(
                    _("concept id {concept} must be lower-case letters, digits, '-' or '_'").format(concept=repr(concept)), line
                )
                continue
            if not isinstance(table, dict):
                self.problem(
                    _("unknown top-level key {concept} (entries are tables: [{table}])").format(
                        concept=repr(concept), table=concept
                    ),
                    self.locator.key(None, concept),
                )
                continue
            self.read_entry(concept, locale, table, line)

    def read_word_classes(self, locale: str, classes: Any) -> None:
        assert self.locator is not None
        if not isinstance(classes, dict):
            self.problem(_("'word_classes' must be a table of word lists"), self.locator.key(None, WORD_CLASSES_KEY))
            return
        for name, value in classes.items():
            line = self.locator.key(WORD_CLASSES_KEY, name)
            if not CONCEPT_ID.match(name):
                self.problem(_("word class {name} must be lower-case letters, digits, '-' or '_'").format(name=repr(name)), line)
                continue
            # A list of words, or a table { words = [...], inflect = false } for words taken as written.
            words, inflect = (value.get("words"), value.get("inflect", True)) if isinstance(value, dict) else (value, True)
            if isinstance(value, dict) and (set(value) - {"words", "inflect"} or not isinstance(inflect, bool)):
                words = None
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                self.problem(
                    _("word class {name} must be a list of non-empty strings, or a table with 'words' and 'inflect'").format(
                        name=repr(name)
                    ),
                    line,
                )
                continue
            self.files.word_classes.append(
                WordClassLayer(locale, name, tuple(w.strip() for w in words), Source(str(self.path), line), inflect=inflect)
            )

    def read_entry(self, concept: str, locale: str, table: dict[str, Any], line: int | None) -> None:
        assert self.locator is not None
        values: dict[str, Any] = {}
        for key in table:
            if key not in ENTRY_KEYS:
                hint = _closest(key, ENTRY_KEYS)
                self.problem(
                    (
                        _("unknown key {key} in entry {concept} (did you mean {hint}?)")
                        if hint
                        else _("unknown key {key} in entry {concept}")
                    ).format(key=repr(key), concept=repr(concept), hint=repr(hint)),
                    self.locator.key(concept, key),
                )
        if "terms" in table:
            values["terms"] = tuple(self.terms(table["terms"], concept))
        for key in ("note", "reading"):
            if key in table:
                text = self.string(table, concept, key)
                if text is not None:
                    values[key] = text
        for key in ("short", "short_reading"):
            if key in table:
                text = self.string(table, concept, key)
                if text is not None and self.short_message(text, concept, key):
                    values[key] = " ".join(text.split())
        if "alternatives" in table:
            values["alternatives"] = tuple(self.alternatives(table["alternatives"], concept))
        for key in ("must_flag", "must_not_flag"):
            if key in table:
                values[key] = tuple(
                    Example(text, Source(str(self.path), self.locator.value(concept, key, text)))
                    for text in self.strings(table, concept, key)
                )
        if "sources" in table:
            values["sources"] = tuple(self.strings(table, concept, "sources"))
        for key in ("severity", "audience_severity"):
            if key in table:
                severity = self.severity(table, concept, key)
                if severity is not None:
                    values[key] = severity
        if "category" in table:
            category = self.category(table, concept)
            if category is not None:
                values["category"] = category
        if "audience" in table:
            audience = []
            for code in self.strings(table, concept, "audience"):
                try:
                    audience.append(locales.parse_supported(code))
                except LocaleError as error:
                    self.problem(
                        _("audience of {concept}: {reason}").format(concept=repr(concept), reason=error.message),
                        self.locator.value(concept, "audience", code),
                    )
            values["audience"] = tuple(audience)
        if "concern" in table:
            concern = table["concern"]
            if concern in CONCERNS:
                values["concern"] = concern
            else:
                self.problem(
                    _("concern of {concept} must be one of {expected}").format(
                        concept=repr(concept), expected=", ".join(repr(c) for c in CONCERNS)
                    ),
                    self.locator.key(concept, "concern"),
                )
        if "literal" in table:
            literal = self.literal(table["literal"], concept)
            if literal is not None:
                values["literal"] = literal
        flags = {}
        for key in ("loaded", "replace", "disabled"):
            if key in table:
                if isinstance(table[key], bool):
                    flags[key] = table[key]
                else:
                    self.problem(
                        _("{key} of {concept} must be true or false").format(key=repr(key), concept=repr(concept)),
                        self.locator.key(concept, key),
                    )
        if "loaded" in flags:
            values["loaded"] = flags["loaded"]
        self.files.entries.append(
            EntryLayer(
                concept,
                locale,
                values,
                Source(str(self.path), line if line is not None else self.locator.key(None, concept)),
                replace=flags.get("replace", False),
                disabled=flags.get("disabled", False),
            )
        )

    # -- typed values

    def string(self, table: dict[str, Any], concept: str, key: str) -> str | None:
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.problem(
                _("{key} of {concept} must be a non-empty string").format(key=repr(key), concept=repr(concept)),
                self._line(concept, key),
            )
            return None
        return value.strip()

    def short_message(self, text: str, concept: str, key: str) -> bool:
        """Return whether ``text`` can be a report line's message: one line, short, no placeholder but ``{text}``."""
        problem = None
        if "\n" in text.strip():
            problem = _("{key} of {concept} must be one line")
        elif len(" ".join(text.split()).replace(SHORT_PLACEHOLDER, "")) > MAX_SHORT:
            problem = _("{key} of {concept} is longer than {limit} characters; the full text belongs in the note")
        elif re.search(r"\{(?!text\})[^}]*\}", text):
            problem = _("{key} of {concept} may only use the placeholder {{text}} (the matched words)")
        if problem:
            self.problem(problem.format(key=repr(key), concept=repr(concept), limit=MAX_SHORT), self._line(concept, key))
            return False
        return True

    def strings(self, table: dict[str, Any], concept: str | None, key: str) -> list[str]:
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            message = (
                _("{key} of {concept} must be a list of non-empty strings")
                if concept
                else _("{key} must be a list of non-empty strings")
            )
            self.problem(message.format(key=repr(key), concept=repr(concept)), self._line(concept, key))
            return []
        return [v.strip() for v in value]

    def severity(self, table: dict[str, Any], concept: str, key: str) -> Severity | None:
        value = table.get(key)
        if value is None:
            return None
        try:
            return Severity.parse(value) if isinstance(value, str) else Severity.parse("?")
        except ValueError as error:
            self.problem(
                _("{key} of {concept}: {reason}").format(key=repr(key), concept=repr(concept), reason=error),
                self._line(concept, key),
            )
            return None

    def category(self, table: dict[str, Any], concept: str) -> str | None:
        value = table.get("category")
        if value is None:
            return None
        if value not in CATEGORIES:
            self.problem(
                _("unknown category {value} for {concept}; expected one of {expected}").format(
                    value=repr(value), concept=repr(concept), expected=", ".join(CATEGORIES)
                ),
                self._line(concept, "category"),
            )
            return None
        return str(value)

    def terms(self, value: Any, concept: str) -> Iterator[Term]:
        if not isinstance(value, list):
            self.problem(_("'terms' of {concept} must be a list").format(concept=repr(concept)), self._line(concept, "terms"))
            return
        for item in value:
            if isinstance(item, str) and item.strip():
                yield Term(item.strip())
                continue
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
                self.problem(
                    _("each term of {concept} must be a string or a table with 'text'").format(concept=repr(concept)),
                    self._line(concept, "terms"),
                )
                continue
            line = self.locator.value(concept, "terms", item["text"]) if self.locator else None
            for key in item:
                if key not in TERM_KEYS:
                    self.problem(
                        _("unknown key {key} in term {term} of {concept}").format(
                            key=repr(key), term=repr(item["text"]), concept=repr(concept)
                        ),
                        line,
                    )
            yield Term(item["text"].strip(), **self.term_options(item, line))

    def term_options(self, item: dict[str, Any], line: int | None) -> dict[str, Any]:
        """Return the options of a term table, checked against :data:`framing.model.TERM_OPTIONS`."""
        name = repr(item["text"])
        options: dict[str, Any] = {}
        for key, default in TERM_OPTIONS.items():
            if key not in item:
                continue
            value = item[key]
            if key == "severity":
                try:
                    options[key] = Severity.parse(value if isinstance(value, str) else "?")
                except ValueError as error:
                    self.problem(_("severity of term {term}: {reason}").format(term=name, reason=error), line)
            elif key == "gender":
                genders = [value] if isinstance(value, str) else value
                if not isinstance(genders, list) or not genders or not all(g in GENDERS for g in genders):
                    self.problem(
                        _("gender of term {term} must be one of {expected}, or a list of them").format(
                            term=name, expected=", ".join(GENDERS)
                        ),
                        line,
                    )
                else:
                    options[key] = tuple(dict.fromkeys(genders))
            elif isinstance(default, tuple):
                if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
                    self.problem(
                        _("{key} of term {term} must be a list of non-empty strings").format(key=repr(key), term=name), line
                    )
                else:
                    options[key] = tuple(w.strip() for w in value)
            elif isinstance(default, bool):
                if not isinstance(value, bool):
                    self.problem(_("{key} of term {term} must be true or false").format(key=repr(key), term=name), line)
                else:
                    options[key] = value
            elif isinstance(default, int):
                limit = MAX_WITHIN if key == "within" else MAX_WINDOW
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:
                    self.problem(
                        _("{key} of term {term} must be a whole number from 1 to {limit}").format(
                            key=repr(key), term=name, limit=limit
                        ),
                        line,
                    )
                else:
                    options[key] = value
        return options

    def literal(self, value: Any, concept: str) -> Literal | None:
        """Return the ``literal`` table of an entry, checked."""
        assert self.locator is not None
        line = self.locator.key(concept, "literal")
        if not isinstance(value, dict):
            self.problem(
                _("'literal' of {concept} must be a table, e.g. {example}").format(
                    concept=repr(concept), example='{ near = ["..."], years = [1933, 1945] }'
                ),
                line,
            )
            return None
        ok = True
        for key in value:
            if key not in LITERAL_KEYS:
                ok = False
                self.problem(
                    _("unknown key {key} in 'literal' of {concept}; expected one of {expected}").format(
                        key=repr(key), concept=repr(concept), expected=", ".join(sorted(LITERAL_KEYS))
                    ),
                    line,
                )
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("near", "preceded_by", "followed_by"):
            words = value.get(key, [])
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                ok = False
                self.problem(
                    _("{key} of 'literal' of {concept} must be a list of non-empty strings").format(
                        key=repr(key), concept=repr(concept)
                    ),
                    line,
                )
                words = []
            lists[key] = tuple(w.strip() for w in words)
        years = value.get("years")
        if years is not None and not (
            isinstance(years, list)
            and len(years) == 2
            and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
            and years[0] <= years[1]
        ):
            ok = False
            self.problem(
                _("'years' of 'literal' of {concept} must be two years, first to last, e.g. {example}").format(
                    concept=repr(concept), example="[1933, 1945]"
                ),
                line,
            )
            years = None
        numbers = {}
        for key, default, limit in (("window", 40, MAX_LITERAL_WINDOW), ("within", 2, MAX_WITHIN)):
            number = value.get(key, default)
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= limit:
                ok = False
                self.problem(
                    _("{key} of 'literal' of {concept} must be a whole number from 1 to {limit}").format(
                        key=repr(key), concept=repr(concept), limit=limit
                    ),
                    line,
                )
                number = default
            numbers[key] = number
        if ok and not any(lists.values()) and years is None:
            self.problem(
                _("'literal' of {concept} gives no marks of the literal sense (near, preceded_by, followed_by or years)").format(
                    concept=repr(concept)
                ),
                line,
            )
            return None
        return Literal(
            near=lists["near"],
            preceded_by=lists["preceded_by"],
            followed_by=lists["followed_by"],
            years=(years[0], years[1]) if years else None,
            window=numbers["window"],
            within=numbers["within"],
        )

    def alternatives(self, value: Any, concept: str) -> Iterator[Alternative]:
        if not isinstance(value, list):
            self.problem(
                _("'alternatives' of {concept} must be a list").format(concept=repr(concept)), self._line(concept, "alternatives")
            )
            return
        for item in value:
            if isinstance(item, str) and item.strip():
                yield Alternative(item.strip())
                continue
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
                self.problem(
                    _("each alternative of {concept} must be a string or a table with 'text'").format(concept=repr(concept)),
                    self._line(concept, "alternatives"),
                )
                continue
            line = self.locator.value(concept, "alternatives", item["text"]) if self.locator else None
            for key in item:
                if key not in ALTERNATIVE_KEYS:
                    self.problem(
                        _("unknown key {key} in alternative {alternative} of {concept}").format(
                            key=repr(key), alternative=repr(item["text"]), concept=repr(concept)
                        ),
                        line,
                    )
            safe = item.get("safe", False)
            if not isinstance(safe, bool):
                self.problem(
                    _("'safe' of alternative {alternative} must be true or false").format(alternative=repr(item["text"])), line
                )
                safe = False
            for_terms = item.get("for", [])
            if not isinstance(for_terms, list) or not all(isinstance(t, str) for t in for_terms):
                self.problem(
                    _("'for' of alternative {alternative} must be a list of terms").format(alternative=repr(item["text"])), line
                )
                for_terms = []
            forms, gender = self.alternative_forms(item, concept, line)
            because = item.get("safe_because", "")
            if not isinstance(because, str):
                self.problem(
                    _("'safe_because' of alternative {alternative} must be a string").format(alternative=repr(item["text"])),
                    line,
                )
                because = ""
            yield Alternative(
                item["text"].strip(),
                safe=safe,
                for_terms=tuple(t.strip() for t in for_terms),
                forms=forms,
                gender=gender,
                safe_because=" ".join(because.split()),
            )

    def alternative_forms(
        self, item: dict[str, Any], concept: str, line: int | None
    ) -> tuple[tuple[tuple[str, str], ...], str | None]:
        """Return the ``forms`` (feature, form) pairs and the ``gender`` of an alternative table."""
        name = item["text"]
        forms: list[tuple[str, str]] = []
        table = item.get("forms", {})
        if not isinstance(table, dict):
            self.problem(
                _("'forms' of alternative {alternative} of {concept} must be a table, e.g. {example}").format(
                    alternative=repr(name), concept=repr(concept), example='{ plural = "..." }'
                ),
                line,
            )
            table = {}
        for feature, form in table.items():
            if feature not in FORM_FEATURES:
                self.problem(
                    _("unknown form {feature} in alternative {alternative} of {concept}; expected one of {expected}").format(
                        feature=repr(feature), alternative=repr(name), concept=repr(concept), expected=", ".join(FORM_FEATURES)
                    ),
                    line,
                )
            elif not isinstance(form, str) or not form.strip():
                self.problem(
                    _("form {feature} of alternative {alternative} of {concept} must be a non-empty string").format(
                        feature=repr(feature), alternative=repr(name), concept=repr(concept)
                    ),
                    line,
                )
            else:
                forms.append((feature, form.strip()))
        gender = item.get("gender")
        if gender is not None and gender not in GENDERS:
            self.problem(
                _("'gender' of alternative {alternative} of {concept} must be one of {expected}").format(
                    alternative=repr(name), concept=repr(concept), expected=", ".join(GENDERS)
                ),
                line,
            )
            gender = None
        return tuple(forms), gender

    def _line(self, concept: str | None, key: str) -> int | None:
        return self.locator.key(concept, key) if self.locator else None


def _closest(key: str, known: Iterable[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _locale_files(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Yield (file, locale hint) for a lexicon folder laid out like ``lexicons/``."""
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")) or path.name in {"concepts.toml", "concepts"}:
            continue
        if path.is_dir():
            for inner in sorted(path.glob("*.toml")):
                yield inner, path.name
        elif path.suffix == ".toml":
            yield path, path.stem


@dataclass(frozen=True)
class PlannedFile:
    """A lexicon file a load will read: a registry file, or a locale file with the locale its name suggests."""

    path: Path
    registry: bool
    locale_hint: str | None = None


def plan_files(paths: Sequence[str | Path], *, builtin: bool = True) -> tuple[list[PlannedFile], list[Path]]:
    """Return the files a load reads, in reading order, and the paths that do not exist.

    The load is of the built-in lexicons (if ``builtin``) and ``paths``. Folders come
    first, each as its registry, then its locale files; single files last.
    """
    folders: list[Path] = [builtin_dir()] if builtin else []
    singles: list[Path] = []
    missing: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            folders.append(path)
        elif path.is_file():
            singles.append(path)
        else:
            missing.append(path)
    planned: list[PlannedFile] = []
    for folder in folders:
        if (folder / "concepts.toml").is_file():
            planned.append(PlannedFile(folder / "concepts.toml", registry=True))
        if (folder / "concepts").is_dir():
            planned.extend(PlannedFile(path, registry=True) for path in sorted((folder / "concepts").glob("*.toml")))
        planned.extend(PlannedFile(path, registry=False, locale_hint=hint) for path, hint in _locale_files(folder))
    for path in singles:
        registry = path.name == "concepts.toml"
        planned.append(PlannedFile(path, registry=registry, locale_hint=None if registry else path.stem))
    return planned, missing


def read_files(paths: Sequence[str | Path], *, builtin: bool = True) -> LexiconFiles:
    """Return the raw layers of the built-in lexicons (if ``builtin``) and of ``paths``.

    Problems are collected in ``LexiconFiles.problems``; nothing is raised here.
    """
    files = LexiconFiles()
    planned, missing = plan_files(paths, builtin=builtin)
    for path in missing:
        files.problems.append(LexiconError(_("no such lexicon file or folder"), path=path))
    for item in planned:
        reader = _FileReader(item.path, files)
        if item.registry:
            reader.read_registry()
        else:
            reader.read_locale(item.locale_hint)
    return files


# --- resolving layers into a lexicon -------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """The resolved termbase: concepts with their entries per locale, ready to match.

    ``digest`` identifies the files it was read from, for caches.
    """

    concepts: dict[str, Concept]
    digest: str
    paths: tuple[Path, ...] = ()
    classes: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, compare=False)
    uninflected: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)

    def word_classes(self, locale: str) -> dict[str, tuple[str, ...]]:
        """Return the word classes of ``locale`` (``[word_classes]``), a region's added to its language's."""
        merged: dict[str, tuple[str, ...]] = {}
        for code in reversed(locales.fallback_chain(locales.normalize(locale))):
            for name, words in self.classes.get(code, {}).items():
                merged[name] = tuple(dict.fromkeys(merged.get(name, ()) + words))
        return merged

    def uninflected_classes(self, locale: str) -> frozenset[str]:
        """Return the names of ``locale``'s word classes whose words are taken as written (``inflect = false``)."""
        found: set[str] = set()
        for code in locales.fallback_chain(locales.normalize(locale)):
            found |= self.uninflected.get(code, frozenset())
        return frozenset(found)

    def locales(self) -> list[str]:
        """Return every locale that has at least one entry, sorted."""
        return sorted({loc for concept in self.concepts.values() for loc in concept.entries})

    def entries(self, locale: str) -> list[Entry]:
        """Return the entries that apply to text in ``locale``, regional ones over their language's."""
        chain = locales.fallback_chain(locales.normalize(locale))
        found: list[Entry] = []
        for concept in self.concepts.values():
            for code in chain:
                if code in concept.entries:
                    found.append(concept.entries[code])
                    break
        return found

    def entry(self, concept: str, locale: str) -> Entry | None:
        """Return the entry of ``concept`` that applies to ``locale``, following the fallback chain."""
        known = self.concepts.get(concept)
        if known is None:
            return None
        for code in locales.fallback_chain(locales.normalize(locale)):
            if code in known.entries:
                return known.entries[code]
        return None


def _merge(base: dict[str, Any] | None, layer: EntryLayer) -> dict[str, Any]:
    if base is None or layer.replace:
        return dict(layer.values)
    merged = dict(base)
    for key, value in layer.values.items():
        if key in LIST_KEYS:
            merged[key] = tuple(dict.fromkeys(tuple(base.get(key, ())) + tuple(value)))
        else:
            merged[key] = value
    return merged


def resolve(files: LexiconFiles) -> Lexicon:
    """Return the lexicon the layers of ``files`` describe; raise :class:`LexiconError` on any problem."""
    lexicon, problems = resolve_leniently(files)
    if problems:
        raise LexiconError(problems[0].message, path=problems[0].path, line=problems[0].line, problems=tuple(problems))
    return lexicon


def resolve_leniently(files: LexiconFiles) -> tuple[Lexicon, list[LexiconError]]:
    """Return the lexicon of every entry that could be resolved, and the problems found.

    For ``framing lexicon validate``, which checks the examples of what loads even when
    other parts of the lexicon are broken.
    """
    problems = list(files.problems)
    registry: dict[str, RegistryItem] = {}
    for item in files.registry:
        if item.concept in registry:
            previous = registry[item.concept]
            item = RegistryItem(
                item.concept,
                item.category or previous.category,
                item.severity or previous.severity,
                tuple(dict.fromkeys(previous.sources + item.sources)),
                previous.where,
            )
        registry[item.concept] = item

    # Layers in reading order; a regional locale is applied on top of its language's result.
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    first_seen: dict[tuple[str, str], Source] = {}
    switched_off: set[tuple[str, str]] = set()
    for layer in files.entries:
        key = (layer.concept, layer.locale)
        if layer.disabled:
            switched_off.add(key)
            merged.pop(key, None)
            continue
        switched_off.discard(key)
        parent = None
        if key not in merged and "_" in layer.locale and not layer.replace:
            for code in locales.fallback_chain(layer.locale)[1:]:
                if (layer.concept, code) in merged:
                    parent = merged[(layer.concept, code)]
                    break
        merged[key] = _merge(merged.get(key, parent), layer)
        first_seen.setdefault(key, layer.where)
        merged[key]["_where"] = first_seen[key]
    disabled_everywhere = {concept for concept, _ in files.disabled}

    concepts: dict[str, Concept] = {}
    for (concept_id, locale), values in merged.items():
        if concept_id in disabled_everywhere:
            continue
        where: Source = values["_where"]
        line = where.line
        reg = registry.get(concept_id)
        category = values.get("category") or (reg.category if reg else None)
        if category is None:
            problems.append(
                LexiconError(
                    _("concept {concept} is not in the registry (concepts.toml) and its entry gives no 'category'").format(
                        concept=repr(concept_id)
                    ),
                    path=where.path,
                    line=line,
                )
            )
            continue
        missing = [key for key in REQUIRED_ENTRY_KEYS if not values.get(key)]
        if missing:
            problems.append(
                LexiconError(
                    _("entry {concept} ({locale}) is missing required {keys}").format(
                        concept=repr(concept_id), locale=locale, keys=", ".join(repr(m) for m in missing)
                    ),
                    path=where.path,
                    line=line,
                )
            )
            continue
        sources = tuple(dict.fromkeys((reg.sources if reg else ()) + tuple(values.get("sources", ()))))
        if not sources:
            problems.append(
                LexiconError(
                    _("entry {concept} ({locale}) cites no source (give 'sources' in the entry or the registry)").format(
                        concept=repr(concept_id), locale=locale
                    ),
                    path=where.path,
                    line=line,
                )
            )
            continue
        severity = values.get("severity") or (reg.severity if reg else None) or Severity.WARNING
        entry = Entry(
            concept=concept_id,
            locale=locale,
            terms=values["terms"],
            note=values["note"],
            alternatives=values["alternatives"],
            severity=severity,
            category=category,
            sources=sources,
            must_flag=values["must_flag"],
            must_not_flag=values["must_not_flag"],
            audience=values.get("audience", ()),
            audience_severity=values.get("audience_severity"),
            reading=values.get("reading"),
            short=values.get("short"),
            short_reading=values.get("short_reading"),
            loaded=values.get("loaded", True),
            where=where,
            concern=values.get("concern"),
            literal=values.get("literal"),
        )
        if concept_id not in concepts:
            concepts[concept_id] = Concept(
                concept_id,
                category,
                (reg.severity if reg and reg.severity else Severity.WARNING),
                reg.sources if reg else (),
            )
        concepts[concept_id].entries[locale] = entry

    for concept, where in files.disabled:
        if concept not in registry and not any(c == concept for c, _ in merged):
            problems.append(
                LexiconError(
                    _("cannot disable unknown concept {concept}").format(concept=repr(concept)), path=where.path, line=where.line
                )
            )

    classes: dict[str, dict[str, tuple[str, ...]]] = {}
    uninflected: dict[str, set[str]] = {}
    for word_class in files.word_classes:
        known = classes.setdefault(word_class.locale, {})
        known[word_class.name] = tuple(dict.fromkeys(known.get(word_class.name, ()) + word_class.words))
        if not word_class.inflect:
            uninflected.setdefault(word_class.locale, set()).add(word_class.name)
    lexicon = Lexicon(
        dict(sorted(concepts.items())),
        files.digest,
        tuple(files.paths),
        classes,
        {code: frozenset(names) for code, names in uninflected.items()},
    )
    problems.extend(_check_terms_unique(lexicon))
    problems.extend(_check_senses(lexicon))
    problems.extend(_check_safe_alternatives(lexicon))
    problems.extend(_check_audience_links(lexicon))
    problems.extend(_check_alternative_targets(lexicon))
    return lexicon, problems


def _term_key(term: Term) -> str:
    """Return what a term matches, as text: hyphens and spacing do not count (the matcher ignores them)."""
    text = re.sub(r"[-‐‑]", " ", term.text)
    return " ".join(text.split()) if term.case_sensitive else " ".join(text.lower().split())


def _check_terms_unique(lexicon: Lexicon) -> Iterator[LexiconError]:
    for locale in lexicon.locales():
        seen: dict[str, str] = {}
        for concept in lexicon.concepts.values():
            entry = concept.entries.get(locale)
            if entry is None:
                continue
            for term in entry.terms:
                key = _term_key(term)
                if key in seen:
                    where = entry.where or Source("?")
                    message = (
                        _("term {term} is listed twice in locale {locale} (also in this concept)")
                        if seen[key] == entry.concept
                        else _("term {term} is listed twice in locale {locale} (also in concept {concept})")
                    )
                    yield LexiconError(
                        message.format(term=repr(term.text), locale=locale, concept=repr(seen[key])),
                        path=where.path,
                        line=where.line,
                    )
                else:
                    seen[key] = entry.concept


def _class_references(entry: Entry) -> Iterator[str]:
    for term in entry.terms:
        for words in term.conditions.values():
            yield from (word for word in words if word.startswith("@"))
    if entry.literal is not None:
        for words in (entry.literal.near, entry.literal.preceded_by, entry.literal.followed_by):
            yield from (word for word in words if word.startswith("@"))


def _check_senses(lexicon: Lexicon) -> Iterator[LexiconError]:
    """Refuse unknown word classes, and literal marks on an entry whose concern is the word itself."""
    for concept in lexicon.concepts.values():
        for entry in concept.entries.values():
            where = entry.where or Source("?")
            classes = lexicon.word_classes(entry.locale)
            for reference in dict.fromkeys(_class_references(entry)):
                if reference not in WORD_SHAPES and reference[1:] not in classes:
                    known = sorted([*WORD_SHAPES, *(f"@{name}" for name in classes)])
                    yield LexiconError(
                        _(
                            "entry {concept} ({locale}) uses the word class {name}, which {locale} does not define; "
                            "known: {known}"
                        ).format(concept=repr(concept.id), locale=entry.locale, name=reference, known=", ".join(known)),
                        path=where.path,
                        line=where.line,
                    )
            if entry.literal is not None and entry.concern != "transferred":
                yield LexiconError(
                    _(
                        "entry {concept} ({locale}) marks a literal sense to leave alone, so its concern must be "
                        "'transferred' (say concern = \"transferred\")"
                    ).format(concept=repr(concept.id), locale=entry.locale),
                    path=where.path,
                    line=where.line,
                )


def _check_safe_alternatives(lexicon: Lexicon) -> Iterator[LexiconError]:
    """Refuse safe alternatives without a reason, and, in gendered languages, without a gender that agrees.

    A safe alternative replaces words without rewording the sentence, so it must say
    why that holds in every context (``safe_because``); where nouns have gender, it
    must have the gender of every term it replaces (a term of either gender needs an
    alternative with a feminine form too), or articles and adjectives stop agreeing.
    Whether its examples exercise the terms' other senses needs the matcher:
    :func:`framing.engine.check_examples` checks that.
    """
    for concept in lexicon.concepts.values():
        for entry in concept.entries.values():
            where = entry.where or Source("?")
            gendered = locales.language(entry.locale) in GENDERED_LANGUAGES
            for alternative in entry.alternatives:
                if not alternative.safe:
                    continue
                if not alternative.safe_because:
                    yield LexiconError(
                        _(
                            "safe alternative {alternative} of {concept} ({locale}) does not say why it is safe in every context "
                            "(give safe_because)"
                        ).format(alternative=repr(alternative.text), concept=repr(concept.id), locale=entry.locale),
                        path=where.path,
                        line=where.line,
                    )
                if not gendered:
                    continue
                for term in entry.terms:
                    if not alternative.applies_to(term.text):
                        continue
                    problem = alternative.disagrees_with(term)
                    if problem:
                        yield LexiconError(
                            _("safe alternative {alternative} of {concept} ({locale}) cannot replace {term}: {reason}").format(
                                alternative=repr(alternative.text),
                                concept=repr(concept.id),
                                locale=entry.locale,
                                term=repr(term.text),
                                reason=problem,
                            ),
                            path=where.path,
                            line=where.line,
                        )


def _check_audience_links(lexicon: Lexicon) -> Iterator[LexiconError]:
    for concept in lexicon.concepts.values():
        for entry in concept.entries.values():
            for code in entry.audience:
                if lexicon.entry(concept.id, code) is None:
                    where = entry.where or Source("?")
                    yield LexiconError(
                        _("entry {concept} ({locale}) links audience {audience} but {concept} has no {audience} entry").format(
                            concept=repr(concept.id), locale=entry.locale, audience=code
                        ),
                        path=where.path,
                        line=where.line,
                    )


def _check_alternative_targets(lexicon: Lexicon) -> Iterator[LexiconError]:
    for concept in lexicon.concepts.values():
        for entry in concept.entries.values():
            texts = {term.text for term in entry.terms}
            for alternative in entry.alternatives:
                unknown = [t for t in alternative.for_terms if t not in texts]
                if unknown:
                    where = entry.where or Source("?")
                    yield LexiconError(
                        _(
                            "alternative {alternative} of {concept} ({locale}) is 'for' {terms}, which is not among its terms"
                        ).format(
                            alternative=repr(alternative.text),
                            concept=repr(concept.id),
                            locale=entry.locale,
                            terms=", ".join(repr(u) for u in unknown),
                        ),
                        path=where.path,
                        line=where.line,
                    )


def advisories(lexicon: Lexicon) -> list[LexiconError]:
    """Return what a reviewer should fix but that does not stop ``lexicon`` from loading.

    An entry that does not say its ``concern`` (transferred or naming), and an entry
    that cites no source of its own: the registry's sources are shared by every locale
    and cannot stand in for a language they do not concern.
    """
    found: list[LexiconError] = []
    for concept in lexicon.concepts.values():
        for entry in concept.entries.values():
            where = entry.where or Source("?")
            messages = []
            if entry.concern is None:
                messages.append(_('entry {concept} ({locale}) does not say its concern (concern = "transferred" or "naming")'))
            if not set(entry.sources) - set(concept.sources):
                messages.append(_("entry {concept} ({locale}) cites no source of its own, in or about its language"))
            if entry.short is None:
                messages.append(_("entry {concept} ({locale}) has no short message for report lines ('short')"))
            if entry.reading is not None and entry.short_reading is None:
                messages.append(_("entry {concept} ({locale}) has a reading but no 'short_reading'"))
            found.extend(
                LexiconError(message.format(concept=repr(concept.id), locale=entry.locale), path=where.path, line=where.line)
                for message in messages
            )
    return found


def load_leniently(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> tuple[Lexicon, list[LexiconError]]:
    """Return what loads of the built-in lexicons and ``paths``, with every problem found; never raises."""
    return resolve_leniently(read_files(paths, builtin=builtin))


def load(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> Lexicon:
    """Return the built-in lexicons with ``paths`` layered on top; raise :class:`LexiconError` if any is broken."""
    return resolve(read_files(paths, builtin=builtin))
