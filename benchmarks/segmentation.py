"""Word segmentation of Chinese, Japanese and Korean: what it adds to start-up, and its throughput.

    python benchmarks/segmentation.py            # 5 rounds of the start-up figures
    python benchmarks/segmentation.py --runs 3

Needs the extras (``pip install '.[cjk]'``) and the corpora ``<lang>-100kb.txt`` that
``prepare.py`` builds (this script builds them when missing: ``apt-get download``).

- **start-up**: in a fresh process, the import of the segmenter's package, then the
  first call of :func:`framing.segmentation.words` (loading the dictionary or model),
  then a second call; jieba both with its cache in framing's cache folder and without
  (``FRAMING_NO_CACHE=1``: it builds its prefix dictionary from the word list).
- **throughput**, on 100 kB of prose per language, in one warm process:
  the segmenter alone over every paragraph; ``Linter.lint`` on the whole text with the
  built-in lexicon, against the character matcher alone (the cost of the word test);
  and a worst case where every paragraph starts with a term, so every paragraph is
  segmented.

Medians are printed; figures also go to ``.work/segmentation.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import prepare  # noqa: E402

MODULES = {"zh": ("jieba",), "ja": ("sudachipy", "sudachidict_core"), "ko": ("kiwipiepy", "kiwipiepy_model")}
SENTENCES = {
    "zh": "我们的领袖决定下周发布新版本。",
    "ja": "うちの総統が新しいルールを決めた。",
    "ko": "우리 팀 영도자가 새 규칙을 정했다.",
}
TERMS = {"zh": "领袖", "ja": "総統", "ko": "영도자"}

_STARTUP = """
import importlib, json, sys, time
language, modules, sentence = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
start = time.perf_counter()
for module in modules:
    importlib.import_module(module)
imported = time.perf_counter()
from framing import segmentation
segmentation.words(language, sentence)
first = time.perf_counter()
segmentation.words(language, sentence[::-1])
second = time.perf_counter()
print(json.dumps({"import": imported - start, "first call": first - imported, "second call": second - first}))
"""


def startup(language: str, env: dict[str, str]) -> dict[str, float]:
    """Return the seconds of import, first and second call of one fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", _STARTUP, language, ",".join(MODULES[language]), SENTENCES[language]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def median_of(rounds: list[dict[str, float]]) -> dict[str, float]:
    """Return the median of each figure over ``rounds``."""
    return {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}


def timed(function: Callable[[], object], repeat: int = 3) -> float:
    """Return the best of ``repeat`` timings of ``function()``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def throughput(language: str) -> dict[str, float]:
    """Return the throughput figures of ``language`` on its 100 kB corpus (see the module docstring)."""
    from framing import Linter, segmentation
    from framing.patterns import CharacterMatcher, compile_patterns

    text = (prepare.CORPUS / f"{language}-100kb.txt").read_text(encoding="utf-8")
    paragraphs = [line for line in text.splitlines() if line.strip()]
    linter = Linter(language)
    matcher = CharacterMatcher(compile_patterns(linter.lexicon.entries(language), lambda term: [term], None))
    linter.lint(SENTENCES[language])  # loads the segmenter
    words = timed(lambda: [segmentation.words(language, p) for p in paragraphs])
    characters = timed(lambda: matcher.find(text))
    lint = timed(lambda: linter.lint(text))
    worst_text = "\n".join(TERMS[language] + p for p in paragraphs) + "\n"
    worst_characters = timed(lambda: matcher.find(worst_text))
    worst_lint = timed(lambda: linter.lint(worst_text))
    kilobytes = len(text.encode("utf-8")) / 1000
    return {
        "characters": len(text),
        "paragraphs": len(paragraphs),
        "candidates": len(matcher.find(text)),
        "findings": len(linter.lint(text)),
        "segmenter alone, kB/s": kilobytes / words,
        "character matcher, s": characters,
        "lint with word test, s": lint,
        "worst case: character matcher, s": worst_characters,
        "worst case: lint with word test, s": worst_lint,
        "worst case: lint, kB/s": len(worst_text.encode("utf-8")) / 1000 / worst_lint,
    }


def main() -> None:
    """Run both sections and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Fresh processes per start-up figure (median).")
    arguments = parser.parse_args()
    prepare.write_cjk_corpora()
    results: dict[str, dict[str, dict[str, float]]] = {"start-up": {}, "throughput": {}}
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, FRAMING_CACHE_DIR=cache)
        env.pop("FRAMING_NO_CACHE", None)
        startup("zh", env)  # writes jieba's cache: the rounds below find it, as every run after the first does
        variants = [("zh", "zh (jieba, cached)", env), ("zh", "zh (jieba, no cache)", dict(env, FRAMING_NO_CACHE="1"))]
        variants += [("ja", "ja (SudachiPy)", env), ("ko", "ko (Kiwi)", env)]
        for language, label, environment in variants:
            rounds = [startup(language, environment) for _ in range(arguments.runs)]
            results["start-up"][label] = median_of(rounds)
    for language in ("zh", "ja", "ko"):
        results["throughput"][language] = throughput(language)
    for section, rows in results.items():
        print(f"\n{section}")
        for label, figures in rows.items():
            shown = (f"{key} {value:.3f}" if isinstance(value, float) else f"{key} {value}" for key, value in figures.items())
            print(f"  {label}: " + ", ".join(shown))
    prepare.WORK.mkdir(parents=True, exist_ok=True)
    (prepare.WORK / "segmentation.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
