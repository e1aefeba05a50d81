"""OpenDocument text (.odt, what LibreOffice and OpenOffice write), read from its ``content.xml`` with lxml.

The body (``office:text``) is read in order: paragraphs and headings, lists, sections,
tables cell by cell, and text boxes in frames. Footnotes, endnotes and comments
(``text:note``, ``office:annotation``) sit inside paragraphs in ODF; they are taken
out and read after the body, as in Word documents. Tracked deletions and generated
indexes (a table of contents repeats the headings) are not text. ``text:s`` is as many
spaces as it counts, ``text:tab`` a tab, ``text:line-break`` a space.

odfpy, the usual ODF library, prints an unreadable part to standard output and loads
every picture into memory, so the one part framing needs is parsed with lxml
directly: entity resolution, DTD loading and network access off, and
:func:`framing.readers.office.check_archive` has refused hostile archives first.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from framing.errors import InputError
from framing.i18n import _
from framing.readers.office import UNPACK_ERRORS, OfficeText, Paragraph, note_place, open_archive, qualified, render

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_NAMESPACES = {TEXT[1:-1]: "text", TABLE[1:-1]: "table", OFFICE[1:-1]: "office"}
CONTENT = "content.xml"
_PARAGRAPHS = frozenset({TEXT + "p", TEXT + "h"})
# Not text: tracked changes (deleted text), generated indexes, declarations, forms.
_SKIPPED = frozenset(
    {TEXT + "tracked-changes", TEXT + "sequence-decls", TEXT + "variable-decls", TEXT + "user-field-decls",
     OFFICE + "forms", TEXT + "table-of-content", TEXT + "alphabetical-index", TEXT + "illustration-index",
     TEXT + "table-index", TEXT + "object-index", TEXT + "user-index", TEXT + "bibliography",
     TEXT + "deletion", TEXT + "note-citation", DC + "creator", DC + "date", TEXT + "soft-page-break"}
)  # fmt: skip
_CHARACTERS = {TEXT + "tab": "\t", TEXT + "line-break": " "}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_comments=True)


class _Reader:
    """Collects the paragraphs of ``content.xml``: the body's in order, then the notes and comments found in it."""

    def __init__(self) -> None:
        self.body: list[Paragraph] = []
        self.later: list[tuple[str, Any, str]] = []  # (kind, element, path) of notes and comments, in order
        self.tables = 0
        self.cells: list[list[int]] = []

    def walk(self, element: Any, path: str, out: list[Paragraph], place: str = "") -> None:
        counts: dict[str, int] = {}
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            counts[tag] = counts.get(tag, 0) + 1
            step = f"{path}/{qualified(tag, child.prefix, _NAMESPACES)}[{counts[tag]}]"
            if tag in _PARAGRAPHS:
                self.paragraph(child, step, out, place)
            elif tag == TABLE + "table":
                self.tables += 1
                self.cells.append([self.tables, 0, 0])
                self.walk(child, step, out, place)
                self.cells.pop()
            elif tag == TABLE + "table-row" and self.cells:
                self.cells[-1][1] += 1
                self.cells[-1][2] = 0
                self.walk(child, step, out, place)
            elif tag in (TABLE + "table-cell", TABLE + "covered-table-cell") and self.cells:
                self.cells[-1][2] += 1
                self.walk(child, step, out, place)
            elif tag in (TEXT + "note", OFFICE + "annotation"):
                self.later.append(("note" if tag == TEXT + "note" else "comment", child, step))
            else:
                self.walk(child, step, out, place)

    def paragraph(self, element: Any, path: str, out: list[Paragraph], place: str) -> None:
        index = len(out)
        out.append(Paragraph("", ""))
        pieces: list[str] = [element.text or ""]
        self._inline(element, path, pieces, out, place)
        own_id = element.get(XML_ID)
        locator = f"{CONTENT}#//*[@xml:id='{own_id}']" if own_id else f"{CONTENT}#{path}"
        out[index] = Paragraph("".join(pieces), locator, place or self._place(element))

    def _inline(self, element: Any, path: str, pieces: list[str], out: list[Paragraph], place: str) -> None:
        counts: dict[str, int] = {}
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in _SKIPPED:
                counts[tag] = counts.get(tag, 0) + 1
                step = f"{path}/{qualified(tag, child.prefix, _NAMESPACES)}[{counts[tag]}]"
                if tag == TEXT + "s":
                    pieces.append(" " * _count(child.get(TEXT + "c")))
                elif tag in _CHARACTERS:
                    pieces.append(_CHARACTERS[tag])
                elif tag in (TEXT + "note", OFFICE + "annotation"):
                    self.later.append(("note" if tag == TEXT + "note" else "comment", child, step))
                elif tag in _PARAGRAPHS:
                    self.paragraph(child, step, out, place)
                elif tag.startswith(TEXT):
                    pieces.append(child.text or "")
                    self._inline(child, step, pieces, out, place)
                else:  # a frame, a shape: no text of this paragraph, but it may hold paragraphs of its own
                    self.walk(child, step, out, place)
            pieces.append(child.tail or "")

    def _place(self, element: Any) -> str:
        if self.cells:
            table, row, cell = self.cells[-1]
            return _("table {table}, row {row}, cell {cell}").format(table=table, row=row, cell=cell)
        if element.tag == TEXT + "h":
            return _("heading")
        return ""

    def notes(self) -> list[Paragraph]:
        """Return the paragraphs of the notes and comments met in the body, numbered in order of kind."""
        found: list[Paragraph] = []
        numbers = {"footnote": 0, "endnote": 0, "comment": 0}
        index = 0
        while index < len(self.later):  # a note may hold a comment: the list grows while it is read
            kind, element, path = self.later[index]
            index += 1
            if kind == "note":
                kind = "endnote" if element.get(TEXT + "note-class") == "endnote" else "footnote"
            numbers[kind] += 1
            self.cells, saved = [], self.cells
            self.walk(element, path, found, note_place(kind, numbers[kind], element.findtext(DC + "creator")))
            self.cells = saved
        return found


def _count(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1



def read(raw: bytes) -> OfficeText:
    """Return the paragraphs of the OpenDocument text ``raw``, rendered (see :func:`framing.readers.office.render`).

    Raises :class:`InputError` for a file that is not an OpenDocument text, is damaged, or is refused as hostile.
    """
    archive = open_archive(raw, "OpenDocument")
    try:
        content = archive.read(CONTENT)
    except KeyError:
        raise InputError(_("is not an OpenDocument text (it has no {part})").format(part=CONTENT)) from None
    except UNPACK_ERRORS as error:
        raise InputError(
            _("is not an OpenDocument text ({part} cannot be unpacked: {reason})").format(part=CONTENT, reason=error)
        ) from None
    finally:
        archive.close()
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as error:
        raise InputError(_("{part} is not well-formed XML: {reason}").format(part=CONTENT, reason=error)) from None
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise InputError(_("is not an OpenDocument text (its {part} has no office:text)").format(part=CONTENT))
    reader = _Reader()
    path = f"/{qualified(root.tag, root.prefix, _NAMESPACES)}/office:body[1]/office:text[1]"
    reader.walk(body, path, reader.body)
    return render(reader.body + reader.notes())
