"""The ``framing`` command: parses arguments, calls the library, renders results, maps errors to exit codes.

Nothing else lives here: every behaviour is a library function that tests can call.
One module per group of commands; this one holds the app and what they share.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from framing.errors import FramingError, LexiconError
from framing.i18n import N_, _

app = typer.Typer(
    name="framing",
    help=N_("Find culturally loaded terms in text, explain how each audience may read them, and suggest alternatives."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
lexicon_app = typer.Typer(help=N_("Check and inspect lexicons."), no_args_is_help=True)


@app.callback()
def _global_options(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help=N_(
                "Language of messages and help, e.g. de or fr (default: from LANGUAGE or LANG). Works after any command too."
            ),
        ),
    ] = None,
) -> None:
    # framing.cli.lang takes --lang out of the arguments before Typer parses them (it must be
    # known before the help is translated); this option only documents it in `framing --help`.
    del lang


app.add_typer(lexicon_app, name="lexicon")


class ExitCode(enum.IntEnum):
    """What the process tells its caller."""

    OK = 0
    FINDINGS = 1
    USAGE_OR_INPUT = 2


class OutputFormat(enum.StrEnum):
    """Report formats of ``framing lint``."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(enum.StrEnum):
    """The lowest severity that makes ``framing lint`` exit 1."""

    suggestion = "suggestion"
    warning = "warning"
    error = "error"
    never = "never"


def _fail(error: FramingError) -> typer.Exit:
    message = str(error)
    if isinstance(error, LexiconError) and len(error.problems) > 1:
        message += " " + _("(and {count} more; see `framing lexicon validate`)").format(count=len(error.problems) - 1)
    typer.echo(f"framing: {message}", err=True)
    return typer.Exit(ExitCode.USAGE_OR_INPUT)


def _split_codes(values: list[str] | None) -> list[str]:
    return [code.strip() for value in values or () for code in value.split(",") if code.strip()]


LocaleOption = Annotated[str, typer.Option("--locale", "-l", help=N_("Language the text is written in, e.g. en, de_AT, pt-BR."))]
AudienceOption = Annotated[
    list[str] | None,
    typer.Option("--audience", "-a", help=N_("Locales of the readers, comma-separated or repeated (e.g. de,it).")),
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help=N_("A lexicon file or folder to load on top of the built-in ones (repeatable).")),
]
BuiltinOption = Annotated[
    bool,
    typer.Option(
        "--builtin/--no-builtin", help=N_("Load the built-in lexicons (--no-builtin: only those given with --lexicon).")
    ),
]


def register_commands() -> typer.Typer:
    """Return the app with every command registered (each command module registers itself on import)."""
    from framing.cli import config, info, lexicon, lint, translate  # noqa: F401

    return app


def main() -> None:
    """Run the command line (the ``framing`` console script and ``python -m framing``)."""
    from framing.cli.lang import run  # --lang and the environment choose the language of messages

    run(register_commands())
