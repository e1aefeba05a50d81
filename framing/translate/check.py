"""Checking translations: lint each msgstr of a gettext catalog (PO, POT or MO) in its target locale.

A finding in a translation whose concept the source text (msgid) does not raise is
marked *introduced in translation*: that is where a neutral word most often turns into a
loaded one ("coordinator" rendered as "Führer"). A template (POT) has no translations;
its source texts are checked instead.

Each finding is also placed in the catalog file (:attr:`CatalogFinding.located`), the
way ``framing lint`` places findings in a PO or MO file, so that the lint reporters
(text, JSON, SARIF, GitHub) show it: :func:`located` collects them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import polib  # type: ignore[import-untyped]

from framing import locales
from framing.documents import LineIndex
from framing.errors import LocaleError
from framing.i18n import _
from framing.lexicon import Lexicon, load
from framing.linter import Linter
from framing.model import Finding
from framing.readers import gettext
from framing.report import Located
from framing.translate import CatalogError
from framing.translate.po import msgstr_line

MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


@dataclass(frozen=True)
class CatalogFinding:
    """A finding in one catalog entry: where, which msgid, and whether it is new.

    ``line`` is the line of the entry's ``msgstr`` (``msgstr[N]`` for a plural form; the
    entry's first line in a template), None for MO files. ``finding`` has offsets into
    the linted string. ``located`` is the same finding placed in the catalog file, as the
    reporters take it (see :func:`located`).
    """

    path: str
    line: int | None
    msgid: str
    msgctxt: str | None
    finding: Finding
    introduced: bool
    located: Located


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


def _texts(entry: polib._BaseEntry) -> list[tuple[int | None, str]]:
    """Return the entry's non-empty translations, each with its plural form (None for a singular entry)."""
    if entry.msgstr_plural:
        return [(form, text) for form, text in sorted(entry.msgstr_plural.items()) if text]
    return [(None, entry.msgstr)] if entry.msgstr else []


def _keyword(form: int | None) -> str:
    return "msgstr" if form is None else f"msgstr[{form}]"


def _line(lines: list[str], entry: polib._BaseEntry, form: int | None) -> int | None:
    """Return the line of the entry's ``msgstr`` (``msgstr[form]`` for plural entries)."""
    if form is None:
        return msgstr_line(lines, entry)
    keyword = _keyword(form)
    for number in range(max(entry.linenum or 1, 1), len(lines) + 1):
        if lines[number - 1].startswith(keyword):
            return number
    return entry.linenum


def _remark(msgid: str, *, introduced: bool) -> str:
    """Return what the text reports say after a finding: the entry's msgid, shortened, and whether it is new."""
    text = " ".join(msgid.split())
    remark = f'msgid "{text[:60]}{"…" if len(text) > 60 else ""}"'
    return remark + (" [" + _("introduced in translation") + "]" if introduced else "")


class _CatalogFile:
    """The text of a catalog file and where its strings are in it, to place findings the way ``framing lint`` does.

    A PO file's text is decoded in its charset; an MO file's bytes are decoded as UTF-8
    with surrogate escapes, as :func:`framing.readers.gettext.decode_mo` does.
    """

    def __init__(self, path: str | Path, kind: str, encoding: str | None) -> None:
        self.path = str(path)
        self.kind = kind
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            raise CatalogError(_("cannot read catalog: {reason}").format(reason=error.strerror or error), path=path) from None
        self.mo: dict[bytes, tuple[tuple[int, int], ...]] = {}
        self.strings: dict[int, tuple[str, tuple[tuple[int, int], ...]]] = {}
        if kind == "mo":
            self.text = gettext.decode_mo(raw)
            self.mo = gettext.mo_strings(raw)
        else:
            try:
                self.text = raw.decode(encoding or "utf-8", errors="replace")
            except LookupError:
                self.text = raw.decode("utf-8", errors="replace")
            self.text = self.text.removeprefix("\ufeff")  # as `framing lint` reads it: the text never holds the mark
            self.strings = gettext.quoted_strings(self.text)
        self.lines = self.text.splitlines()
        self.index = LineIndex(self.text)

    def locate(self, entry: polib._BaseEntry, form: int | None, text: str, finding: Finding, *, introduced: bool) -> Located:
        """Return ``finding``, found in ``text`` (the entry's translation ``form``, or its source), placed in the file."""
        span = self._span(entry, form, text, finding)
        if span is None:  # not found where it should be: the start of the entry
            start = end = self.index.starts[min(max((entry.linenum or 1) - 1, 0), len(self.index.starts) - 1)]
            exact = False
        else:
            start, end, exact = span
        placed = replace(finding, start=start, end=end, text=self.text[start:end] if exact else finding.text)
        line, column = self.index.position(start)
        end_line, end_column = self.index.position(end)
        extra: list[tuple[str, object]] = [("msgid", entry.msgid)]
        if entry.msgctxt is not None:
            extra.append(("msgctxt", entry.msgctxt))
        extra.append(("introduced", introduced))
        remark = _remark(entry.msgid, introduced=introduced)
        return Located(self.path, line, column, end_line, end_column, placed, remark, tuple(extra))

    def _span(self, entry: polib._BaseEntry, form: int | None, text: str, finding: Finding) -> tuple[int, int, bool] | None:
        """Return the file offsets of ``finding`` and whether they hold its very text; None when the string is not found."""
        if self.kind == "mo":
            original = ("" if entry.msgctxt is None else entry.msgctxt + "\x04") + entry.msgid
            if entry.msgid_plural:
                original += "\0" + entry.msgid_plural
            forms = self.mo.get(original.encode("utf-8", "surrogateescape"))
            if not forms or (form or 0) >= len(forms):
                return None
            start, end = forms[form or 0]
            if self.text[start:end] != text:
                return start, end, False
            return start + finding.start, start + finding.end, True
        if self.kind == "pot":
            keywords = ("msgid", "msgid_plural") if entry.msgid_plural else ("msgid",)
        else:
            keywords = (_keyword(form),)
        strings = [self._string(entry, keyword) for keyword in keywords]
        if not all(strings):
            return None
        prose = gettext.decode_strings(self.text, strings)
        if prose.text != text:
            return strings[0][0][0], strings[-1][-1][1], False
        return prose.to_source(finding.start, finding.end)

    def _string(self, entry: polib._BaseEntry, keyword: str) -> tuple[tuple[int, int], ...]:
        """Return the source ranges of the entry's string ``keyword`` (empty when not found)."""
        seen_msgid = False
        for number in range(max(entry.linenum or 1, 1), len(self.lines) + 1):
            found = self.strings.get(number)
            if found is None:
                continue
            if found[0] == keyword:
                return found[1]
            if found[0] == "msgid":
                if seen_msgid:
                    break  # the next entry
                seen_msgid = True
        return ()


def _concepts(linter: Linter, texts: Iterable[str]) -> list[list[Finding]]:
    return list(linter.lint_many(texts))


class CatalogChecker:
    """Checks many catalogs against one lexicon, building each locale's linter once.

    ``source_locale`` is the language of the msgids.
    """

    def __init__(self, lexicon: Lexicon, source_locale: str = "en") -> None:
        self.lexicon = lexicon
        self.source = locales.parse_supported(source_locale)
        self._linters: dict[str, Linter] = {}

    def linter(self, locale: str) -> Linter:
        """Return the linter of ``locale`` (made on first use)."""
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
            found = self._findings(path, kind, target, entries, getattr(catalog, "encoding", None))
        return CatalogReport(str(path), kind, target, self.source, coverage(catalog), tuple(found))

    def _findings(
        self, path: str | Path, kind: str, target: str, entries: list[polib._BaseEntry], encoding: str | None
    ) -> list[CatalogFinding]:
        file = _CatalogFile(path, kind, encoding)
        sources = _concepts(self.linter(self.source), (_source(e) for e in entries))
        translated: list[list[tuple[int | None, str, Finding]]]
        if kind == "pot":
            translated = [[(None, _source(e), f) for f in findings] for e, findings in zip(entries, sources, strict=True)]
        else:
            texts = [_texts(e) for e in entries]
            flat = _concepts(self.linter(target), (text for group in texts for _, text in group))
            translated = []
            position = 0
            for group in texts:
                results = flat[position : position + len(group)]
                translated.append(
                    [(form, text, f) for (form, text), findings in zip(group, results, strict=True) for f in findings]
                )
                position += len(group)
        found = []
        for entry, in_translation, in_source in zip(entries, translated, sources, strict=True):
            source_concepts = {f.concept for f in in_source}
            for form, text, finding in in_translation:
                line = None if kind == "mo" else (entry.linenum if kind == "pot" else _line(file.lines, entry, form))
                introduced = kind != "pot" and finding.concept not in source_concepts
                placed = file.locate(entry, form, text, finding, introduced=introduced)
                found.append(CatalogFinding(str(path), line, entry.msgid, entry.msgctxt, finding, introduced, placed))
        found.sort(key=lambda item: (item.located.finding.start, item.located.finding.end))
        return found


def located(reports: Iterable[CatalogReport], *, introduced_only: bool = False) -> list[Located]:
    """Return the findings of ``reports`` placed in their catalog files, in order, as the lint reporters take them.

    With ``introduced_only``, only the findings introduced in translation. Each carries
    the entry's ``msgid``, its ``msgctxt`` when it has one, and ``introduced`` as extra
    fields, and a remark naming the msgid (and marking new findings) for the text reports.
    """
    return [item.located for report in reports for item in report.findings if item.introduced or not introduced_only]


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
