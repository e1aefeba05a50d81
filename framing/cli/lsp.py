"""``framing lsp``: the language server, for editors."""

from __future__ import annotations

from typing import Annotated

import typer

from framing.cli import app
from framing.i18n import N_, _


def _address(value: str | None) -> tuple[str, int] | None:
    """Return (host, port) of a ``HOST:PORT`` option, or None when not given."""
    if value is None:
        return None
    host, _sep, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise typer.BadParameter(_("expected HOST:PORT, e.g. 127.0.0.1:2087"), param_hint="--tcp")
    return host.strip("[]"), int(port)


@app.command()
def lsp(
    tcp: Annotated[
        str | None,
        typer.Option("--tcp", metavar="HOST:PORT", help=N_("Listen on this TCP address instead of standard input and output.")),
    ] = None,
) -> None:
    r"""Run the language server, so editors show findings while you write.

    It speaks the Language Server Protocol over standard input and output (or --tcp):
    diagnostics for plain text, Markdown, reStructuredText, HTML, wikitext and PO files
    with the settings framing lint uses (.framing.toml or \[tool.framing], nearest file
    wins), hovers that explain a finding for each audience, and quick fixes. See
    docs/editors.md.
    """
    address = _address(tcp)
    from framing.lsp.server import serve  # pygls is imported only when the server runs (start-up speed)

    serve(tcp=address)
