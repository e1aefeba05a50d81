"""The Parquet output of a scan: one file per part in a dataset folder, a manifest, and the merge into one file.

Each part's rows go to ``part-NNNNN.parquet`` in the folder, written to a temporary
name and renamed, so a file that exists is whole; its outcome (counts, skipped pages)
rides along in the file's metadata. ``_scan.json`` records what was scanned and how
it was divided, so ``--resume`` scans only the parts without a file, and refuses a
folder made by a different scan.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from framing.errors import InputError
from framing.i18n import _
from framing.scan.work import COLUMNS, PartOutcome

SCHEMA = pa.schema(
    [
        ("page_id", pa.int64()),
        ("title", pa.string()),
        ("namespace", pa.int32()),
        ("revision_id", pa.int64()),
        ("timestamp", pa.timestamp("s", tz="UTC")),
        ("line", pa.int32()),
        ("column", pa.int32()),
        ("text", pa.string()),
        ("concept", pa.string()),
        ("severity", pa.string()),
        ("readers", pa.list_(pa.string())),
    ]
)
assert tuple(SCHEMA.names) == COLUMNS
MANIFEST = "_scan.json"
_OUTCOME_KEY = b"framing.outcome"


def part_file(folder: str | Path, key: str) -> Path:
    """Return the path of the part file ``key`` in ``folder``."""
    return Path(folder) / f"part-{key}.parquet"


def write_part(folder: str, key: str, rows: dict[str, list[Any]], outcome: PartOutcome) -> None:
    """Write one part's ``rows`` (columns of :data:`SCHEMA`) and ``outcome`` to ``folder``, atomically."""
    table = pa.Table.from_pydict(rows, schema=SCHEMA)
    table = table.replace_schema_metadata({_OUTCOME_KEY: json.dumps(outcome.to_dict()).encode()})
    target = part_file(folder, key)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, target)


def read_outcome(path: str | Path) -> PartOutcome:
    """Return the outcome stored in a part file."""
    metadata = pq.read_schema(path).metadata or {}
    return PartOutcome.from_dict(json.loads(metadata[_OUTCOME_KEY]))


def prepare(folder: Path, manifest: dict[str, Any], *, resume: bool) -> dict[str, PartOutcome]:
    """Make ``folder`` ready for a scan described by ``manifest``; return the outcomes of parts already written.

    Without ``resume`` the folder must be new or empty. With it, its manifest must
    describe the same scan; the parts it holds, read to their end, are kept (a part
    that stopped early is scanned again). Raises :class:`InputError` otherwise.
    """
    folder.mkdir(parents=True, exist_ok=True)
    existing = folder / MANIFEST
    if not resume:
        if any(folder.iterdir()):
            raise InputError(_("the output folder is not empty; use --resume to continue a scan, or choose another"), path=folder)
        existing.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return {}
    if not existing.exists():
        if any(folder.glob("part-*.parquet")):
            raise InputError(_("holds parts but no {manifest}; cannot resume").format(manifest=MANIFEST), path=folder)
        existing.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return {}
    if json.loads(existing.read_text(encoding="utf-8")) != json.loads(json.dumps(manifest)):
        raise InputError(_("was written by a scan with other dumps or options; cannot resume it"), path=folder)
    done = {}
    for path in folder.glob("part-*.parquet"):
        outcome = read_outcome(path)
        if outcome.complete:
            done[outcome.key] = outcome
    for stale in folder.glob(".part-*.tmp"):
        stale.unlink()
    return done


def merge(folder: Path, keys: Sequence[str], target: Path) -> int:
    """Write the parts ``keys`` of ``folder`` that exist, in that order, into one Parquet file ``target``; return its rows."""
    temporary = target.with_name(f".{target.name}.tmp")
    rows = 0
    with pq.ParquetWriter(temporary, SCHEMA) as writer:
        for key in keys:
            path = part_file(folder, key)
            if path.exists():
                table = pq.read_table(path, schema=SCHEMA).replace_schema_metadata(None)
                writer.write_table(table)
                rows += table.num_rows
    os.replace(temporary, target)
    return rows


def remove(folder: Path) -> None:
    """Remove a working folder of parts once they are merged."""
    shutil.rmtree(folder, ignore_errors=True)


def partitions(folder: Path) -> Iterable[Path]:
    """Return the part files in ``folder``, in order."""
    return sorted(folder.glob("part-*.parquet"))
