"""The text formats: findings grouped by file, one aligned line each, then the notes once and a summary.

``text`` (the default) looks like ESLint's "stylish" report::

    examples/proposal.md
       3:12  warning  leader  "leaders" may read as "Führer" to German readers  try: coordinators  en, de, it, …

A line holds the position, severity, concept, the short message (the matched words
come first when the message does not name them), the first alternatives and the
readers; it is wrapped to the width of the terminal (at most :data:`MAX_WIDTH`). After
the findings come the notes, once per concept and reader (cut short, or whole with
their sources when asked), and a summary per concept and per file.

``compact`` keeps one line per finding in the form editors and scripts parse,
``path:line:column: severity concept: message (alternatives) [readers]``; a command's
remark on the finding, if any, follows after a semicolon.

Colour is added only when asked for (:func:`wants_colour` decides for a stream), so
pipes, files and CI logs get plain text.
"""

from __future__ import annotations

import shutil
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from framing.i18n import _, ngettext
from framing.model import Reader
from framing.report import Located
from framing.report.overview import ConceptTotal, Overview

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_UNDERLINE = "\033[4m"
_SEVERITY_COLOURS = {"error": "\033[1;31m", "warning": "\033[33m", "suggestion": "\033[36m"}

#: The widest a line gets (after the file's header), whatever the terminal; and the narrowest.
MAX_WIDTH = 160
MIN_WIDTH = 40
#: How many alternatives and readers a finding's line names.
LINE_ALTERNATIVES = 2
LINE_READERS = 4
#: How long a note may be in the explanations before it is cut (``--explain`` shows it whole).
NOTE_CHARACTERS = 300
#: The widest the notes are wrapped, for reading comfort, however wide the terminal.
NOTE_WIDTH = 100
_INDENT = "  "
_NOTE_INDENT = "    "


def wants_colour(stream: Any, environ: Mapping[str, str]) -> bool:
    """Return whether to colour output written to ``stream``: only a terminal, and never when ``NO_COLOR`` is set.

    ``FORCE_COLOR`` (non-empty) colours even a pipe, unless ``NO_COLOR`` is set too.
    """
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and environ.get("TERM") != "dumb"


def line_width(stream: Any, environ: Mapping[str, str]) -> int:
    """Return the width to wrap lines at: the terminal's (or ``COLUMNS``), within :data:`MIN_WIDTH`–:data:`MAX_WIDTH`.

    Output that goes to no terminal and has no ``COLUMNS`` is wrapped at :data:`MAX_WIDTH`.
    """
    width = MAX_WIDTH
    columns = environ.get("COLUMNS", "")
    isatty = getattr(stream, "isatty", None)
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif isatty and isatty():
        width = shutil.get_terminal_size((MAX_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, width))


#: Pieces of a line at most this long are never broken across lines.
_UNBROKEN = 16


def _paint(text: str, style: str, colour: bool) -> str:
    return f"{style}{text}{_RESET}" if colour and style and text else text


def _wrap(pieces: Sequence[tuple[str, str]], width: int, indent: int, *, colour: bool) -> list[str]:
    """Return ``pieces`` (text and ANSI style) filled word by word into lines of ``width`` characters after ``indent``.

    The first line is to be put after something ``indent`` characters wide, the
    others start with ``indent`` spaces. A word longer than a line stands alone. A short
    piece (the readers, "en, de, it") is kept whole rather than broken after a comma.
    """
    words = [
        (word, style, index)
        for index, (text, style) in enumerate(pieces)
        for word in (text.split() if len(text) > _UNBROKEN else [" ".join(text.split())])
    ]
    lines: list[str] = []
    current: list[tuple[str, str, int]] = []
    length = 0
    room = max(width - indent, 20)
    for word, style, index in words:
        extra = len(word) + (0 if not current else (1 if current[-1][2] == index else 2))
        if current and length + extra > room:
            lines.append(_join(current, colour))
            current, length = [], 0
            extra = len(word)
        current.append((word, style, index))
        length += extra
    if current:
        lines.append(_join(current, colour))
    return [lines[0], *(" " * indent + line for line in lines[1:])] if lines else [""]


def _join(words: Sequence[tuple[str, str, int]], colour: bool) -> str:
    """Return the words of one line; words of different pieces are two spaces apart, each piece in its style."""
    out = []
    previous = None
    run: list[str] = []
    for word, style, index in words:
        if previous is not None and index != previous[1]:
            out.append(_paint(" ".join(run), previous[0], colour))
            run = []
        run.append(word)
        previous = (style, index)
    if previous is not None:
        out.append(_paint(" ".join(run), previous[0], colour))
    return "  ".join(out)


def readers_label(locales: Sequence[str], limit: int = LINE_READERS) -> str:
    """Return the readers as a finding's line names them: ``en, de, it, …`` beyond ``limit``."""
    if len(locales) <= limit:
        return ", ".join(locales)
    return ", ".join(locales[: limit - 1]) + ", …"


def line_message(item: Located) -> str:
    """Return the message of a finding's line: the short message, after the matched words when it does not name them."""
    finding = item.finding
    text = " ".join(finding.text.split())
    if text.lower() in finding.message.lower():
        return finding.message
    return f'"{text}": {finding.message}'


def _tail(item: Located) -> list[tuple[str, str]]:
    finding = item.finding
    pieces = [(line_message(item), "")]
    if finding.alternatives:
        pieces.append((_("try: {alternatives}").format(alternatives=", ".join(finding.alternatives[:LINE_ALTERNATIVES])), _DIM))
    pieces.append((readers_label(finding.locales), _DIM))
    if item.remark:
        pieces.append((item.remark, _DIM))
    return pieces


def format_file(path: str, items: Sequence[Located], *, width: int = MAX_WIDTH, colour: bool = False) -> str:
    """Return the block of one file: its path, then a line per finding with aligned columns (ending with a newline)."""
    if not items:
        return ""
    positions = [f"{item.line}:{item.column}" for item in items]
    position_width = max(len(p) for p in positions)
    severity_width = max(len(str(item.finding.severity)) for item in items)
    concept_width = min(max(len(item.finding.concept) for item in items), 24)
    lines = [_paint(path, _UNDERLINE, colour)]
    for position, item in zip(positions, items, strict=True):
        severity, concept = str(item.finding.severity), item.finding.concept
        head = (
            _INDENT
            + _paint(position.rjust(position_width), _DIM, colour)
            + "  "
            + _paint(severity, _SEVERITY_COLOURS[severity], colour)
            + " " * (severity_width - len(severity) + 2)
            + _paint(concept, _BOLD, colour)
            + " " * max(2, concept_width - len(concept) + 2)
        )
        indent = len(_INDENT) + position_width + 2 + severity_width + 2 + max(concept_width, len(concept)) + 2
        if width - indent < 30:  # a narrow terminal: the rest goes on the lines below, indented a little
            wrapped = _wrap(_tail(item), width, 6, colour=colour)
            lines.append(head.rstrip())
            lines.append(" " * 6 + wrapped[0])
        else:
            wrapped = _wrap(_tail(item), width, indent, colour=colour)
            lines.append(head + wrapped[0])
        lines.extend(wrapped[1:])
    return "\n".join(lines) + "\n\n"


def format_compact(item: Located, *, colour: bool = False) -> str:
    """Return the one line that reports a finding in the ``compact`` format (with ANSI colours when ``colour``)."""
    finding = item.finding
    where = f"{item.path}:{item.line}:{item.column}:"
    severity, concept = str(finding.severity), finding.concept
    line = f"{_paint(where, _BOLD, colour)} {_paint(severity, _SEVERITY_COLOURS[severity], colour)} "
    line += f"{_paint(concept, _BOLD, colour)}: {line_message(item)}"
    if finding.alternatives:
        line += " " + _paint("(" + ", ".join(finding.alternatives) + ")", _DIM, colour)
    line += " " + _paint("[" + ", ".join(finding.locales) + "]", _DIM, colour)
    if item.remark:
        line += "; " + _paint(item.remark, _DIM, colour)
    return line


def render_compact(items: Iterable[Located], *, colour: bool = False) -> str:
    """Return every finding as a ``compact`` line, each ending with a newline."""
    return "".join(format_compact(item, colour=colour) + "\n" for item in items)


def _reader_heading(concept: str, reader: Reader) -> str:
    if reader.own or not reader.name:
        return f"{concept} ({reader.locale})"
    return _("{concept} ({locale}, {language} readers)").format(concept=concept, locale=reader.locale, language=reader.name)


def cut_note(note: str, limit: int = NOTE_CHARACTERS) -> str:
    """Return ``note`` on one line, cut after the last whole sentence (else word) within ``limit`` characters, with "…"."""
    flat = " ".join(note.split())
    if len(flat) <= limit:
        return flat
    head = flat[:limit]
    stops = [head.rfind(mark + " ") for mark in ".!?"]
    end = max(stops)
    if end >= limit // 3:
        return head[: end + 1] + " …"
    return head[: head.rfind(" ")].rstrip(" ,;:") + "…" if " " in head else head + "…"


def explanations(overview: Overview, *, width: int = MAX_WIDTH, full: bool = False, colour: bool = False) -> str:
    """Return the notes of the run, once per concept and reader (whole and with sources when ``full``), or "" when none."""
    if not overview.notes:
        return ""
    width = min(width, NOTE_WIDTH)
    wrap = textwrap.TextWrapper(width=width, initial_indent=_NOTE_INDENT, subsequent_indent=_NOTE_INDENT)
    title = _("Why:") if full else _("Why (cut short; --explain prints the notes whole, with their sources):")
    lines = [_paint(line, _BOLD, colour) for line in textwrap.wrap(title, width=width)]
    for concept in overview.concepts:
        for reader in overview.readers_of(concept):
            lines.append(_paint(_reader_heading(concept, reader), _BOLD, colour))
            lines.extend(wrap.wrap(" ".join(reader.note.split()) if full else cut_note(reader.note)))
            if full:
                for source in reader.sources:
                    lines.extend(
                        textwrap.wrap(
                            _("source: {source}").format(source=source),
                            width=width,
                            initial_indent=_NOTE_INDENT,
                            subsequent_indent=_NOTE_INDENT + "  ",
                            break_long_words=False,
                            break_on_hyphens=False,
                        )
                    )
    return "\n".join(lines) + "\n\n"


def _where(total: ConceptTotal) -> str:
    if len(total.lines) > 1:
        return ngettext("in {count} file", "in {count} files", len(total.lines)).format(count=len(total.lines))
    first, last = next(iter(total.lines.values()))
    if first == last:
        return _("line {line}").format(line=first)
    return _("lines {first}–{last}").format(first=first, last=last)


def concept_summary(total: ConceptTotal) -> str:
    """Return one concept's summary: ``leader ×34 — lines 3–112 — readers de, it — try: coordinators``."""
    parts = [f"{total.concept} ×{total.count}", _where(total), _("readers {locales}").format(locales=", ".join(total.readers))]
    if total.alternatives:
        parts.append(_("try: {alternatives}").format(alternatives=", ".join(total.alternatives[:LINE_ALTERNATIVES])))
    return " — ".join(parts)


def overview_text(overview: Overview, *, width: int = MAX_WIDTH, colour: bool = False) -> str:
    """Return the summary of the run: a line per concept (most frequent first), then a line per file with its totals."""
    if not overview.concepts:
        return ""
    wrap = textwrap.TextWrapper(width=width, initial_indent=_INDENT, subsequent_indent=_INDENT + "    ")
    lines = [_paint(_("Summary:"), _BOLD, colour)]
    for total in overview.ranked():
        lines.extend(wrap.wrap(concept_summary(total)))
    for path, counts in overview.files.items():
        lines.extend(wrap.wrap(f"{path}: {summary_of(counts, None)}"))
    return "\n".join(lines) + "\n"


class TextReport:
    """The ``text`` report of a run, written as it goes: a block per file as each ends, then the notes and summary.

    ``quiet`` leaves the notes out; ``explain`` prints them whole, with their sources.
    """

    def __init__(self, *, width: int = MAX_WIDTH, colour: bool = False, quiet: bool = False, explain: bool = False) -> None:
        self.width = width
        self.colour = colour
        self.quiet = quiet
        self.explain = explain
        self.overview = Overview()

    def file(self, path: str, items: Sequence[Located]) -> str:
        """Return the block of one file's findings, and count them for the end."""
        self.overview.add_all(items)
        return format_file(path, items, width=self.width, colour=self.colour)

    def end(self) -> str:
        """Return what follows the findings: the notes (unless quiet) and the summary."""
        notes = "" if self.quiet else explanations(self.overview, width=self.width, full=self.explain, colour=self.colour)
        return notes + overview_text(self.overview, width=self.width, colour=self.colour)


def render(
    items: Iterable[Located], *, width: int = MAX_WIDTH, colour: bool = False, quiet: bool = False, explain: bool = False
) -> str:
    """Return the whole ``text`` report of ``items`` (given in file order)."""
    report = TextReport(width=width, colour=colour, quiet=quiet, explain=explain)
    return "".join(report.file(path, group) for path, group in by_file(items)) + report.end()


def by_file(items: Iterable[Located]) -> Iterable[tuple[str, list[Located]]]:
    """Yield each file's path and its findings, for items that come file by file."""
    path: str | None = None
    group: list[Located] = []
    for item in items:
        if item.path != path and group:
            yield path or "", group
            group = []
        path = item.path
        group.append(item)
    if group:
        yield path or "", group


def summary(items: Iterable[Located], files: int) -> str:
    """Return a one-line count of findings by severity ("3 findings (2 warnings, 1 suggestion) in 1 file")."""
    return summary_of(Counter(str(item.finding.severity) for item in items), files)


def summary_of(counts: Mapping[str, int], files: int | None) -> str:
    """Return the summary line for ``counts`` of findings by severity name in ``files`` documents (None: leave out where)."""
    kinds = ", ".join(
        _severity_count(name, counts.get(name, 0)) for name in ("error", "warning", "suggestion") if counts.get(name)
    )
    total = sum(counts.values())
    head = ngettext("{count} finding", "{count} findings", total).format(count=total)
    if kinds:
        head = f"{head} ({kinds})"
    if files is None:
        return head
    where = ngettext("in {count} file", "in {count} files", files).format(count=files)
    return f"{head} {where}"


def _severity_count(name: str, count: int) -> str:
    # One message per severity, so that each language can inflect its own word.
    if name == "error":
        return ngettext("{count} error", "{count} errors", count).format(count=count)
    if name == "warning":
        return ngettext("{count} warning", "{count} warnings", count).format(count=count)
    return ngettext("{count} suggestion", "{count} suggestions", count).format(count=count)
