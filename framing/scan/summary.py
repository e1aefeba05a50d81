"""What a scan found, for people: a table of findings per concept and year, and a chart of the top concepts over time."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from framing.i18n import _

#: How many concepts the chart draws.
TOP_CONCEPTS = 8


def _year_label(year: int) -> str:
    return str(year) if year else "?"


def table(counts: Counter[tuple[str, int]]) -> str:
    """Return the findings per concept (rows, most found first) and per year of the revision (columns) as aligned text."""
    if not counts:
        return _("no findings") + "\n"
    years = sorted({year for _concept, year in counts})
    totals: Counter[str] = Counter()
    for (concept, _year), count in counts.items():
        totals[concept] += count
    concepts = sorted(totals, key=lambda concept: (-totals[concept], concept))
    header = [_("concept"), _("total"), *(_year_label(year) for year in years)]
    lines = [header]
    for concept in concepts:
        lines.append([concept, str(totals[concept]), *(str(counts.get((concept, year), 0)) for year in years)])
    lines.append([_("all"), str(sum(totals.values())), *(str(sum(counts.get((c, y), 0) for c in concepts)) for y in years)])
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    return "".join(
        line[0].ljust(widths[0])
        + "".join("  " + cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True))
        + "\n"
        for line in lines
    )


def plot(counts: Counter[tuple[str, int]], path: str | Path, *, title: str = "", top: int = TOP_CONCEPTS) -> None:
    """Draw the findings per year of the ``top`` concepts found most as lines, into ``path`` (``.png`` or ``.svg``)."""
    # here for start-up speed: matplotlib takes a second to import and only --plot needs it
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    totals: Counter[str] = Counter()
    for (concept, _year), count in counts.items():
        totals[concept] += count
    known = [year for _concept, year in counts if year]
    years = list(range(min(known), max(known) + 1)) if known else []  # a year without findings is a zero, not a gap
    figure, axes = pyplot.subplots(figsize=(8, 4.5), layout="constrained")
    try:
        for concept, _total in sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:top]:
            axes.plot(years, [counts.get((concept, year), 0) for year in years], marker="o", label=concept)
        axes.set_xlabel(_("year of the revision"))
        axes.set_ylabel(_("findings"))
        axes.set_title(title or _("Loaded terms over time"))
        if years:
            axes.set_xticks(years)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        if totals:
            axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
        axes.grid(alpha=0.3)
        figure.savefig(path, metadata={"Date": None} if str(path).endswith(".svg") else None)
    finally:
        pyplot.close(figure)
