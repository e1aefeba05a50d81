"""The ``framing`` command: parses arguments, calls the library, renders results, maps errors to exit codes.

Nothing else lives here: every behaviour is a library function that tests can call.
One module per group of commands; this one holds the app and what they share.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from framing.errors import FramingError, LexiconError
from framing.i18n import N_, _

if TYPE_CHECKING:
    from framing.model import Severity
    from framing.report import Located

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
    """Report formats of ``framing lint`` and ``framing check-po``."""

    text = "text"
    compact = "compact"
    json = "json"
    sarif = "sarif"
    github = "github"
    html = "html"


class FailOn(enum.StrEnum):
    """The lowest severity that makes ``framing lint`` and ``framing check-po`` exit 1."""

    suggestion = "suggestion"
    warning = "warning"
    error = "error"
    never = "never"

    @classmethod
    def level(cls, value: FailOn | None) -> Severity | None:
        """Return the severity ``value`` names (``suggestion`` when None), or None for ``never``."""
        from framing.model import Severity

        value = value or cls.suggestion
        return None if value is cls.never else Severity.parse(value.value)


def echo_err(message: str) -> None:
    """Write ``message`` and a newline to standard error, after what standard output holds.

    Standard output is buffered when it is a pipe and may hold the end of a line it has
    partly written: flushed first, the two streams never share a line in a terminal or a
    log that gets both.
    """
    sys.stdout.flush()
    typer.echo(message, err=True)


def _fail(error: FramingError) -> typer.Exit:
    message = str(error)
    if isinstance(error, LexiconError) and len(error.problems) > 1:
        message += " " + _("(and {count} more; see `framing lexicon validate`)").format(count=len(error.problems) - 1)
    echo_err(f"framing: {message}")
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
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help=N_(
            "Report format: text (grouped by file, notes once, a summary), compact (one path:line:column: line per "
            "finding), json, sarif or github."
        ),
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help=N_("Leave the notes out of the text report."))]
ExplainOption = Annotated[
    bool, typer.Option("--explain", help=N_("Print the notes of the text report whole, with their sources."))
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option("--fail-on", help=N_("Exit 1 when a finding at or above this severity is reported [default: suggestion].")),
]
BuiltinOption = Annotated[
    bool,
    typer.Option(
        "--builtin/--no-builtin", help=N_("Load the built-in lexicons (--no-builtin: only those given with --lexicon).")
    ),
]


def write_report(
    located: Sequence[Located], files: int, output_format: OutputFormat, *, quiet: bool = False, explain: bool = False
) -> bool:
    """Print ``located`` findings of ``files`` documents to standard output in ``output_format``.

    ``quiet`` leaves the notes out of the text report, ``explain`` prints them whole with
    their sources. Returns whether the format has a summary line on standard error
    (text, compact and github do; the caller writes it, after whatever else it has to
    say there).
    """
    from framing.report import as_json, as_text

    if output_format is OutputFormat.json:
        sys.stdout.write(as_json.render(located, files=files))
        return False
    if output_format is OutputFormat.sarif:
        from framing.report import sarif

        sys.stdout.write(sarif.render(located))
        return False
    if output_format is OutputFormat.html:
        # Only `framing lint` keeps the documents' text a page needs (see framing.cli.lint).
        echo_err("framing: " + _("--format html is available for framing lint only"))
        raise typer.Exit(ExitCode.USAGE_OR_INPUT)
    if output_format is OutputFormat.github:
        from framing.report import github

        sys.stdout.write(github.render(located))
    elif output_format is OutputFormat.compact:
        sys.stdout.write(as_text.render_compact(located, colour=as_text.wants_colour(sys.stdout, os.environ)))
    else:
        sys.stdout.write(
            as_text.render(
                located,
                width=as_text.line_width(sys.stdout, os.environ),
                colour=as_text.wants_colour(sys.stdout, os.environ),
                quiet=quiet,
                explain=explain,
            )
        )
    return True


def register_commands() -> typer.Typer:
    """Return the app with every command registered (each command module registers itself on import)."""
    from framing.cli import config, info, lexicon, lint, lsp, scan, serve, translate  # noqa: F401

    return app


def main() -> None:
    """Run the command line (the ``framing`` console script and ``python -m framing``)."""
    from framing.cli.lang import run  # --lang and the environment choose the language of messages

    run(register_commands())
