"""Word (.docx) and OpenDocument (.odt) files: what the two readers share.

Both formats are zip archives of XML. Their readers (:mod:`framing.readers.word`,
:mod:`framing.readers.opendocument`) turn a file into :class:`Paragraph` objects in
reading order: the body's paragraphs and headings with each table cell's paragraphs in
place, then footnotes, endnotes and comments. A word split across formatting runs
(``lead`` in bold, ``ers`` not) is one word, because a paragraph's text is the text of
all its runs.

:func:`render` gives the text framing lints and reports positions in: one line per
paragraph, so a finding's line is the paragraph's number in that order and its column
the character in the paragraph. Each paragraph also has a stable ``locator`` (the XML
part and the path of the paragraph element in it) and a ``place`` people can find in
the document ("table 1, row 2, cell 3", "footnote 2").

Before a reader's library sees a file, :func:`check_archive` refuses what would cost
unbounded memory or let the document reach outside itself: more than
:data:`MAX_MEMBERS` members, more than :data:`MAX_UNPACKED` bytes unpacked, an XML
part larger than :data:`MAX_XML_PART`, a member packed more than
:data:`MAX_RATIO` times (a zip bomb), and XML parts with a document type declaration
(which is where entity tricks live; Word and LibreOffice never write one).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from framing.errors import InputError
from framing.i18n import _
from framing.readers import Prose, ProseBuilder

MAX_MEMBERS = 10_000
MAX_UNPACKED = 256 * 1024 * 1024
MAX_XML_PART = 32 * 1024 * 1024
MAX_RATIO = 200
_RATIO_FROM = 1024 * 1024  # members smaller than this may be packed any amount
_DOCTYPE_MARKS = tuple(mark.encode(codec) for mark in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_HEAD = 4096  # bytes of an XML part looked at for a document type declaration
_LINE_BREAKS = re.compile(r"\r\n|[\r\n]")
# What unpacking a damaged member may raise.
UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an office document: its ``text`` (runs joined), a stable ``locator`` and a ``place`` for people.

    ``locator`` is ``<part>#<path>``: the XML part inside the archive and the XPath of the
    paragraph element in it, by position (``/w:document/w:body/w:tbl[1]/w:tr[2]/w:tc[1]/w:p[1]``)
    or by the paragraph's own identifier when the file gives one (Word's ``w14:paraId``).
    ``place`` is empty for the body's plain paragraphs.
    """

    text: str
    locator: str
    place: str = ""


@dataclass(frozen=True)
class OfficeText:
    """An office document read: the ``text`` linted (one line per paragraph), its ``prose`` and its ``paragraphs``."""

    text: str
    prose: Prose
    paragraphs: tuple[Paragraph, ...]


def paragraph_text(text: str) -> str:
    """Return ``text`` fit for one line of the rendered document: line breaks inside a paragraph become spaces."""
    return _LINE_BREAKS.sub(" ", text)


def note_place(kind: str, number: int, author: str | None = None) -> str:
    """Return where a footnote, endnote or comment is, as a report names it ("comment 2 by Ana")."""
    if kind == "footnote":
        return _("footnote {number}").format(number=number)
    if kind == "endnote":
        return _("endnote {number}").format(number=number)
    if author:
        return _("comment {number} by {author}").format(number=number, author=author)
    return _("comment {number}").format(number=number)


def render(paragraphs: list[Paragraph]) -> OfficeText:
    """Return the text and prose of ``paragraphs``: one line each, each paragraph a block of prose of its own."""
    lines = [paragraph_text(paragraph.text) for paragraph in paragraphs]
    text = "".join(line + "\n" for line in lines)
    builder = ProseBuilder(text)
    position = 0
    for line in lines:
        builder.gap(position)
        builder.copy(position, position + len(line))
        position += len(line) + 1
    return OfficeText(text, builder.build(), tuple(paragraphs))


def open_archive(raw: bytes, kind: str) -> zipfile.ZipFile:
    """Return the zip archive ``raw`` after :func:`check_archive` found it safe to read; ``kind`` names the format in errors."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError(_("is not a {kind} file (not a zip archive, or a damaged one)").format(kind=kind)) from None
    check_archive(archive, kind)
    return archive


def check_archive(archive: zipfile.ZipFile, kind: str) -> None:
    """Raise :class:`InputError` when reading ``archive`` would take unbounded memory or hold a document type declaration."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(_("has {count} parts; the limit is {limit}").format(count=len(members), limit=MAX_MEMBERS))
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        raise InputError(
            _("would unpack to {size} MB; the limit is {limit} MB").format(size=unpacked >> 20, limit=MAX_UNPACKED >> 20)
        )
    for member in members:
        if member.file_size > _RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise InputError(
                _("part {name} is packed {ratio} times smaller than it unpacks (a zip bomb?); the limit is {limit}").format(
                    name=member.filename, ratio=member.file_size // max(member.compress_size, 1), limit=MAX_RATIO
                )
            )
        if not member.filename.endswith((".xml", ".rels")):
            continue
        if member.file_size > MAX_XML_PART:
            raise InputError(
                _("part {name} is {size} MB of XML; the limit is {limit} MB").format(
                    name=member.filename, size=member.file_size >> 20, limit=MAX_XML_PART >> 20
                )
            )
        try:
            with archive.open(member) as part:
                head = part.read(_HEAD)
        except UNPACK_ERRORS as error:
            raise InputError(
                _("is not a {kind} file (part {name} cannot be unpacked: {reason})").format(
                    kind=kind, name=member.filename, reason=error
                )
            ) from None
        if any(mark in head for mark in _DOCTYPE_MARKS):
            raise InputError(
                _("part {name} has a document type declaration, which {kind} files never have; not read").format(
                    name=member.filename, kind=kind
                )
            )


def qualified(tag: str, prefix: str | None, namespaces: dict[str, str]) -> str:
    """Return ``tag`` (``{namespace}local``) as ``prefix:local`` for a locator (``namespaces`` give missing prefixes)."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    prefix = prefix or namespaces.get(namespace)
    return f"{prefix}:{local}" if prefix else local
