"""``framing explain`` and ``framing locales``: look things up in the lexicons."""

from __future__ import annotations

from typing import Annotated

import typer

from framing.cli import (
    BuiltinOption,
    ExitCode,
    LexiconOption,
    _fail,
    app,
)
from framing.errors import FramingError


@app.command()
def explain(
    term: Annotated[str, typer.Argument(help="A word, in any inflection, or a concept id.")],
    locale: Annotated[
        str | None, typer.Option("--locale", "-l", help="Look the word up in this locale only (default: all).")
    ] = None,
    lexicon: LexiconOption = None,
    builtin: BuiltinOption = True,
) -> None:
    """Show the concept behind TERM in every locale that has it: terms, note, alternatives, sources."""
    from framing.explain import describe, find_concepts
    from framing.lexicon import load

    try:
        lexicon_set = load(lexicon or (), builtin=builtin)
        concepts = find_concepts(lexicon_set, term, locale)
    except FramingError as error:
        raise _fail(error) from None
    if not concepts:
        where = f" in {locale}" if locale else ""
        typer.echo(f"framing: no concept found for {term!r}{where}", err=True)
        raise typer.Exit(ExitCode.FINDINGS)
    typer.echo("\n".join(describe(concept) for concept in concepts), nl=False)


@app.command("locales")
def list_locales(lexicon: LexiconOption = None, builtin: BuiltinOption = True) -> None:
    """List the supported locales with their names and number of concepts."""
    from framing.explain import locale_table
    from framing.lexicon import load

    try:
        rows = locale_table(load(lexicon or (), builtin=builtin))
    except FramingError as error:
        raise _fail(error) from None
    width = max(len(code) for code, _, _, _ in rows)
    for code, name, endonym, count in rows:
        typer.echo(f"{code:<{width}}  {count:>4} concepts  {name} ({endonym})")
