"""Reading documents faithfully, writing them back atomically, and mapping offsets to lines and columns.

A document remembers how its bytes were encoded (UTF-8 with or without a byte order
mark, UTF-16 little or big endian with one) so that :func:`encode` gives back the very
same bytes for an unchanged text. Line endings are part of the text (decoding bytes
never translates them), so LF, CRLF, mixed endings and the final newline survive
byte for byte outside the spans a fix edits. :func:`write` replaces a file atomically:
the new bytes go to a temporary file in the same folder, which then replaces the
original in one rename; if anything fails before the rename, the original is untouched.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from framing.errors import InputError
from framing.i18n import _

STDIN = "-"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SNIFF = 8192  # bytes looked at for NUL bytes, the sign of a binary file
_BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


@dataclass(frozen=True)
class Document:
    """A text to lint: where it came from (``path``, ``<stdin>`` for standard input), its text and encoding.

    ``encoding`` is the codec of the bytes after the byte order mark, if any (``utf-8``,
    ``utf-16-le``, ``utf-16-be``, or what ``--encoding`` named); ``bom`` says whether the
    bytes began with a byte order mark. The text never holds the mark.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def detect(head: bytes, path: str, encoding: str | None = None) -> tuple[str, bool]:
    """Return the encoding of a document whose bytes begin with ``head``, and whether they begin with a byte order mark.

    Without ``encoding``: UTF-16 or UTF-8 by their byte order mark, else UTF-8.
    ``encoding`` overrides detection (a byte order mark matching it is still recognised).
    Raises :class:`InputError` for binary data (NUL bytes in the first 8 KiB of a file
    without a byte order mark).
    """
    if encoding is None:
        for name, mark in _BOMS.items():
            if head.startswith(mark):
                return name, True
        if b"\x00" in head[:_SNIFF]:
            raise InputError(_("looks like a binary file (it contains NUL bytes)"), path=path)
        return "utf-8", False
    codec = _codec_name(encoding)
    if codec in ("utf-8-sig", "utf-8") and head.startswith(codecs.BOM_UTF8):
        return "utf-8", True
    if codec == "utf-8-sig":
        return "utf-8", False
    if codec == "utf-16":
        # The byte order mark decides the byte order; without one, UTF-16 means big endian.
        if head.startswith(codecs.BOM_UTF16_LE):
            return "utf-16-le", True
        return "utf-16-be", head.startswith(codecs.BOM_UTF16_BE)
    if codec in _BOMS and head.startswith(_BOMS[codec]):
        return codec, True
    return encoding, False


def wide_encoding(encoding: str) -> bool:
    """Return whether ``encoding`` has units wider than a byte (UTF-16, UTF-32), so NUL bytes are no sign of binary data."""
    return _codec_name(encoding).startswith(("utf-16", "utf-32"))


def _invalid(encoding: str, offset: int, path: str) -> InputError:
    message = _("is not valid {encoding} (byte {offset}); pass --encoding").format(encoding=encoding, offset=offset)
    return InputError(message, path=path)


def _unknown(encoding: str, path: str) -> InputError:
    return InputError(_("unknown encoding {encoding}").format(encoding=repr(encoding)), path=path)


def decode(raw: bytes, path: str, encoding: str | None = None) -> Document:
    """Return the document ``raw`` holds: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    ``encoding`` overrides detection (see :func:`detect`). Raises :class:`InputError`
    for text that is not valid in the encoding, or binary data.
    """
    encoding, bom = detect(raw, path, encoding)
    body = raw[len(_BOMS[encoding]) :] if bom else raw
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        raise _invalid(encoding, error.start, path) from None
    except LookupError:
        raise _unknown(encoding, path) from None
    return Document(path, text, encoding, bom)


def stream(path: str, encoding: str | None = None, *, size: int = 1 << 20) -> Iterator[str]:
    """Yield the text of the file at ``path`` (``-``: standard input) in pieces, decoding ``size`` bytes at a time.

    The pieces joined are the text :func:`read` gives (same detection, same errors,
    raised when reached), but only one piece is held at a time: this is how very large
    files are linted with flat memory.
    """
    if path == STDIN:
        yield from _decode_stream(sys.stdin.buffer, "<stdin>", encoding, size)
        return
    file = Path(path)
    if file.is_dir():
        raise InputError(_("is a directory"), path=path)
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise InputError(_("no such file"), path=path) from None
    except OSError as error:
        raise InputError(_("cannot read: {reason}").format(reason=error.strerror or error), path=path) from None
    with handle:
        yield from _decode_stream(handle, path, encoding, size)


def _decode_stream(handle: BinaryIO, path: str, encoding: str | None, size: int) -> Iterator[str]:
    raw = _read_some(handle, max(size, _SNIFF), path)
    encoding, bom = detect(raw, path, encoding)
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        raise _unknown(encoding, path) from None
    if bom:
        raw = raw[len(_BOMS[encoding]) :]
    consumed = 0  # bytes of the body (after the mark) given to the decoder
    while True:
        final = not raw
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(raw, final=final)
        except UnicodeDecodeError as error:
            raise _invalid(encoding, consumed - pending + error.start, path) from None
        consumed += len(raw)
        if text:
            yield text
        if final:
            return
        raw = _read_some(handle, size, path)


def _read_some(handle: BinaryIO, size: int, path: str) -> bytes:
    try:
        return handle.read(size)
    except OSError as error:
        raise InputError(_("cannot read: {reason}").format(reason=error.strerror or error), path=path) from None


def encode(document: Document, text: str | None = None) -> bytes:
    """Return ``text`` (default: the document's own) as bytes the way the document was encoded.

    For an unchanged text this is the original file, byte for byte. Raises :class:`InputError`
    when the text holds a character the encoding cannot represent.
    """
    text = document.text if text is None else text
    try:
        body = text.encode(document.encoding)
    except UnicodeEncodeError as error:
        raise InputError(
            _("cannot write {text} in {encoding}").format(text=repr(text[error.start : error.end]), encoding=document.encoding),
            path=document.path,
        ) from None
    return (_BOMS[document.encoding] if document.bom else b"") + body


def read(path: str, encoding: str | None = None) -> Document:
    """Return the document at ``path`` (``-`` reads standard input); raise :class:`InputError` if it cannot be read."""
    if path == STDIN:
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    file = Path(path)
    if file.is_dir():
        raise InputError(_("is a directory"), path=path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise InputError(_("no such file"), path=path) from None
    except OSError as error:
        raise InputError(_("cannot read: {reason}").format(reason=error.strerror or error), path=path) from None
    return decode(raw, path, encoding)


def write(document: Document, text: str) -> None:
    """Replace the file of ``document`` with ``text``, encoded as the document was; atomically.

    Raises :class:`InputError` when the file cannot be written; the original is then intact.
    """
    write_bytes(document.path, encode(document, text))


def write_bytes(path: str | Path, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` atomically, keeping its permission bits.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the
    temporary file is renamed over the original (``os.replace``), so a reader sees the
    old file or the new one, never a mix. A symbolic link is followed: its target is
    replaced and the link kept. On any failure, or an interruption, before the rename the
    temporary file is removed and the original is untouched.
    """
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise InputError(_("cannot write: {reason}").format(reason=error.strerror or error), path=str(path)) from None
    # A rename would replace a read-only file (only the folder's permission counts), and
    # root may write anything: honour the file's own write bits, as editors do.
    if mode is not None and (not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK)):
        raise InputError(_("cannot write: the file is read-only; it is unchanged"), path=str(path))
    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".framing-tmp")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise InputError(
            _("cannot write: {reason}; the file is unchanged").format(reason=error.strerror or error), path=str(path)
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


class LineIndex:
    r"""Turns character offsets into 1-based line and column numbers.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, so positions agree with editors
    whatever the file's line endings.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
        self.starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """Return the (line, column) of ``offset``, both counted from 1."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1
