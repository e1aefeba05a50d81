"""The language of the command line: ``--lang`` (anywhere before ``--``), else the environment.

Help texts are written in English in the code (marked with ``N_`` or as docstrings, both
extracted into ``locales/framing.pot``) and translated here, on the Click command tree
Typer builds, once the language is known.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

import typer

from framing.i18n import _, activate

LANG_OPTION = "--lang"


def split_lang(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """Return the value of ``--lang`` in ``argv`` (None when absent) and the arguments without it."""
    rest: list[str] = []
    language = None
    items = list(argv)
    index = 0
    while index < len(items):
        item = items[index]
        if item == "--":
            rest.extend(items[index:])
            break
        if item == LANG_OPTION and index + 1 < len(items):
            language = items[index + 1]
            index += 2
            continue
        if item.startswith(LANG_OPTION + "="):
            language = item.split("=", 1)[1]
        else:
            rest.append(item)
        index += 1
    return language, rest


def _translate_help(command: Any) -> None:
    # Duck-typed: Typer ships its own copy of Click, so isinstance checks against click fail.
    if command.help:
        command.help = _(inspect.cleandoc(command.help))
    if command.short_help:
        command.short_help = _(command.short_help)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = _(text)  # type: ignore[attr-defined]
    for sub in (getattr(command, "commands", None) or {}).values():
        _translate_help(sub)


def localized_command(app: typer.Typer) -> Any:
    """Return the Click command of ``app`` with its help texts in the active language."""
    command = typer.main.get_command(app)
    _translate_help(command)
    return command


def run(app: typer.Typer, argv: Sequence[str] | None = None) -> None:
    """Run ``app`` with ``argv`` (default: ``sys.argv[1:]``) in the language ``--lang`` or the environment asks for."""
    import sys

    language, rest = split_lang(sys.argv[1:] if argv is None else argv)
    activate(language)
    localized_command(app)(args=rest, prog_name="framing")
