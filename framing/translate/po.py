"""Lexicons as gettext PO files: export for translators, and import their work back.

One PO entry per concept and field a translator fills (see :mod:`framing.translate.fields`):
``msgctxt`` is ``concept.field``, ``msgid`` the reference locale's text (English unless
told otherwise), ``msgstr`` the locale's current text. Extracted comments carry the
category, severity, sources and the reference examples; they are for people only and
never read back.

Which reference text a translation was made from is recorded at import in
``<lexicons>/_translated_from/<locale>.toml`` (the loader skips names starting with
``_``). An export marks a translation ``fuzzy`` when the reference text has changed
since, with the old text as ``previous_msgid`` (``#| msgid``), which Poedit and Weblate
show to translators.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib  # type: ignore[import-untyped]

from framing import locales
from framing.errors import FramingError, LexiconError, LocaleError
from framing.i18n import _
from framing.lexicon import Lexicon, LexiconFiles, builtin_dir, read_files, resolve
from framing.lexicon_edit import unified_diff, update_entries, write_atomic
from framing.model import CATEGORIES, Entry
from framing.translate import CatalogError
from framing.translate.fields import FIELD_HELP, FIELDS, FieldError, Key, entry_values, fields_of, format_value, parse_value
from framing.version import __version__

REFERENCE_LOCALE = "en"
TRANSLATED_FROM = "_translated_from"
REFERENCE_HEADER = "X-Framing-Reference-Locale"


# --- reading the lexicon folder ---------------------------------------------------------


@dataclass(frozen=True)
class LexiconFolder:
    """A lexicon folder laid out like ``lexicons/``, with its raw layers and the resolved lexicon."""

    root: Path
    files: LexiconFiles
    lexicon: Lexicon

    def entry_file(self, concept: str, locale: str) -> Path | None:
        """Return the file that holds the table of ``concept`` for exactly ``locale``, if one does."""
        for layer in self.files.entries:
            if layer.concept == concept and layer.locale == locale:
                return Path(layer.where.path)
        return None

    def own_values(self, concept: str, locale: str) -> dict[str, Any] | None:
        """Return the translatable values ``locale``'s own files give ``concept``, as :func:`entry_values` does.

        For a language these are its entry's values. A regional locale (``pt_BR``)
        extends its language's entry, so only the fields its own files set are
        returned: what a translator of the region edits. None when the locale has no
        entry for the concept (or, for a region, no table of its own).
        """
        known = self.lexicon.concepts.get(concept)
        entry = known.entries.get(locale) if known else None
        if known is None or entry is None:
            return None
        values = entry_values(entry, known.sources)
        if "_" not in locale:
            return values
        own: dict[str, Any] = {}
        for layer in self.files.entries:
            if layer.concept != concept or layer.locale != locale:
                continue
            if layer.replace:
                own = {}
            for name, value in layer.values.items():
                if name in ("must_flag", "must_not_flag"):
                    value = tuple(example.text for example in value)
                if name in values:
                    own[name] = tuple(dict.fromkeys((*own.get(name, ()), *value))) if isinstance(value, tuple) else value
        return own or None

    def relative(self, path: str | Path) -> str:
        """Return ``path`` relative to the folder, with forward slashes (for PO references)."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).name


def open_folder(root: str | Path | None = None) -> LexiconFolder:
    """Return the lexicon folder at ``root`` (default: the built-in lexicons); raise ``LexiconError`` if broken."""
    folder = Path(root) if root is not None else builtin_dir()
    if not folder.is_dir():
        raise LexiconError(_("no such lexicon folder"), path=folder)
    files = read_files([folder], builtin=False)
    return LexiconFolder(folder, files, resolve(files))


def _parse_locale(code: str, *, path: str | Path | None = None) -> str:
    try:
        return locales.parse_supported(code)
    except LocaleError as error:
        raise LocaleError(error.message, path=path) from None


# --- the header ----------------------------------------------------------------------------


def _timestamp() -> str:
    # SOURCE_DATE_EPOCH makes the output reproducible (and the golden files stable).
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch and epoch.isdigit() else time.gmtime()
    return time.strftime("%Y-%m-%d %H:%M+0000", moment)


def _header(locale: str | None, reference: str) -> dict[str, str]:
    stamp = _timestamp()
    metadata = {
        "Project-Id-Version": f"framing lexicons {__version__}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp if locale else "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": f"{locales.display_name(locale)}" if locale else "",
        "Language": locale or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if locale:
        metadata["Plural-Forms"] = locales.plural_forms(locale)
    metadata[REFERENCE_HEADER] = reference
    metadata["X-Generator"] = f"framing {__version__}"
    return metadata


def _new_catalog(locale: str | None, reference: str) -> polib.POFile:
    catalog = polib.POFile(wrapwidth=78)
    catalog.header = (
        f"Lexicon of framing: {locales.display_name(locale) if locale else 'template'}.\n"
        f"msgctxt is concept.field; msgid is the {locales.display_name(reference)} text.\n"
        "Lists are one item per line; see the extracted comments for each field.\n"
        "Weblate: a list may have more lines than its msgid; add the flag ignore-newline-count."
    )
    catalog.metadata = _header(locale, reference)
    return catalog


# --- export ----------------------------------------------------------------------------------


def _comments(entry: Entry, field_name: str, category_label: str) -> str:
    lines = [FIELD_HELP[field_name], f"Concept {entry.concept}: {category_label}; severity {entry.severity}."]
    lines.extend(f"Source: {source}" for source in entry.sources)
    if field_name not in {"must_flag", "must_not_flag"}:
        lines.extend(f"Flagged in {entry.locale}: {example.text}" for example in entry.must_flag)
        lines.extend(f"Not flagged in {entry.locale}: {example.text}" for example in entry.must_not_flag)
    return "\n".join(lines)


def template(folder: LexiconFolder, reference: str = REFERENCE_LOCALE) -> polib.POFile:
    """Return the POT of the lexicon: every field of every concept the ``reference`` locale has, untranslated."""
    reference = _parse_locale(reference)
    catalog = _new_catalog(None, reference)
    for concept in folder.lexicon.concepts.values():
        entry = concept.entries.get(reference)
        if entry is None:
            continue
        values = entry_values(entry, concept.sources)
        where = f"{folder.relative(entry.where.path)}:{entry.where.line}" if entry.where and entry.where.line else None
        label = f"{concept.category} ({CATEGORIES.get(concept.category, concept.category)})"
        for name in fields_of(concept):
            catalog.append(
                polib.POEntry(
                    msgctxt=str(Key(concept.id, name)),
                    msgid=format_value(name, values[name]),
                    msgstr="",
                    comment=_comments(entry, name, label),
                    occurrences=[(where.rsplit(":", 1)[0], where.rsplit(":", 1)[1])] if where else [],
                )
            )
    return catalog


def merge(translations: polib.POFile, new_template: polib.POFile) -> polib.POFile:
    """Return ``new_template`` filled with the translations of ``translations``, matched on ``msgctxt``.

    Unlike ``POFile.merge`` (which keys on msgid and drops a translation whose source
    changed), a translation whose msgid changed keeps its msgstr and is marked ``fuzzy``
    with the old msgid as ``previous_msgid``. Entries of ``translations`` missing from the
    template are dropped.
    """
    known = {entry.msgctxt: entry for entry in translations if not entry.obsolete and entry.msgid}
    merged = polib.POFile(wrapwidth=new_template.wrapwidth)
    merged.header = translations.header or new_template.header
    merged.metadata = dict(new_template.metadata)
    for key in ("Language", "Language-Team", "Last-Translator", "PO-Revision-Date", "Plural-Forms"):
        if translations.metadata.get(key):
            merged.metadata[key] = translations.metadata[key]
    for source in new_template:
        entry = polib.POEntry(
            msgctxt=source.msgctxt,
            msgid=source.msgid,
            msgstr="",
            comment=source.comment,
            occurrences=list(source.occurrences),
        )
        previous = known.get(source.msgctxt)
        if previous is not None and previous.msgstr:
            entry.msgstr = previous.msgstr
            entry.tcomment = previous.tcomment
            entry.flags = [flag for flag in previous.flags if flag != "fuzzy"]
            if previous.msgid != source.msgid:
                entry.flags.append("fuzzy")
                entry.previous_msgid = previous.previous_msgid or previous.msgid
            elif previous.fuzzy:
                entry.flags.append("fuzzy")
                entry.previous_msgid = previous.previous_msgid
        merged.append(entry)
    return merged


def export_po(folder: LexiconFolder, locale: str, reference: str = REFERENCE_LOCALE) -> polib.POFile:
    """Return the PO file of ``locale``: the template with the locale's current texts as translations.

    A translation is ``fuzzy`` when the reference text it was made from (recorded at
    import) differs from the current one.
    """
    locale = _parse_locale(locale)
    reference = _parse_locale(reference)
    pot = template(folder, reference)
    # The reference locale is the source itself: nothing of it can be out of date.
    recorded = {} if locale == reference else read_translated_from(folder.root, locale).get(reference, {})
    translations = _new_catalog(locale, reference)
    for source in pot:
        key = Key.parse(source.msgctxt)
        values = folder.own_values(key.concept, locale)
        if values is None or key.field not in values:
            continue
        msgstr = format_value(key.field, values[key.field])
        translations.append(
            polib.POEntry(msgctxt=source.msgctxt, msgid=recorded.get(source.msgctxt, source.msgid), msgstr=msgstr)
        )
    return merge(translations, pot)


def init_po(locale: str, pot: polib.POFile) -> polib.POFile:
    """Return a new, untranslated PO file for ``locale`` made from the template ``pot`` (like ``msginit``)."""
    locale = _parse_locale(locale)
    reference = pot.metadata.get(REFERENCE_HEADER) or REFERENCE_LOCALE
    return merge(_new_catalog(locale, reference), pot)


def render(catalog: polib.POFile) -> str:
    """Return the text of a PO file, ending with a newline."""
    text = str(catalog)
    return text if text.endswith("\n") else text + "\n"


# --- the record of what was translated from -------------------------------------------------


def _record_path(root: Path, locale: str) -> Path:
    return root / TRANSLATED_FROM / f"{locale}.toml"


def read_translated_from(root: Path, locale: str) -> dict[str, dict[str, str]]:
    """Return, per reference locale, the reference text each ``concept.field`` of ``locale`` was translated from."""
    path = _record_path(root, locale)
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LexiconError(_("cannot read the translation record: {reason}").format(reason=error), path=path) from None
    return {ref: {k: v for k, v in table.items() if isinstance(v, str)} for ref, table in data.items() if isinstance(table, dict)}


def _record_text(records: Mapping[str, Mapping[str, str]], locale: str) -> str:
    import json

    lines = [
        f"# Reference texts the {locale} entries were translated from; written by `framing lexicon import-po`.",
        "# `framing lexicon export-po` marks a translation fuzzy when its reference text has changed since.",
    ]
    for reference in sorted(records):
        lines.append(f"\n[{reference}]")
        lines.extend(
            f"{json.dumps(key)} = {json.dumps(text, ensure_ascii=False)}" for key, text in sorted(records[reference].items())
        )
    return "\n".join(lines) + "\n"


# --- import ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    locale: str
    changed: int = 0
    unchanged: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    new_entries: int = 0
    files: list[Path] = field(default_factory=list)
    diff: str = ""


def read_po(path: str | Path) -> polib.POFile:
    """Return the PO (or POT) file at ``path``; raise :class:`CatalogError` naming the file and line."""
    file = Path(path)
    if not file.is_file():
        raise CatalogError(_("no such PO file"), path=path)
    try:
        return polib.pofile(str(file), wrapwidth=78)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        import re

        match = re.search(r"line (\d+)", str(error))
        message = str(error).split(" (line")[0].replace(f"{file}", "").strip(" :")
        raise CatalogError(
            _("cannot read PO file: {reason}").format(reason=message or error),
            path=path,
            line=int(match.group(1)) if match else None,
        ) from None


def _msgstr_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def msgstr_line(lines: list[str], entry: polib.POEntry) -> int | None:
    """Return the 1-based line of the entry's ``msgstr`` keyword (its first line when not found)."""
    start = entry.linenum or 1
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return entry.linenum


def item_line(lines: list[str], first: int | None, offset: int) -> int | None:
    """Return the line that holds item ``offset`` (0-based) of a msgstr starting at line ``first``."""
    if first is None:
        return None
    seen = 0
    number = first
    while number <= len(lines):
        text = lines[number - 1]
        if number > first and not text.startswith('"'):
            break
        content = text.split('"', 1)[1] if '"' in text else ""
        if seen >= offset and content.strip('"'):
            return number
        seen += content.count("\\n")
        number += 1
    return first


def _new_file(folder: LexiconFolder, concept: str, locale: str, reference: str) -> Path:
    root = folder.root
    if (root / locale).is_dir():
        source = folder.entry_file(concept, reference)
        return root / locale / (source.name if source else "translated.toml")
    if (root / f"{locale}.toml").is_file():
        return root / f"{locale}.toml"
    source = folder.entry_file(concept, reference)
    if source is not None and source.parent != root:
        return root / locale / source.name
    return root / f"{locale}.toml"


def _problem_keys(problems: list[FramingError]) -> set[str]:
    return {problem.message for problem in problems}


def _moved(problem: FramingError, copy: Path, root: Path) -> str:
    """Return ``path:line: message`` of a problem found in the temporary ``copy``, named as in ``root``."""
    where = str(problem.path or "").replace(str(copy), str(root))
    return f"{where}{':' + str(problem.line) if problem.line else ''}: {problem.message}"


def validate_changes(folder: LexiconFolder, texts: Mapping[Path, str], locale_codes: list[str], po_path: Path) -> None:
    """Raise :class:`CatalogError` (naming ``po_path``) when the changed files would add problems to the lexicon.

    Problems the lexicon already had are not counted, so content that is being written
    elsewhere does not block an import.
    """
    from framing.engine import check_examples

    before: list[FramingError] = list(check_examples(folder.lexicon, locale_codes))
    with tempfile.TemporaryDirectory(prefix="framing-import-") as temporary:
        copy = Path(temporary) / "lexicons"
        shutil.copytree(folder.root, copy)
        for path, text in texts.items():
            target = copy / path.resolve().relative_to(folder.root.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            after: list[FramingError] = list(check_examples(resolve(read_files([copy], builtin=False)), locale_codes))
        except LexiconError as error:
            after = list(error.problems)
        old = _problem_keys(before)
        new = [problem for problem in after if problem.message not in old]
        if new:
            problems = tuple(
                CatalogError(
                    _("the translations would break the lexicon: {problem}").format(problem=_moved(p, copy, folder.root)),
                    path=po_path,
                )
                for p in new
            )
            raise CatalogError(problems[0].message, path=po_path, problems=problems)


def import_po(
    path: str | Path,
    root: str | Path | None = None,
    *,
    locale: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Return what importing the PO file at ``path`` into the lexicon folder ``root`` did.

    The target locale is the file's ``Language`` header unless ``locale`` is given.
    Every entry is validated first (unknown concept or field, empty value, malformed
    list); fuzzy and untranslated entries are skipped and counted. The changed entries
    are written into their TOML files keeping comments and order, and the lexicon must
    still validate. With ``dry_run`` nothing is written and ``ImportResult.diff`` shows
    the change. Raises :class:`CatalogError` listing every problem with the PO line.
    """
    po_path = Path(path)
    catalog = read_po(po_path)
    folder = open_folder(root)
    language = locale or catalog.metadata.get("Language", "")
    if not language:
        raise CatalogError(_("the PO file has no Language header; pass the locale explicitly"), path=po_path)
    target = _parse_locale(language, path=po_path)
    reference = _parse_locale(catalog.metadata.get(REFERENCE_HEADER) or REFERENCE_LOCALE, path=po_path)
    lines = _msgstr_lines(po_path)
    result = ImportResult(target)
    problems: list[CatalogError] = []
    values: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int | None] = {}
    sources: dict[str, str] = {}
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        line = msgstr_line(lines, entry)
        try:
            key = Key.parse(entry.msgctxt or "")
        except ValueError as error:
            problems.append(CatalogError(str(error), path=po_path, line=entry.linenum))
            continue
        if key.concept not in folder.lexicon.concepts:
            problems.append(
                CatalogError(_("unknown concept {concept}").format(concept=repr(key.concept)), path=po_path, line=entry.linenum)
            )
            continue
        if key.field not in FIELDS:
            problems.append(
                CatalogError(
                    _("unknown field {field}; expected one of {expected}").format(
                        field=repr(key.field), expected=", ".join(FIELDS)
                    ),
                    path=po_path,
                    line=entry.linenum,
                )
            )
            continue
        if entry.fuzzy:
            result.fuzzy += 1
            continue
        if entry.msgstr == "":
            result.untranslated += 1
            continue
        try:
            value = parse_value(key.field, entry.msgstr)
        except FieldError as error:
            problems.append(CatalogError(f"{key}: {error}", path=po_path, line=item_line(lines, line, error.offset)))
            continue
        values.setdefault(key.concept, {})[key.field] = value
        first_line.setdefault(key.concept, entry.linenum)
        sources[str(key)] = entry.msgid

    texts: dict[Path, str] = {}
    originals: dict[Path, str] = {}
    updates: dict[Path, dict[str, dict[str, Any]]] = {}
    for concept, given in values.items():
        known = folder.lexicon.concepts[concept]
        existing = folder.own_values(concept, target)
        inherits = "_" in target and known.entries.get(target) is not None
        if existing is None and not inherits:
            missing = [name for name in fields_of(known) if name not in given]
            if missing:
                problems.append(
                    CatalogError(
                        _(
                            "{concept} has no {locale} entry yet, so every field needs a translation; "
                            "empty required value: {fields}"
                        ).format(concept=repr(concept), locale=target, fields=", ".join(missing)),
                        path=po_path,
                        line=first_line[concept],
                    )
                )
                continue
            changes = dict(given)
            result.new_entries += 1
        else:
            current = existing or {}
            changes = {name: value for name, value in given.items() if value != current.get(name)}
        result.unchanged += len(given) - len(changes)
        result.changed += len(changes)
        if not changes:
            continue
        file = folder.entry_file(concept, target) or _new_file(folder, concept, target, reference)
        if file not in texts:
            originals[file] = file.read_text(encoding="utf-8") if file.is_file() else ""
            texts[file] = originals[file]
        updates.setdefault(file, {})[concept] = {name: changes[name] for name in FIELDS if name in changes}
    for file, entries in updates.items():
        texts[file] = update_entries(texts[file], entries, path=file)  # one parse per file
    if problems:
        raise CatalogError(problems[0].message, path=problems[0].path, line=problems[0].line, problems=tuple(problems))

    changed_files = {path: text for path, text in texts.items() if text != originals[path]}
    if changed_files:
        validate_changes(folder, changed_files, [target], po_path)
    result.files = sorted(changed_files)
    result.diff = "".join(unified_diff(folder.relative(p), originals[p], t) for p, t in sorted(changed_files.items()))
    if dry_run:
        return result
    for file, text in sorted(changed_files.items()):
        write_atomic(file, text)
    if sources and target != reference:
        records = read_translated_from(folder.root, target)
        records.setdefault(reference, {}).update(sources)
        record = _record_path(folder.root, target)
        new_text = _record_text(records, target)
        if not record.is_file() or record.read_text(encoding="utf-8") != new_text:
            write_atomic(record, new_text)
    return result
