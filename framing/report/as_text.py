"""The text format: one line per finding, ``path:line:column: severity concept: message (alternatives)``.

A command's remark on the finding, if any, follows after a semicolon.

Colour is added only when asked for (:func:`wants_colour` decides for a stream), so
pipes, files and CI logs get plain text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from framing.i18n import ngettext
from framing.report import Located

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_SEVERITY_COLOURS = {"error": "\033[1;31m", "warning": "\033[33m", "suggestion": "\033[36m"}


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


def format_finding(item: Located, *, colour: bool = False) -> str:
    """Return the line that reports one finding (with ANSI colours when ``colour``)."""
    finding = item.finding
    where = f"{item.path}:{item.line}:{item.column}:"
    severity, concept = str(finding.severity), finding.concept
    if colour:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_SEVERITY_COLOURS[severity]}{severity}{_RESET}"
        concept = f"{_BOLD}{concept}{_RESET}"
    line = f"{where} {severity} {concept}: {finding.message}"
    if finding.alternatives:
        alternatives = "(" + ", ".join(finding.alternatives) + ")"
        line += " " + (f"{_DIM}{alternatives}{_RESET}" if colour else alternatives)
    if item.remark:
        line += "; " + (f"{_DIM}{item.remark}{_RESET}" if colour else item.remark)
    return line


def render(items: Iterable[Located], *, colour: bool = False) -> str:
    """Return every finding as a line, each ending with a newline."""
    return "".join(format_finding(item, colour=colour) + "\n" for item in items)


def summary(items: Iterable[Located], files: int) -> str:
    """Return a one-line count of findings by severity ("3 findings (2 warnings, 1 suggestion) in 1 file")."""
    return summary_of(Counter(str(item.finding.severity) for item in items), files)


def summary_of(counts: Mapping[str, int], files: int) -> str:
    """Return the summary line for ``counts`` of findings by severity name in ``files`` documents."""
    kinds = ", ".join(_severity_count(name, counts[name]) for name in ("error", "warning", "suggestion") if counts[name])
    total = sum(counts.values())
    head = ngettext("{count} finding", "{count} findings", total).format(count=total)
    where = ngettext("in {count} file", "in {count} files", files).format(count=files)
    return f"{head} ({kinds}) {where}" if kinds else f"{head} {where}"


def _severity_count(name: str, count: int) -> str:
    # One message per severity, so that each language can inflect its own word.
    if name == "error":
        return ngettext("{count} error", "{count} errors", count).format(count=count)
    if name == "warning":
        return ngettext("{count} warning", "{count} warnings", count).format(count=count)
    return ngettext("{count} suggestion", "{count} suggestions", count).format(count=count)
