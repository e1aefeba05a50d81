"""``framing lexicon ...``: check and inspect lexicon files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from framing.cli import (
    BuiltinOption,
    ExitCode,
    lexicon_app,
)
from framing.errors import LexiconError


@lexicon_app.command("validate")
def lexicon_validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Lexicon files or folders to check on top of the built-in ones.")
    ] = None,
    builtin: BuiltinOption = True,
) -> None:
    """Check lexicons: format, required fields, duplicates, locales, and that every example behaves as declared."""
    from framing.engine import check_examples
    from framing.lexicon import load

    try:
        lexicon_set = load(paths or (), builtin=builtin)
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
