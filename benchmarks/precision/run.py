"""Measure how often framing's findings on real text are true alarms, against hand labels.

Lints text no one on the project wrote (the Python 3.11 documentation, Debian's
reference manual in every language of ours that has it, the gettext catalogs installed
on this machine), draws a fixed random sample of the findings of each corpus and
language, and compares it with the labels in ``labels/``. See docs/precision.md.

    python benchmarks/precision/run.py                      # everything
    python benchmarks/precision/run.py --only python-docs --languages en
    python benchmarks/precision/run.py --unlabelled to-label.toml   # then fill in verdicts
    python benchmarks/precision/run.py --merge to-label.toml        # into labels/

It measures the framing of the checkout it lives in (the repository root goes first on
``sys.path``), with the built-in lexicons. Needs ``apt-get`` and ``dpkg-deb`` (Debian or
Ubuntu) to fetch the Debian packages once into ``benchmarks/precision/.work/``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path[:1]:
    sys.path.insert(0, str(ROOT))

from benchmarks.precision import corpora, labels, measure  # noqa: E402

WORK = HERE / ".work"
DEBS = WORK / "debs"
LABELS = HERE / "labels"
LOCALE_ROOT = Path("/usr/share/locale")
PER_CELL = 60
SEED = 20261202
ENGLISH_DOCUMENTATION = ("python-docs", "debian-reference")
_LABELS_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def labels_name(corpus: str, language: str) -> str:
    """Return the name of the label file of a corpus and language (``python-docs-en``)."""
    return f"{corpus}-{language}"


def target_of(corpus: str, language: str) -> float | None:
    """Return the precision the project aims at for a cell: English documentation and every catalog; None elsewhere."""
    if corpus == "catalogs" or (language == "en" and corpus in ENGLISH_DOCUMENTATION):
        return measure.TARGET
    return None


def key_of(occurrence: corpora.Occurrence) -> labels.Key:
    """Return the label key of an occurrence."""
    finding = occurrence.finding
    reader = occurrence.reader.locale
    return labels.key_of(occurrence.document, finding.concept, reader, occurrence.text, finding.start, finding.end)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def lint_all(only: Iterable[str], languages: list[str], locale_root: Path) -> list[corpora.Linted]:
    """Return every selected corpus linted in every selected language (English also with every other language as audience)."""
    runs: list[corpora.Linted] = []
    only = set(only)
    if "python-docs" in only and "en" in languages:
        for audience in (False, True):
            started = time.perf_counter()
            runs.append(corpora.python_docs(DEBS, audience=audience))
            _log(f"python-docs en{'+audience' if audience else ''}: {time.perf_counter() - started:.1f} s")
    if "debian-reference" in only:
        for language, packages in corpora.available_references().items():
            if language not in languages:
                continue
            for audience in (False, True) if language == "en" else (False,):
                started = time.perf_counter()
                runs.append(corpora.debian_reference(DEBS, language, packages, audience=audience))
                _log(f"debian-reference {language}{'+audience' if audience else ''}: {time.perf_counter() - started:.1f} s")
    if "catalogs" in only:
        checker = corpora.catalog_checker()
        for language, files in corpora.catalog_files(locale_root, languages).items():
            started = time.perf_counter()
            runs.append(corpora.catalogs(files, language, checker))
            _log(f"catalogs {language}: {len(files)} files, {time.perf_counter() - started:.1f} s")
    return runs


def evaluate(
    runs: list[corpora.Linted], per_cell: int, seed: int, label_sets: dict[str, dict[labels.Key, labels.Label]]
) -> tuple[list[measure.Cell], dict[str, list[corpora.Occurrence]], dict[str, dict[str, int]]]:
    """Return the cells, the sampled occurrences without a label (by label file), and how many labels still match a finding."""
    cells = []
    unlabelled: dict[str, list[corpora.Occurrence]] = {}
    seen: dict[str, set[labels.Key]] = {}
    for run in runs:
        name = labels_name(run.corpus, run.language)
        known = label_sets.get(name, {})
        keys = {id(occurrence): key_of(occurrence) for occurrence in run.occurrences}
        seen.setdefault(name, set()).update(keys.values())
        chosen = measure.sample(run.occurrences, per_cell, seed, lambda o, keys=keys: keys[id(o)].digest_text())
        verdicts = [known[keys[id(o)]].true_alarm for o in chosen if keys[id(o)] in known]
        unlabelled.setdefault(name, []).extend(o for o in chosen if keys[id(o)] not in known)
        cells.append(
            measure.Cell(
                corpus=run.corpus,
                locale=run.language,
                audience=run.audience,
                documents=run.documents,
                size_bytes=run.size_bytes,
                findings=len(run.occurrences),
                sampled=len(chosen),
                true=sum(verdicts),
                false=len(verdicts) - sum(verdicts),
                target=target_of(run.corpus, run.language),
            )
        )
    matching = {
        name: {"labels": len(label_sets.get(name, {})), "matching": len(seen[name] & label_sets.get(name, {}).keys())}
        for name in sorted(seen)
    }
    return cells, unlabelled, matching


def unlabelled_entries(unlabelled: dict[str, list[corpora.Occurrence]]) -> list[dict[str, Any]]:
    """Return the entries of a file to label: one per distinct key, in label-file then document order, verdict blank."""
    entries = []
    for name in sorted(unlabelled):
        done: set[labels.Key] = set()
        for occurrence in sorted(unlabelled[name], key=lambda o: (o.document, o.finding.start, o.reader.locale)):
            key = key_of(occurrence)
            if key in done:
                continue
            done.add(key)
            finding = occurrence.finding
            entry: dict[str, Any] = {"labels": name}
            entry.update({field: getattr(key, field) for field in labels.KEY_FIELDS})
            entry["verdict"] = ""
            entry["reason"] = ""
            entry["context"] = labels.context_of(occurrence.text, finding.start, finding.end)
            entry.update(dict(occurrence.details))
            reader = occurrence.reader
            note = " ".join(reader.note.split())
            entry["note"] = note if reader.own else f"For {reader.name} readers: {note}"
            entry["severity"] = str(finding.severity)
            entries.append(entry)
    return entries


UNLABELLED_HEADER = """Findings of the precision benchmark that have no label yet.
For each: set verdict = true (a thoughtful native reader would agree the term is loaded here)
or verdict = false (false alarm: a technical term, literal history, an innocent sense ...),
and write a one-line reason. Leave verdict = "" to skip. Then:
    python benchmarks/precision/run.py --merge THIS-FILE
Only the key fields (document, concept, reader, match, before, after), verdict, reason and
context are kept; labels = says which label file the entry goes to."""


def merge_file(path: Path, label_dir: Path = LABELS) -> list[str]:
    """Merge the labelled entries of ``path`` into the label files; return one line per label file touched."""
    entries = labels.read_entries(path)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for number, entry in enumerate(entries, start=1):
        name = entry.get("labels")
        if not isinstance(name, str) or not _LABELS_NAME.match(name):
            raise labels.LabelError(f"{path}: entry {number}: 'labels' must name a label file (like python-docs-en)")
        grouped.setdefault(name, []).append(entry)
    lines = []
    for name, group in sorted(grouped.items()):
        target = label_dir / f"{name}.toml"
        merged, result = labels.merge(group, labels.read_labels(target), str(path))
        if result.added or result.changed:
            labels.write_labels(target, merged.values())
        lines.append(
            f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {result.added} added, "
            f"{result.changed} changed, {result.unchanged} unchanged, {result.blank} left blank"
        )
    return lines


def read_label_sets(names: Iterable[str], label_dir: Path = LABELS) -> dict[str, dict[labels.Key, labels.Label]]:
    """Return the labels of each named label file (empty for a missing file)."""
    return {name: labels.read_labels(label_dir / f"{name}.toml") for name in names}


def _git(*arguments: str) -> str:
    try:
        return subprocess.run(["git", *arguments], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def provenance(per_cell: int, seed: int) -> dict[str, Any]:
    """Return what a result depends on: date, framing's commit and location, sample size and seed."""
    import framing

    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    return {
        "date": datetime.date.today().isoformat(),
        "commit": (commit + ("+dirty" if dirty else "")) or "unknown",
        "framing": str(Path(framing.__file__).parent),
        "python": sys.version.split()[0],
        "per_cell": per_cell,
        "seed": seed,
    }


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only", default=",".join(corpora.CORPORA), help="Corpora, comma-separated (default: all): " + ", ".join(corpora.CORPORA)
    )
    parser.add_argument("--languages", default="", help="Languages, comma-separated (default: every language framing lints).")
    parser.add_argument(
        "--per-cell", type=int, default=PER_CELL, help=f"Findings sampled per corpus and language (default {PER_CELL})."
    )
    parser.add_argument(
        "--seed", type=int, default=SEED, help=f"Seed of the sample (default {SEED}; labels follow the sample: keep it)."
    )
    parser.add_argument(
        "--locale-root", type=Path, default=LOCALE_ROOT, help="Where the installed catalogs are (default /usr/share/locale)."
    )
    parser.add_argument("--markdown", action="store_true", help="Also print the table as Markdown (for docs/precision.md).")
    parser.add_argument(
        "--unlabelled", type=Path, metavar="FILE", help="Write the sampled findings without a label to FILE, to be labelled."
    )
    parser.add_argument("--merge", type=Path, metavar="FILE", help="Merge the labelled entries of FILE into labels/ and stop.")
    return parser.parse_args(argv)


def _selection(arguments: argparse.Namespace) -> tuple[list[str], list[str]]:
    """Return the corpora and languages asked for; raise ValueError for unknown ones."""
    only = [name.strip() for name in arguments.only.split(",") if name.strip()]
    unknown = set(only) - set(corpora.CORPORA)
    if unknown:
        raise ValueError(f"unknown corpus {', '.join(sorted(unknown))}; choose from {', '.join(corpora.CORPORA)}")
    return only, corpora.chosen_languages(code.strip() for code in arguments.languages.split(",") if code.strip())


def _error(message: object) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or merge labels); return the exit code."""
    arguments = _arguments(argv)
    if arguments.merge:
        try:
            lines = merge_file(arguments.merge)
        except labels.LabelError as error:
            return _error(error)
        print("\n".join(lines))
        return 0
    try:
        only, languages = _selection(arguments)
    except ValueError as error:
        return _error(error)
    try:
        runs = lint_all(only, languages, arguments.locale_root)
    except (FileNotFoundError, subprocess.CalledProcessError) as error:
        return _error(f"cannot fetch the corpora ({error}); this needs apt-get, apt-cache and dpkg-deb")
    try:
        label_sets = read_label_sets({labels_name(run.corpus, run.language) for run in runs})
    except labels.LabelError as error:
        return _error(error)
    cells, unlabelled, matching = evaluate(runs, arguments.per_cell, arguments.seed, label_sets)
    about = provenance(arguments.per_cell, arguments.seed)
    print(f"framing {about['commit']} ({about['framing']}), {about['date']}")
    print(f"up to {arguments.per_cell} findings sampled per corpus and language, seed {arguments.seed}")
    print()
    print(measure.text_table(cells))
    print(measure.target_report(cells))
    stale = {name: m["labels"] - m["matching"] for name, m in matching.items() if m["labels"] > m["matching"]}
    if stale:
        print(
            "Labels that match no finding today (kept: the finding may come back): "
            + ", ".join(f"{name} {count}" for name, count in stale.items())
        )
    if arguments.markdown:
        print()
        print(measure.markdown_table(cells))
    WORK.mkdir(parents=True, exist_ok=True)
    result = {
        **about,
        "cells": [cell.to_dict() for cell in cells],
        "labels": matching,
        "sources": {f"{run.corpus} {run.language}": run.sources for run in runs if not run.audience},
    }
    (WORK / "results.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if arguments.unlabelled:
        entries = unlabelled_entries(unlabelled)
        arguments.unlabelled.write_text(labels.render_entries(entries, UNLABELLED_HEADER), encoding="utf-8")
        print(f"{len(entries)} findings to label in {arguments.unlabelled}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
