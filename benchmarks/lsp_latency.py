"""Language server latency: from an edit to its diagnostics, against the in-process ``Linter.lint`` time of the same text.

The goal of issue 17: after an edit, diagnostics arrive within 3 x the time
``Linter.lint`` takes on the whole text, plus 50 ms, on a 50 kB document; and a 1 MB
document stays responsive (a hover is answered while it is linted, a burst of edits
publishes the newest version only). The server runs as a subprocess
(``python -m framing lsp``) driven by pygls's client, as an editor drives it.

    python benchmarks/lsp_latency.py            # 50 kB and 1 MB, 15 edits each
    python benchmarks/lsp_latency.py --edits 30

The documents are the project's own Markdown documentation (real prose with lists,
tables and code), repeated to size. Prints the medians and the ratio
latency / (3 x lint + 50 ms), which must stay at or below 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.linter import Linter  # noqa: E402  (from this checkout, not an installed copy)

AUDIENCE = ["de", "fr", "it"]
TIMEOUT = 120


def document(size: int) -> str:
    """Return about ``size`` characters of the project's Markdown documentation, whole paragraphs."""
    prose = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md")))
    text = prose
    while len(text) < size:
        text += "\n\n" + prose
    cut = text.rfind("\n\n", 0, size)
    return text[: cut if cut > 0 else size] + "\n"


def lint_time(text: str, runs: int) -> float:
    """Return the median seconds ``Linter.lint`` takes on ``text`` (after a warm-up)."""
    linter = Linter("en", AUDIENCE)
    linter.lint(text)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        linter.lint(text)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


class Session:
    """A server subprocess and a client that notes when each version's diagnostics arrive."""

    def __init__(self) -> None:
        self.client = LanguageClient("framing-benchmark", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.published: list[tuple[str, int | None]] = []

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.arrived[(params.uri, params.version)] = time.perf_counter()
            self.published.append((params.uri, params.version))

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def log(params: types.LogMessageParams) -> None:
            pass

    async def start(self, root: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "framing", "lsp", cwd=str(ROOT))
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=root.as_uri(),
                initialization_options={"audience": AUDIENCE},
            )
        )
        self.client.initialized(types.InitializedParams())

    async def wait(self, uri: str, version: int) -> float:
        """Wait for the diagnostics of ``version`` and return when they arrived."""
        deadline = time.perf_counter() + TIMEOUT
        while (uri, version) not in self.arrived:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no diagnostics for version {version}")
            await asyncio.sleep(0.001)
        return self.arrived[(uri, version)]

    def change(self, uri: str, version: int, line: int, text: str) -> float:
        """Insert ``text`` at the start of ``line``; return when it was sent."""
        began = time.perf_counter()
        position = types.Position(line, 0)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=types.Range(position, position), text=text)],
            )
        )
        return began

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def prose_lines(text: str) -> list[int]:
    """Return the lines that start a paragraph of prose (where an inserted word is prose too)."""
    lines = text.split("\n")
    return [n for n, line in enumerate(lines) if line[:1].isalpha() and (n == 0 or not lines[n - 1].strip())]


async def measure(size: int, edits: int, root: Path) -> dict[str, float]:
    text = document(size)
    path = root / f"doc-{size}.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    session = Session()
    await session.start(root)
    figures: dict[str, float] = {"characters": len(text)}
    try:
        began = time.perf_counter()
        session.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text))
        )
        figures["open_s"] = await session.wait(uri, 1) - began
        lines = prose_lines(text)
        latencies = []
        version = 1
        for n in range(edits):
            version += 1
            sent = session.change(uri, version, lines[(n * 7919) % len(lines)], "Our leaders agree. ")
            latencies.append(await session.wait(uri, version) - sent)
        figures["edit_latency_s"] = statistics.median(latencies)
        figures["edit_latency_max_s"] = max(latencies)

        # A burst of keystrokes 20 ms apart: only the newest version needs diagnostics.
        first = version + 1
        for n in range(10):
            version += 1
            session.change(uri, version, lines[n % len(lines)], "x")
            await asyncio.sleep(0.02)
        await session.wait(uri, version)
        figures["burst_versions_published"] = sum(1 for u, v in session.published if u == uri and v is not None and v >= first)

        # Responsiveness: a hover sent right after an edit is answered while the edit is linted.
        version += 1
        session.change(uri, version, lines[0], "Our leaders agree. ")
        began = time.perf_counter()
        await asyncio.wait_for(
            session.client.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(lines[0], 5))
            ),
            TIMEOUT,
        )
        figures["hover_during_lint_s"] = time.perf_counter() - began
        await session.wait(uri, version)
    finally:
        await session.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--runs", type=int, default=7, help="runs of Linter.lint for its median")
    arguments = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, size in (("50kB", 50_000), ("1MB", 1_000_000)):
            figures = asyncio.run(measure(size, arguments.edits, Path(folder)))
            figures["lint_s"] = lint_time(document(size), arguments.runs)
            figures["budget_s"] = 3 * figures["lint_s"] + 0.05
            figures["ratio"] = figures["edit_latency_s"] / figures["budget_s"]
            results[label] = figures
            print(
                f"{label}: lint {figures['lint_s'] * 1000:.0f} ms, open {figures['open_s'] * 1000:.0f} ms, "
                f"edit → diagnostics {figures['edit_latency_s'] * 1000:.0f} ms (max {figures['edit_latency_max_s'] * 1000:.0f}), "
                f"budget {figures['budget_s'] * 1000:.0f} ms, ratio {figures['ratio']:.2f}; "
                f"burst of 10 edits published {figures['burst_versions_published']:.0f} version(s); "
                f"hover during a lint {figures['hover_during_lint_s'] * 1000:.0f} ms"
            )
    work = ROOT / "benchmarks" / ".work"
    work.mkdir(exist_ok=True)
    (work / "lsp.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
