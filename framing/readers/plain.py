"""Plain text: all of it is prose, except bare URLs and lines that hold a framing directive.

Plain text has no comment syntax, so a line whose text starts with ``framing-ignore``,
``framing-disable`` or ``framing-enable`` is taken as the comment.
"""

from __future__ import annotations

import re

from framing.readers import Prose, ProseBuilder

_DIRECTIVE_LINE = re.compile(r"^[ \t]*(framing-(?:ignore|disable|enable)\b[^\r\n]*)", re.MULTILINE)


def extract(text: str, *, at_line_start: bool = True) -> Prose:
    """Return the prose of a plain-text document.

    ``at_line_start=False`` reads a piece of a document that begins in the middle of
    a line (see :mod:`framing.streaming`): its first characters cannot start a directive.
    """
    builder = ProseBuilder(text)
    position = 0
    for match in _DIRECTIVE_LINE.finditer(text):
        if match.start() == 0 and not at_line_start:
            continue
        builder.copy(position, match.start())
        builder.comment(match.start(1), match.end(1), match.group(1))
        position = match.end()
    builder.copy(position, len(text))
    return builder.build()
