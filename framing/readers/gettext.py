r"""Gettext catalogs: PO and POT read with polib, MO read with polib and its string table.

In a PO file the translations (``msgstr``) are the prose, in the language of the
catalog's ``Language`` header; in a template (POT) the source strings (``msgid``,
``msgid_plural``) are. polib parses and validates the catalog; because it keeps no
positions, the quoted strings are then located line by line so that each character of
a translation maps to its place in the file (escapes such as ``\n`` map to their two
characters). A translator comment (``# framing-ignore leader``) applies to its entry.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import polib

from framing.errors import InputError
from framing.i18n import _
from framing.readers import Prose, ProseBuilder

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*(".*")[ \t]*$')
_CONTINUATION = re.compile(r'^[ \t]*(".*")[ \t]*$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass
class _Entry:
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    strings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # the 1-based line of each keyword


def _scan(text: str) -> list[_Entry]:
    """Return the entries of a PO file with the source ranges of their quoted strings (inside the quotes)."""
    entries: list[_Entry] = []
    entry = _Entry()
    keyword = None
    position = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        start, body = position, line.rstrip("\r\n")
        position += len(line)
        if not body.strip():
            if entry.strings:
                entries.append(entry)
                entry, keyword = _Entry(), None
            continue
        if body.startswith("#~") or body.startswith("#|"):
            continue
        if body.startswith("#"):
            if entry.strings:
                entries.append(entry)
                entry, keyword = _Entry(), None
            entry.comments.append((start, start + len(body), body[1:]))
            continue
        match = _KEYWORD.match(body)
        if match:
            keyword = match.group(1)
            translated = any(k.startswith("msgstr") for k in entry.strings)
            if keyword in ("msgctxt", "msgid") and "msgid" in entry.strings and translated:
                entries.append(entry)
                entry = _Entry()
            quoted = start + match.start(2)
            entry.strings.setdefault(keyword, []).append((quoted + 1, start + match.end(2) - 1))
            entry.lines.setdefault(keyword, number)
            continue
        match = _CONTINUATION.match(body)
        if match and keyword is not None:
            entry.strings[keyword].append((start + match.start(1) + 1, start + match.end(1) - 1))
    if entry.strings:
        entries.append(entry)
    return entries


def _add_string(builder: ProseBuilder, pieces: Sequence[tuple[int, int]], *, skip_urls: bool = True) -> None:
    source = builder.source
    for start, end in pieces:
        position = start
        while position < end:
            escape = source.find("\\", position, end)
            if escape < 0:
                builder.copy(position, end, skip_urls=skip_urls)
                break
            builder.copy(position, escape, skip_urls=skip_urls)
            char = source[escape + 1 : escape + 2]
            builder.put(_ESCAPES.get(char, char), escape, escape + 2)
            position = escape + 2


def quoted_strings(text: str) -> dict[int, tuple[str, tuple[tuple[int, int], ...]]]:
    """Return the quoted strings of a PO file by the 1-based line of their keyword.

    Each is its keyword (``msgid``, ``msgid_plural``, ``msgstr``, ``msgstr[1]``, ...) and
    the source ranges of its pieces inside their quotes (one per line the string is
    continued on). Lines are counted as :meth:`str.splitlines` counts them; obsolete
    entries (``#~``) are left out.
    """
    found: dict[int, tuple[str, tuple[tuple[int, int], ...]]] = {}
    for entry in _scan(text):
        for keyword, pieces in entry.strings.items():
            found[entry.lines[keyword]] = (keyword, tuple(pieces))
    return found


def decode_strings(text: str, strings: Sequence[Sequence[tuple[int, int]]]) -> Prose:
    """Return the value of PO quoted strings, joined by line feeds, as prose mapped back to ``text``.

    ``strings`` are source ranges as :func:`quoted_strings` gives them. Escapes are
    decoded (each stands for its two characters) and nothing is left out, so the prose
    is the strings' value as a catalog library reads them.
    """
    builder = ProseBuilder(text)
    for number, pieces in enumerate(strings):
        if number and pieces:
            builder.put("\n", pieces[0][0], pieces[0][0])
        _add_string(builder, pieces, skip_urls=False)
    return builder.build()


def _parse(text: str, path: str) -> polib.POFile:
    try:
        return polib.pofile(text if "\n" in text else text + "\n", wrapwidth=0)
    except (OSError, ValueError) as error:
        line = None
        match = re.search(r"line (\d+)", str(error))
        if match:
            line = int(match.group(1))
        raise InputError(_("not a valid PO file: {reason}").format(reason=error), path=path or None, line=line) from None


def extract(text: str, *, path: str = "", template: bool = False) -> Prose:
    """Return the prose of a PO catalog: its translations, or its source strings when ``template``."""
    catalog = _parse(text, path)
    builder = ProseBuilder(text)
    for entry in _scan(text):
        msgid = entry.strings.get("msgid", [])
        if not msgid or all(start == end for start, end in msgid):
            continue  # the header entry
        wanted = ("msgid", "msgid_plural") if template else tuple(k for k in entry.strings if k.startswith("msgstr"))
        linted = [entry.strings[k] for k in wanted if k in entry.strings]
        for pieces in linted:
            builder.gap(pieces[0][0])
            _add_string(builder, pieces)
        ranges = [piece for pieces in linted for piece in pieces]
        target = (ranges[0][0], ranges[-1][1]) if ranges else None
        for start, end, comment in entry.comments:
            if target is not None:
                builder.comment(start, end, comment, target)
    language = None if template else (catalog.metadata.get("Language") or None)
    return builder.build(locale=language)


def decode_mo(raw: bytes) -> str:
    """Return an MO file's bytes as text: UTF-8, with undecodable bytes kept as surrogate escapes.

    Every byte of the string table sits at a known character offset of this text, so
    findings in an MO file carry offsets into it.
    """
    return raw.decode("utf-8", "surrogateescape")


def extract_mo(raw: bytes, *, path: str = "") -> Prose:
    """Return the prose of a compiled MO catalog: its translations, with offsets into :func:`decode_mo`'s text."""
    try:
        catalog = polib.mofile(raw)
    except (OSError, ValueError, struct.error) as error:
        raise InputError(_("not a valid MO file: {reason}").format(reason=error), path=path or None) from None
    charset = catalog.encoding.lower().replace("_", "-")
    if charset not in ("utf-8", "utf8", "ascii", "us-ascii"):
        raise InputError(
            _("MO files are read as UTF-8, this one is {encoding}").format(encoding=catalog.encoding), path=path or None
        )
    text = decode_mo(raw)
    builder = ProseBuilder(text)
    for _original, forms in _mo_translations(raw):
        for start, end in forms:
            builder.gap(start)
            builder.copy(start, end)
    return builder.build(locale=catalog.metadata.get("Language") or None)


def mo_strings(raw: bytes) -> dict[bytes, tuple[tuple[int, int], ...]]:
    r"""Return where each translation of an MO file is, by its original string.

    The key is the original as stored (``msgctxt\x04msgid``, and ``\0msgid_plural`` for
    plural entries); the value holds one character range of :func:`decode_mo`'s text per
    translated form. The header entry is left out. ``raw`` must be an MO file polib reads.
    """
    return dict(_mo_translations(raw))


def _mo_translations(raw: bytes) -> Iterator[tuple[bytes, tuple[tuple[int, int], ...]]]:
    magic = struct.unpack("<I", raw[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    count, originals, translations = struct.unpack(order + "III", raw[8:20])
    table = []
    for index in range(count):
        original_length, original_offset = struct.unpack(order + "II", raw[originals + 8 * index : originals + 8 * index + 8])
        if original_length == 0:
            continue  # the header entry
        length, offset = struct.unpack(order + "II", raw[translations + 8 * index : translations + 8 * index + 8])
        table.append((raw[original_offset : original_offset + original_length], offset, length))
    chars = _char_offsets(raw, [offset for _original, offset, _length in table])
    for original, offset, length in table:
        start = chars[offset]
        forms = []
        for form in raw[offset : offset + length].split(b"\0"):
            end = start + len(form.decode("utf-8", "surrogateescape"))
            forms.append((start, end))
            start = end + 1
        yield original, tuple(forms)


def _char_offsets(raw: bytes, byte_offsets: list[int]) -> dict[int, int]:
    """Return where each of ``byte_offsets`` is in :func:`decode_mo`'s text, in one pass over ``raw``.

    The bytes between two offsets are decoded on their own, which counts as decoding
    the whole prefix does unless an offset falls inside a multi-byte sequence (a
    continuation byte): those few are counted on the whole prefix.
    """
    found: dict[int, int] = {}
    byte = char = 0
    for offset in sorted(set(byte_offsets)):
        if offset < len(raw) and 0x80 <= raw[offset] < 0xC0:
            found[offset] = len(raw[:offset].decode("utf-8", "surrogateescape"))
            continue
        char += len(raw[byte:offset].decode("utf-8", "surrogateescape"))
        byte = offset
        found[offset] = char
    return found
