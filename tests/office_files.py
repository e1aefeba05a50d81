"""Word and OpenDocument files for the tests, made at run time with python-docx and odfpy (no downloaded files).

python-docx writes no footnotes, so :func:`docx_bytes` adds a footnotes part the way
Word does (the part, its relationship and its content type) to what python-docx saved.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import docx
from odf.dc import Creator
from odf.office import Annotation
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, Note, NoteBody, NoteCitation, P, Span

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Content:
    """What a test document holds: a heading, paragraphs (each a list of runs, every other run bold), a table, notes."""

    heading: str = ""
    paragraphs: list[list[str]] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    footnote: str = ""
    comment: tuple[str, str] = ("", "")  # author, text


def docx_bytes(content: Content) -> bytes:
    """Return a .docx holding ``content``, as python-docx writes it (plus the footnotes part, if any)."""
    document = docx.Document()
    if content.heading:
        document.add_heading(content.heading, level=1)
    for runs in content.paragraphs:
        paragraph = document.add_paragraph()
        for index, run in enumerate(runs):
            paragraph.add_run(run).bold = index % 2 == 1
    if content.table:
        table = document.add_table(rows=len(content.table), cols=max(len(row) for row in content.table))
        for r, row in enumerate(content.table):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    if content.comment[1]:
        paragraph = document.add_paragraph("Commented.")
        document.add_comment(paragraph.runs, text=content.comment[1], author=content.comment[0])
    buffer = io.BytesIO()
    document.save(buffer)
    raw = buffer.getvalue()
    return add_footnote(raw, content.footnote) if content.footnote else raw


def add_footnote(raw: bytes, text: str) -> bytes:
    """Return the .docx ``raw`` with a footnotes part holding the separators and one footnote with ``text``."""
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    relationship = (
        '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"'
        ' Target="footnotes.xml"/>'
    )
    override = (
        '<Override PartName="/word/footnotes.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    members = read_members(raw)
    members["word/footnotes.xml"] = footnotes.encode()
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", relationship.encode() + b"</Relationships>"
    )
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(b"</Types>", override.encode() + b"</Types>")
    return zip_members(members)


def odt_bytes(content: Content) -> bytes:
    """Return an .odt holding ``content``, as odfpy writes it; the footnote and comment sit in the last paragraph."""
    document = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    if content.heading:
        document.text.addElement(H(outlinelevel=1, text=content.heading))
    paragraphs = []
    for runs in content.paragraphs:
        paragraph = P()
        for index, run in enumerate(runs):
            if index % 2:
                paragraph.addElement(Span(stylename=bold, text=run))
            else:
                paragraph.addText(run)
        document.text.addElement(paragraph)
        paragraphs.append(paragraph)
    if content.table:
        table = Table()
        table.addElement(TableColumn(numbercolumnsrepeated=max(len(row) for row in content.table)))
        for row in content.table:
            table_row = TableRow()
            for text in row:
                cell = TableCell()
                cell.addElement(P(text=text))
                table_row.addElement(cell)
            table.addElement(table_row)
        document.text.addElement(table)
    holder = paragraphs[-1] if paragraphs else document.text.addElement(P()) or None
    if holder is not None and content.footnote:
        note = Note(id="ftn1", noteclass="footnote")
        note.addElement(NoteCitation(text="1"))
        body = NoteBody()
        body.addElement(P(text=content.footnote))
        note.addElement(body)
        holder.addElement(note)
    if holder is not None and content.comment[1]:
        annotation = Annotation()
        annotation.addElement(Creator(text=content.comment[0]))
        annotation.addElement(P(text=content.comment[1]))
        holder.addElement(annotation)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def read_members(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_members(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else compression)
    return buffer.getvalue()
