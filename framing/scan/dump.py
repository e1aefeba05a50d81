"""MediaWiki XML export dumps: their site information, their division into parts, and their pages one at a time.

A dump is one ``<mediawiki>`` element: a ``<siteinfo>`` header, then ``<page>``
elements, each with one revision (``pages-articles``) or all of them
(``pages-meta-history``). Markup inside page text is escaped (``&lt;``), so the bytes
``<page>`` only ever open a page: a fast byte scan frames the pages, and mwxml,
Wikimedia's own parser, reads each page from a stream of the header, that page's bytes
and the closing tag. A page is never held whole (mwxml yields its revisions one by
one), a broken page spoils only itself, and a dump that ends in the middle of a page
loses only that page.

A dump is divided into :class:`Part` s that workers read independently: byte ranges of
an uncompressed dump (each worker seeks to its range), or, for ``.bz2`` and ``.gz``
dumps, which cannot be entered in the middle, interleaved blocks of pages (each worker
decompresses the whole file and parses only the pages of its blocks).
"""

from __future__ import annotations

import bz2
import gzip
import io
import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import mwxml

from framing.errors import InputError
from framing.i18n import _

_PAGE = b"<page>"
_PAGE_END = b"</page>"
_DUMP_END = b"</mediawiki>"
_BLOCK = 1 << 20
_HEADER_LIMIT = 1 << 22  # a siteinfo header is a few kilobytes; more means this is not a dump
_LANG = re.compile(rb"<mediawiki\b[^>]*\bxml:lang=\"([^\"]+)\"")
_ID = re.compile(rb"<id>\s*(\d+)\s*</id>")
_TITLE = re.compile(rb"<title>([^<]*)</title>")
#: Pages in a block of an interleaved part (compressed dumps): part ``i`` of ``n`` reads blocks i, i+n, i+2n, ...
PAGES_PER_BLOCK = 64
#: Uncompressed dumps are divided into byte ranges of at most this size.
RANGE_BYTES = 64 << 20
COMPRESSED = (".bz2", ".gz")


@dataclass(frozen=True)
class SiteInfo:
    """What a dump says about its wiki: name, database name, language and namespaces (id -> name)."""

    name: str
    dbname: str
    language: str | None
    namespaces: tuple[tuple[int, str], ...]

    def namespace_id(self, given: str) -> int | None:
        """Return the id of namespace ``given`` (a number or a name, any case, ``_`` for spaces; ``Main`` or ``""`` is 0)."""
        text = given.strip()
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        wanted = text.replace("_", " ").casefold()
        if wanted in ("", "main", "(main)", "article"):
            return 0
        return next((number for number, name in self.namespaces if name.casefold() == wanted), None)


@dataclass(frozen=True)
class Part:
    """One piece of one dump that a worker reads on its own.

    ``index`` of ``count`` parts of the dump at ``path``. An uncompressed dump's part
    holds the pages that start in bytes ``[start, end)``; a compressed dump's part
    holds the blocks of :data:`PAGES_PER_BLOCK` pages numbered ``index``, ``index +
    count``, ... (``start`` and ``end`` are then 0).
    """

    path: str
    index: int
    count: int
    start: int = 0
    end: int = 0

    @property
    def interleaved(self) -> bool:
        """Return whether this part is a set of page blocks of a compressed dump rather than a byte range."""
        return self.path.endswith(COMPRESSED)

    def describe(self) -> str:
        """Return how a message names this part."""
        if self.interleaved:
            return _("part {index} of {count} of {path}").format(index=self.index + 1, count=self.count, path=self.path)
        return _("part {index} of {count} of {path} (bytes {start}-{end})").format(
            index=self.index + 1, count=self.count, path=self.path, start=self.start, end=self.end
        )


@dataclass(frozen=True)
class Skipped:
    """A page (or what is left of a part) that could not be read or linted, and why."""

    path: str
    page_id: int | None
    title: str
    reason: str
    revision_id: int | None = None

    def describe(self) -> str:
        """Return the notice that reports it."""
        where = _("page {page_id}").format(page_id=self.page_id) if self.page_id is not None else _("a page without an id")
        if self.title:
            where += f" ({self.title})"
        if self.revision_id is not None:
            where += " " + _("revision {revision_id}").format(revision_id=self.revision_id)
        return _("{path}: skipped {where}: {reason}").format(path=self.path, where=where, reason=self.reason)


def open_dump(path: str) -> io.BufferedIOBase:
    """Return the decompressed bytes of the dump at ``path`` (``.bz2``, ``.gz`` or plain XML) as a stream.

    Raises :class:`InputError` when it cannot be opened.
    """
    try:
        if path.endswith(".bz2"):
            return bz2.open(path, "rb")
        if path.endswith(".gz"):
            return gzip.open(path, "rb")
        return open(path, "rb")
    except OSError as error:
        raise InputError(_("cannot read: {reason}").format(reason=error.strerror or error), path=path) from None


def read_header(path: str) -> tuple[bytes, int]:
    """Return the bytes of the dump before its first page (the ``<mediawiki>`` tag and ``<siteinfo>``) and their length.

    Raises :class:`InputError` when the file cannot be read or does not begin like a dump.
    """
    data = b""
    damage: EOFError | None = None
    try:
        with open_dump(path) as stream:
            while len(data) < _HEADER_LIMIT:
                try:
                    block = stream.read1(1 << 16)  # read1: a damaged file still gives what precedes the damage
                except EOFError as error:
                    damage = error  # the compressed file ends early: the parts report it where it ends
                    break
                if not block:
                    break
                data += block
                at = data.find(_PAGE)
                if at >= 0:
                    return data[:at], at
                end = data.find(_DUMP_END)
                if end >= 0:  # a dump without pages
                    return data[:end], end
    except (OSError, EOFError) as error:
        raise InputError(_("cannot read: {reason}").format(reason=error), path=path) from None
    if damage is not None:
        raise InputError(_("cannot read: {reason}").format(reason=damage), path=path)
    if b"<mediawiki" not in data:
        raise InputError(_("not a MediaWiki XML dump (no <mediawiki> element at its start)"), path=path)
    raise InputError(_("not a MediaWiki XML dump (no <page> in its first {size} bytes)").format(size=len(data)), path=path)


def site_info(path: str) -> SiteInfo:
    """Return the site information of the dump at ``path`` (read with mwxml from its header).

    Raises :class:`InputError` when the header is not that of a MediaWiki dump.
    """
    header, _length = read_header(path)
    try:
        dump = mwxml.Dump.from_file(io.BytesIO(header + _DUMP_END))
    except Exception as error:  # mwxml raises ParseError, MalformedXML, AssertionError
        raise InputError(
            _("not a MediaWiki XML dump: {reason}").format(reason=error or type(error).__name__), path=path
        ) from None
    info = dump.site_info
    language = _LANG.search(header)
    namespaces = tuple((int(ns.id), ns.name or "") for ns in info.namespaces or ())
    return SiteInfo(
        name=info.name or "",
        dbname=info.dbname or "",
        language=language.group(1).decode("ascii", "replace") if language else None,
        namespaces=namespaces,
    )


def parts_of(path: str, count: int) -> list[Part]:
    """Return ``path`` divided into at least ``count`` parts (more for an uncompressed dump over ``count`` x 64 MiB).

    Raises :class:`InputError` when the file cannot be read.
    """
    if path.endswith(COMPRESSED):
        return [Part(path, index, count) for index in range(count)]
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise InputError(_("cannot read: {reason}").format(reason=error.strerror or error), path=path) from None
    count = max(count, math.ceil(size / RANGE_BYTES))
    bounds = [size * index // count for index in range(count + 1)]
    return [Part(path, index, count, bounds[index], bounds[index + 1]) for index in range(count)]


class _Source:
    """The decompressed bytes of a dump from some offset, read a block at a time, with the dump offset of each byte.

    ``buffer[pos:]`` is what is not consumed yet; consuming moves ``pos`` instead of
    copying the buffer, which is compacted only when a new block is read.
    """

    def __init__(self, stream: io.BufferedIOBase, offset: int) -> None:
        self.stream = stream
        self.buffer = b""
        self.pos = 0
        self.base = offset  # dump offset of buffer[0]

    @property
    def at(self) -> int:
        """Return the dump offset of the next byte not consumed."""
        return self.base + self.pos

    @property
    def available(self) -> int:
        return len(self.buffer) - self.pos

    def fill(self) -> bool:
        """Read another block into the buffer; return False at the end of the dump."""
        block = self.stream.read1(_BLOCK)  # read1: a damaged compressed file still gives what precedes the damage
        if not block:
            return False
        self.base += self.pos
        self.buffer = self.buffer[self.pos :] + block
        self.pos = 0
        return True

    def ensure(self, count: int) -> None:
        """Read on until ``count`` bytes are available or the dump ends."""
        while self.available < count and self.fill():
            pass

    def take(self, count: int) -> bytes:
        data = self.buffer[self.pos : self.pos + count]
        self.pos += len(data)
        return data

    def find(self, token: bytes, limit: int | None = None) -> int:
        """Return how many bytes precede the next ``token`` (within ``limit`` bytes), reading on as needed; -1 if none."""
        searched = self.pos
        while True:
            stop = len(self.buffer) if limit is None else min(len(self.buffer), self.pos + limit)
            found = self.buffer.find(token, searched, stop)
            if found >= 0:
                return found - self.pos
            if limit is not None and stop == self.pos + limit:
                return -1
            searched = max(self.pos, len(self.buffer) - len(token) + 1)
            before = self.pos
            if not self.fill():
                return -1
            searched -= before  # fill() moved the unconsumed bytes to the start of the buffer


class _PageBytes(io.RawIOBase):
    """The bytes of one page, from ``<page>`` through ``</page>``, read from a :class:`_Source` as they are asked for.

    Ends early (and so makes the page's XML incomplete) when the dump ends inside the page.
    """

    def __init__(self, source: _Source) -> None:
        self.source = source
        self.done = False
        source.ensure(4096)
        self.prefix = source.buffer[source.pos : source.pos + 4096]

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        if self.done:
            return 0
        source = self.source
        wanted = len(target)
        source.ensure(wanted + len(_PAGE_END))
        end = source.find(_PAGE_END, limit=wanted + len(_PAGE_END))
        if end >= 0 and end + len(_PAGE_END) <= wanted:
            data = source.take(end + len(_PAGE_END))
            self.done = True
        else:
            data = source.take(min(wanted, end) if end > 0 else wanted)
            if not data:
                self.done = True  # the dump ends inside this page
                return 0
        target[: len(data)] = data
        return len(data)

    def finish(self) -> None:
        """Skip what is left of the page."""
        while not self.done and self.read(_BLOCK):
            pass


class _Chain(io.RawIOBase):
    """Several byte streams read one after the other."""

    def __init__(self, *parts: io.BufferedIOBase | io.RawIOBase) -> None:
        self.parts = list(parts)

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while self.parts:
            data = self.parts[0].read(len(target))
            if data:
                target[: len(data)] = data
                return len(data)
            self.parts.pop(0)
        return 0


@dataclass
class RawPage:
    """A page about to be read: where it starts, its ordinal in the dump, and a look at its first bytes."""

    offset: int
    ordinal: int
    prefix: bytes

    @property
    def page_id(self) -> int | None:
        """Return the page id in its first bytes, if it is there."""
        found = _ID.search(self.prefix)
        return int(found.group(1)) if found else None

    @property
    def title(self) -> str:
        """Return the title in its first bytes (entities left as they are), or ""."""
        found = _TITLE.search(self.prefix)
        return found.group(1).decode("utf-8", "replace") if found else ""


def _selector(part: Part) -> Callable[[int, int], bool | None]:
    """Return whether a page (by ordinal and byte offset) is in ``part``; None once no later page can be."""
    if part.interleaved:
        return lambda ordinal, offset: (ordinal // PAGES_PER_BLOCK) % part.count == part.index

    def in_range(ordinal: int, offset: int) -> bool | None:
        return True if offset < part.end else None

    return in_range


def pages(part: Part, header: bytes, header_length: int) -> Iterator[tuple[RawPage, Callable[[], Any]]]:
    """Yield each page of ``part``, in dump order, as its :class:`RawPage` and a function that reads it with mwxml.

    The function returns the ``mwxml.Page`` (whose revisions come one by one as they are
    iterated); iterate it before asking for the next page. It raises what mwxml raises
    for a broken or incomplete page; the next page is read all the same. Errors of the
    file itself (a corrupt compressed stream) are raised from this generator.
    """
    select = _selector(part)
    with open_dump(part.path) as stream:
        offset = header_length
        if not part.interleaved and part.start > header_length:
            stream.seek(part.start)
            offset = part.start
        else:
            stream.read(header_length)
        source = _Source(stream, offset)
        ordinal = -1  # interleaved parts read every page from the first; ranges do not need ordinals
        while True:
            found = source.find(_PAGE)
            if found < 0:
                return
            if 0 <= source.buffer.find(_DUMP_END, source.pos, source.pos + found):
                return
            source.take(found)
            ordinal += 1
            chosen = select(ordinal, source.at)
            if chosen is None:
                return
            page_bytes = _PageBytes(source)
            if chosen:
                raw = RawPage(source.at, ordinal, page_bytes.prefix)
                yield raw, lambda page_bytes=page_bytes: _parse(header, page_bytes)  # type: ignore[misc]
            page_bytes.finish()


def _parse(header: bytes, page_bytes: _PageBytes) -> Any:
    stream = io.BufferedReader(_Chain(io.BytesIO(header), page_bytes, io.BytesIO(_DUMP_END)))
    dump = mwxml.Dump.from_file(stream)
    return next(iter(dump))
