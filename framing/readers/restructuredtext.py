"""reStructuredText (Sphinx documentation, Python docstrings' home), read with docutils.

Paragraphs, titles, list items, table cells, definitions, admonitions and link text
are prose. Literal blocks (``::``), the ``code``/``code-block``/``sourcecode``,
``math``, ``raw`` and ``parsed-literal`` directives, inline literals and ``:code:`` or
``:math:`` roles, substitution definitions and references, targets, comments,
field names and the interpreted text of roles are not: ``:ref:`target``` is a link
target, and of ``:ref:`Our team <target>``` only the title before the target is
prose. Single backquotes (the default role) usually mark code in Sphinx projects and
are skipped. Text that names its own link target (```war room`_``, ``leader_``,
``:term:`leader```) is linted but never fixed: a fix would break the link.

Directives docutils does not know (Sphinx's ``versionadded``, ``toctree``,
``literalinclude``, ``autofunction``...) do not stop the run. The content of those
that hold prose in Sphinx (:data:`PROSE_DIRECTIVES`, domain directives such as
``py:function``, and the ``auto*`` directives) is read as reStructuredText; the content
of every other unknown directive is skipped. Roles docutils does not know are read as
described above. Files are never read (``include``, ``raw :file:``, ``csv-table :url:``
are disabled): a document cannot make framing open another file or a URL.

docutils gives line numbers that are often off (a title's is its underline's, a table
cell's its row's end) and no columns. So the document's text nodes are found in the
source in document order, each line of a node at or after where the previous one
ended, code and other skipped text included (so the search never lands in code); the
cells of a table are each searched from the table's start. Only text found exactly
(up to the tabs docutils expands and the backslashes of escapes) is copied into the
prose; what cannot be found is left out, never guessed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import docutils.frontend
import docutils.parsers.rst
import docutils.utils
from docutils import nodes

from framing.errors import InputError
from framing.i18n import _
from framing.readers import Prose, ProseBuilder

# Sphinx directives whose content is prose (arguments, like a version, are not).
PROSE_DIRECTIVES = frozenset(
    {
        "versionadded", "versionchanged", "versionremoved", "deprecated", "seealso", "glossary", "hlist", "only",
        "centered", "todo", "tab", "tabs", "tab-set", "tab-item", "card", "grid", "grid-item", "grid-item-card",
        "dropdown", "describe", "object", "function", "class", "method", "attribute", "data", "exception", "module",
    }
)  # fmt: skip
# Roles whose text readers see as it is (not only a target): linted, never fixed when it is also the target.
_SHOWN_ROLES = frozenset({"term", "abbr", "dfn", "guilabel", "menuselection"})
# Elements whose text is not prose; their text is still found in the source, to keep the search in step.
_SKIPPED = (
    nodes.literal_block, nodes.literal, nodes.doctest_block, nodes.math, nodes.math_block, nodes.raw,
    nodes.substitution_definition, nodes.substitution_reference, nodes.target, nodes.title_reference,
    nodes.field_name, nodes.option_string, nodes.option_argument, nodes.footnote_reference,
    nodes.citation_reference, nodes.label, nodes.pending,
)  # fmt: skip
_UNKNOWN_DIRECTIVE = re.compile(r'Unknown directive type "([^"]+)"')
_ROLE = re.compile(r":([\w.:+-]+):`(.*)`\Z", re.DOTALL)
_TITLED_TARGET = re.compile(r"(.*?\S)(\s*<[^<>]*>)\Z", re.DOTALL)
_DIRECTIVE_HEAD = re.compile(r"[ \t]*\.\.[ \t]+[^\n]*::[^\n]*\n((?:[ \t]+:[^\n]*\n)*)")
_SPACES = re.compile(r" +")
# How far past the previous piece a piece of text is looked for before it is left out.
SEARCH_WINDOW = 20000


def _settings() -> Any:
    settings = docutils.frontend.get_default_settings(docutils.parsers.rst.Parser)
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.syntax_highlight = "none"
    settings.character_level_inline_markup = False
    return settings


def _parse(text: str) -> nodes.document:
    document = docutils.utils.new_document("<rst>", _settings())
    try:
        docutils.parsers.rst.Parser().parse(text, document)
    except RecursionError:
        raise InputError(_("reStructuredText nested too deeply to read")) from None
    except Exception as error:  # docutils is a third-party parser: any failure on odd input is this file's error
        raise InputError(_("docutils could not read this reStructuredText: {reason}").format(reason=error)) from None
    return document


def _pattern(piece: str) -> re.Pattern[str]:
    r"""Return a pattern for the source of one line of a text node.

    In docutils' text a NUL stands for the backslash of an escape, and tabs and
    vertical whitespace have become spaces.
    """
    parts = []
    for run in re.split(r"( +|\x00)", piece):
        if not run:
            continue
        if run == "\x00":
            parts.append(r"\\")
        elif run.startswith(" "):
            parts.append(r"[ \t\v\f]+")
        else:
            parts.append(re.escape(run))
    return re.compile("".join(parts))


class _Locator:
    """Finds docutils' text nodes in the source, in order, and adds the prose among them to a builder."""

    def __init__(self, builder: ProseBuilder, readable: str) -> None:
        self.builder = builder
        self.readable = readable  # the source with the characters docutils cannot take replaced, same length
        self.cursor = 0
        self.claimed: list[tuple[int, int]] = []  # prose found inside the table being read
        self.in_table = False

    def find(self, piece: str) -> re.Match[str] | None:
        """Return where ``piece`` is in the source at or after the cursor, and move the cursor past it."""
        if not piece.strip(" \x00"):
            return None
        pattern = _pattern(piece)
        limit = min(len(self.readable), self.cursor + SEARCH_WINDOW + 2 * len(piece))
        position = self.cursor
        while True:
            match = pattern.search(self.readable, position, limit)
            if match is None:
                return None
            if not any(start < match.end() and match.start() < end for start, end in self.claimed):
                break
            position = match.start() + 1
        self.cursor = match.end()
        if self.in_table:
            self.claimed.append(match.span())
        return match

    def text(self, content: str, *, prose: bool, fixable: bool = True) -> tuple[int, int] | None:
        """Find ``content`` line by line; add it to the prose when ``prose``; return its source range, if found."""
        first = last = None
        for index, piece in enumerate(content.split("\n")):
            if index:
                if prose:
                    self.builder.put("\n", self.cursor, self.cursor)
            match = self.find(piece)
            if match is None:
                continue
            first = match.start() if first is None else first
            last = match.end()
            if prose:
                self._copy(piece, match, fixable=fixable)
        return None if first is None or last is None else (first, last)

    def _copy(self, piece: str, match: re.Match[str], *, fixable: bool) -> None:
        """Copy the source of ``piece`` at ``match`` into the prose, leaving out the backslashes of escapes."""
        if "\x00" not in piece:
            self.builder.copy(match.start(), match.end(), fixable=fixable)
            return
        source, position, end = self.readable, match.start(), match.end()
        start = position
        while position < end:
            if source[position] == "\\":
                self.builder.copy(start, position, fixable=fixable)
                position += 1  # the backslash; an escaped space or line end is dropped with it, as docutils does
                if position < end and source[position] in " \t":
                    position += 1
                start = position
                position += 1
            else:
                position += 1
        self.builder.copy(start, end, fixable=fixable)

    def walk(self, node: nodes.Node) -> None:
        """Add the prose under ``node``, finding every text node in the source."""
        if isinstance(node, nodes.Text):
            fixable = not _names_its_target(node.parent)
            self.text(str(node), prose=True, fixable=fixable)
        elif isinstance(node, nodes.comment):
            found = self.text(node.astext(), prose=False)
            if found:
                self.builder.comment(found[0], found[1], node.astext())
        elif isinstance(node, _SKIPPED):
            for text in _texts(node):
                self.text(text, prose=False)
        elif isinstance(node, nodes.system_message):
            self._message(node)
        elif isinstance(node, nodes.problematic):
            self._role(node.astext())
        elif isinstance(node, nodes.image):
            if node.get("alt"):
                self._block(lambda: self.text(str(node["alt"]), prose=True))
        elif isinstance(node, nodes.table):
            self._table(node)
        elif isinstance(node, nodes.TextElement) and not isinstance(node, nodes.Inline):
            self._block(lambda: self._children(node))
        else:
            self._children(node)

    def _children(self, node: nodes.Node) -> None:
        for child in node.children:
            self.walk(child)

    def _block(self, read: Any) -> None:
        self.builder.gap(self.cursor)
        read()
        self.builder.gap(self.cursor)

    def _table(self, table: nodes.table) -> None:
        """Read each cell of ``table`` from the table's start (cells of a row share their lines in the source)."""
        start, outer = self.cursor, self.in_table
        self.in_table = True
        furthest = start
        for entry in table.findall(nodes.entry):
            self.cursor = start
            self._block(lambda entry=entry: self._children(entry))
            furthest = max(furthest, self.cursor)
        for title in table.findall(nodes.title):
            self.cursor = start
            self._block(lambda title=title: self._children(title))
            furthest = max(furthest, self.cursor)
        self.in_table = outer
        if not outer:
            self.claimed = []
        self.cursor = furthest

    def _message(self, message: nodes.system_message) -> None:
        """Read an unknown directive's content as prose when Sphinx renders it as prose; skip any other message."""
        unknown = _UNKNOWN_DIRECTIVE.search(message.astext())
        blocks = list(message.findall(nodes.literal_block))
        if unknown is None or not blocks:
            return
        raw = blocks[0].astext()
        name = unknown.group(1).lower()
        head = _DIRECTIVE_HEAD.match(raw + "\n")
        if not _prose_directive(name) or head is None:
            self.text(raw, prose=False)
            return
        self.text(raw[: head.end()].rstrip("\n"), prose=False)
        content = raw[head.end() :]
        self._nested(content)

    def _nested(self, content: str) -> None:
        lines = content.split("\n")
        indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
        indent = min(indents, default=0)
        document = _parse("\n".join(line[indent:] for line in lines))
        self._children(document)

    def _role(self, raw: str) -> None:
        """Read an interpreted text of a role docutils does not know: its title is prose, its target is not."""
        role = _ROLE.match(raw)
        if role is None:
            self.text(raw, prose=False)
            return
        name, content = role.group(1).lower(), role.group(2)
        titled = _TITLED_TARGET.match(content)
        self.text(raw[: role.start(2)], prose=False)
        if titled:
            self.text(titled.group(1), prose=True)
            self.text(titled.group(2) + "`", prose=False)
        else:
            shown = name.rsplit(":", 1)[-1] in _SHOWN_ROLES
            self.text(content, prose=shown, fixable=name.rsplit(":", 1)[-1] != "term")
            self.text("`", prose=False)


def _prose_directive(name: str) -> bool:
    return name in PROSE_DIRECTIVES or ":" in name or name.startswith("auto") and name != "autosummary"


def _names_its_target(parent: nodes.Node | None) -> bool:
    """Return whether ``parent`` is a reference whose text is also the name of its target (```war room`_``)."""
    return isinstance(parent, nodes.reference) and "refname" in parent.attributes and "refuri" not in parent.attributes


def _texts(node: nodes.Node) -> Iterator[str]:
    for text in node.findall(nodes.Text):
        yield str(text)


def extract(text: str) -> Prose:
    """Return the prose of a reStructuredText document.

    Raises :class:`InputError` for text docutils cannot read.
    """
    readable = text.replace("\x00", "\ufffd")  # docutils marks escapes with NUL: a NUL of the source would pass for one
    builder = ProseBuilder(text)
    locator = _Locator(builder, readable)
    locator.walk(_parse(readable))
    return builder.build()
