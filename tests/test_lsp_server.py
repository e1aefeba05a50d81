"""The language server end to end: ``python -m framing lsp`` as a subprocess, driven by pytest-lsp's client.

Every wait is bounded, so a server that hangs fails the test instead of the run.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.lsp.client import LanguageClient as BaseClient
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

import framing

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60  # seconds for any one answer (a loaded machine compiles the lexicons first)




def recording_client() -> LanguageClient:
    """Return pytest-lsp's test client that also keeps every publishDiagnostics in order (``published``)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]

    def record(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)  # type: ignore[attr-defined]
        client.diagnostics[params.uri] = params.diagnostics

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: record})
    return client


CONFIG = ClientServerConfig(
    client_factory=recording_client,
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


def diagnostics_of(client: LanguageClient, uri: str, version: int | None = None) -> asyncio.Future[list[types.Diagnostic]]:
    """Return a future of the next diagnostics published for ``uri`` (of ``version`` when given) from now on."""
    published: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]
    seen = len(published)

    async def wait() -> list[types.Diagnostic]:
        nonlocal seen
        while True:
            for params in published[seen:]:
                if params.uri == uri and (version is None or params.version == version):
                    return list(params.diagnostics)
            seen = len(published)
            await asyncio.sleep(0.01)

    return asyncio.ensure_future(asyncio.wait_for(wait(), TIMEOUT))


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
    waiting = diagnostics_of(client, (root / "plan.md").as_uri(), 1)
    uri = open_document(client, root / "plan.md", text)
    found = await waiting
    by_code = {d.code: d for d in found}
    assert set(by_code) == {"leader", "war-room"}
    leader = by_code["leader"]
    assert leader.source == "framing"
    assert leader.range == types.Range(types.Position(2, 4), types.Position(2, 11))
    assert leader.related_information, "each reader group's note is related information"
    assert any("German" in info.message for info in leader.related_information)

    # An edit (incremental): "leaders" becomes "people"; only the war room is left.
    waiting = diagnostics_of(client, uri, 2)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(2, 4), types.Position(2, 11)), text="people"
                )
            ],
        )
    )
    found = await waiting
    assert [d.code for d in found] == ["war-room"]
    war_room = found[0]
    assert war_room.range.start == types.Position(2, 28)

    # Hover: the readers' notes, the alternatives and the sources, in Markdown.
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(2, 31))
        ),
        TIMEOUT,
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "war-room" in hover.contents.value and "English readers, the text's own" in hover.contents.value
    assert "Alternatives:" in hover.contents.value and "Sources:" in hover.contents.value
    assert hover.range == war_room.range
    nothing = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 1))
        ),
        TIMEOUT,
    )
    assert nothing is None

    # Code actions on the war room: its alternatives, "ignore here", "allow", and the source action.
    offered = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=war_room.range,
                context=types.CodeActionContext(diagnostics=[war_room]),
            )
        ),
        TIMEOUT,
    )
    assert offered
    titles = [a.title for a in offered]
    assert any(t.startswith("Replace with") for t in titles)
    assert "Ignore “war-room” here" in titles
    assert any(t.startswith("Allow “war room” in this workspace") for t in titles)
    ignore = next(a for a in offered if isinstance(a, types.CodeAction) and a.title.startswith("Ignore"))
    assert ignore.edit is not None and ignore.edit.changes is not None
    (edit,) = ignore.edit.changes[uri]
    assert edit.new_text == " <!-- framing-ignore war-room -->"
    assert edit.range.start == types.Position(2, 37)  # the end of the line

    # "Allow" runs a command that writes the configuration file, keeping its comment; the finding goes.
    # (lsprotocol's converter reads a code action that holds only a command as a Command and loses
    # its arguments; editors tell the two apart by the type of "command", so the test sends them itself)
    name, arguments = "framing.allowTerm", [uri, "war room"]
    waiting = diagnostics_of(client, uri, 2)
    await asyncio.wait_for(
        client.workspace_execute_command_async(types.ExecuteCommandParams(command=name, arguments=arguments)), TIMEOUT
    )
    assert await waiting == []
    config = (root / ".framing.toml").read_text(encoding="utf-8")
    assert config.startswith("# the project\n") and "allow" in config and "war room" in config


@pytest.mark.asyncio
async def test_fix_all_and_settings_from_the_editor(client: LanguageClient) -> None:
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    (root / ".framing.toml").write_text("", encoding="utf-8")  # no audience from the project
    text = "Our leader is on the whitelist.\n"
    waiting = diagnostics_of(client, (root / "notes.txt").as_uri(), 1)
    uri = open_document(client, root / "notes.txt", text, language="plaintext")
    before = await waiting
    assert before and all(len(d.related_information or []) == 1 for d in before)

    fix_all = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
            )
        ),
        TIMEOUT,
    )
    assert fix_all and len(fix_all) == 1
    action = fix_all[0]
    assert isinstance(action, types.CodeAction) and action.kind == "source.fixAll.framing"
    assert action.edit is not None and action.edit.changes is not None
    _fixed, edits = framing.fix(text)  # what --fix does to the same text
    assert [e.new_text for e in action.edit.changes[uri]] == [e.new for e in edits] and edits

    # The editor's settings act like framing lint's flags: an audience adds German readers (and
    # Italian readers, whose lexicon has no reading of "leader", add nothing).
    waiting = diagnostics_of(client, uri, 1)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"framing": {"audience": ["de", "it"]}})
    )
    after = await waiting
    leader = next(d for d in after if d.code == "leader")
    readers = [info.message.split(":")[0] for info in leader.related_information or []]
    assert readers == ["English readers, the text's own", "German readers"]


@pytest.mark.asyncio
async def test_problems_are_reported_and_never_stop_the_server(client: LanguageClient) -> None:
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    config = root / ".framing.toml"
    config.write_text('audience = ["de"]\nlocal = "en"\n', encoding="utf-8")
    waiting = diagnostics_of(client, config.as_uri())
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)])
    )
    uri = open_document(client, root / "a.md", "Our leaders meet.\n")
    (problem,) = await waiting
    assert problem.range.start.line == 1 and "unknown key" in problem.message

    # Messages about documents never opened, older versions, binary text and unknown formats are shrugged off.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=(root / "ghost.md").as_uri(), version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="leaders")],
        )
    )
    open_document(client, root / "data.txt", "leader\x00\x01\x02", language="plaintext")
    open_document(client, root / "script.py", "leader = 1\n", language="python")
    for body in (b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 42}}}', b"{not json"):
        client._server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))  # type: ignore[union-attr]

    # Mended: the problem diagnostic is withdrawn and the document is linted again.
    config.write_text('audience = ["de"]\n', encoding="utf-8")
    withdrawn = diagnostics_of(client, config.as_uri())
    relinted = diagnostics_of(client, uri)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(config.as_uri())))
    assert await withdrawn == []
    assert [d.code for d in await relinted] == ["leader"]
    assert any("framing" in m.message for m in client.log_messages)
    assert any("ignored a message" in m.message for m in client.log_messages)  # the malformed ones, logged
    assert not client.messages  # and no window popped up


@pytest.mark.asyncio
async def test_a_broken_lexicon_is_shown_on_its_file(client: LanguageClient) -> None:
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    (root / ".framing.toml").write_text('lexicons = ["team.toml"]\n', encoding="utf-8")
    lexicon = root / "team.toml"
    lexicon.write_text("# our terms\n[leader\n", encoding="utf-8")
    waiting = diagnostics_of(client, lexicon.as_uri())
    uri = open_document(client, root / "a.md", "Our leaders meet.\n")
    (problem,) = await waiting
    assert problem.range.start.line == 1 and problem.severity == types.DiagnosticSeverity.Error
    assert list(client.diagnostics.get(uri, [])) == []  # the document is not linted while its lexicon is broken


@pytest.mark.asyncio
async def test_a_burst_of_edits_ends_with_the_newest_version(client: LanguageClient) -> None:
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    text = "\n\n".join(f"Paragraph {n} is about our team." for n in range(300)) + "\n"
    waiting = diagnostics_of(client, (root / "long.md").as_uri(), 1)
    uri = open_document(client, root / "long.md", text)
    assert await waiting == []
    waiting = diagnostics_of(client, uri, 11)
    for version in range(2, 12):  # ten keystrokes, each adding a loaded word to another paragraph
        line = (version - 2) * 2 * 30
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(types.Position(line, 0), types.Position(line, 0)), text="Our leaders agree. "
                    )
                ],
            )
        )
    assert [d.code for d in await waiting] == ["leader"] * 10
    versions = [p.version for p in client.published if p.uri == uri]  # type: ignore[attr-defined]
    assert versions == sorted(versions) and versions[-1] == 11  # never an older version after a newer one


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.asyncio
async def test_tcp_serves_one_client_and_stops_with_it(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "framing", "lsp", "--tcp", f"127.0.0.1:{port}"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = BaseClient("tcp-test", "1")
        published: list[types.PublishDiagnosticsParams] = []

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def record(params: types.PublishDiagnosticsParams) -> None:
            published.append(params)

        for _ in range(200):  # the server is listening once the interpreter has started
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.1)
        await asyncio.wait_for(
            client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri())),
            TIMEOUT,
        )
        client.initialized(types.InitializedParams())
        uri = (tmp_path / "a.txt").as_uri()
        item = types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text="Our leaders.\n")
        client.text_document_did_open(types.DidOpenTextDocumentParams(item))

        async def diagnostics() -> list[types.Diagnostic]:
            while not published:
                await asyncio.sleep(0.01)
            return list(published[0].diagnostics)

        assert [d.code for d in await asyncio.wait_for(diagnostics(), TIMEOUT)] == ["leader"]
        await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
        client.exit(None)
        assert server.wait(timeout=TIMEOUT) == 0
        await client.stop()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
