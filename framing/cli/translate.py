"""``framing lexicon export-po|export-pot|import-po|init|stats|export-tbx|import-tbx`` and ``framing check-po``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from framing.cli import (
    BuiltinOption,
    ExitCode,
    ExplainOption,
    FailOn,
    FailOnOption,
    FormatOption,
    LexiconOption,
    OutputFormat,
    QuietOption,
    _fail,
    app,
    echo_err,
    lexicon_app,
    write_report,
)
from framing.errors import FramingError
from framing.i18n import N_, _, ngettext

FolderOption = Annotated[
    Path | None,
    typer.Option("--lexicon-dir", help=N_("The lexicon folder to read or change (default: the built-in lexicons).")),
]
ReferenceOption = Annotated[str, typer.Option("--reference", help=N_("The locale whose texts translators translate from."))]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help=N_("Write to this file instead of standard output."))]


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from framing.lexicon_edit import write_atomic

    try:
        write_atomic(output, text)
    except OSError as error:
        echo_err(f"framing: {output}: " + _("cannot write: {reason}").format(reason=error.strerror or error))
        raise typer.Exit(ExitCode.USAGE_OR_INPUT) from None


def _report_problems(error: FramingError) -> typer.Exit:
    problems = getattr(error, "problems", (error,))
    for problem in problems:
        echo_err(f"framing: {problem}")
    if len(problems) > 1:
        echo_err(ngettext("{count} problem", "{count} problems", len(problems)).format(count=len(problems)))
    return typer.Exit(ExitCode.USAGE_OR_INPUT)


def coverage_line(translated: int, fuzzy: int, untranslated: int) -> str:
    """Return the coverage in the words of ``msgfmt --statistics``."""
    parts = [ngettext("{count} translated message", "{count} translated messages", translated).format(count=translated)]
    if fuzzy:
        parts.append(ngettext("{count} fuzzy translation", "{count} fuzzy translations", fuzzy).format(count=fuzzy))
    if untranslated:
        parts.append(
            ngettext("{count} untranslated message", "{count} untranslated messages", untranslated).format(count=untranslated)
        )
    return ", ".join(parts) + "."


@lexicon_app.command("export-po")
def export_po(
    locale: Annotated[str, typer.Argument(help=N_("The locale to export, e.g. de or pt_BR."))],
    output: OutputOption = None,
    lexicon_dir: FolderOption = None,
    reference: ReferenceOption = "en",
) -> None:
    """Write the PO file of LOCALE for translators: one entry per concept and field."""
    from framing.translate import po

    try:
        catalog = po.export_po(po.open_folder(lexicon_dir), locale, reference)
    except FramingError as error:
        raise _fail(error) from None
    _write(po.render(catalog), output)


@lexicon_app.command("export-pot")
def export_pot(output: OutputOption = None, lexicon_dir: FolderOption = None, reference: ReferenceOption = "en") -> None:
    """Write the PO template: every field of every concept of the reference locale, untranslated."""
    from framing.translate import po

    try:
        catalog = po.template(po.open_folder(lexicon_dir), reference)
    except FramingError as error:
        raise _fail(error) from None
    _write(po.render(catalog), output)


@lexicon_app.command("import-po")
def import_po(
    file: Annotated[Path, typer.Argument(help=N_("The translated PO file."))],
    dry_run: Annotated[bool, typer.Option("--dry-run", help=N_("Show the changes as a diff; write nothing."))] = False,
    lexicon_dir: FolderOption = None,
    locale: Annotated[
        str | None, typer.Option("--locale", "-l", help=N_("The locale of the translations (default: the Language header)."))
    ] = None,
) -> None:
    """Validate a translated PO file and merge it into the lexicon, keeping comments and order."""
    from framing.translate import po

    try:
        result = po.import_po(file, lexicon_dir, locale=locale, dry_run=dry_run)
    except FramingError as error:
        raise _report_problems(error) from None
    if dry_run:
        sys.stdout.write(result.diff)
    summary = _("{locale}: fields changed: {changed}, unchanged: {unchanged}, new entries: {new}").format(
        locale=result.locale, changed=result.changed, unchanged=result.unchanged, new=result.new_entries
    )
    skipped = _("skipped as fuzzy: {fuzzy}, untranslated: {untranslated}").format(
        fuzzy=result.fuzzy, untranslated=result.untranslated
    )
    echo_err(f"{summary}; {skipped}" + (" " + _("(dry run: nothing written)") if dry_run else ""))


@lexicon_app.command("init")
def init(
    locale: Annotated[str, typer.Argument(help=N_("The new locale, e.g. pt_BR."))],
    output: OutputOption = None,
    template_file: Annotated[
        Path | None, typer.Option("--template", help=N_("Start from this POT file instead of the lexicon's template."))
    ] = None,
    lexicon_dir: FolderOption = None,
) -> None:
    """Start translating a new locale: write its empty PO file from the template."""
    from framing.translate import po

    try:
        pot = po.read_po(template_file) if template_file else po.template(po.open_folder(lexicon_dir))
        catalog = po.init_po(locale, pot)
    except FramingError as error:
        raise _fail(error) from None
    if output is not None and output.exists():
        echo_err(f"framing: {output}: " + _("already exists; not overwriting a translation"))
        raise typer.Exit(ExitCode.USAGE_OR_INPUT)
    _write(po.render(catalog), output)


@lexicon_app.command("stats")
def stats(lexicon_dir: FolderOption = None, reference: ReferenceOption = "en") -> None:
    """Show per locale: concepts, terms, alternatives (and safe ones), examples, audience links, sources, notes, coverage.

    "must" and "must not" count the examples that must and must not be flagged;
    "sourced" the entries that cite a source of their own (in or about the language);
    "notes" the share of notes written for the locale rather than copied.
    """
    from framing.translate import po
    from framing.translate.stats import lexicon_stats

    try:
        rows = lexicon_stats(po.open_folder(lexicon_dir), reference)
    except FramingError as error:
        raise _fail(error) from None
    headings = [
        _("locale"),
        _("concepts"),
        _("terms"),
        _("alternatives"),
        _("safe"),
        _("must"),
        _("must not"),
        _("audience"),
        _("sourced"),
        _("notes"),
    ]
    table = [
        [
            row.locale,
            str(row.concepts),
            str(row.terms),
            str(row.alternatives),
            str(row.safe_alternatives),
            str(row.must_flag),
            str(row.must_not_flag),
            str(row.audience_links),
            str(row.sourced),
            f"{row.translated_note_share:.0%}",
        ]
        for row in rows
    ]
    widths = [max(len(cells[i]) for cells in [headings, *table]) for i in range(len(headings))]
    typer.echo(
        "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headings, widths, strict=True)))
        + "  "
        + _("translation")
    )
    for row, cells in zip(rows, table, strict=True):
        line = "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
        if row.coverage is None:
            coverage = _("reference")
        else:
            coverage = coverage_line(row.coverage.translated, row.coverage.fuzzy, row.coverage.untranslated)
        typer.echo(f"{line}  {coverage}")


@lexicon_app.command("export-tbx")
def export_tbx(
    output: OutputOption = None,
    locale: Annotated[
        list[str] | None, typer.Option("--locale", "-l", help=N_("Export only these locales (repeatable; default: all)."))
    ] = None,
    lexicon_dir: FolderOption = None,
) -> None:
    """Write the lexicon as a TBX-Basic termbase for terminology tools."""
    from framing.translate import po, tbx

    try:
        text = tbx.export_tbx(po.open_folder(lexicon_dir), locale or None)
    except FramingError as error:
        raise _fail(error) from None
    _write(text, output)


@lexicon_app.command("import-tbx")
def import_tbx(
    file: Annotated[Path, typer.Argument(help=N_("A TBX file (TBX-Basic v2 or v3)."))],
    dry_run: Annotated[bool, typer.Option("--dry-run", help=N_("Show the changes as a diff; write nothing."))] = False,
    lexicon_dir: FolderOption = None,
) -> None:
    """Merge the terms, alternatives and notes of a termbase into the lexicon's existing entries."""
    from framing.translate import po, tbx

    try:
        result = tbx.import_tbx(file, po.open_folder(lexicon_dir), dry_run=dry_run)
    except FramingError as error:
        raise _report_problems(error) from None
    if dry_run:
        sys.stdout.write(result.diff)
    for name in result.skipped:
        echo_err(_("skipped {section}: no such entry in the lexicon (add it with a PO file or by hand)").format(section=name))
    message = _("fields changed: {changed}, unchanged: {unchanged}").format(changed=result.changed, unchanged=result.unchanged)
    echo_err(message + (" " + _("(dry run: nothing written)") if dry_run else ""))


@app.command("check-po")
def check_po(
    catalogs: Annotated[list[Path], typer.Argument(help=N_("PO, POT or MO files."), show_default=False)],
    locale: Annotated[
        str | None, typer.Option("--locale", "-l", help=N_("The catalogs' language (default: their Language header)."))
    ] = None,
    source_locale: Annotated[str, typer.Option("--source-locale", help=N_("The language of the msgids."))] = "en",
    lexicon: LexiconOption = None,
    builtin: BuiltinOption = True,
    output_format: FormatOption = OutputFormat.text,
    fail_on: FailOnOption = None,
    introduced_only: Annotated[
        bool, typer.Option("--introduced-only", help=N_("Report only findings the source text does not have."))
    ] = False,
    quiet: QuietOption = False,
    explain: ExplainOption = False,
) -> None:
    """Lint the translations of gettext catalogs in their target locale.

    Findings the source text did not have are marked "introduced in translation".
    Reports like framing lint (--format); each catalog's coverage goes to standard
    error. Exit status: 0 when nothing at or above --fail-on was found, 1 when
    something was, 2 for unreadable catalogs and unknown languages.
    """
    from framing.lexicon import load
    from framing.report import as_text
    from framing.translate.check import CatalogChecker, located

    try:
        checker = CatalogChecker(load(lexicon or (), builtin=builtin), source_locale)
        reports = [checker.check(path, locale=locale) for path in catalogs]
    except FramingError as error:
        raise _fail(error) from None
    items = located(reports, introduced_only=introduced_only)
    has_summary = write_report(items, len(reports), output_format, quiet=quiet, explain=explain)
    for report in reports:
        cov = report.coverage
        echo_err(f"{report.path}: {report.locale}: " + coverage_line(cov.translated, cov.fuzzy, cov.untranslated))
    if has_summary:
        introduced = sum(item.introduced for report in reports for item in report.findings)
        new = ngettext("({count} introduced in translation)", "({count} introduced in translation)", introduced)
        echo_err(as_text.summary(items, len(reports)) + " " + new.format(count=introduced))
    level = FailOn.level(fail_on)
    if level is not None and any(item.finding.severity >= level for item in items):
        raise typer.Exit(ExitCode.FINDINGS)
