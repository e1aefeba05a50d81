"""Lint an open document as ``framing lint`` would, fast enough to keep up with typing.

The same reader (by file extension or the editor's language id), the same nearest
configuration file, the same suppressions and the same fitted alternatives as the
command line (:func:`framing.runner.lint_document` does the mapping back to the
source, the settings and the suppressions). What the editor adds is speed: Markdown is read piece by piece
(:mod:`framing.lsp.reading`), so an edit parses only the piece it touched, and the prose
is linted one block (paragraph, list item) at a time and each block's findings are
kept, keyed on its text, so after an edit only the blocks that changed are linted
again. No phrase, condition or sense check reaches across a blank line
(:mod:`framing.senses`), so the findings are those of linting the whole prose at once
(``tests/test_lsp_analysis.py`` checks this). Between blocks the caller is asked
whether a newer version has arrived; if so the work stops and nothing is returned.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from framing.config import COMMAND_LINE, CONFIG_FILE, PYPROJECT, ConfigFinder, Overrides, Settings
from framing.documents import Document
from framing.errors import InputError
from framing.fitting import AlternativesOf, alternatives_in, fit
from framing.i18n import _
from framing.linter import Linter
from framing.lsp.reading import PieceReader
from framing.model import Finding
from framing.readers import BINARY_FORMATS, FORMATS, Prose, extractor, format_for
from framing.runner import DocumentResult, lint_document

#: The editors' language ids of the formats the readers know (extensions are tried first).
LANGUAGE_IDS = {
    "plaintext": "text",
    "text": "text",
    "markdown": "markdown",
    "html": "html",
    "xhtml": "html",
    "wikitext": "wikitext",
    "mediawiki": "wikitext",
    "po": "po",
    "pot": "po",
    "gettext": "po",
    "restructuredtext": "rst",
    "rst": "rst",
}
#: Files the server watches for settings; they are never linted themselves.
SETTINGS_FILES = (CONFIG_FILE, PYPROJECT)
# Where the prose is cut into blocks: after a blank line (what ends a block for the matcher).
_BLOCK_END = re.compile(r"\n[^\S\n]*\n")
# How many blocks' findings are kept across all documents (least recently used go first).
CACHED_BLOCKS = 50_000

Stale = Callable[[], bool]


def input_format(path: str, language_id: str | None) -> str | None:
    """Return the reader for a document at ``path`` with the editor's ``language_id``, or None when no reader knows it.

    Formats read from bytes (``.mo``, ``.docx``, ``.odt``) and the configuration files are not read.
    """
    name = PurePath(path).name
    if name in SETTINGS_FILES:
        return None
    suffix = PurePath(path).suffix.lower()
    if suffix and any(suffix in suffixes for suffixes in FORMATS.values()):
        found = format_for(path)
        return None if found in BINARY_FORMATS else found
    return LANGUAGE_IDS.get((language_id or "").lower())


def blocks(text: str) -> list[tuple[int, str]]:
    """Return the blocks of ``text`` with their offsets: each ends after a blank line (or at the end)."""
    found = []
    start = 0
    for match in _BLOCK_END.finditer(text):
        found.append((start, text[start : match.end()]))
        start = match.end()
    if start < len(text) or not found:
        found.append((start, text[start:]))
    return found


@dataclass(frozen=True)
class Analysis:
    """What linting one version of an open document gave.

    ``result`` is what ``framing lint`` has for the document: its findings, one per
    occurrence with its readers, in source offsets, after settings and suppressions;
    ``alternatives_of`` gives a finding's alternatives, for the fixes.
    """

    version: int | None
    result: DocumentResult
    alternatives_of: AlternativesOf

    @property
    def occurrences(self) -> tuple[Finding, ...]:
        """Return the findings (each one occurrence of a term, whatever the number of its readers)."""
        return self.result.findings

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Return the findings (the same as :attr:`occurrences`; the name the fixer knows)."""
        return self.result.findings

    def findings_at(self, occurrence: Finding) -> list[Finding]:
        """Return the findings at the place of ``occurrence`` (itself: one finding per occurrence)."""
        key = (occurrence.start, occurrence.end, occurrence.concept)
        return [f for f in self.result.findings if (f.start, f.end, f.concept) == key]


class Analyzer:
    """Lints open documents; holds the linters, the configuration found and the findings of blocks seen.

    ``builtin=False`` leaves the built-in lexicons out, as ``--no-builtin`` does.
    """

    def __init__(self, *, builtin: bool = True) -> None:
        self.builtin = builtin
        self.finder = ConfigFinder()
        self._linters: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Linter] = {}
        self._markdown = PieceReader(extractor("markdown"))
        self._blocks: OrderedDict[tuple[tuple[str, tuple[str, ...], tuple[str, ...]], str], tuple[Finding, ...]] = OrderedDict()

    def forget(self) -> None:
        """Drop the configuration, linters and findings kept: configuration or lexicon files have changed."""
        self.finder = ConfigFinder()
        self._linters.clear()
        self._blocks.clear()
        self._markdown = PieceReader(extractor("markdown"))

    def settings(self, path: str, overrides: Overrides) -> Settings:
        """Return the settings of the document at ``path`` (a file, or a folder for an unsaved one).

        Raises :class:`~framing.errors.ConfigError` for a broken configuration file.
        """
        return self.finder.settings(Path(path) if path else Path.cwd(), overrides)

    def linter(self, settings: Settings, prose: Prose | None = None) -> Linter:
        """Return the linter for ``settings`` (a PO catalog's own language wins over a configured locale), built once.

        Raises :class:`~framing.errors.LexiconError` or :class:`~framing.errors.LocaleError`.
        """
        key = self._key(settings, prose)
        linter = self._linters.get(key)
        if linter is None:
            locale, audience, lexicons = key
            linter = self._linters[key] = Linter(locale, audience, lexicons, builtin=self.builtin)
        return linter

    @staticmethod
    def _key(settings: Settings, prose: Prose | None) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        locale = settings.locale
        if prose is not None and prose.locale and settings.source("locale") != COMMAND_LINE:
            locale = prose.locale
        return locale, settings.audience, settings.lexicons

    def analyse(
        self,
        text: str,
        path: str,
        format_name: str,
        settings: Settings,
        *,
        version: int | None = None,
        stale: Stale = lambda: False,
    ) -> Analysis | None:
        """Return the analysis of ``text`` (the document at ``path`` in ``format_name``), or None when ``stale()`` turned true.

        Raises :class:`~framing.errors.InputError` when the reader cannot read the text
        (binary content), and the errors of :meth:`linter`.
        """
        if "\x00" in text:
            raise InputError(_("looks like a binary file (it contains NUL bytes)"), path=path)
        prose = self._markdown.read(text) if format_name == "markdown" else extractor(format_name, path)(text)
        linter = self.linter(settings, prose)
        key = self._key(settings, prose)
        found: list[Finding] = []
        for offset, block in blocks(prose.text):
            if stale():
                return None
            found.extend(replace(f, start=f.start + offset, end=f.end + offset) for f in self._block(key, block, linter))
        if stale():
            return None
        document = Document(path, text)
        result = replace(lint_document(document, format_name, prose, found, settings), locale=linter.locale)
        return Analysis(version, result, alternatives_in(linter.engine))

    def _block(self, key: tuple[str, tuple[str, ...], tuple[str, ...]], block: str, linter: Linter) -> tuple[Finding, ...]:
        cache_key = (key, block)
        cached = self._blocks.get(cache_key)
        if cached is not None:
            self._blocks.move_to_end(cache_key)
            return cached
        findings = tuple(fit(block, linter.lint(block), alternatives_in(linter.engine))) if block.strip() else ()
        self._blocks[cache_key] = findings
        if len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return findings

