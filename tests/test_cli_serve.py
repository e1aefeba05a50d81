"""`framing serve` as a user starts it: a process that prints its URL, serves, and stops on a signal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from chromium import free_port
from typer.testing import CliRunner

from framing.cli import register_commands

ROOT = Path(__file__).parent.parent
# The server is local: no proxy from the environment may stand in between.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def start(*args: str) -> tuple[subprocess.Popen[str], str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen(
        [sys.executable, "-m", "framing", "serve", *args],
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline()


def get(url: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with DIRECT.open(url, timeout=10) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError:
            raise
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_serve_prints_the_url_binds_to_loopback_and_answers():
    port = free_port()
    process, first_line = start("--port", str(port), "--max-bytes", "100")
    try:
        assert f"http://127.0.0.1:{port}/" in first_line
        status, headers, body = get(f"http://127.0.0.1:{port}/healthz")
        assert status == 200 and json.loads(body)["status"] == "ok"
        assert headers["x-content-type-options"] == "nosniff"
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/lint", data=b'{"text": "' + b"x" * 200 + b'"}', method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            DIRECT.open(request, timeout=10)
        assert refused.value.code == 413, "--max-bytes reaches the app"
    finally:
        stop(process)
    assert process.returncode in (0, -signal.SIGINT)


def test_serve_behind_a_proxy_under_a_root_path():
    port = free_port()
    process, first_line = start("--port", str(port), "--root-path", "/framing/")
    try:
        assert f"http://127.0.0.1:{port}/framing/" in first_line
        # The proxy takes the prefix off: /framing/healthz arrives as /healthz.
        status, _, body = get(f"http://127.0.0.1:{port}/healthz")
        assert status == 200
        _, _, described = get(f"http://127.0.0.1:{port}/openapi.json")
        assert json.loads(described)["servers"] == [{"url": "/framing"}]
    finally:
        stop(process)


def test_serve_help_documents_its_options():
    result = CliRunner().invoke(register_commands(), ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--max-bytes", "--root-path", "--workers"):
        assert option in result.stdout
