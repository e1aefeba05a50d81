"""Reading documents from files and standard input, and mapping offsets to lines and columns."""

from __future__ import annotations

import bisect
import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError

STDIN = "-"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Document:
    """A text to lint: where it came from (``path``, ``<stdin>`` for standard input) and its text."""

    path: str
    text: str
    encoding: str = "utf-8"


def decode(raw: bytes, path: str, encoding: str | None = None) -> Document:
    """Return the document ``raw`` holds: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Raises :class:`InputError` for text that is not valid in the encoding, or binary data.
    """
    if encoding is None:
        if raw.startswith(codecs.BOM_UTF8):
            encoding, raw = "utf-8-sig", raw
        elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            encoding = "utf-8"
            if b"\x00" in raw[:8192]:
                raise InputError("looks like a binary file (it contains NUL bytes)", path=path)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"is not valid {encoding} (byte {error.start}); pass --encoding", path=path) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from None
    return Document(path, text, encoding)


def read(path: str, encoding: str | None = None) -> Document:
    """Return the document at ``path`` (``-`` reads standard input); raise :class:`InputError` if it cannot be read."""
    if path == STDIN:
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    file = Path(path)
    if file.is_dir():
        raise InputError("is a directory", path=path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from None
    return decode(raw, path, encoding)


class LineIndex:
    """Turns character offsets into 1-based line and column numbers.

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
