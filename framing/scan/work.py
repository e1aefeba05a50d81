"""Scan one part of a dump: choose its pages and revisions, lint their wikitext, and turn the findings into rows.

:func:`scan_part` is what runs on a worker, in a local process or on a Dask
cluster: it takes only plain, picklable data (:class:`Task`) and returns a
:class:`PartOutcome`, having written the part's rows to the output folder if there is
one. Linters are built once per worker process and reused by every part it scans.
"""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.config import Settings
from framing.documents import Document, LineIndex
from framing.i18n import _
from framing.linter import Linter
from framing.model import Finding, Severity
from framing.readers import wikitext
from framing.runner import lint_document
from framing.scan import dump
from framing.scan.dump import Part, Skipped

#: The columns of a finding's row, in order (see :mod:`framing.scan.output` for their types).
COLUMNS = (
    "page_id",
    "title",
    "namespace",
    "revision_id",
    "timestamp",
    "line",
    "column",
    "text",
    "concept",
    "severity",
    "readers",
)


@dataclass(frozen=True)
class Selection:
    """Which pages and revisions a scan reads.

    ``namespaces`` (ids; None: all), ``title_prefix`` (None: any title), ``since`` and
    ``until`` (inclusive bounds on a revision's time; None: open) and ``history``
    (every revision in the bounds; otherwise only the latest one up to ``until``, if
    it is not before ``since``).
    """

    namespaces: frozenset[int] | None = None
    title_prefix: str | None = None
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None
    history: bool = False

    def wants_page(self, namespace: int, title: str) -> bool:
        """Return whether a page in ``namespace`` titled ``title`` is scanned."""
        if self.namespaces is not None and namespace not in self.namespaces:
            return False
        return self.title_prefix is None or title.startswith(self.title_prefix)

    def revisions(self, revisions: Iterable[Any]) -> Iterator[Any]:
        """Yield the revisions (mwxml) of one page that are scanned, in dump order."""
        latest = None
        for revision in revisions:
            when = _time(revision)
            if self.until is not None and when is not None and when > self.until:
                continue
            if self.history:
                if self.since is None or (when is not None and when >= self.since):
                    yield revision
            else:
                latest = revision
        if latest is not None and (self.since is None or (_time(latest) or self.since) >= self.since):
            yield latest


@dataclass(frozen=True)
class Task:
    """One part of one dump to scan, with all a worker needs to scan it.

    ``header`` is the dump's bytes before its first page (``header_length`` of them);
    ``settings`` are the lint settings (locale resolved), ``output`` the dataset
    folder the part's rows go to (None: rows are only counted).
    """

    part: Part
    header: bytes
    header_length: int
    selection: Selection
    settings: Settings
    builtin: bool = True
    output: str | None = None
    key: str = ""


@dataclass
class PartOutcome:
    """What scanning one part gave: counts, findings per (concept, year), skipped pages, and whether it was read to its end."""

    key: str
    pages: int = 0
    revisions: int = 0
    findings: int = 0
    by_concept_year: Counter[tuple[str, int]] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    complete: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Return the outcome as JSON-ready data (kept in the part's Parquet metadata, read back by ``--resume``)."""
        return {
            "key": self.key,
            "pages": self.pages,
            "revisions": self.revisions,
            "findings": self.findings,
            "by_concept_year": [[concept, year, count] for (concept, year), count in sorted(self.by_concept_year.items())],
            "by_severity": dict(sorted(self.by_severity.items())),
            "skipped": [[s.path, s.page_id, s.title, s.reason, s.revision_id] for s in self.skipped],
            "complete": self.complete,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PartOutcome:
        """Return the outcome :meth:`to_dict` made ``data`` from."""
        return cls(
            key=data["key"],
            pages=data["pages"],
            revisions=data["revisions"],
            findings=data["findings"],
            by_concept_year=Counter({(concept, year): count for concept, year, count in data["by_concept_year"]}),
            by_severity=Counter(data["by_severity"]),
            skipped=[Skipped(*item) for item in data["skipped"]],
            complete=data["complete"],
        )


def occurrences(findings: Sequence[Finding]) -> list[tuple[Finding, Severity, tuple[str, ...]]]:
    """Return each finding of ``findings`` with its severity and its readers' locales (the writer's own first).

    The one place a scan reads the finding model (:class:`framing.model.Finding`): a
    finding is one occurrence, whatever the number of readers it concerns.
    """
    return [(finding, finding.severity, finding.locales) for finding in findings]


_LINTERS: dict[tuple[str, tuple[str, ...], tuple[str, ...], bool], Linter] = {}
_LINTERS_LOCK = threading.Lock()  # Dask workers may run several parts at once in threads


def linter_for(settings: Settings, builtin: bool) -> Linter:
    """Return the linter for ``settings``, built once per process."""
    key = (settings.locale, settings.audience, settings.lexicons, builtin)
    with _LINTERS_LOCK:
        linter = _LINTERS.get(key)
        if linter is None:
            linter = _LINTERS[key] = Linter(settings.locale, settings.audience, settings.lexicons, builtin=builtin)
    return linter


def _time(revision: Any) -> datetime.datetime | None:
    stamp = getattr(revision, "timestamp", None)
    if stamp is None:
        return None
    return datetime.datetime.fromtimestamp(stamp.unix(), tz=datetime.UTC)


def lint_revision(
    text: str, title: str, linter: Linter, settings: Settings
) -> list[tuple[int, int, Finding, Severity, tuple[str, ...]]]:
    """Return the findings in one revision's wikitext: (line, column, finding, severity, readers' locales), in text order.

    Read and configured as ``framing lint`` reads a ``.wiki`` file (markup skipped,
    suppressions and settings applied). Raises what the reader raises for wikitext
    it cannot read.
    """
    prose = wikitext.extract(text)
    result = lint_document(Document(title, text), "wikitext", prose, linter.lint(prose.text), settings)
    index = LineIndex(text)
    rows = []
    for finding, severity, readers in occurrences(result.findings):
        line, column = index.position(finding.start)
        rows.append((line, column, finding, severity, readers))
    return rows


def scan_part(task: Task) -> PartOutcome:
    """Scan ``task``'s part of its dump and return what it gave; write its rows when ``task.output`` is set.

    Pages and revisions that cannot be read or linted are skipped and listed in the
    outcome; when the dump itself cannot be read on (a corrupt or truncated compressed
    file), the part stops there with the rows it has and ``complete`` false.
    """
    outcome = PartOutcome(task.key)
    rows: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    linter = linter_for(task.settings, task.builtin)
    raw = None
    try:
        for raw, read in dump.pages(task.part, task.header, task.header_length):
            _scan_page(raw, read, task, linter, outcome, rows)
    except (OSError, EOFError, ValueError) as error:  # what bz2, gzip and file reads raise on damaged data
        where = _("after page {page_id}").format(page_id=raw.page_id) if raw is not None else _("at its start")
        outcome.skipped.append(
            Skipped(task.part.path, None, "", _("the dump cannot be read on {where}: {reason}").format(where=where, reason=error))
        )
        outcome.complete = False
    if task.output is not None:
        from framing.scan import output  # here for start-up speed: pyarrow is imported only where rows are written

        output.write_part(task.output, task.key, rows, outcome)
    return outcome


def _scan_page(
    raw: dump.RawPage, read: Any, task: Task, linter: Linter, outcome: PartOutcome, rows: dict[str, list[Any]]
) -> None:
    path = task.part.path
    revision = None
    try:
        page = read()
        if not task.selection.wants_page(int(page.namespace), str(page.title)):
            return
        outcome.pages += 1
        for revision in task.selection.revisions(page):
            if revision.text is None:
                continue  # a deleted or hidden revision
            outcome.revisions += 1
            try:
                found = lint_revision(revision.text, page.title, linter, task.settings)
            except Exception as error:  # a page's wikitext may break the parser in any way; it must not stop the scan
                outcome.skipped.append(Skipped(path, page.id, page.title, _describe(error), revision.id))
                continue
            when = _time(revision)
            for line, column, finding, severity, readers in found:
                for name, value in zip(
                    COLUMNS,
                    (page.id, page.title, page.namespace, revision.id, when, line, column, finding.text)
                    + (finding.concept, str(severity), list(readers)),
                    strict=True,
                ):
                    rows[name].append(value)
                outcome.findings += 1
                outcome.by_severity[str(severity)] += 1
                outcome.by_concept_year[finding.concept, when.year if when else 0] += 1
    except Exception as error:  # broken XML of one page (mwxml, expat): skip the page, keep what it gave
        revision_id = getattr(revision, "id", None)
        outcome.skipped.append(Skipped(path, raw.page_id, raw.title, _describe(error), revision_id))


def _describe(error: BaseException) -> str:
    text = str(getattr(error, "message", "") or error).strip().splitlines()
    return (text[0] if text else "") or type(error).__name__
