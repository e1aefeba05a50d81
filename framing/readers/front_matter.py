"""Front matter: the YAML block between ``---`` lines at the very start of a Markdown file (Jekyll, Hugo, MkDocs).

It is data for the site generator, not prose, except the values readers see on the
page or in listings: ``title``, ``description`` and ``summary`` at its top level. Those
values are read with PyYAML's composer, which gives each scalar's position in the text,
and copied verbatim into the prose (without their quotes, or the indicator line of a
block scalar). Front matter PyYAML cannot read is skipped whole.
"""

from __future__ import annotations

import re

from framing.readers import ProseBuilder

# Keys whose values a reader of the rendered page sees.
VISIBLE_KEYS = frozenset({"title", "description", "summary"})
_OPENING = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)", re.MULTILINE)
_NOT_BREAK = re.compile(r"[^\r\n]")


def span(text: str) -> tuple[int, int] | None:
    """Return the source range of the front matter's YAML (between its fences), and where the body begins, or None."""
    opening = _OPENING.match(text)
    if opening is None:
        return None
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        return None
    return opening.end(), closing.start()


def visible_values(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the source ranges of the visible values (see :data:`VISIBLE_KEYS`) in the YAML at ``text[start:end]``."""
    import yaml  # here, not at the top: start-up speed (15 ms, and most Markdown files have no front matter)

    try:
        root = yaml.compose(text[start:end], Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    ranges = []
    for key, value in root.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value in VISIBLE_KEYS and isinstance(value, yaml.ScalarNode)):
            continue
        first, last = start + value.start_mark.index, start + value.end_mark.index
        if value.style in ('"', "'"):
            first, last = first + 1, last - 1
        elif value.style in ("|", ">"):
            breaks = [text.find(mark, first, last) for mark in ("\n", "\r")]
            first = min((b for b in breaks if b >= 0), default=last)
        if first < last:
            ranges.append((first, last))
    return ranges


def read_into(builder: ProseBuilder) -> str:
    """Add the visible values of the front matter of ``builder.source`` to ``builder``; return the text for the Markdown parser.

    That text is the source with the front matter blanked out (every character but
    line breaks made a space), so the parser skips it while offsets and line
    numbers stay those of the source.
    """
    text = builder.source
    found = span(text)
    if found is None:
        return text
    start, end = found
    for first, last in visible_values(text, start, end):
        builder.gap(first)
        builder.copy(first, last)
        builder.gap(last)
    closing = _CLOSING.match(text, end)
    body_start = closing.end() if closing else end
    return _NOT_BREAK.sub(" ", text[:body_start]) + text[body_start:]
