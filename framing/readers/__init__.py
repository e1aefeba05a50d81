"""Readers: turn a document in some format into the prose to lint, with a map back to the source.

Each format has one module with a ``extract(text) -> Prose`` function. The prose is built
from pieces of the original text (copied verbatim, so offsets map one to one) and
synthetic pieces (block separators, decoded escapes and entities) that map to the
source range they stand for. :meth:`Prose.to_source` turns a span of the prose into
a span of the original text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from framing.errors import InputError
from framing.i18n import _

if TYPE_CHECKING:
    from framing.readers.office import OfficeText

# Bare URLs are not prose: they are left out of every format's text.
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'\]\[{}|]+|\bwww\.[^\s<>\"'\]\[{}|]+", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    """A piece of the prose: ``length`` characters from ``prose_start``, standing for ``source[source_start:source_end]``.

    ``copied`` pieces are verbatim copies of the source (so their lengths agree); the
    others are separators or decoded escapes. ``fixable`` is false for copied text a fix
    must not change although readers see it: text that is also a link target (an
    unpiped wiki link, a reStructuredText reference by name).
    """

    prose_start: int
    length: int
    source_start: int
    source_end: int
    copied: bool
    fixable: bool = True


@dataclass(frozen=True)
class Comment:
    """A comment in the document's own syntax, with its source range and its text.

    ``target`` is the source range a ``framing-ignore`` in it applies to, when the format
    defines one (a PO comment applies to its entry); ``None`` means the next line with prose.
    """

    start: int
    end: int
    text: str
    target: tuple[int, int] | None = None


@dataclass(frozen=True)
class Prose:
    """The prose of a document: ``text`` to lint, ``segments`` mapping it back, ``comments`` found.

    ``locale`` is the language the document declares for its prose (a PO file's
    ``Language`` header), if any.
    """

    text: str
    segments: tuple[Segment, ...]
    comments: tuple[Comment, ...] = ()
    locale: str | None = None

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [segment.prose_start for segment in self.segments]

    def _segment(self, offset: int) -> Segment | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        while index >= 0:
            segment = self.segments[index]
            if segment.prose_start <= offset < segment.prose_start + segment.length:
                return segment
            index -= 1
        return None

    def to_source(self, start: int, end: int) -> tuple[int, int, bool]:
        """Return the source range of the prose span ``[start, end)`` and whether it maps exactly.

        A span maps exactly when it lies inside one copied piece: then the source text
        at the returned range equals the prose text.
        """
        first = self._segment(start)
        last = self._segment(max(start, end - 1))
        if first is None or last is None:
            raise ValueError(f"span {start}:{end} is outside the prose")
        source_start = first.source_start + (start - first.prose_start) if first.copied else first.source_start
        source_end = last.source_start + (end - last.prose_start) if last.copied else last.source_end
        return source_start, source_end, first is last and first.copied

    def copied_ranges(self) -> tuple[tuple[int, int], ...]:
        """Return the source ranges copied verbatim into the prose that a fix may change, in prose order."""
        return tuple((s.source_start, s.source_end) for s in self.segments if s.copied and s.fixable)


class ProseBuilder:
    """Collects the pieces of a document's prose while a reader walks the source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._comments: list[Comment] = []
        self._length = 0

    def copy(self, start: int, end: int, *, skip_urls: bool = True, fixable: bool = True) -> None:
        """Append ``source[start:end]`` verbatim, leaving out bare URLs (a space stands for each).

        ``fixable=False`` marks text readers see that a fix must leave alone (see :class:`Segment`).
        """
        if start >= end:
            return
        if skip_urls:
            position = start
            for match in _URL.finditer(self.source, start, end):
                self._copy(position, match.start(), fixable)
                self.put(" ", match.start(), match.end())
                position = match.end()
            self._copy(position, end, fixable)
        else:
            self._copy(start, end, fixable)

    def _copy(self, start: int, end: int, fixable: bool) -> None:
        if start >= end:
            return
        last = self._segments[-1] if self._segments else None
        if last is not None and last.copied and last.fixable == fixable and last.source_end == start:
            self._segments[-1] = Segment(last.prose_start, last.length + end - start, last.source_start, end, True, fixable)
        else:
            self._segments.append(Segment(self._length, end - start, start, end, True, fixable))
        self._parts.append(self.source[start:end])
        self._length += end - start

    def put(self, text: str, start: int, end: int) -> None:
        """Append ``text`` standing for ``source[start:end]`` (a decoded escape, or a separator when empty)."""
        if not text:
            return
        self._segments.append(Segment(self._length, len(text), start, end, False))
        self._parts.append(text)
        self._length += len(text)

    def gap(self, at: int) -> None:
        """Separate what follows from what came before as a new block (a paragraph break), at source offset ``at``."""
        if self._length and not "".join(self._parts[-2:]).endswith("\n\n"):
            self.put("\n\n", at, at)

    def comment(self, start: int, end: int, text: str, target: tuple[int, int] | None = None) -> None:
        """Record a comment at ``source[start:end]`` whose text is ``text``."""
        self._comments.append(Comment(start, end, text, target))

    @property
    def length(self) -> int:
        """Return the length of the prose so far."""
        return self._length

    def build(self, locale: str | None = None) -> Prose:
        """Return the prose collected."""
        return Prose("".join(self._parts), tuple(self._segments), tuple(self._comments), locale)


def line_starts(text: str, *, newline_only: bool = False) -> list[int]:
    """Return the offsets where the lines of ``text`` start (after LF, CRLF or CR; after LF only when ``newline_only``)."""
    pattern = r"\n" if newline_only else r"\r\n|\r|\n"
    return [0, *(match.end() for match in re.finditer(pattern, text))]


# format name -> file name endings; the order decides `framing lint`'s default includes.
FORMATS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".text"),
    "markdown": (".md", ".markdown", ".mdown", ".mkd"),
    "rst": (".rst", ".rest"),
    "html": (".html", ".htm", ".xhtml"),
    "wikitext": (".wiki", ".mediawiki", ".wikitext"),
    "po": (".po", ".pot"),
    "mo": (".mo",),
    "docx": (".docx",),
    "odt": (".odt",),
}
# Formats read from bytes, not decoded text: never sniffed as binary, never read from standard input.
BINARY_FORMATS = frozenset({"mo", "docx", "odt"})
# Formats whose reader renders the document as one line per paragraph (see framing.readers.office).
OFFICE_FORMATS = frozenset({"docx", "odt"})


def format_for(path: str, explicit: str | None = None) -> str:
    """Return the input format of ``path``: ``explicit`` if given, else by extension, else ``text``.

    Raises :class:`InputError` for an unknown ``explicit`` format.
    """
    if explicit is not None:
        if explicit not in FORMATS:
            raise InputError(
                _("unknown input format {format}; expected one of {expected}").format(
                    format=repr(explicit), expected=", ".join(FORMATS)
                )
            )
        return explicit
    suffix = PurePath(path).suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    return "text"


def known_suffixes() -> tuple[str, ...]:
    """Return every file name ending a reader claims."""
    return tuple(suffix for suffixes in FORMATS.values() for suffix in suffixes)


def extractor(name: str, path: str = "") -> Callable[[str], Prose]:
    """Return the function that extracts the prose of a text in format ``name``.

    ``path`` is used in error messages. PO files are told whether they are templates
    (``.pot``), whose source strings are the prose.
    """
    if name == "text":
        from framing.readers import plain

        return plain.extract
    if name == "markdown":
        from framing.readers import markdown

        return markdown.extract
    if name == "rst":
        from framing.readers import restructuredtext

        return restructuredtext.extract
    if name == "html":
        from framing.readers import html

        return html.extract
    if name == "wikitext":
        from framing.readers import wikitext

        return wikitext.extract
    if name == "po":
        from framing.readers import gettext

        template = PurePath(path).suffix.lower() == ".pot"
        return lambda text: gettext.extract(text, path=path, template=template)
    raise InputError(_("format {format} has no text reader").format(format=repr(name)), path=path or None)


def office_reader(name: str) -> Callable[[bytes], OfficeText]:
    """Return the function that reads a Word (``docx``) or OpenDocument (``odt``) file's bytes.

    Raises :class:`InputError` naming the extra to install when its library is missing.
    """
    try:
        if name == "docx":
            from framing.readers import word

            return word.read
        if name == "odt":
            from framing.readers import opendocument

            return opendocument.read
    except ImportError:
        raise InputError(
            _("reading {format} files needs the {extra} extra: pip install 'framing-termlint[{extra}]'").format(
                format=f".{name}", extra="office"
            )
        ) from None
    raise InputError(_("format {format} has no document reader").format(format=repr(name)))
