"""Word documents (.docx, also what Google Docs exports), read with python-docx.

The body is read in order: paragraphs and headings, tables cell by cell (nested tables
too), content controls and text boxes. Then the footnotes, endnotes and comments,
found through the main part's relationships. Deleted text of tracked changes, field
codes and the duplicate fallback copies of text boxes are not text; inserted text is.
A tab is a tab, a line break a space. python-docx parses XML with entity resolution
off, and :func:`framing.readers.office.check_archive` has refused hostile archives
before python-docx sees the file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.parser import parse_xml

from framing.errors import InputError
from framing.i18n import _
from framing.readers.office import OfficeText, Paragraph, note_place, open_archive, qualified, render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W14_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NAMESPACES = {W[1:-1]: "w"}
# Elements whose text is never shown as the paragraph's text.
_NOT_TEXT = frozenset({W + "delText", W + "instrText", W + "delInstrText", _MC_FALLBACK, W + "del"})
_CHARACTERS = {W + "tab": "\t", W + "ptab": "\t", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-"}
# Parts read after the body, by relationship type: what each note is called, and its element.
_NOTES = (
    (RELATIONSHIP_TYPE.FOOTNOTES, "footnote", W + "footnote"),
    (RELATIONSHIP_TYPE.ENDNOTES, "endnote", W + "endnote"),
    (RELATIONSHIP_TYPE.COMMENTS, "comment", W + "comment"),
)
_HEADING_STYLES = ("heading", "title", "subtitle")


class _Story:
    """Collects the paragraphs of one XML part (the body, the footnotes...) in reading order."""

    def __init__(self, part_name: str) -> None:
        self.part_name = part_name
        self.paragraphs: list[Paragraph] = []
        self.tables = 0
        self.cells: list[list[int]] = []  # open tables: [table number, row, cell]
        self.place = ""  # the note or comment being read, if any

    def walk(self, element: Any, path: str) -> None:
        counts: dict[str, int] = {}
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NOT_TEXT:
                continue
            counts[tag] = counts.get(tag, 0) + 1
            step = f"{path}/{qualified(tag, child.prefix, _NAMESPACES)}{self._predicate(child, counts[tag])}"
            if tag == W + "p":
                self.paragraph(child, step)
            elif tag == W + "tbl":
                self.table(child, step)
            elif tag == W + "tr" and self.cells:
                self.cells[-1][1] += 1
                self.cells[-1][2] = 0
                self.walk(child, step)
            elif tag == W + "tc" and self.cells:
                self.cells[-1][2] += 1
                self.walk(child, step)
            else:
                self.walk(child, step)

    @staticmethod
    def _predicate(element: Any, position: int) -> str:
        note_id = element.get(W + "id") if element.tag in (W + "footnote", W + "endnote", W + "comment") else None
        return f"[@w:id='{note_id}']" if note_id is not None else f"[{position}]"

    def table(self, element: Any, path: str) -> None:
        self.tables += 1
        self.cells.append([self.tables, 0, 0])
        self.walk(element, path)
        self.cells.pop()

    def paragraph(self, element: Any, path: str) -> None:
        """Add the paragraph ``element`` and, after it, the paragraphs nested in it (text boxes)."""
        index = len(self.paragraphs)
        self.paragraphs.append(Paragraph("", ""))  # its place in the order; filled in below
        pieces: list[str] = []
        self._text(element, path, pieces)
        para_id = element.get(_W14_PARA_ID)
        locator = f"{self.part_name}#//w:p[@w14:paraId='{para_id}']" if para_id else f"{self.part_name}#{path}"
        self.paragraphs[index] = Paragraph("".join(pieces), locator, self._place(element))

    def _text(self, element: Any, path: str, pieces: list[str]) -> None:
        counts: dict[str, int] = {}
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NOT_TEXT:
                continue
            counts[tag] = counts.get(tag, 0) + 1
            step = f"{path}/{qualified(tag, child.prefix, _NAMESPACES)}[{counts[tag]}]"
            if tag == W + "t":
                pieces.append(child.text or "")
            elif tag in _CHARACTERS:
                pieces.append(_CHARACTERS[tag])
            elif tag == W + "p":
                self.paragraph(child, step)
            elif tag == W + "tbl":
                self.table(child, step)
            else:
                self._text(child, step, pieces)

    def _place(self, element: Any) -> str:
        if self.place:
            return self.place
        if self.cells:
            table, row, cell = self.cells[-1]
            return _("table {table}, row {row}, cell {cell}").format(table=table, row=row, cell=cell)
        style = element.find(f"{W}pPr/{W}pStyle")
        if style is not None and str(style.get(W + "val", "")).lower().startswith(_HEADING_STYLES):
            return _("heading")
        return ""


def _notes(document: Any) -> Iterator[tuple[str, str, Any]]:
    """Yield (kind, part name, root element) for the footnotes, endnotes and comments parts of ``document``."""
    relationships = document.part.rels.values()
    for reltype, kind, _element in _NOTES:
        for relationship in relationships:
            if relationship.reltype != reltype or relationship.is_external:
                continue
            part = relationship.target_part
            root = getattr(part, "element", None)
            yield kind, str(part.partname).lstrip("/"), root if root is not None else parse_xml(part.blob)



def read(raw: bytes) -> OfficeText:
    """Return the paragraphs of the Word document ``raw``, rendered (see :func:`framing.readers.office.render`).

    Raises :class:`InputError` for a file that is not a Word document, is damaged, or is refused as hostile.
    """
    open_archive(raw, "Word").close()
    try:
        document = docx.Document(io.BytesIO(raw))
        body = _Story(str(document.part.partname).lstrip("/"))
        root = document.element
        body.walk(root, "/" + qualified(root.tag, root.prefix, _NAMESPACES))
        paragraphs = body.paragraphs
        for kind, part_name, notes_root in _notes(document):
            story = _Story(part_name)
            number = 0
            root_step = "/" + qualified(notes_root.tag, notes_root.prefix, _NAMESPACES)
            element_tag = {"footnote": W + "footnote", "endnote": W + "endnote", "comment": W + "comment"}[kind]
            for note in notes_root:
                if note.tag != element_tag or note.get(W + "type") not in (None, "normal"):
                    continue  # separators between the body and the notes
                number += 1
                story.place = note_place(kind, number, note.get(W + "author"))
                step = f"{root_step}/{qualified(note.tag, note.prefix, _NAMESPACES)}{story._predicate(note, number)}"
                story.walk(note, step)
            paragraphs += story.paragraphs
    except InputError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds of error for damaged files
        raise InputError(_("cannot read this Word document: {reason}").format(reason=_reason(error))) from None
    return render(paragraphs)


def _reason(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
