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
    echo_err,
)
from framing.errors import FramingError
from framing.i18n import N_, _, ngettext


@app.command()
def explain(
    term: Annotated[str, typer.Argument(help=N_("A word, in any inflection, or a concept id."))],
    locale: Annotated[
        str | None, typer.Option("--locale", "-l", help=N_("Look the word up in this locale only (default: all)."))
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
        if locale:
            message = _("no concept found for {term} in {locale}").format(term=repr(term), locale=locale)
        else:
            message = _("no concept found for {term}").format(term=repr(term))
        echo_err(f"framing: {message}")
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
    width = max(len(row[0]) for row in rows)
    counts = [ngettext("{count} concept", "{count} concepts", count).format(count=f"{count:>4}") for *_row, count in rows]
    column = max(len(text) for text in counts)
    for (code, name, endonym, _count), concepts in zip(rows, counts, strict=True):
        typer.echo(f"{code:<{width}}  {concepts:<{column}}  {name} ({endonym})")
