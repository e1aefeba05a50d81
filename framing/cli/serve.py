"""``framing serve``: the web page and JSON API on a local server."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from framing.cli import app, echo_err
from framing.i18n import N_, _

DEFAULT_PORT = 8000


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help=N_("Address to listen on (0.0.0.0: every interface)."))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help=N_("Port to listen on."))] = DEFAULT_PORT,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help=N_("Largest request body accepted; larger ones get 413."))
    ] = 1_000_000,
    root_path: Annotated[
        str, typer.Option("--root-path", help=N_("The path prefix a reverse proxy serves the page under, e.g. /framing."))
    ] = "",
    workers: Annotated[int, typer.Option("--workers", min=1, help=N_("Number of worker processes."))] = 1,
) -> None:
    """Serve a web page to check texts in the browser, and its JSON API (see docs/serving.md).

    The page lets writers paste or open a text, choose its language and its readers',
    see the loaded words highlighted with why and for whom, and reword them. Texts are
    checked in memory and never stored or logged. Ctrl+C stops the server.
    """
    import uvicorn  # start-up speed: only this command needs the server

    from framing.web.app import ENV_MAX_BYTES

    os.environ[ENV_MAX_BYTES] = str(max_bytes)  # read by each worker's app factory
    shown = f"[{host}]" if ":" in host else host
    prefix = "/" + root_path.strip("/") if root_path.strip("/") else ""
    typer.echo(_("framing: open http://{address}:{port}{prefix}/ in a browser (Ctrl+C stops the server)").format(
        address=shown, port=port, prefix=prefix))
    try:
        uvicorn.run(
            "framing.web.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            root_path=prefix,
            workers=workers,
            log_level="warning",
            server_header=False,
            proxy_headers=True,
        )
    except OSError as error:
        echo_err(f"framing: {error}")
        raise typer.Exit(2) from None
