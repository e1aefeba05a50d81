"""Checking translations: lint each msgstr of a gettext catalog (PO, POT or MO) in its target locale.

A finding in a translation whose concept the source text (msgid) does not raise is
marked *introduced in translation*: that is where a neutral word most often turns into a
loaded one ("coordinator" rendered as "Führer"). A template (POT) has no translations;
its source texts are checked instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib  # type: ignore[import-untyped]

from framing import locales
from framing.errors import LocaleError
from framing.i18n import _
from framing.lexicon import Lexicon, load
from framing.model import Finding
from framing.translate import CatalogError
from framing.translate.po import msgstr_line

MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


@dataclass(frozen=True)
class CatalogFinding:
    """A finding in one catalog entry: where (``line`` is None for MO files), which msgid, and whether it is new."""

    path: str
    line: int | None
    msgid: str
    msgctxt: str | None
    finding: Finding
    introduced: bool


@dataclass(frozen=True)
class Coverage:
    """How much of a catalog is translated, counted like ``msgfmt --statistics``."""

    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        """Return the number of messages."""
        return self.translated + self.fuzzy + self.untranslated


@dataclass(frozen=True)
class CatalogReport:
    """The result of checking one catalog."""

    path: str
    kind: str
    locale: str
    source_locale: str
    coverage: Coverage
    findings: tuple[CatalogFinding, ...]


def read_catalog(path: str | Path) -> tuple[polib._BaseFile, str]:
    """Return the catalog at ``path`` and its kind (``po``, ``pot`` or ``mo``); raise :class:`CatalogError`."""
    file = Path(path)
    try:
        head = file.read_bytes()[:4]
    except IsADirectoryError:
        raise CatalogError(_("is a directory"), path=path) from None
    except OSError as error:
        raise CatalogError(_("cannot read catalog: {reason}").format(reason=error.strerror or error), path=path) from None
    if head in MO_MAGIC:
        try:
            return polib.mofile(str(file)), "mo"
        except (OSError, ValueError, UnicodeDecodeError) as error:
            raise CatalogError(_("cannot read MO file: {reason}").format(reason=error), path=path) from None
    from framing.translate.po import read_po

    catalog = read_po(file)
    return catalog, "pot" if file.suffix.lower() == ".pot" else "po"


def catalog_locale(catalog: polib._BaseFile, path: str | Path) -> str:
    """Return the target locale of a catalog: its ``Language`` header, else the folder (``de/LC_MESSAGES``) or file name.

    Raises :class:`LocaleError` (naming the file) when none of them is a locale Babel knows.
    """
    file = Path(path)
    candidates = [catalog.metadata.get("Language", "")]
    if file.parent.name == "LC_MESSAGES":
        candidates.append(file.parent.parent.name)
    candidates.append(file.stem)
    for code in candidates:
        if code and code.strip():
            try:
                return locales.from_gettext(code)
            except LocaleError:
                continue
    raise LocaleError(_("cannot tell the catalog's language: no Language header; pass --locale"), path=path)


def coverage(catalog: polib._BaseFile) -> Coverage:
    """Return the catalog's translated, fuzzy and untranslated message counts (the header excluded)."""
    translated = fuzzy = untranslated = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        if "fuzzy" in getattr(entry, "flags", ()):
            fuzzy += 1
        elif _texts(entry):
            translated += 1
        else:
            untranslated += 1
    return Coverage(translated, fuzzy, untranslated)


def _texts(entry: polib._BaseEntry) -> list[str]:
    if entry.msgstr_plural:
        return [text for _, text in sorted(entry.msgstr_plural.items()) if text]
    return [entry.msgstr] if entry.msgstr else []


def _line(lines: list[str], entry: polib._BaseEntry, form: int) -> int | None:
    """Return the line of the entry's ``msgstr`` (``msgstr[form]`` for plural entries)."""
    if not entry.msgstr_plural:
        return msgstr_line(lines, entry)
    keyword = f"msgstr[{sorted(entry.msgstr_plural)[form]}]"
    for number in range(max(entry.linenum or 1, 1), len(lines) + 1):
        if lines[number - 1].startswith(keyword):
            return number
    return entry.linenum


def _concepts(linter: object, texts: Iterable[str]) -> list[list[Finding]]:
    return list(linter.lint_many(texts))  # type: ignore[attr-defined]


class CatalogChecker:
    """Checks many catalogs against one lexicon, building each locale's linter once.

    ``source_locale`` is the language of the msgids.
    """

    def __init__(self, lexicon: Lexicon, source_locale: str = "en") -> None:
        self.lexicon = lexicon
        self.source = locales.parse_supported(source_locale)
        self._linters: dict[str, object] = {}

    def linter(self, locale: str) -> object:
        """Return the linter of ``locale`` (made on first use)."""
        from framing.linter import Linter

        if locale not in self._linters:
            self._linters[locale] = Linter(locale, lexicon=self.lexicon)
        return self._linters[locale]

    def check(self, path: str | Path, *, locale: str | None = None) -> CatalogReport:
        """Return the findings in the translations of the catalog at ``path``, and its coverage.

        ``locale`` overrides the catalog's own language. Each translated entry (fuzzy ones
        included: they ship once a translator confirms them) is linted in the target
        locale, its msgid in the source locale. Raises :class:`CatalogError` for an
        unreadable catalog and ``LocaleError`` when its language is unknown or cannot be linted.
        """
        catalog, kind = read_catalog(path)
        if kind == "pot":
            target = self.source
        else:
            try:
                target = locales.parse_supported(locale or catalog_locale(catalog, path))
            except LocaleError as error:
                raise LocaleError(error.message, path=path) from None
        entries = [e for e in catalog if e.msgid and not e.obsolete and (kind == "pot" or _texts(e))]
        found: list[CatalogFinding] = []
        if entries and (self.lexicon.entries(target) or kind == "pot"):
            found = self._findings(path, kind, target, entries)
        return CatalogReport(str(path), kind, target, self.source, coverage(catalog), tuple(found))

    def _findings(self, path: str | Path, kind: str, target: str, entries: list[polib._BaseEntry]) -> list[CatalogFinding]:
        lines: list[str] = []
        if kind != "mo":
            try:
                lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
        sources = _concepts(self.linter(self.source), (_source(e) for e in entries))
        if kind == "pot":
            translated = [[(0, f) for f in findings] for findings in sources]
        else:
            texts = [_texts(e) for e in entries]
            flat = _concepts(self.linter(target), (t for group in texts for t in group))
            translated = []
            position = 0
            for group in texts:
                translated.append(
                    [(form, f) for form, findings in enumerate(flat[position : position + len(group)]) for f in findings]
                )
                position += len(group)
        found = []
        for entry, own, in_source in zip(entries, translated, sources, strict=True):
            source_concepts = {f.concept for f in in_source}
            for form, finding in own:
                line = None if kind == "mo" else (entry.linenum if kind == "pot" else _line(lines, entry, form))
                found.append(
                    CatalogFinding(
                        str(path),
                        line,
                        entry.msgid,
                        entry.msgctxt,
                        finding,
                        introduced=kind != "pot" and finding.concept not in source_concepts,
                    )
                )
        return found


def check_catalog(
    path: str | Path,
    *,
    locale: str | None = None,
    source_locale: str = "en",
    lexicons: Iterable[str | Path] = (),
    builtin: bool = True,
    lexicon: Lexicon | None = None,
) -> CatalogReport:
    """Return the findings in the translations of one catalog (see :meth:`CatalogChecker.check`)."""
    lexicon = lexicon if lexicon is not None else load(list(lexicons), builtin=builtin)
    return CatalogChecker(lexicon, source_locale).check(path, locale=locale)


def _source(entry: polib._BaseEntry) -> str:
    return entry.msgid + ("\n" + entry.msgid_plural if entry.msgid_plural else "")
