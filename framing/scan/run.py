"""The driver of a scan: plan the parts of the dumps, run them where asked, and gather what they gave.

:func:`scan` is what ``framing scan`` calls and what a notebook would: it returns a
:class:`ScanReport` with counts per concept and year, what was skipped, and which
parts did not finish; the rows themselves are in the Parquet output.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from framing import locales
from framing.config import COMMAND_LINE, ConfigFinder, Overrides, Settings
from framing.errors import InputError, LocaleError
from framing.i18n import _
from framing.model import Severity
from framing.scan import dump, execute, output
from framing.scan.dump import Part, Skipped
from framing.scan.work import PartOutcome, Selection, Task


@dataclass(frozen=True)
class FailedPart:
    """A part that did not finish (its worker died or it raised), and why; ``--resume`` scans it again."""

    part: Part
    reason: str

    def describe(self) -> str:
        """Return the notice that reports it."""
        return _("{part}: not scanned: {reason}; run again with --resume to scan it").format(
            part=self.part.describe(), reason=self.reason
        )


@dataclass
class ScanReport:
    """What a scan gave: one outcome per finished part (in dump order), the parts that failed, and the output written."""

    outcomes: list[PartOutcome] = field(default_factory=list)
    failed: list[FailedPart] = field(default_factory=list)
    resumed: int = 0
    output: Path | None = None

    @property
    def pages(self) -> int:
        """Return the number of pages scanned."""
        return sum(o.pages for o in self.outcomes)

    @property
    def revisions(self) -> int:
        """Return the number of revisions linted."""
        return sum(o.revisions for o in self.outcomes)

    @property
    def findings(self) -> int:
        """Return the number of findings (rows)."""
        return sum(o.findings for o in self.outcomes)

    @property
    def skipped(self) -> list[Skipped]:
        """Return the pages, revisions and rests of parts that were skipped, in dump order."""
        return [s for o in self.outcomes for s in o.skipped]

    def by_concept_year(self) -> Counter[tuple[str, int]]:
        """Return the number of findings per (concept, year of the revision)."""
        total: Counter[tuple[str, int]] = Counter()
        for o in self.outcomes:
            total.update(o.by_concept_year)
        return total

    def reaches(self, level: Severity) -> bool:
        """Return whether a finding at or above ``level`` was found."""
        return any(Severity.parse(name) >= level for o in self.outcomes for name, count in o.by_severity.items() if count)


def parse_time(text: str, *, end: bool = False) -> datetime.datetime:
    """Return the UTC time ``text`` names: a date (``2016-01-31``, the whole day when ``end``) or an ISO date and time.

    Raises :class:`InputError` for anything else.
    """
    try:
        value = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(_("not a date: {text} (expected e.g. 2016-01-31)").format(text=repr(text))) from None
    if end and len(text.strip()) == 10:
        value += datetime.timedelta(days=1, seconds=-1)
    return value.replace(tzinfo=datetime.UTC) if value.tzinfo is None else value.astimezone(datetime.UTC)


def _namespaces(given: Sequence[str], info: dump.SiteInfo, path: str) -> frozenset[int] | None:
    if not given:
        return None
    ids = set()
    for name in given:
        number = info.namespace_id(name)
        if number is None:
            known = ", ".join(f"{n} {name or '(Main)'}" for n, name in info.namespaces)
            raise InputError(
                _("no namespace {name} in this wiki; it has {known}").format(name=repr(name), known=known), path=path
            )
        ids.add(number)
    return frozenset(ids)


def _settings(path: str, info: dump.SiteInfo, finder: ConfigFinder, overrides: Overrides) -> Settings:
    """Return the lint settings for the dump at ``path``: the configuration's, in the dump's language unless --locale is given."""
    settings = finder.settings(path, overrides)
    if info.language and settings.source("locale") != COMMAND_LINE:
        try:
            locale = locales.parse_supported(info.language)
        except LocaleError as error:
            raise LocaleError(
                _("{reason} (the dump's language; choose one with --locale)").format(reason=error.message), path=path
            ) from None
        settings = replace(settings, locale=locale)
    return settings


def _output_folder(target: Path) -> Path:
    """Return the dataset folder for ``target``: itself, or a working folder beside it when it names one ``.parquet`` file."""
    return target.with_name(target.name + ".parts") if target.suffix == ".parquet" else target


def plan(
    dumps: Sequence[str],
    *,
    overrides: Overrides | None = None,
    config: str | Path | None = None,
    builtin: bool = True,
    namespaces: Sequence[str] = (),
    title_prefix: str | None = None,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
    history: bool = False,
    parts: int = 2,
    folder: Path | None = None,
) -> list[Task]:
    """Return the tasks that scan ``dumps``, each dump divided into at least ``parts`` parts (see :func:`scan`).

    Raises :class:`InputError` for a dump that cannot be read or an unknown namespace,
    :class:`LocaleError` for a language `framing` does not support.
    """
    finder = ConfigFinder(config)
    tasks = []
    for number, path in enumerate(dumps):
        info = dump.site_info(path)
        header, header_length = dump.read_header(path)
        selection = Selection(_namespaces(namespaces, info, path), title_prefix, since, until, history)
        settings = _settings(path, info, finder, overrides or Overrides())
        for part in dump.parts_of(path, parts):
            key = f"{number:03d}-{part.index:05d}"
            tasks.append(Task(part, header, header_length, selection, settings, builtin, str(folder) if folder else None, key))
    return tasks


def _manifest(tasks: Sequence[Task]) -> dict[str, Any]:
    """Return what identifies a scan, so that --resume continues only the same one."""
    dumps = {task.part.path: os.path.getsize(task.part.path) for task in tasks}
    first = tasks[0] if tasks else None
    return {
        "version": 1,
        "dumps": [[os.path.abspath(path), size] for path, size in dumps.items()],
        "parts": [[task.key, task.part.index, task.part.count, task.part.start, task.part.end] for task in tasks],
        "selection": repr(first.selection) if first else "",
        "settings": sorted({repr((t.settings.locale, t.settings.audience, t.settings.lexicons, t.builtin)) for t in tasks}),
    }


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def scan(
    dumps: Sequence[str],
    *,
    overrides: Overrides | None = None,
    config: str | Path | None = None,
    builtin: bool = True,
    namespaces: Sequence[str] = (),
    title_prefix: str | None = None,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
    history: bool = False,
    output_path: str | Path | None = None,
    resume: bool = False,
    jobs: int | None = None,
    scheduler: str | None = None,
    parts: int | None = None,
) -> ScanReport:
    """Scan the MediaWiki XML dumps ``dumps`` (``.xml``, ``.xml.bz2``, ``.xml.gz``) and return a :class:`ScanReport`.

    Pages are chosen by ``namespaces`` (numbers or names), ``title_prefix``, and
    revisions by ``since``/``until`` and ``history`` (every revision, not only the
    latest); their wikitext is linted with the settings ``framing lint`` would use
    (``overrides`` over the configuration found from each dump, or ``config``), in
    the dump's language unless ``overrides`` give a locale. Rows go to
    ``output_path``: a dataset folder of one Parquet file per part, or one
    ``.parquet`` file (parts are gathered in a folder beside it, then merged). The
    scan runs on ``jobs`` local processes (default: every core) or, with
    ``scheduler``, on that Dask cluster; each dump is divided into ``parts`` parts
    (default: twice the workers, shared among the dumps). ``resume`` keeps the parts an earlier run of the
    same scan wrote. Raises :class:`~framing.errors.FramingError` subclasses for
    unreadable dumps, bad options, configuration, lexicons or locales.
    """
    if resume and output_path is None:
        raise InputError(_("--resume needs --output: it continues from the parts written there"))
    jobs = jobs or default_jobs()
    target = Path(output_path) if output_path is not None else None
    folder = _output_folder(target) if target is not None else None
    if parts is None:  # twice the workers in all, so none waits long for the last part
        workers = jobs if scheduler is None else _cluster_workers(scheduler)
        parts = max(1, -(-2 * workers // max(1, len(dumps))))
    tasks = plan(
        dumps,
        overrides=overrides,
        config=config,
        builtin=builtin,
        namespaces=namespaces,
        title_prefix=title_prefix,
        since=since,
        until=until,
        history=history,
        parts=parts,
        folder=folder,
    )
    done = output.prepare(folder, _manifest(tasks), resume=resume) if folder is not None else {}
    report = ScanReport(resumed=len(done), output=target)
    outcomes = dict(done)
    todo = [task for task in tasks if task.key not in done]
    ran = execute.run_local(todo, jobs) if scheduler is None else execute.run_dask(todo, scheduler)
    failed = {}
    for task, outcome in ran:
        if isinstance(outcome, BaseException):
            failed[task.key] = FailedPart(task.part, _describe(outcome))
        else:
            outcomes[task.key] = outcome
    for task in tasks:
        if task.key in outcomes:
            report.outcomes.append(outcomes[task.key])
        elif task.key in failed:
            report.failed.append(failed[task.key])
    if target is not None and folder is not None and folder != target:
        output.merge(folder, [task.key for task in tasks], target)
        if not report.failed and all(o.complete for o in report.outcomes):
            output.remove(folder)
    return report


def _cluster_workers(scheduler: str) -> int:
    # here for start-up speed: distributed is imported only when a cluster is used
    from distributed import Client

    with Client(scheduler, set_as_default=False) as client:
        return max(1, len(client.scheduler_info().get("workers", {})))


def _describe(error: BaseException) -> str:
    name = type(error).__name__
    text = str(error).strip().splitlines()
    return f"{name}: {text[0]}" if text and text[0] else name
