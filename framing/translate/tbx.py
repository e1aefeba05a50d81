"""Lexicons as TBX-Basic termbases, the interchange format of terminology tools.

Written as TBX-Basic v2 (``martif`` / ``termEntry`` / ``langSet`` / ``tig`` / ``term``),
which most tools read; read from v2 and v3 (``tbx`` / ``conceptEntry`` / ``langSec`` /
``termSec``), matching element names regardless of namespace. A concept is a term
entry (its id the concept id, its category the subject field); per locale, the loaded
terms are ``deprecatedTerm-admn-sts``, alternatives that can replace them in place
``preferredTerm-admn-sts``, the others ``admittedTerm-admn-sts``, and the note is the
language section's definition. A document type with entity declarations is refused, so
no entity is ever expanded.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path

from framing import locales
from framing.errors import LocaleError
from framing.i18n import _
from framing.lexicon_edit import unified_diff, update_entry, write_atomic
from framing.model import Alternative, Term
from framing.translate import CatalogError
from framing.translate.po import LexiconFolder, validate_changes
from framing.version import __version__

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = "administrativeStatus"
DEPRECATED = "deprecatedTerm-admn-sts"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
#: Statuses other tools write that mean "do not use" (Weblate writes ``forbidden``).
DEPRECATED_STATUSES = {DEPRECATED, "supersededTerm-admn-sts", "forbidden", "deprecated", "superseded"}
PREFERRED_STATUSES = {PREFERRED, "preferred"}
NOTE_TYPES = {"definition", "usageNote"}


@dataclass
class LanguageSection:
    """What a termbase says about one concept in one locale."""

    locale: str
    terms: list[Term] = field(default_factory=list)
    alternatives: list[Alternative] = field(default_factory=list)
    note: str | None = None


@dataclass
class ConceptEntry:
    """One concept of a termbase, with its language sections in document order."""

    id: str
    subject: str | None = None
    sections: dict[str, LanguageSection] = field(default_factory=dict)


# --- writing ---------------------------------------------------------------------------


def _bcp47(locale: str) -> str:
    return locale.replace("_", "-")


def _tig(parent: ET.Element, text: str, status: str) -> None:
    tig = ET.SubElement(parent, "tig")
    ET.SubElement(tig, "term").text = text
    ET.SubElement(tig, "termNote", type=STATUS).text = status


def export_tbx(folder: LexiconFolder, locale_codes: list[str] | None = None) -> str:
    """Return the lexicon (or the locales ``locale_codes`` of it) as a TBX-Basic v2 document."""
    wanted = {locales.parse_supported(code) for code in locale_codes} if locale_codes else None
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = f"framing {__version__} lexicons"
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for concept in folder.lexicon.concepts.values():
        codes = [code for code in sorted(concept.entries) if wanted is None or code in wanted]
        if not codes:
            continue
        entry_element = ET.SubElement(body, "termEntry", id=concept.id)
        ET.SubElement(entry_element, "descrip", type="subjectField").text = concept.category
        for source in concept.sources:
            ET.SubElement(entry_element, "admin", type="source").text = source
        for code in codes:
            entry = concept.entries[code]
            section = ET.SubElement(entry_element, "langSet", {XML_LANG: _bcp47(code)})
            ET.SubElement(section, "descrip", type="definition").text = " ".join(entry.note.split())
            for term in entry.terms:
                _tig(section, term.text, DEPRECATED)
            for alternative in entry.alternatives:
                _tig(section, alternative.text, PREFERRED if alternative.safe else ADMITTED)
    ET.indent(martif, space="  ")
    body_text = ET.tostring(martif, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n' + body_text + "\n"


# --- reading ---------------------------------------------------------------------------


def _refuse_entities(raw: bytes, path: str | Path) -> None:
    """Raise :class:`CatalogError` when the document declares entities (they could expand without bound)."""
    parser = xml.parsers.expat.ParserCreate()

    def refuse(name: str, *args: object) -> None:
        raise CatalogError(
            _("refusing a document type that declares the entity {name}").format(name=repr(name)),
            path=path,
            line=parser.CurrentLineNumber,
        )

    parser.EntityDeclHandler = refuse
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(raw, True)
    except xml.parsers.expat.ExpatError as error:
        raise CatalogError(
            _("not well-formed XML: {reason}").format(reason=xml.parsers.expat.errors.messages[error.code]),
            path=path,
            line=error.lineno,
        ) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, *names: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) in names]


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _lang(element: ET.Element) -> str | None:
    return element.get(XML_LANG) or element.get("lang")


def read_tbx(path: str | Path) -> list[ConceptEntry]:
    """Return the concept entries of the TBX (v2 or v3) file at ``path``.

    Raises :class:`CatalogError` for XML that is not well formed, declares entities, or
    is not TBX, and ``LocaleError`` for a language code Babel does not know.
    """
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise CatalogError(_("cannot read TBX file: {reason}").format(reason=error.strerror or error), path=path) from None
    _refuse_entities(raw, path)
    root = ET.fromstring(raw)
    if _local(root.tag) not in {"martif", "tbx"}:
        raise CatalogError(_("not a TBX document (root element <{element}>)").format(element=_local(root.tag)), path=path)
    concepts: list[ConceptEntry] = []
    for number, element in enumerate(root.iter(), start=1):
        if _local(element.tag) not in {"termEntry", "conceptEntry"}:
            continue
        concept = ConceptEntry(element.get("id") or f"tbx-{number}")
        for descrip in _children(element, "descrip"):
            if descrip.get("type") == "subjectField":
                concept.subject = _text(descrip)
        for section_element in _children(element, "langSet", "langSec"):
            code = _lang(section_element)
            if not code:
                raise CatalogError(
                    _("a language section of {concept} has no xml:lang").format(concept=repr(concept.id)), path=path
                )
            try:
                locale = locales.normalize(code)
            except LocaleError as error:
                raise LocaleError(f"{concept.id!r}: {error.message}", path=path) from None
            section = concept.sections.setdefault(locale, LanguageSection(locale))
            notes = [d for d in section_element.iter() if _local(d.tag) in {"descrip", "termNote", "note"}]
            for note in notes:
                if note.get("type") in NOTE_TYPES or (_local(note.tag) == "note" and section.note is None):
                    section.note = section.note or _text(note)
            for term_group in _children(section_element, "tig", "ntig", "termSec"):
                terms = [t for t in term_group.iter() if _local(t.tag) == "term"]
                if not terms or not _text(terms[0]):
                    continue
                status = next(
                    (_text(n) for n in term_group.iter() if _local(n.tag) == "termNote" and n.get("type") == STATUS), ADMITTED
                )
                text = _text(terms[0])
                if status in DEPRECATED_STATUSES:
                    section.terms.append(Term(text))
                else:
                    section.alternatives.append(Alternative(text, safe=status in PREFERRED_STATUSES))
        concepts.append(concept)
    return concepts


# --- importing -------------------------------------------------------------------------


@dataclass
class TbxImportResult:
    """What importing a termbase did; ``skipped`` names concept sections it could not take."""

    changed: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    diff: str = ""


def _merged_terms(current: tuple[Term, ...], texts: list[Term]) -> tuple[Term, ...]:
    # Keep the conditions a term already has: TBX-Basic has no place for them.
    known = {term.text: term for term in current}
    return tuple(known.get(term.text, term) for term in texts)


def _merged_alternatives(current: tuple[Alternative, ...], new: list[Alternative]) -> tuple[Alternative, ...]:
    # A termbase's "preferred" status says which word to use, not that it replaces the
    # term in every sentence: it keeps an alternative safe (with the lexicon's reason),
    # or makes it advice, but never makes one safe.
    known = {alternative.text: alternative for alternative in current}
    merged = []
    for alternative in new:
        old = known.get(alternative.text)
        merged.append(
            dataclasses.replace(old, safe=old.safe and alternative.safe) if old else dataclasses.replace(alternative, safe=False)
        )
    return tuple(merged)


def import_tbx(path: str | Path, folder: LexiconFolder, *, dry_run: bool = False) -> TbxImportResult:
    """Return what importing the TBX file at ``path`` into ``folder`` did (or would do, with ``dry_run``).

    Terms, alternatives and notes of concepts that already have an entry in a locale
    are replaced by the termbase's; conditions and ``for`` limits of items that stay are
    kept. Sections for a concept or locale the lexicon lacks are skipped and named (an
    entry needs examples, which TBX-Basic does not carry).
    """
    result = TbxImportResult()
    texts: dict[Path, str] = {}
    originals: dict[Path, str] = {}
    for concept in read_tbx(path):
        known = folder.lexicon.concepts.get(concept.id)
        for locale, section in concept.sections.items():
            entry = known.entries.get(locale) if known else None
            file = folder.entry_file(concept.id, locale) if entry else None
            if entry is None or file is None:
                result.skipped.append(f"{concept.id} ({locale})")
                continue
            given = {
                "terms": _merged_terms(entry.terms, section.terms) if section.terms else entry.terms,
                "alternatives": _merged_alternatives(entry.alternatives, section.alternatives)
                if section.alternatives
                else entry.alternatives,
                "note": section.note or entry.note,
            }
            current = {"terms": entry.terms, "alternatives": entry.alternatives, "note": " ".join(entry.note.split())}
            changes = {
                name: value
                for name, value in given.items()
                if value != current[name] and not (name == "note" and " ".join(str(value).split()) == current["note"])
            }
            result.changed += len(changes)
            result.unchanged += len(given) - len(changes)
            if not changes:
                continue
            if file not in texts:
                originals[file] = texts[file] = file.read_text(encoding="utf-8")
            texts[file] = update_entry(texts[file], concept.id, changes, path=file)
    changed = {p: t for p, t in texts.items() if t != originals[p]}
    if changed:
        validate_changes(folder, changed, folder.lexicon.locales(), Path(path))
    result.files = sorted(changed)
    result.diff = "".join(unified_diff(folder.relative(p), originals[p], t) for p, t in sorted(changed.items()))
    if not dry_run:
        for file, text in sorted(changed.items()):
            write_atomic(file, text)
    return result
