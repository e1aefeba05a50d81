"""The arithmetic of the precision benchmark: sampling, the Wilson interval, the table and the targets.

Everything here is pure: plain data in, plain data out.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

T = TypeVar("T")

TARGET = 0.9
"""The precision the project aims at on English documentation and on every locale's catalogs."""


def sample(items: Sequence[T], size: int, seed: int, key: Callable[[T], str]) -> list[T]:
    """Return up to ``size`` of ``items`` (all when fewer), chosen at random but deterministically, in input order.

    Each item gets a pseudo-random rank from a hash of ``seed`` and ``key(item)``; the
    ``size`` lowest ranks are the sample (bottom-k sampling). So the sample does not
    depend on the order of ``items``, and when items come and go between runs the others
    keep their ranks: a finding that stays keeps its place in the sample (and its label)
    unless a new one ranks below it.
    """
    if size <= 0:
        return []

    def rank(position: int) -> tuple[str, int]:
        digest = hashlib.sha256(f"{seed}\x1e{key(items[position])}".encode()).hexdigest()
        return digest, position

    chosen = sorted(range(len(items)), key=rank)[:size]
    return [items[position] for position in sorted(chosen)]


def wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float] | None:
    """Return the Wilson score interval of a proportion (95 % by default), or None when there are no trials."""
    if trials <= 0:
        return None
    if not 0 <= successes <= trials:
        raise ValueError(f"successes must lie between 0 and trials, got {successes} of {trials}")
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z / (1 + z2 / trials) * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    # At 0 and at trials the bound is exactly 0 or 1; the formula gives it only up to rounding.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Cell:
    """The figures of one corpus linted in one locale (``audience`` True: with every other locale as audience)."""

    corpus: str
    locale: str
    audience: bool
    documents: int
    size_bytes: int
    findings: int
    sampled: int
    true: int
    false: int
    target: float | None = None

    @property
    def name(self) -> str:
        """Return the cell's label: ``python-docs en`` or ``python-docs en+audience``."""
        return f"{self.corpus} {self.locale}{'+audience' if self.audience else ''}"

    @property
    def kilobytes(self) -> float:
        """Return the corpus size in kB (1,000 bytes of UTF-8 prose)."""
        return self.size_bytes / 1000

    @property
    def per_100kb(self) -> float | None:
        """Return the findings per 100 kB of prose (None for an empty corpus)."""
        return self.findings / self.size_bytes * 100_000 if self.size_bytes else None

    @property
    def labelled(self) -> int:
        """Return how many sampled findings have a label."""
        return self.true + self.false

    @property
    def unlabelled(self) -> int:
        """Return how many sampled findings have no label yet."""
        return self.sampled - self.labelled

    @property
    def precision(self) -> float | None:
        """Return true / labelled (None with no labels)."""
        return self.true / self.labelled if self.labelled else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """Return the 95 % Wilson interval of the precision (None with no labels)."""
        return wilson(self.true, self.labelled)

    def status(self) -> str:
        """Return how the cell stands against its target.

        When every finding of the corpus is labelled (a census, not a sample), the
        precision is the corpus's own, not an estimate: ``meets`` when it is at or above
        the target, ``misses`` when below. Otherwise, from the sample: ``meets`` when the
        whole 95 % interval lies at or above the target, ``misses`` when it lies below,
        ``undecided`` when it straddles the target (too few labels to tell). Also
        ``unlabelled`` with findings but no labels, ``no findings``, or ``no target``.
        """
        if self.target is None:
            return "no target"
        if not self.findings:
            return "no findings"
        interval = self.interval
        if interval is None:
            return "unlabelled"
        if self.labelled == self.findings and self.precision is not None:
            return "meets" if self.precision >= self.target else "misses"
        low, high = interval
        if low >= self.target:
            return "meets"
        if high < self.target:
            return "misses"
        return "undecided"

    def to_dict(self) -> dict[str, Any]:
        """Return the cell as JSON-ready data, derived figures included."""
        data = asdict(self)
        data.update(
            name=self.name,
            kilobytes=round(self.kilobytes, 1),
            per_100kb=None if self.per_100kb is None else round(self.per_100kb, 2),
            labelled=self.labelled,
            unlabelled=self.unlabelled,
            precision=None if self.precision is None else round(self.precision, 4),
            interval=None if self.interval is None else [round(bound, 4) for bound in self.interval],
            status=self.status(),
        )
        return data


COLUMNS = (
    "corpus",
    "locale",
    "kB",
    "findings",
    "/100 kB",
    "sampled",
    "labelled",
    "true",
    "false",
    "precision",
    "95 % CI",
    "unlabelled",
)


def _fraction(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def row(cell: Cell) -> tuple[str, ...]:
    """Return the table row of a cell, as text."""
    interval = cell.interval
    return (
        cell.corpus,
        cell.locale + ("+audience" if cell.audience else ""),
        f"{cell.kilobytes:,.1f}",
        f"{cell.findings:,}",
        "-" if cell.per_100kb is None else f"{cell.per_100kb:,.2f}",
        f"{cell.sampled:,}",
        f"{cell.labelled:,}",
        f"{cell.true:,}",
        f"{cell.false:,}",
        _fraction(cell.precision),
        "-" if interval is None else f"{interval[0]:.2f}-{interval[1]:.2f}",
        f"{cell.unlabelled:,}",
    )


def text_table(cells: Iterable[Cell]) -> str:
    """Return the cells as a plain-text table (text left-aligned, figures right-aligned)."""
    rows = [COLUMNS, *(row(cell) for cell in cells)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = []
    for r in rows:
        parts = [value.ljust(widths[i]) if i < 2 else value.rjust(widths[i]) for i, value in enumerate(r)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def markdown_table(cells: Iterable[Cell]) -> str:
    """Return the cells as a Markdown table."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" if i < 2 else "---:" for i in range(len(COLUMNS))) + "|"]
    lines.extend("| " + " | ".join(row(cell)) + " |" for cell in cells)
    return "\n".join(lines) + "\n"


def target_report(cells: Iterable[Cell]) -> str:
    """Return, for the cells with a target, which meet it, which miss it and which cannot tell yet."""
    groups: dict[str, list[str]] = {}
    target = None
    for cell in cells:
        if cell.target is None:
            continue
        target = cell.target
        precision = "" if cell.precision is None else f" ({_fraction(cell.precision)}, {cell.labelled} labelled)"
        groups.setdefault(cell.status(), []).append(cell.name + precision)
    if target is None:
        return "No cell has a target.\n"
    titles = {
        "meets": "meet it (every finding labelled and precision at or above; or, from a sample, the whole 95 % interval)",
        "misses": "miss it (every finding labelled and precision below; or, from a sample, the whole 95 % interval)",
        "undecided": "too few labels to tell (the 95 % interval straddles it)",
        "unlabelled": "findings but no labels yet",
        "no findings": "no findings (nothing to be wrong about)",
    }
    lines = [f"Target: precision >= {target:.2f}"]
    for status, title in titles.items():
        if status in groups:
            lines.append(f"  {title}: {len(groups[status])}")
            lines.extend(f"    {name}" for name in groups[status])
    return "\n".join(lines) + "\n"
