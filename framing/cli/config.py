"""``framing config``: show the effective settings for a path and where each came from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from framing.cli import AudienceOption, FailOn, LexiconOption, _fail, _split_codes, app, echo_err
from framing.errors import FramingError
from framing.i18n import N_, _


@app.command("config")
def show_config(
    path: Annotated[str, typer.Argument(help=N_("The file or folder whose settings to show."))] = ".",
    locale: Annotated[str | None, typer.Option("--locale", "-l", help=N_("Override the configured locale."))] = None,
    audience: AudienceOption = None,
    lexicon: LexiconOption = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help=N_("Override the configured fail level."))] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help=N_("Use this configuration file instead of searching for one."))
    ] = None,
) -> None:
    """Show the settings `framing lint` would use for PATH, each with the file (or default, or flag) it came from."""
    from framing.config import ConfigFinder, Overrides

    overrides = Overrides(
        locale=locale,
        audience=tuple(_split_codes(audience)) if audience else None,
        lexicons=tuple(str(p) for p in lexicon) if lexicon else None,
        fail_on=fail_on.value if fail_on else None,
    )
    try:
        settings = ConfigFinder(config).settings(path, overrides)
    except FramingError as error:
        raise _fail(error) from None
    found = settings.config_path or _("none found")
    typer.echo("# " + _("configuration file: {path}").format(path=found))
    for key, value, source in settings.display():
        typer.echo(f"{key} = {value}  # {source}")
    if settings.disable or settings.severity:
        from framing.config import unknown_concepts
        from framing.linter import Linter

        try:
            concepts = Linter(settings.locale, settings.audience, settings.lexicons).lexicon.concepts
        except FramingError as error:
            raise _fail(error) from None
        for notice in unknown_concepts(settings, concepts):
            echo_err(f"framing: {notice}")
