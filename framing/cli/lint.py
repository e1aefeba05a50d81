"""``framing lint``: report loaded terms in files."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from framing.cli import (
    AudienceOption,
    BuiltinOption,
    ExitCode,
    FailOn,
    LexiconOption,
    LocaleOption,
    OutputFormat,
    _fail,
    _split_codes,
    app,
)
from framing.errors import FramingError


@app.command()
def lint(
    paths: Annotated[list[str], typer.Argument(help="Files to lint; - reads standard input.", show_default=False)],
    locale: LocaleOption = "en",
    audience: AudienceOption = None,
    lexicon: LexiconOption = None,
    builtin: BuiltinOption = True,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")] = OutputFormat.text,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity is reported.")
    ] = FailOn.suggestion,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Decode files with this encoding instead of detecting UTF-8/16.")
    ] = None,
) -> None:
    """Report loaded terms in PATHS, with why they may land badly and what to write instead.

    Exit status: 0 when nothing at or above --fail-on was found, 1 when something was,
    2 for usage, file and lexicon errors.
    """
    from framing import documents
    from framing.linter import Linter
    from framing.model import Severity
    from framing.report import as_json, as_text, locate

    try:
        docs = [documents.read(path, encoding) for path in paths]
        linter = Linter(locale, _split_codes(audience), lexicon or (), builtin=builtin)
    except FramingError as error:
        raise _fail(error) from None
    located = []
    for doc, findings in zip(docs, linter.lint_many(d.text for d in docs), strict=True):
        located.extend(locate(doc.path, doc.text, findings))
    if output_format is OutputFormat.json:
        sys.stdout.write(as_json.render(located, files=len(docs)))
    else:
        sys.stdout.write(as_text.render(located))
        typer.echo(as_text.summary(located, len(docs)), err=True)
    if fail_on is not FailOn.never:
        threshold = Severity.parse(fail_on.value)
        if any(item.finding.severity >= threshold for item in located):
            raise typer.Exit(ExitCode.FINDINGS)
