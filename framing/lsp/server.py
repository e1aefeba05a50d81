"""The language server: protocol messages in, diagnostics, hovers and code actions out (pygls).

Documents are kept here, in step with the editor (:mod:`framing.lsp.text`), and
linted in one worker thread so that the connection stays responsive: an edit waits a
short moment for the next keystroke (longer for documents that take longer), then is
linted block by block (:mod:`framing.lsp.analysis`), and the work stops as soon as a
newer version arrives; only the diagnostics of the newest version are published.

Problems never stop the server: a broken configuration file or lexicon is reported
once as a diagnostic on that file, at its line; a document no reader knows is left
alone; binary content, messages about unknown documents or older versions, and bad
settings are reported through ``window/logMessage`` and ignored.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from framing import __version__, locales
from framing.config import Overrides
from framing.config_edit import add_allowed, allow_target
from framing.errors import FramingError, LocaleError
from framing.i18n import _, activate
from framing.lsp import actions, presentation
from framing.lsp.analysis import Analysis, Analyzer, input_format
from framing.lsp.text import UTF8, UTF16, UTF32, Position, Positions, apply_change
from framing.model import Finding

#: Seconds an edit waits for the next one before it is linted; a document whose last lint
#: took longer than ``SLOW`` waits this share of that time instead (at most ``MAX_DEBOUNCE``),
#: so that a burst of keystrokes in a large document is linted once.
DEBOUNCE = 0.01
SLOW = 0.1
DEBOUNCE_SHARE = 0.25
MAX_DEBOUNCE = 0.25
#: Files whose change may change settings or lexicons.
WATCHED = "**/*.toml"
_ENCODINGS = {
    types.PositionEncodingKind.Utf8: UTF8,
    types.PositionEncodingKind.Utf16: UTF16,
    types.PositionEncodingKind.Utf32: UTF32,
}
logger = logging.getLogger(__name__)


@dataclass
class OpenDocument:
    """An open document: its text as the editor has it, the version, and what it was last linted to."""

    uri: str
    text: str
    version: int | None
    language_id: str | None
    analysis: Analysis | None = None
    positions: Positions | None = None
    task: asyncio.Task[None] | None = None
    last_duration: float = 0.0

    @property
    def path(self) -> str:
        """Return the file path of the document, or "" when it has none (an unsaved buffer)."""
        if urlparse(self.uri).scheme != "file":
            return ""
        return to_fs_path(self.uri) or ""


class FramingServer(LanguageServer):
    """The ``framing`` language server; ``builtin=False`` leaves the built-in lexicons out."""

    def __init__(self, *, builtin: bool = True) -> None:
        super().__init__("framing", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.analyzer = Analyzer(builtin=builtin)
        self.open: dict[str, OpenDocument] = {}
        self.overrides = Overrides()
        self.encoding = UTF16
        self.root = ""
        self.stopping = False
        self.problems: dict[str, list[types.Diagnostic]] = {}
        self.reported: set[str] = set()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing-lint")

    # --- messages to the client ------------------------------------------------------

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log a message that could not be read or answered (pygls would pop up a window), and carry on."""
        self.log(_("ignored a message: {error}").format(error=error), types.MessageType.Warning)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        """Send ``message`` to the client's log (``window/logMessage``)."""
        self.window_log_message(types.LogMessageParams(type=kind, message=f"framing: {message}"))

    def log_once(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        """Send ``message`` to the client's log unless it was sent before."""
        if message not in self.reported:
            self.reported.add(message)
            self.log(message, kind)

    def publish(self, uri: str, diagnostics: Sequence[types.Diagnostic], version: int | None = None) -> None:
        """Publish ``diagnostics`` for the document at ``uri``."""
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=list(diagnostics), version=version)
        )

    # --- settings ----------------------------------------------------------------------

    def configure(self, options: Any) -> None:
        """Take the editor's settings (``locale``, ``audience``, ``lexicons``; also under a ``framing`` key).

        They act as ``framing lint``'s flags do: over the configuration files. A value
        that is not valid is logged and left out.
        """
        if isinstance(options, dict) and isinstance(options.get("framing"), dict):
            options = options["framing"]
        if not isinstance(options, dict):
            self.overrides = Overrides()
            return
        locale = options.get("locale") or None
        audience = options.get("audience")
        lexicons = options.get("lexicons")
        if isinstance(audience, str):
            audience = [code for code in audience.split(",") if code.strip()]
        try:
            locale = locales.parse_supported(locale) if isinstance(locale, str) else None
        except LocaleError as error:
            self.log(_("setting locale: {reason}").format(reason=error.message), types.MessageType.Error)
            locale = None
        codes: list[str] = []
        for code in audience if isinstance(audience, list) else []:
            try:
                codes.append(locales.parse_supported(str(code).strip()))
            except LocaleError as error:
                self.log(_("setting audience: {reason}").format(reason=error.message), types.MessageType.Error)
        paths = []
        for item in lexicons if isinstance(lexicons, list) else []:
            path = Path(str(item)).expanduser()
            paths.append(str(path if path.is_absolute() or not self.root else Path(self.root) / path))
        self.overrides = Overrides(
            locale=locale,
            audience=tuple(dict.fromkeys(codes)) if isinstance(audience, list) else None,
            lexicons=tuple(paths) or None,
        )

    def settings_changed(self) -> None:
        """Forget configuration and lexicons read so far and lint every open document again.

        The problems reported on configuration and lexicon files are withdrawn: linting
        again reports those that remain.
        """
        self.worker.submit(self.analyzer.forget)  # in the worker: never under an analysis that uses what it drops
        self.reported.clear()
        for uri in list(self.problems):
            self.problems.pop(uri)
            self.publish(uri, [])
        for document in self.open.values():
            self.schedule(document, delay=0.0)

    # --- linting -----------------------------------------------------------------------

    def schedule(self, document: OpenDocument, *, delay: float | None = None) -> None:
        """Lint ``document`` after a short wait, replacing any lint of it still waiting or running."""
        if document.task is not None and not document.task.done():
            document.task.cancel()
        if delay is None:
            slow = document.last_duration > SLOW
            delay = min(MAX_DEBOUNCE, DEBOUNCE_SHARE * document.last_duration) if slow else DEBOUNCE
        document.task = asyncio.get_running_loop().create_task(self._lint_later(document, document.version, delay))

    async def _lint_later(self, document: OpenDocument, version: int | None, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        text = document.text

        def stale() -> bool:
            return self.stopping or document.version != version or self.open.get(document.uri) is not document

        began = time.perf_counter()
        try:
            loop = asyncio.get_running_loop()
            analysis = await loop.run_in_executor(self.worker, self._analyse, document, text, version, stale)
        except FramingError as error:
            self._report_problem(document, error)
            return
        except Exception as error:  # a bug must not take the server down with it
            logger.exception("linting %s failed", document.uri)
            self.log_once(_("could not lint {uri}: {error}").format(uri=document.uri, error=error), types.MessageType.Error)
            return
        if analysis is None or stale():
            return
        document.last_duration = time.perf_counter() - began
        document.analysis = analysis
        document.positions = Positions(text, self.encoding)
        self.publish(document.uri, presentation.diagnostics(analysis.occurrences, document.uri, document.positions), version)

    def _analyse(self, document: OpenDocument, text: str, version: int | None, stale: Any) -> Analysis | None:
        """Return the analysis of ``text`` (runs in the worker thread), or None for a document no reader knows."""
        format_name = input_format(document.path or document.uri, document.language_id)
        if format_name is None:
            return None
        settings = self.analyzer.settings(document.path or self.root, self.overrides)
        return self.analyzer.analyse(text, document.path or document.uri, format_name, settings, version=version, stale=stale)

    def lint_as(self, document: OpenDocument) -> Any:
        """Return a function giving the findings of a text as a version of ``document`` (for "fix all"; worker thread)."""

        def lint(text: str) -> Sequence[Finding]:
            analysis = self._analyse(document, text, None, lambda: False)
            return analysis.findings if analysis is not None else ()

        return lint

    def _report_problem(self, document: OpenDocument, error: FramingError) -> None:
        """Report a configuration, lexicon or input problem once: on the file it is in, else in the log."""
        self.publish(document.uri, [], document.version)
        document.analysis = None
        if error.path and Path(error.path).suffix.lower() == ".toml" and Path(error.path).exists():
            uri = from_fs_path(str(Path(error.path).resolve())) or error.path
            line = max(0, (error.line or 1) - 1)
            diagnostic = types.Diagnostic(
                range=types.Range(types.Position(line, 0), types.Position(line + 1, 0)),
                message=error.message,
                severity=types.DiagnosticSeverity.Error,
                source=presentation.SOURCE,
            )
            if self.problems.get(uri) != [diagnostic]:
                self.problems[uri] = [diagnostic]
                self.publish(uri, [diagnostic])
                self.log(str(error), types.MessageType.Error)
            return
        self.log_once(str(error), types.MessageType.Error)

    def allow_file(self, document: OpenDocument) -> str:
        """Return the configuration file an allowed term of ``document`` goes to (the nearest, else a new one).

        A new ``.framing.toml`` goes to the workspace's root when the document lies in
        it, else beside the document.
        """
        path = document.path
        folder = Path(path).parent if path else Path(self.root or Path.cwd())
        try:
            nearest = self.analyzer.finder.nearest(folder)
        except FramingError:
            nearest = None
        root = Path(self.root) if self.root else folder
        return str(allow_target(nearest[0] if nearest else None, root if _inside(folder, root) else folder))

    async def current(self, document: OpenDocument) -> Analysis | None:
        """Return the analysis of the document's present version, waiting for a lint under way (at most a few seconds)."""
        task = document.task
        if task is not None and not task.done():
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=5)
            except (TimeoutError, asyncio.CancelledError):
                return None
        analysis = document.analysis
        if analysis is None or analysis.version != document.version or analysis.result.document.text != document.text:
            return None
        return analysis


def _inside(folder: Path, root: Path) -> bool:
    try:
        folder.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _encoding(server: FramingServer) -> str:
    chosen = server.server_capabilities.position_encoding if server.server_capabilities else None
    return _ENCODINGS.get(chosen, UTF16) if chosen is not None else UTF16  # type: ignore[call-overload]


def make_server(*, builtin: bool = True) -> FramingServer:  # noqa: C901  (one handler per message)
    """Return a language server with every feature registered."""
    server = FramingServer(builtin=builtin)

    @server.feature(types.INITIALIZE)
    def initialize(ls: FramingServer, params: types.InitializeParams) -> None:
        if params.locale:
            activate(params.locale.replace("-", "_"))
        folders = params.workspace_folders or []
        root = params.root_uri or (folders[0].uri if folders else None)
        ls.root = (to_fs_path(root) or "") if root else (params.root_path or "")
        ls.configure(params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: FramingServer, params: types.InitializedParams) -> None:
        ls.encoding = _encoding(ls)
        watching = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watching and watching.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=[types.FileSystemWatcher(glob_pattern=WATCHED)])
            registration = types.Registration(
                id="framing-settings", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
            )
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
            except Exception as error:  # a client may refuse; saving a settings file still reloads them
                ls.log(_("watching settings files failed: {error}").format(error=error), types.MessageType.Warning)
        ls.log(_("framing {version} ready").format(version=__version__))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FramingServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        document = OpenDocument(item.uri, item.text, item.version, item.language_id)
        ls.open[item.uri] = document
        ls.schedule(document, delay=0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FramingServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.open.get(params.text_document.uri)
        if document is None:
            ls.log_once(_("change to a document that is not open: {uri}").format(uri=params.text_document.uri))
            return
        version = params.text_document.version
        if document.version is not None and version is not None and version <= document.version:
            ls.log(_("ignored an older version {version} of {uri}").format(version=version, uri=document.uri))
            return
        text = document.text
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start, end = change.range.start, change.range.end
                text = apply_change(
                    text, Position(start.line, start.character), Position(end.line, end.character), change.text, ls.encoding
                )
            else:
                text = change.text
        document.text = text
        document.version = version
        ls.schedule(document)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FramingServer, params: types.DidCloseTextDocumentParams) -> None:
        document = ls.open.pop(params.text_document.uri, None)
        if document is not None and document.task is not None:
            document.task.cancel()
        ls.publish(params.text_document.uri, [])

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: FramingServer, params: types.DidSaveTextDocumentParams) -> None:
        if Path(urlparse(params.text_document.uri).path).suffix.lower() == ".toml":
            ls.settings_changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: FramingServer, params: types.DidChangeWatchedFilesParams) -> None:
        if params.changes:
            ls.settings_changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: FramingServer, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if not settings and ls.client_capabilities.workspace and ls.client_capabilities.workspace.configuration:
            try:
                answer = await ls.workspace_configuration_async(
                    types.ConfigurationParams(items=[types.ConfigurationItem(section="framing")])
                )
                settings = answer[0] if answer else None
            except Exception as error:  # the client could not say: keep what we have
                ls.log(_("reading the editor's settings failed: {error}").format(error=error), types.MessageType.Warning)
                return
        ls.configure(settings)
        ls.settings_changed()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: FramingServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.open.get(params.text_document.uri)
        if document is None or document.analysis is None or document.positions is None:
            return None
        if document.analysis.version != document.version:
            return None
        positions = document.positions
        offset = positions.offset(Position(params.position.line, params.position.character))
        return presentation.hover(document.analysis.occurrences, offset, positions)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND]),
    )
    async def code_action(ls: FramingServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        document = ls.open.get(params.text_document.uri)
        if document is None:
            return None
        analysis = await ls.current(document)
        if analysis is None or document.positions is None:
            return None
        positions = document.positions
        wanted = params.context.only
        found: list[types.CodeAction] = []
        if not wanted or any(kind.startswith(types.CodeActionKind.QuickFix) for kind in wanted):
            first = positions.offset(Position(params.range.start.line, params.range.start.character))
            last = positions.offset(Position(params.range.end.line, params.range.end.character))
            uri = document.uri
            for occurrence in analysis.occurrences:
                if occurrence.end < first or occurrence.start > last:
                    continue
                diagnostic = presentation.diagnostic(occurrence, uri, positions)
                found += actions.quick_fixes(analysis, occurrence, uri, positions, diagnostic)
                ignore = actions.ignore_action(analysis, occurrence, uri, positions, diagnostic)
                if ignore is not None:
                    found.append(ignore)
                found.append(actions.allow_action(occurrence, uri, ls.allow_file(document), diagnostic))
        if not wanted or any(actions.FIX_ALL_KIND.startswith(kind) for kind in wanted):
            fix_all = await asyncio.get_running_loop().run_in_executor(
                ls.worker, actions.fix_all_action, analysis, document.uri, positions, ls.lint_as(document)
            )
            if fix_all is not None:
                found.append(fix_all)
        return found

    @server.command(actions.ALLOW_COMMAND)
    def allow_term(ls: FramingServer, uri: str, term: str) -> bool:
        document = ls.open.get(uri)
        target = Path(ls.allow_file(document)) if document is not None else None
        if target is None:
            ls.log(_("cannot allow {term}: {uri} is not open").format(term=term, uri=uri), types.MessageType.Error)
            return False
        try:
            changed = add_allowed(target, term)
        except FramingError as error:
            ls.log(str(error), types.MessageType.Error)
            return False
        ls.log(_("allowed {term} in {file}").format(term=term, file=target))
        ls.settings_changed()
        return changed

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: FramingServer, params: None) -> None:
        ls.stopping = True
        for document in ls.open.values():
            if document.task is not None:
                document.task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def serve(*, tcp: tuple[str, int] | None = None, builtin: bool = True) -> None:
    """Run the language server over standard input and output, or on a TCP ``(host, port)``, until the client ends it."""
    server = make_server(builtin=builtin)
    if tcp is None:
        server.start_io()
    else:
        server.start_tcp(*tcp)
