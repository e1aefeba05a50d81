"""MediaWiki wikitext, read with mwparserfromhell.

Text, headings, link text, external link titles, template parameter values and the
contents of formatting tags are prose; template names, parameter names, link targets,
URLs and ``code``/``pre``/``nowiki``/``math``/``syntaxhighlight`` contents are not.
An unpiped link (``[[War room]]``) shows its target as its text: that text is linted,
but a fix would change where the link goes, so it is never edited. Links into a
namespace (``[[Category:...]]``, ``[[File:...]]``, language links) show no such text.
mwparserfromhell gives no positions, but every node prints back to exactly its source,
so each child's offset is its parent's plus the length of what precedes it.
"""

from __future__ import annotations

import re
from typing import Any

import mwparserfromhell
from mwparserfromhell.nodes import Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink

from framing.errors import InputError
from framing.i18n import _
from framing.readers import Prose, ProseBuilder

SKIPPED_TAGS = frozenset(
    {"code", "pre", "nowiki", "math", "syntaxhighlight", "source", "score", "graph", "templatedata", "chem", "ce"}
    | {"script", "style"}
)
# Wiki markup that starts a new block of prose.
_BLOCK_MARKUP = frozenset({"*", "#", ";", ":", "----", "{|", "|-", "|", "||", "!", "!!", "|+"})


# Characters mwparserfromhell's tokenizer stops at (it is written in C, where NUL ends a
# string); each is read as this placeholder of the same length, so offsets stay put.
_UNREADABLE = "\x00"
_PLACEHOLDER = "\ufffd"


def _walk(code: Any, offset: int, builder: ProseBuilder, *, fixable: bool = True) -> None:
    for node in code.nodes:
        length = len(str(node))
        if isinstance(node, Text):
            builder.copy(offset, offset + length, fixable=fixable)
        elif isinstance(node, Heading):
            builder.gap(offset)
            _walk(node.title, offset + node.level, builder, fixable=fixable)
            builder.gap(offset + length)
        elif isinstance(node, Wikilink):
            if node.text is not None:
                _walk(node.text, offset + 2 + len(str(node.title)) + 1, builder, fixable=fixable)
            elif ":" not in str(node.title):
                _walk(node.title, offset + 2, builder, fixable=False)
        elif isinstance(node, ExternalLink):
            if node.brackets and node.title is not None:
                space = 0 if node.suppress_space is True else 1
                _walk(node.title, offset + 1 + len(str(node.url)) + space, builder, fixable=fixable)
        elif isinstance(node, Template):
            position = offset + 2 + len(str(node.name))
            for param in node.params:
                position += 1  # the "|"
                value_at = position + (len(str(param.name)) + 1 if param.showkey else 0)
                builder.gap(value_at)
                _walk(param.value, value_at, builder, fixable=fixable)
                position += len(str(param))
        elif isinstance(node, Tag):
            _tag(node, offset, builder, fixable=fixable)
        elif isinstance(node, HTMLEntity):
            builder.put(node.normalize(), offset, offset + length)
        elif isinstance(node, Comment):
            builder.comment(offset, offset + length, str(node.contents))
        elif isinstance(node, Argument):
            pass  # {{{parameter}}} of a template's own source: not prose
        offset += length


def _tag(node: Tag, offset: int, builder: ProseBuilder, *, fixable: bool) -> None:
    name = str(node.tag).strip().lower()
    block = bool(node.wiki_markup and node.wiki_markup in _BLOCK_MARKUP) or name in ("p", "div", "li", "br", "td", "th", "tr")
    if block:
        builder.gap(offset)
    if node.self_closing or name in SKIPPED_TAGS:
        return
    attributes = "".join(str(attribute) for attribute in node.attributes)
    if node.wiki_markup:
        opening = node.wiki_markup + attributes + (node.padding or "") + (node.wiki_style_separator or "")
    else:
        opening = ("</" if node.invalid else "<") + str(node.tag) + attributes + node.padding + ">"
    _walk(node.contents, offset + len(opening), builder, fixable=fixable)


# mwparserfromhell retries every construct it cannot close up to the end of the text, so its
# time grows with (unclosed constructs) x (length): quadratic for hostile input
# (earwig/mwparserfromhell#364, open in 0.7.2). Up to this many unclosed ones it stays linear.
MAX_UNCLOSED = 32
_VOID_TAGS = "br|hr|wbr|img|meta|link|input|col|area|base|source|track|embed|param|references"
_MARKERS = re.compile(
    r"(?P<open>\{\{|\[\[|\{\||<!--|\[(?=[a-zA-Z][a-zA-Z0-9+.-]*:|//)|<(?!(?:" + _VOID_TAGS + r")\b)[A-Za-z][^<>]*(?<!/)>)"
    r"|(?P<close>\}\}|\]\]|\|\}|-->|\]|</[A-Za-z][^<>]*>)"
)
_CLOSER = {"{{": "}}", "[[": "]]", "{|": "|}", "<!--": "-->", "[": "]", "<": "</"}


def unclosed(text: str) -> dict[str, int]:
    """Return how many of each kind of wiki construct (``{{``, ``[[``, ``[``, ``{|``, ``<!--``, ``<tag>``) are never closed.

    One linear pass: each closing marker closes an open construct of its kind, if any.
    """
    open_count: dict[str, int] = dict.fromkeys(_CLOSER, 0)
    for match in _MARKERS.finditer(text):
        marker = match.group()
        if match.group("open"):
            kind = (
                "<"
                if marker.startswith("<") and marker != "<!--"
                else ("[" if marker.startswith("[") and marker != "[[" else marker)
            )
            open_count[kind] += 1
        else:
            kind = next(k for k, c in _CLOSER.items() if marker.startswith(c) and (c != "]" or marker == "]"))
            if open_count[kind]:
                open_count[kind] -= 1
    return {kind: count for kind, count in open_count.items() if count}


def extract(text: str) -> Prose:
    """Return the prose of a wikitext document.

    Raises :class:`InputError` for wikitext with more than :data:`MAX_UNCLOSED` unclosed
    constructs, which the parser would take quadratic time to read.
    """
    left_open = unclosed(text)
    if sum(left_open.values()) > MAX_UNCLOSED:
        kinds = ", ".join(f"{count} {kind!r}" for kind, count in sorted(left_open.items(), key=lambda item: -item[1]))
        raise InputError(
            _("too malformed to read: unclosed wiki markup ({kinds}; the limit is {limit})").format(
                kinds=kinds, limit=MAX_UNCLOSED
            )
        )
    readable = text.replace(_UNREADABLE, _PLACEHOLDER)
    code = mwparserfromhell.parse(readable)
    if str(code) != readable:
        raise InputError(_("mwparserfromhell could not read this wikitext back unchanged"))
    builder = ProseBuilder(text)
    _walk(code, 0, builder)
    return builder.build()
