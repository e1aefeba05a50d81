"""The ``framing`` command: parses arguments, calls the library, renders results, maps errors to exit codes.

Nothing else lives here: every behaviour is a library function that tests can call.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from framing.errors import FramingError, LexiconError

app = typer.Typer(
    name="framing",
    help="Find culturally loaded terms in text, explain how each audience may read them, and suggest alternatives.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
lexicon_app = typer.Typer(help="Check and inspect lexicons.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


class ExitCode(enum.IntEnum):
    """What the process tells its caller."""

    OK = 0
    FINDINGS = 1
    USAGE_OR_INPUT = 2


class OutputFormat(str, enum.Enum):
    """Report formats of ``framing lint``."""

    text = "text"
    json = "json"


class FailOn(str, enum.Enum):
    """The lowest severity that makes ``framing lint`` exit 1."""

    suggestion = "suggestion"
    warning = "warning"
    error = "error"
    never = "never"


def _fail(error: FramingError) -> typer.Exit:
    message = str(error)
    if isinstance(error, LexiconError) and len(error.problems) > 1:
        message += f" (and {len(error.problems) - 1} more; see `framing lexicon validate`)"
    typer.echo(f"framing: {message}", err=True)
    return typer.Exit(ExitCode.USAGE_OR_INPUT)


def _split_codes(values: list[str] | None) -> list[str]:
    return [code.strip() for value in values or () for code in value.split(",") if code.strip()]


LocaleOption = Annotated[str, typer.Option("--locale", "-l", help="Language the text is written in, e.g. en, de_AT, pt-BR.")]
AudienceOption = Annotated[
    list[str] | None,
    typer.Option("--audience", "-a", help="Locales of the readers, comma-separated or repeated (e.g. de,it)."),
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="A lexicon file or folder to load on top of the built-in ones (repeatable)."),
]


@app.command()
def lint(
    paths: Annotated[list[str], typer.Argument(help="Files to lint; - reads standard input.", show_default=False)],
    locale: LocaleOption = "en",
    audience: AudienceOption = None,
    lexicon: LexiconOption = None,
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
        linter = Linter(locale, _split_codes(audience), lexicon or ())
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


@app.command()
def explain(
    term: Annotated[str, typer.Argument(help="A word, in any inflection, or a concept id.")],
    locale: Annotated[
        str | None, typer.Option("--locale", "-l", help="Look the word up in this locale only (default: all).")
    ] = None,
    lexicon: LexiconOption = None,
) -> None:
    """Show the concept behind TERM in every locale that has it: terms, note, alternatives, sources."""
    from framing.explain import describe, find_concepts
    from framing.lexicon import load

    try:
        lexicon_set = load(lexicon or ())
        concepts = find_concepts(lexicon_set, term, locale)
    except FramingError as error:
        raise _fail(error) from None
    if not concepts:
        where = f" in {locale}" if locale else ""
        typer.echo(f"framing: no concept found for {term!r}{where}", err=True)
        raise typer.Exit(ExitCode.FINDINGS)
    typer.echo("\n".join(describe(concept) for concept in concepts), nl=False)


@app.command("locales")
def list_locales(lexicon: LexiconOption = None) -> None:
    """List the supported locales with their names and number of concepts."""
    from framing.explain import locale_table
    from framing.lexicon import load

    try:
        rows = locale_table(load(lexicon or ()))
    except FramingError as error:
        raise _fail(error) from None
    width = max(len(code) for code, _, _, _ in rows)
    for code, name, endonym, count in rows:
        typer.echo(f"{code:<{width}}  {count:>4} concepts  {name} ({endonym})")


@lexicon_app.command("validate")
def lexicon_validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Lexicon files or folders to check on top of the built-in ones.")
    ] = None,
) -> None:
    """Check lexicons: format, required fields, duplicates, locales, and that every example behaves as declared."""
    from framing.engine import check_examples
    from framing.lexicon import load

    try:
        lexicon_set = load(paths or ())
    except LexiconError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{len(error.problems)} problem{'s' if len(error.problems) != 1 else ''}", err=True)
        raise typer.Exit(ExitCode.USAGE_OR_INPUT) from None
    problems = check_examples(lexicon_set, lexicon_set.locales())
    for problem in problems:
        typer.echo(str(problem), err=True)
    if problems:
        typer.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}", err=True)
        raise typer.Exit(ExitCode.USAGE_OR_INPUT)
    examples = sum(
        len(e.must_flag) + len(e.must_not_flag) for c in lexicon_set.concepts.values() for e in c.entries.values()
    )
    typer.echo(
        f"ok: {len(lexicon_set.concepts)} concepts, {len(lexicon_set.locales())} locales, {examples} examples checked"
    )


def main() -> None:
    """Run the command line (the ``framing`` console script and ``python -m framing``)."""
    app()
