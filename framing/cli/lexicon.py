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


@lexicon_app.command("validate")
def lexicon_validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Lexicon files or folders to check on top of the built-in ones.")
    ] = None,
    builtin: BuiltinOption = True,
) -> None:
    """Check lexicons: format, required fields, duplicates, locales, and that every example behaves as declared."""
    from framing.engine import check_examples
    from framing.lexicon import load_leniently

    lexicon_set, problems = load_leniently(paths or (), builtin=builtin)
    # Examples are checked for whatever loaded, so one broken file does not hide the rest.
    problems = problems + check_examples(lexicon_set, lexicon_set.locales())
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
