"""Lint many documents: expand folders, read each file in its format, lint, apply configuration and suppressions.

The lint path, top-down: read a document (:mod:`framing.documents`, :mod:`framing.readers`)
→ match its prose (:class:`~framing.linter.Linter`) → fit the suggestions to the
sentence (:mod:`framing.fitting`) → map back to the source and apply settings and
suppressions (:func:`lint_document`) → hand the results to a reporter. Plain-text
files take the same steps a block at a time (:mod:`framing.streaming`). ``--fix`` is a
layer on top (:mod:`framing.fixes`); nothing here imports it.

:func:`run` is what ``framing lint`` calls. It returns one :class:`DocumentResult` per
document, in the order the paths were given (folders expanded in sorted order), so
the output is the same however many jobs ran.
"""

from __future__ import annotations

import errno
import fnmatch
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from framing import documents, suppressions
from framing.config import COMMAND_LINE, ConfigFinder, Overrides, Settings, apply_settings, unknown_concepts
from framing.documents import Document
from framing.errors import FramingError, InputError, LocaleError
from framing.fitting import alternatives_in, fit
from framing.i18n import _
from framing.linter import Linter
from framing.model import Finding
from framing.readers import BINARY_FORMATS, OFFICE_FORMATS, Prose, extractor, format_for, office_reader
from framing.report import Located, locate
from framing.streaming import lint_plain

if TYPE_CHECKING:
    from framing.readers.office import Paragraph

Progress = Callable[[int, int], None]
_SNIFF = 8192


@dataclass(frozen=True)
class DocumentResult:
    """What linting one document gave.

    ``findings`` have offsets into ``document.text`` (the original text) and are
    sorted by position; ``editable`` holds the source ranges that were copied verbatim
    into the prose (a fixer may only change text inside them; none for MO, Word and
    OpenDocument files); ``suppressed`` counts findings silenced by inline directives;
    ``locale`` is the locale the document was linted in (a catalog may declare its own).
    For Word and OpenDocument files, ``document.text`` has one line per paragraph and
    ``paragraphs`` says where each line's paragraph is in the file.
    """

    document: Document
    input_format: str
    settings: Settings
    findings: tuple[Finding, ...]
    editable: tuple[tuple[int, int], ...]
    suppressed: int = 0
    locale: str = ""
    paragraphs: tuple[Paragraph, ...] = ()

    def located(self) -> list[Located]:
        """Return the findings with their lines and columns; in an office document, with their paragraph's place and locator.

        The place ("table 1, row 2, cell 3") is the report line's remark; the locator
        and the place are the JSON report's ``locator`` and ``place`` fields.
        """
        items = locate(self.document.path, self.document.text, list(self.findings))
        if not self.paragraphs:
            return items
        described = []
        for item in items:
            paragraph = self.paragraphs[min(item.line, len(self.paragraphs)) - 1]
            place = paragraph.place or _("paragraph {number}").format(number=item.line)
            described.append(replace(item, remark=place, extra=(("locator", paragraph.locator), ("place", place))))
        return described

    def is_editable(self, finding: Finding) -> bool:
        """Return whether ``finding``'s span lies inside one verbatim range of the source, so a fix may replace it."""
        return any(start <= finding.start and finding.end <= end for start, end in self.editable)

    def fails(self) -> bool:
        """Return whether a finding reaches this document's ``fail_on`` level."""
        level = self.settings.fail_on
        return level is not None and any(f.severity >= level for f in self.findings)


@dataclass(frozen=True)
class RunResult:
    """The results of a run, one per document in input order, and notices (skipped files)."""

    results: tuple[DocumentResult, ...]
    notices: tuple[str, ...] = ()

    @property
    def findings(self) -> int:
        """Return the number of findings in all documents."""
        return sum(len(r.findings) for r in self.results)

    def fails(self) -> bool:
        """Return whether any document has a finding at or above its ``fail_on`` level."""
        return any(r.fails() for r in self.results)


@dataclass(frozen=True)
class _Work:
    """One document to lint: read from ``path``, or already read (standard input)."""

    path: str
    input_format: str
    settings: Settings
    encoding: str | None
    builtin: bool
    document: Document | None = None


def matches(pattern: str, relative: str) -> bool:
    """Return whether the glob ``pattern`` matches the POSIX path ``relative``.

    A pattern without ``/`` matches any single component (``*.md``, ``drafts``);
    one with ``/`` matches the whole path or a folder above it (``docs/old/*``,
    ``docs/old``). ``*`` may cross ``/``; ``**/`` may match no folder at all.
    """
    parts = PurePosixPath(relative).parts
    if "/" not in pattern.strip("/"):
        pattern = pattern.strip("/")
        return any(fnmatch.fnmatchcase(part, pattern) for part in parts)
    pattern = pattern.strip("/")
    candidates = {pattern, pattern.replace("**/", "")}
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    return any(fnmatch.fnmatchcase(prefix, p) for prefix in prefixes for p in candidates)


def _relative(path: Path, settings: Settings, top: Path) -> str:
    try:
        absolute = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a broken link or a link loop (RuntimeError before Python 3.13): judge its own name
        absolute = Path(os.path.abspath(path))
    for base in (Path(settings.root).resolve(), top.resolve()):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def _selected(path: Path, settings: Settings, top: Path) -> bool:
    relative = _relative(path, settings, top)
    if any(matches(pattern, relative) for pattern in settings.exclude):
        return False
    return any(matches(pattern, relative) for pattern in settings.include)


def _is_binary(path: str) -> bool:
    try:
        with open(path, "rb") as file:
            head = file.read(_SNIFF)
    except OSError:
        return False  # reading it later gives the proper error
    return b"\0" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _broken_link(path: Path) -> str | None:
    """Return why ``path`` is a symbolic link that leads nowhere (a loop, a missing target), or None."""
    if not path.is_symlink():
        return None
    try:
        path.stat()
    except OSError as error:
        return _("symbolic link loop") if error.errno == errno.ELOOP else _("broken symbolic link")
    return None


def _walk_notice(error: OSError) -> str:
    """Return the notice for a folder that could not be listed while expanding a folder."""
    return _("{path}: skipped, cannot read folder: {reason}").format(path=error.filename, reason=error.strerror or error)


def expand(
    paths: Iterable[str], finder: ConfigFinder, overrides: Overrides | None = None, *, encoding: str | None = None
) -> tuple[list[tuple[str, Settings]], list[str]]:
    """Return the files to lint with their settings, and notices about skipped files.

    Folders are walked in sorted order, keeping the files the configuration's
    ``include`` globs select and its ``exclude`` globs do not; files named explicitly
    are always linted. Binary files are skipped with a notice, unless ``encoding`` is
    one whose text holds NUL bytes (UTF-16, UTF-32).
    Raises :class:`InputError` for a path that does not exist.
    """
    overrides = overrides or Overrides()
    selected: list[tuple[str, Settings]] = []
    notices: list[str] = []
    for given in paths:
        if given == documents.STDIN:
            selected.append((given, finder.settings(given, overrides)))
            continue
        top = Path(given)
        if top.is_dir():
            for folder, subfolders, files in os.walk(top, onerror=lambda error: notices.append(_walk_notice(error))):
                base = Path(folder)
                settings = finder.settings(base / "_", overrides)
                subfolders[:] = sorted(
                    name
                    for name in subfolders
                    if not any(matches(p, _relative(base / name, settings, top)) for p in settings.exclude)
                )
                for name in sorted(files):
                    file = base / name
                    file_settings = finder.settings(file, overrides)
                    if _selected(file, file_settings, top):
                        broken = _broken_link(file)
                        if broken:
                            notices.append(_("{path}: skipped, {reason}").format(path=file, reason=broken))
                        else:
                            selected.append((str(file), file_settings))
        elif top.exists():
            selected.append((given, finder.settings(given, overrides)))
        else:
            raise InputError(_broken_link(top) or _("no such file"), path=given)
    kept = []
    sniff = not (encoding and documents.wide_encoding(encoding))
    for path, settings in selected:
        if sniff and path != documents.STDIN and format_for(path) not in BINARY_FORMATS and _is_binary(path):
            notices.append(_("{path}: skipped, binary file").format(path=path))
        else:
            kept.append((path, settings))
    return kept, notices


def _linter_key(settings: Settings, prose: Prose | None, builtin: bool) -> tuple[str, tuple[str, ...], tuple[str, ...], bool]:
    locale = settings.locale
    if prose is not None and prose.locale and settings.source("locale") != COMMAND_LINE:
        locale = prose.locale
    return locale, settings.audience, settings.lexicons, builtin


def lint_document(
    document: Document,
    input_format: str,
    prose: Prose,
    findings: Sequence[Finding],
    settings: Settings,
    paragraphs: tuple[Paragraph, ...] = (),
) -> DocumentResult:
    """Return the result for ``document``, given the findings in its ``prose`` (offsets into the prose).

    Maps every finding back to the original text (a finding that crosses markup gets
    the original text of its span), then applies ``settings`` and the document's
    inline suppressions. ``paragraphs`` are an office document's (see :class:`DocumentResult`).
    """
    located = []
    for finding in findings:
        start, end, _ = prose.to_source(finding.start, finding.end)
        located.append(replace(finding, start=start, end=end, text=document.text[start:end]))
    configured = apply_settings(located, settings)
    kept, suppressed = suppressions.apply(configured, prose, document.text)
    kept.sort(key=lambda f: (f.start, f.end))
    editable = () if input_format in BINARY_FORMATS else prose.copied_ranges()
    return DocumentResult(document, input_format, settings, tuple(kept), editable, suppressed, paragraphs=paragraphs)


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InputError(_("cannot read: {reason}").format(reason=error.strerror or error), path=path) from None


def _read(work: _Work) -> tuple[Document, Prose, tuple[Paragraph, ...]]:
    if work.input_format in OFFICE_FORMATS and work.document is None and work.path != documents.STDIN:
        raw = _read_bytes(work.path)
        try:
            office = office_reader(work.input_format)(raw)
        except InputError as error:
            raise InputError(error.message, path=work.path, line=error.line) from None
        return Document(work.path, office.text, "utf-8"), office.prose, office.paragraphs
    if work.document is not None:
        document = work.document
    elif work.input_format == "mo" and work.path != documents.STDIN:
        from framing.readers import gettext  # here, not at the top: start-up speed (polib, only for MO files)

        raw = _read_bytes(work.path)
        prose = gettext.extract_mo(raw, path=work.path)
        return Document(work.path, gettext.decode_mo(raw), "utf-8"), prose, ()
    else:
        document = documents.read(work.path, work.encoding)
    if work.input_format == "mo":
        raise InputError(_("MO catalogs cannot be read from standard input"), path=document.path)
    if work.input_format in OFFICE_FORMATS:
        raise InputError(_("Word and OpenDocument files cannot be read from standard input"), path=document.path)
    try:
        prose = extractor(work.input_format, document.path)(document.text)
    except InputError as error:
        raise InputError(error.message, path=error.path or document.path, line=error.line) from None
    return document, prose, ()


LinterCache = dict[tuple[str, tuple[str, ...], tuple[str, ...], bool], Linter]
"""Linters built during a run, by locale, audience, lexicon files and built-in flag."""


def _linter_for(work: _Work, prose: Prose | None, linters: LinterCache, path: str) -> Linter:
    """Return the linter for ``work`` (whose ``prose`` may declare a locale), built once per settings and reused."""
    key = _linter_key(work.settings, prose, work.builtin)
    linter = linters.get(key)
    if linter is None:
        locale, audience, lexicons, builtin = key
        try:
            linter = Linter(locale, audience, lexicons, builtin=builtin)
        except LocaleError as error:
            if prose is not None and locale == prose.locale and locale != work.settings.locale:
                raise LocaleError(_("{reason} (the catalog's Language header)").format(reason=error.message), path=path) from None
            raise
        linters[key] = linter
    return linter


def linter_for(result: DocumentResult, *, builtin: bool = True, linters: LinterCache | None = None) -> Linter:
    """Return the linter ``result``'s document was linted with (built again, or taken from ``linters``)."""
    key = (result.locale or result.settings.locale, result.settings.audience, result.settings.lexicons, builtin)
    cache = linters if linters is not None else {}
    if key not in cache:
        cache[key] = Linter(key[0], key[1], key[2], builtin=builtin)
    return cache[key]


def _lint_one(work: _Work, linters: LinterCache) -> DocumentResult:
    """Read one document, match its prose, fit the suggestions, then apply settings and suppressions."""
    document, prose, paragraphs = _read(work)
    linter = _linter_for(work, prose, linters, document.path)
    findings = fit(prose.text, linter.lint(prose.text), alternatives_in(linter.engine))
    return replace(lint_document(document, work.input_format, prose, findings, work.settings, paragraphs), locale=linter.locale)


def lint_again(result: DocumentResult, text: str, *, builtin: bool = True, linters: LinterCache | None = None) -> DocumentResult:
    """Return the result of linting ``text`` as a new version of ``result``'s document (same path, format and settings).

    What a fixer uses to see what is left after an edit. ``linters`` keeps the linters
    built, to share them between calls.
    """
    work = _Work(result.document.path, result.input_format, result.settings, None, builtin, replace(result.document, text=text))
    return _lint_one(work, linters if linters is not None else {})


def _streams(work: _Work, linter: Linter) -> bool:
    """Return whether ``work`` is read as a stream: a plain-text file, matched on words by the fast tokenizer."""
    return (
        work.input_format == "text"
        and work.document is None
        and linter.tokenizer == "fast"
        and not linter.engine.matches_characters
    )


def _located(work: _Work, linters: LinterCache) -> Iterator[Located]:
    """Yield the findings of one document with their positions, in order (streaming plain-text files)."""
    if work.input_format == "text" and work.document is None:
        linter = _linter_for(work, None, linters, work.path)
        if _streams(work, linter):
            yield from lint_plain(work.path, linter, work.settings, encoding=work.encoding)
            return
    yield from _lint_one(work, linters).located()


_Outcome = TypeVar("_Outcome")

# Linters built in a worker process, reused for every document it lints there.
_WORKER_LINTERS: LinterCache = {}


def _lint_in_worker(work: _Work) -> DocumentResult | FramingError:
    try:
        return _lint_one(work, _WORKER_LINTERS)
    except FramingError as error:
        return error


def _located_in_worker(work: _Work) -> tuple[list[Located], bool] | FramingError:
    try:
        located = list(_located(work, _WORKER_LINTERS))
    except FramingError as error:
        return error
    return located, _fails(located, work.settings)


def _fails(located: Iterable[Located], settings: Settings) -> bool:
    level = settings.fail_on
    return level is not None and any(item.finding.severity >= level for item in located)


def _setting_notices(work: Sequence[_Work], linters: LinterCache) -> list[str]:
    """Return notices for concept ids in ``disable`` or ``severity`` settings that no lexicon in use defines (once each).

    Builds the linters those documents need (kept in ``linters`` for the run); a
    linter that cannot be built is left for its document to report.
    """
    notices: list[str] = []
    for item in work:
        if not item.settings.disable and not item.settings.severity:
            continue
        try:
            linter = _linter_for(item, None, linters, item.path)
        except FramingError:
            continue
        notices += [n for n in unknown_concepts(item.settings, linter.lexicon.concepts) if n not in notices]
    return notices


def _pool(work: Sequence[_Work], jobs: int, lint: Callable[[_Work], _Outcome | FramingError]) -> Iterator[_Outcome]:
    """Yield ``lint(item)`` for each item of ``work``, in order, from ``jobs`` worker processes.

    An error a worker returns is raised here, in input order, and the documents not
    yet started are cancelled.

    When workers start as copies of this process (``fork``), the linters the documents
    need are built and the modules they use imported here first, so each worker finds
    them loaded instead of loading them itself, and this process's objects are frozen out of
    the garbage collector while the workers start: collections in a worker then leave
    the inherited objects alone instead of touching, and so copying, every page of them
    (without it, ``--jobs 2`` spent 5 to 10 % more CPU than ``--jobs 1`` on the same
    files). A linter that cannot be built is left for its worker to report, in input
    order.
    """
    forked = multiprocessing.get_start_method(allow_none=False) == "fork"
    if forked:
        for input_format in {item.input_format for item in work} - BINARY_FORMATS:
            extractor(input_format)
        for item in work:
            if item.input_format in ("po", "mo"):
                continue  # a catalog may declare its own language
            try:
                _linter_for(item, None, _WORKER_LINTERS, item.path)
            except FramingError:
                continue
        gc.freeze()
    with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
        try:
            outcomes = pool.map(lint, work, chunksize=_chunksize(work, jobs))  # all workers are started by now
        finally:
            if forked:
                gc.unfreeze()
        for outcome in outcomes:
            if isinstance(outcome, FramingError):
                pool.shutdown(cancel_futures=True)
                raise outcome
            yield outcome


def _plan(
    paths: Sequence[str],
    overrides: Overrides | None,
    input_format: str | None,
    encoding: str | None,
    builtin: bool,
    config: str | Path | None,
    *,
    read_stdin: bool = True,
) -> tuple[list[_Work], list[str]]:
    """Return the documents to lint, with their settings, and notices about skipped files.

    Standard input is read here (worker processes cannot read it) unless ``read_stdin``
    is false: then it is read when its turn comes, as a stream if it is plain text.
    """
    if input_format is not None:
        format_for("", input_format)  # validates the name
    finder = ConfigFinder(config)
    files, notices = expand(paths, finder, overrides or Overrides(), encoding=encoding)
    work = []
    for path, settings in files:
        document = documents.read(path, encoding) if path == documents.STDIN and read_stdin else None
        work.append(_Work(path, format_for(path, input_format), settings, encoding, builtin, document))
    return work, notices


def run(
    paths: Sequence[str],
    *,
    overrides: Overrides | None = None,
    input_format: str | None = None,
    encoding: str | None = None,
    jobs: int = 1,
    builtin: bool = True,
    config: str | Path | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Return the results of linting ``paths`` (files, folders, ``-`` for standard input).

    ``overrides`` are command-line settings that win over configuration files;
    ``input_format`` forces a reader for every file; ``jobs`` > 1 lints in that many
    processes with the same result; ``config`` uses one configuration file instead of
    searching; ``progress`` is called with (done, total) after each document.
    Raises :class:`FramingError` subclasses for unreadable files, bad configuration,
    lexicons or locales: the first one in input order.

    Every document is held whole with its results (a fixer needs them); :func:`stream`
    reports the same findings holding only what it must.
    """
    work, notices = _plan(paths, overrides, input_format, encoding, builtin, config)
    parallel = jobs > 1 and len(work) > 1
    linters: LinterCache = _WORKER_LINTERS if parallel else {}
    notices += _setting_notices(work, linters)
    results: list[DocumentResult] = []
    if parallel:
        for done, outcome in enumerate(_pool(work, jobs, _lint_in_worker), 1):
            results.append(outcome)
            if progress is not None:
                progress(done, len(work))
    else:
        for done, item in enumerate(work, 1):
            results.append(_lint_one(item, linters))
            if progress is not None:
                progress(done, len(work))
    return RunResult(tuple(results), tuple(notices))


def _chunksize(work: Sequence[_Work], jobs: int) -> int:
    """Return how many documents to hand a worker at a time: few round trips, yet no worker left alone at the end.

    A round trip costs well under a millisecond, a document tens of them; a large
    batch at the end would keep one process busy while the others wait.
    """
    return max(1, len(work) // (jobs * 64))


class Stream:
    """The findings of a run, yielded one by one as documents are linted; see :func:`stream`.

    ``notices`` (skipped files) and ``files`` (how many documents will be linted) are
    known at once; ``failed`` says, once the findings have been read, whether any
    reached its document's ``fail_on`` level.
    """

    def __init__(self, work: list[_Work], notices: list[str], jobs: int, progress: Progress | None) -> None:
        parallel = jobs > 1 and len(work) > 1
        linters: LinterCache = _WORKER_LINTERS if parallel else {}
        self.notices = (*notices, *_setting_notices(work, linters))
        self.files = len(work)
        self.failed = False
        self._items = self._lint(work, jobs, progress, linters)

    def __iter__(self) -> Iterator[Located]:
        return self._items

    def _lint(self, work: list[_Work], jobs: int, progress: Progress | None, linters: LinterCache) -> Iterator[Located]:
        if jobs > 1 and len(work) > 1:
            for done, (located, fails) in enumerate(_pool(work, jobs, _located_in_worker), 1):
                self.failed = self.failed or fails
                yield from located
                if progress is not None:
                    progress(done, len(work))
            return
        for done, item in enumerate(work, 1):
            level = item.settings.fail_on
            for item_found in _located(item, linters):
                self.failed = self.failed or (level is not None and item_found.finding.severity >= level)
                yield item_found
            if progress is not None:
                progress(done, len(work))


def stream(
    paths: Sequence[str],
    *,
    overrides: Overrides | None = None,
    input_format: str | None = None,
    encoding: str | None = None,
    jobs: int = 1,
    builtin: bool = True,
    config: str | Path | None = None,
    progress: Progress | None = None,
) -> Stream:
    """Return the findings of linting ``paths`` as a :class:`Stream`: the findings :func:`run` gives, in the same order.

    Takes the same arguments as :func:`run`. Findings come as soon as they are
    certain and only what is still needed is held: plain-text files are read a block
    at a time (:mod:`framing.streaming`), and a document's text is let go once its
    findings are out. Errors in finding and reading the inputs' settings are raised
    here; a document that cannot be read or linted raises when iteration reaches it.
    """
    work, notices = _plan(paths, overrides, input_format, encoding, builtin, config, read_stdin=jobs > 1)
    return Stream(work, notices, jobs, progress)
