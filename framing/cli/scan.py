"""``framing scan``: lint a whole wiki from its MediaWiki XML dumps, locally or on a Dask cluster."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from framing.cli import AudienceOption, BuiltinOption, ExitCode, LexiconOption, _fail, _split_codes, app, echo_err
from framing.errors import FramingError
from framing.i18n import N_, _


class ScanFailOn(enum.StrEnum):
    """What makes ``framing scan`` exit 1."""

    never = "never"
    skipped = "skipped"
    suggestion = "suggestion"
    warning = "warning"
    error = "error"


@app.command()
def scan(
    dumps: Annotated[list[Path], typer.Argument(help=N_("MediaWiki XML dumps (.xml, .xml.bz2, .xml.gz)."), show_default=False)],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=N_("Write one row per finding to this Parquet file (.parquet) or dataset folder.")),
    ] = None,
    namespace: Annotated[
        list[str] | None,
        typer.Option("--namespace", "-n", help=N_("Scan only these namespaces, numbers or names (comma-separated or repeated).")),
    ] = None,
    title_prefix: Annotated[
        str | None,
        typer.Option("--title-prefix", help=N_("Scan only pages whose title starts with this (e.g. Grants:).")),
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help=N_("Only revisions from this date on (e.g. 2016-01-01)."))] = None,
    until: Annotated[str | None, typer.Option("--until", help=N_("Only revisions up to this date (the whole day)."))] = None,
    history: Annotated[bool, typer.Option("--history", help=N_("Scan every revision, not only each page's latest."))] = False,
    locale: Annotated[
        str | None,
        typer.Option("--locale", "-l", help=N_("Language the wiki is written in (default: the dump's language).")),
    ] = None,
    audience: AudienceOption = None,
    lexicon: LexiconOption = None,
    builtin: BuiltinOption = True,
    config: Annotated[
        Path | None, typer.Option("--config", help=N_("Use this configuration file instead of searching for one."))
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help=N_("Local processes (default: one per core)."), show_default=False)
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help=N_("Run on the Dask cluster whose scheduler is at this address (tcp://host:8786).")),
    ] = None,
    parts: Annotated[
        int | None,
        typer.Option(
            "--parts",
            min=1,
            help=N_("Divide each dump into at least this many parts (default: twice the workers, shared among the dumps)."),
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help=N_("Continue a scan into --output, keeping the parts already written."))
    ] = False,
    summary: Annotated[
        bool, typer.Option("--summary", help=N_("Print the findings per concept and year (the default without --output)."))
    ] = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", help=N_("Draw the top concepts over time into this .png or .svg file."))
    ] = None,
    fail_on: Annotated[
        ScanFailOn,
        typer.Option(
            "--fail-on", help=N_("Exit 1 when something was skipped, or a finding at or above this severity was found.")
        ),
    ] = ScanFailOn.never,
) -> None:
    """Lint every page of a wiki from its MediaWiki XML dumps, on this machine's cores or a Dask cluster.

    Page text is read as wikitext, with the configuration `framing lint` would use.
    What cannot be read is skipped and listed on standard error. Exit status: 0, or 1
    with --fail-on when it applies; 2 for usage, dump, configuration and lexicon
    errors, and when the scan extra is not installed.
    """
    from framing import scan as scanning

    absent = scanning.missing()
    if absent:
        echo_err(
            "framing: "
            + _("scanning dumps needs {modules}, which the scan extra installs: pip install '{extra}'").format(
                modules=", ".join(absent), extra=scanning.EXTRA
            )
        )
        raise typer.Exit(ExitCode.USAGE_OR_INPUT)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        echo_err("framing: " + _("--plot draws .png or .svg files, not {name}").format(name=plot.name))
        raise typer.Exit(ExitCode.USAGE_OR_INPUT)
    from framing.config import Overrides
    from framing.model import Severity
    from framing.scan import run
    from framing.scan import summary as summaries

    try:
        report = run.scan(
            [str(path) for path in dumps],
            overrides=Overrides(
                locale=locale,
                audience=tuple(_split_codes(audience)) if audience else None,
                lexicons=tuple(str(path) for path in lexicon) if lexicon else None,
            ),
            config=config,
            builtin=builtin,
            namespaces=_split_codes(namespace),
            title_prefix=title_prefix,
            since=run.parse_time(since) if since else None,
            until=run.parse_time(until, end=True) if until else None,
            history=history,
            output_path=output,
            resume=resume,
            jobs=jobs,
            scheduler=scheduler,
            parts=parts,
        )
    except FramingError as error:
        raise _fail(error) from None
    for skipped in report.skipped:
        echo_err(f"framing: {skipped.describe()}")
    for failed in report.failed:
        echo_err(f"framing: {failed.describe()}")
    counts = report.by_concept_year()
    if summary or (output is None and plot is None):
        sys.stdout.write(summaries.table(counts))
    if plot is not None:
        summaries.plot(counts, plot)
    echo_err(
        _("{findings} findings in {revisions} revisions of {pages} pages; {skipped} skipped, {failed} parts not scanned").format(
            findings=report.findings,
            revisions=report.revisions,
            pages=report.pages,
            skipped=len(report.skipped),
            failed=len(report.failed),
        )
        + (" " + _("({resumed} parts kept from before)").format(resumed=report.resumed) if report.resumed else "")
    )
    if fail_on is ScanFailOn.never:
        return
    if fail_on is ScanFailOn.skipped:
        if report.skipped or report.failed:
            raise typer.Exit(ExitCode.FINDINGS)
    elif report.skipped or report.failed or report.reaches(Severity.parse(fail_on.value)):
        raise typer.Exit(ExitCode.FINDINGS)
