"""Load on `framing serve`: a five-page proposal sent to POST /api/lint, one client against eight at once.

Starts `python -m framing serve` (one worker, as `framing serve` runs by default) on a
free port of 127.0.0.1, warms it up, then sends the same number of requests twice:
from one client, one after the other, and from eight clients at once. Prints the
median and 95th percentile latency of each, their ratios, the throughput and the
errors (any answer but 200) as a Markdown table for docs/performance.md. Not run in CI.

    python benchmarks/serve_load.py                  # 200 requests, 8 clients
    python benchmarks/serve_load.py --requests 400 --clients 16 --workers 2
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIENCE = ["de", "it", "es", "pt", "ru", "pl"]
#: About 500 words a page.
PAGE_WORDS = 500


def five_page_proposal() -> str:
    """Return a proposal of about five pages: the example proposal's sections, numbered, repeated to length."""
    sections = (ROOT / "examples" / "proposal.md").read_text(encoding="utf-8").split("\n## ")
    body = ["## " + "\n## ".join(sections[1:])]
    text = sections[0] + "\n"
    part = 1
    while len(text.split()) < 5 * PAGE_WORDS:
        text += f"\n## Part {part}\n\n" + body[0].replace("## ", f"### {part}. ") + "\n"
        part += 1
    return text


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    """Start `framing serve` with ``workers`` on ``port``; return once it answers /healthz."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, "-m", "framing", "serve", "--port", str(port), "--workers", str(workers)]
    command += ["--max-bytes", "10000000"]
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def lint_once(port: int, body: bytes) -> tuple[float, int]:
    """Send one lint request on a new connection; return its latency in seconds and the status."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("POST", "/api/lint", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        payload = response.read()
        status = response.status
        if status == 200 and not json.loads(payload)["findings"]:
            status = -1  # an answer without findings is wrong for this text
    finally:
        connection.close()
    return time.perf_counter() - started, status


def run(port: int, body: bytes, requests: int, clients: int) -> tuple[list[float], list[int], float]:
    """Send ``requests`` requests from ``clients`` clients at once; return latencies, statuses and the wall time."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda _: lint_once(port, body), range(requests)))
    wall = time.perf_counter() - started
    return [latency for latency, _ in results], [status for _, status in results], wall


def p95(values: list[float]) -> float:
    """Return the 95th percentile of ``values``."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    """Run both loads and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    options = parser.parse_args()
    text = five_page_proposal()
    body = json.dumps({"text": text, "locale": "en", "audience": AUDIENCE, "input_format": "markdown"}).encode("utf-8")
    port = free_port()
    server = start_server(port, options.workers)
    try:
        for _ in range(5):  # build the linter, warm the caches
            lint_once(port, body)
        single, single_status, single_wall = run(port, body, options.requests, 1)
        many, many_status, many_wall = run(port, body, options.requests, options.clients)
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors = sum(status != 200 for status in single_status + many_status)
    words = len(text.split())
    print(f"Text: {words} words, {len(text)} characters ({len(body)} bytes of JSON); audience {','.join(AUDIENCE)};")
    print(f"{options.requests} requests per run; server workers: {options.workers}; errors: {errors}\n")
    print("| clients | median (ms) | p95 (ms) | requests/s |")
    print("|---|---|---|---|")
    for label, latencies, wall in ((1, single, single_wall), (options.clients, many, many_wall)):
        median, high = statistics.median(latencies) * 1000, p95(latencies) * 1000
        print(f"| {label} | {median:.0f} | {high:.0f} | {len(latencies) / wall:.1f} |")
    print(
        f"\nRatios, {options.clients} clients against 1: median {statistics.median(many) / statistics.median(single):.2f}, "
        f"p95 {p95(many) / p95(single):.2f}, throughput {(len(many) / many_wall) / (len(single) / single_wall):.2f}"
    )
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
