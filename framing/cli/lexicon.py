"""``framing lexicon ...``: check and inspect lexicon files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from framing.cli import (
    BuiltinOption,
    ExitCode,
    echo_err,
    lexicon_app,
)
from framing.i18n import N_, _, ngettext


@lexicon_app.command("validate")
def lexicon_validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help=N_("Lexicon files or folders to check on top of the built-in ones."))
    ] = None,
    builtin: BuiltinOption = True,
) -> None:
    """Check lexicons: format, required fields, duplicates, locales, and that every example behaves as declared.

    Warnings (an entry without its own source, a declared concern or a short message,
    or an alternative that is itself a loaded term of its locale, which is never offered)
    are printed but do not fail the check.
    """
    from framing.engine import check_examples, loaded_alternatives, unchecked_locales
    from framing.lexicon import advisories, load_leniently

    lexicon_set, problems = load_leniently(paths or (), builtin=builtin)
    # Examples are checked for whatever loaded, so one broken file does not hide the rest.
    # With both tokenizers: the fast one is what `framing lint` uses, spaCy's what a pipeline uses.
    for tokenizer in ("spacy", "fast"):
        seen = {str(problem) for problem in problems}
        problems += [p for p in check_examples(lexicon_set, lexicon_set.locales(), tokenizer=tokenizer) if str(p) not in seen]
    warnings = advisories(lexicon_set) + loaded_alternatives(lexicon_set, lexicon_set.locales())
    # Without its segmenter (an extra), a locale's examples cannot be matched: say so, and check the rest.
    unchecked = unchecked_locales(lexicon_set.locales())
    for locale, reason in unchecked.items():
        echo_err("framing: " + _("examples of {locale} not checked: {reason}").format(locale=locale, reason=reason))
    for problem in problems:
        echo_err(str(problem))
    for warning in warnings:
        echo_err(_("warning: {problem}").format(problem=warning))
    if problems:
        echo_err(ngettext("{count} problem", "{count} problems", len(problems)).format(count=len(problems)))
        raise typer.Exit(ExitCode.USAGE_OR_INPUT)
    examples = sum(
        len(e.must_flag) + len(e.must_not_flag)
        for c in lexicon_set.concepts.values()
        for locale, e in c.entries.items()
        if locale not in unchecked
    )
    typer.echo(
        _("ok: {concepts} concepts, {locales} locales, {examples} examples checked").format(
            concepts=len(lexicon_set.concepts), locales=len(lexicon_set.locales()), examples=examples
        )
        + (
            " " + ngettext("({count} warning)", "({count} warnings)", len(warnings)).format(count=len(warnings))
            if warnings
            else ""
        )
    )
