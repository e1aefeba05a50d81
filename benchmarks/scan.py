"""How fast `framing scan` reads a wiki dump, on one worker and on two, and whether its memory stays flat as the dump grows.

    python benchmarks/scan.py                    # 3 rounds, a dump of 2,000 revisions and one ten times larger
    python benchmarks/scan.py --runs 5 --revisions 4000

The dumps are synthesized into benchmarks/.work/scan/ from the sample wiki of
tests/data/scan (its pages and their full histories, each page copied with new page
and revision ids and titles), every revision lengthened with paragraphs of this
repository's own documentation to about 6 kB of wikitext, so that a revision costs
what a page of prose costs. Each command runs in rounds (every command once per round,
in turn), so the load of a shared machine falls on all of them alike; the figures are
medians, peak memory the largest resident set of any process of a run (the driver or
one of its workers); the dumps are written by a separate process, since Linux counts in
a child's peak the memory of the process it was started from. Needs the ``scan`` extra. Results go to .work/scan-results.json too.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work" / "scan"
PYTHON = sys.executable
REVISION_BYTES = 6000


def _sample():  # noqa: ANN202  (a module loaded from its file)
    spec = importlib.util.spec_from_file_location("build_sample", ROOT / "tests" / "data" / "scan" / "build_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _paragraphs() -> list[str]:
    """Return the prose paragraphs of README.md and docs/*.md (no code, tables, headings or lists), to lengthen revisions."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
        for block in text.split("\n\n"):
            block = " ".join(block.split())
            if len(block) > 200 and not block.startswith(("#", "|", "-", "*", "<", ">", "1.")):
                found.append(block)
    return found


def synthesize(path: Path, revisions: int) -> int:
    """Write a full-history dump of about ``revisions`` revisions to ``path``; return how many it holds."""
    sample = _sample()
    paragraphs = _paragraphs()
    pages = []
    count = copy = 0
    cursor = 0
    while count < revisions:
        for page_id, namespace, title, history in sample.EN_PAGES:
            lengthened = []
            for revision_id, timestamp, text in history:
                extra = []
                while len(text) + sum(len(p) + 2 for p in extra) < REVISION_BYTES:
                    extra.append(paragraphs[cursor % len(paragraphs)])
                    cursor += 1
                lengthened.append((revision_id + 100_000 * copy, timestamp, text + "\n" + "\n\n".join(extra) + "\n"))
            pages.append((page_id + 1000 * copy, namespace, f"{title} ({copy})", lengthened))
            count += len(history)
        copy += 1
    path.write_text(sample.render("Example Community Wiki", "examplewiki", "en", sample.NAMESPACES, pages), encoding="utf-8")
    return count


def run_once(command: list[str]) -> tuple[float, float, int]:
    """Return wall seconds, CPU seconds and the peak memory in MB of the largest process of one run of ``command``."""
    with open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"command failed with exit status {code}: {' '.join(command)}\n{process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def scan_command(dump: Path, jobs: int) -> list[str]:
    """Return the `framing scan` command for ``dump`` on ``jobs`` local workers (every revision, German readers too)."""
    return [PYTHON, "-m", "framing", "scan", str(dump), "--history", "--audience", "de", "--jobs", str(jobs), "--summary"]


def main() -> None:
    """Measure, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--revisions", type=int, default=2000)
    parser.add_argument("--synthesize", nargs=2, metavar=("PATH", "REVISIONS"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.synthesize:
        print(synthesize(Path(options.synthesize[0]), int(options.synthesize[1])))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    small, large = WORK / "dump-1x.xml", WORK / "dump-10x.xml"
    # Written by another process: a child's peak memory counts what it was forked from, so this one stays small.
    sizes = {
        path: int(
            subprocess.run([PYTHON, __file__, "--synthesize", str(path), str(count)], check=True, capture_output=True).stdout
        )
        for path, count in ((small, options.revisions), (large, 10 * options.revisions))
    }
    commands = {
        "1 worker, 1x": (small, scan_command(small, 1)),
        "2 workers, 1x": (small, scan_command(small, 2)),
        "1 worker, 10x": (large, scan_command(large, 1)),
        "2 workers, 10x": (large, scan_command(large, 2)),
    }
    run_once(scan_command(small, 1))  # warm-up: the engine cache, the page cache
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for _ in range(options.runs):
        for name, (_dump, command) in commands.items():
            samples[name].append(run_once(command))
    results = {}
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for name, (dump, _command) in commands.items():
        wall = statistics.median(s[0] for s in samples[name])
        revisions = sizes[dump]
        megabytes = dump.stat().st_size / 1e6
        results[name] = {
            "wall": wall,
            "cpu": statistics.median(s[1] for s in samples[name]),
            "peak_mb": max(s[2] for s in samples[name]),
            "revisions": revisions,
            "dump_mb": megabytes,
            "revisions_per_s": revisions / wall,
            "revisions_per_cpu_s": revisions / statistics.median(s[1] for s in samples[name]),
            "mb_per_s": megabytes / wall,
        }
        figures = results[name]
        print(
            f"  {name:<16} {revisions:6d} revisions {megabytes:6.1f} MB  median {wall:7.2f} s  "
            f"{figures['revisions_per_s']:7.1f} revisions/s  {figures['mb_per_s']:5.2f} MB/s  "
            f"{figures['revisions_per_cpu_s']:7.1f} revisions per CPU-s  peak {figures['peak_mb']:4d} MB"
        )
    for size in ("1x", "10x"):
        ratio = results[f"2 workers, {size}"]["wall"] / results[f"1 worker, {size}"]["wall"]
        results[f"ratio {size}"] = ratio
        print(f"  2 workers / 1 worker, {size}: {ratio:.3f} (wall time)")
    growth = results["1 worker, 10x"]["peak_mb"] / results["1 worker, 1x"]["peak_mb"]
    results["peak growth 1 worker, 10x / 1x"] = growth
    print(f"  peak memory of one worker, 10x dump / 1x dump: {growth:.2f}")
    (WORK.parent / "scan-results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
