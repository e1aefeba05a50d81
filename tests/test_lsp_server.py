"""The language server end to end: ``python -m framing lsp`` as a subprocess, driven by pytest-lsp's client.

Every wait is bounded, so a server that hangs fails the test instead of the run.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60  # seconds for any one answer (a loaded machine compiles the lexicons first)


CONFIG = ClientServerConfig(
    server_command=[sys.executable, "-m", "framing", "lsp"],
    server_env={**os.environ, "PYTHONPATH": str(ROOT)},
)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / ".framing.toml").write_text('# the project\naudience = ["de"]\n', encoding="utf-8")
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=False),
            configuration=False,
        ),
        text_document=types.TextDocumentClientCapabilities(
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True, version_support=True),
        ),
    )
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=tmp_path.as_uri(), initialization_options={})
    )
    lsp_client.workspace_root = tmp_path  # type: ignore[attr-defined]
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT)


async def diagnostics_of(client: LanguageClient, uri: str, version: int | None = None) -> list[types.Diagnostic]:
    """Wait for the diagnostics of ``uri`` (of ``version`` when given) and return them."""

    async def wait() -> list[types.Diagnostic]:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)

    return await asyncio.wait_for(wait(), TIMEOUT)


def open_document(client: LanguageClient, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text))
    )
    return uri


@pytest.mark.asyncio
async def test_open_change_hover_and_actions(client: LanguageClient) -> None:
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    text = "# Plan\n\nOur leaders will meet in the war room.\n"
    waiting = asyncio.ensure_future(diagnostics_of(client, (root / "plan.md").as_uri(), 1))
    uri = open_document(client, root / "plan.md", text)
    found = await waiting
    by_code = {d.code: d for d in found}
    assert set(by_code) == {"leader", "war-room"}
    leader = by_code["leader"]
    assert leader.source == "framing"
    assert leader.range == types.Range(types.Position(2, 4), types.Position(2, 11))
    assert leader.related_information, "each reader group's note is related information"
    assert any("German" in info.message for info in leader.related_information)
