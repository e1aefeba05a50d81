"""``framing lint``: report loaded terms in files and folders."""

from __future__ import annotations

import enum
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from framing.cli import (
    AudienceOption,
    BuiltinOption,
    ExitCode,
    ExplainOption,
    FailOnOption,
    FormatOption,
    LexiconOption,
    OutputFormat,
    QuietOption,
    _fail,
    _split_codes,
    app,
    echo_err,
    write_report,
)
from framing.errors import FramingError
from framing.i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from framing.report import Located
    from framing.report.as_text import TextReport

# Fewer files than this finish before a progress bar would help.
PROGRESS_MIN_FILES = 20


class InputFormat(enum.StrEnum):
    """Readers ``--input-format`` can force."""

    text = "text"
    markdown = "markdown"
    rst = "rst"
    html = "html"
    wikitext = "wikitext"
    po = "po"
    mo = "mo"
    docx = "docx"
    odt = "odt"


class _ProgressBar:
    """A one-line progress bar on standard error, drawn only when there is a terminal and many files."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES:
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


@app.command()
def lint(
    paths: Annotated[
        list[str], typer.Argument(help=N_("Files and folders to lint; - reads standard input."), show_default=False)
    ],
    locale: Annotated[
        str | None,
        typer.Option("--locale", "-l", help=N_("Language the text is written in, e.g. en, de_AT, pt-BR [default: en].")),
    ] = None,
    audience: AudienceOption = None,
    lexicon: LexiconOption = None,
    builtin: BuiltinOption = True,
    output_format: FormatOption = OutputFormat.text,
    fail_on: FailOnOption = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help=N_("Decode files with this encoding instead of detecting UTF-8/16."))
    ] = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option("--input-format", help=N_("Read every file in this format instead of choosing by extension.")),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=N_("Lint in this many processes (same output)."))] = 1,
    config: Annotated[
        Path | None, typer.Option("--config", help=N_("Use this configuration file instead of searching for one."))
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help=N_("Apply the first auto-fix-safe alternative of each finding; report what is left."))
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help=N_("Print those fixes as a unified diff and write nothing."))] = False,
    quiet: QuietOption = False,
    explain: ExplainOption = False,
) -> None:
    r"""Report loaded terms in PATHS, with why they may land badly and what to write instead.

    Folders are searched for files the configuration includes (.framing.toml or
    \[tool.framing] in pyproject.toml, found by walking up from each file); flags
    override it. Exit status: 0 when nothing at or above --fail-on was found, 1 when
    something was, 2 for usage, file, configuration and lexicon errors.
    """
    from framing.config import Overrides

    overrides = Overrides(
        locale=locale,
        audience=tuple(_split_codes(audience)) if audience else None,
        lexicons=tuple(str(path) for path in lexicon) if lexicon else None,
        fail_on=fail_on.value if fail_on else None,
    )
    options = {
        "overrides": overrides,
        "input_format": input_format.value if input_format else None,
        "encoding": encoding,
        "jobs": jobs,
        "builtin": builtin,
        "config": config,
    }
    if fix or diff:
        _fix(paths, options, output_format, diff=diff, quiet=quiet, explain=explain)
    else:
        _report(paths, options, output_format, quiet=quiet, explain=explain)


def _report(paths: list[str], options: dict[str, Any], output_format: OutputFormat, *, quiet: bool, explain: bool) -> None:
    """Print the findings in ``paths`` as they come (a file at a time for text), or all at once (json, sarif).

    Exits 1 if one reaches its ``fail_on`` level.
    """
    from framing.report import as_text
    from framing.runner import stream

    progress = _ProgressBar() if sys.stderr.isatty() else None
    try:
        found = stream(paths, progress=progress, **options)
        for notice in found.notices:
            echo_err(f"framing: {notice}")
        if output_format in (OutputFormat.json, OutputFormat.sarif):
            located = list(found)
            if progress is not None:
                progress.clear()
            _render(located, found.files, output_format)
        else:
            counts: Counter[str] = Counter()
            colour = as_text.wants_colour(sys.stdout, os.environ)
            text = as_text.TextReport(
                width=as_text.line_width(sys.stdout, os.environ), colour=colour, quiet=quiet, explain=explain
            )
            if output_format is OutputFormat.text:
                blocks: Iterable[tuple[str, Sequence[Located]]] = as_text.by_file(found)
            else:
                blocks = (("", [item]) for item in found)  # one line each, as soon as it is found
            for path, items in blocks:
                if progress is not None:
                    progress.clear()
                sys.stdout.write(_block(path, items, output_format, text, colour))
                counts.update(str(item.finding.severity) for item in items)
            if progress is not None:
                progress.clear()
            if output_format is OutputFormat.text:
                sys.stdout.write(text.end())
            echo_err(as_text.summary_of(counts, found.files))
    except FramingError as error:
        raise _fail(error) from None
    finally:
        if progress is not None:
            progress.clear()
    if found.failed:
        raise typer.Exit(ExitCode.FINDINGS)


def _block(path: str, items: Sequence[Located], output_format: OutputFormat, text: TextReport, colour: bool) -> str:
    """Return what ``items`` print as in a format written as it goes (text: a file's block; compact, github: lines)."""
    from framing.report import as_text, github

    if output_format is OutputFormat.text:
        return text.file(path, items)
    if output_format is OutputFormat.github:
        return "".join(github.format_finding(item) + "\n" for item in items)
    return "".join(as_text.format_compact(item, colour=colour) + "\n" for item in items)


def _fix(
    paths: list[str], options: dict[str, Any], output_format: OutputFormat, *, diff: bool, quiet: bool, explain: bool
) -> None:
    """Apply (or, with ``diff``, print) the safe fixes in ``paths``; report what is left."""
    from framing.fixes import fix_run
    from framing.report import as_text
    from framing.runner import run

    progress = _ProgressBar() if sys.stderr.isatty() else None
    try:
        result = run(paths, progress=progress, **options)
    except FramingError as error:
        raise _fail(error) from None
    finally:
        if progress is not None:
            progress.clear()
    for notice in result.notices:
        echo_err(f"framing: {notice}")
    try:
        result, patch = fix_run(result, builtin=options["builtin"], write=not diff)
    except FramingError as error:
        raise _fail(error) from None
    left = [item for r in result.results for item in r.located()]
    if diff:
        sys.stdout.write(patch)
        echo_err(as_text.summary(left, len(result.results)) + " " + _("left after fixing"))
    else:
        _render(left, len(result.results), output_format, quiet=quiet, explain=explain)
    if result.fails():
        raise typer.Exit(ExitCode.FINDINGS)


def _render(
    located: list[Located], files: int, output_format: OutputFormat, *, quiet: bool = False, explain: bool = False
) -> None:
    """Print ``located`` findings of ``files`` documents in ``output_format``, with the summary line where it has one."""
    from framing.report import as_text

    if write_report(located, files, output_format, quiet=quiet, explain=explain):
        echo_err(as_text.summary(located, files))
