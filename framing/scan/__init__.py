"""Scanning whole wikis: MediaWiki XML dumps read in parts, linted on local processes or a Dask cluster, written as Parquet.

This package needs the ``scan`` extra (``pip install 'framing-termlint[scan]'``).
Importing it costs nothing: :func:`missing` says what is not installed without
importing it; the work is in :mod:`framing.scan.run` (the driver),
:mod:`framing.scan.dump` (reading dumps), :mod:`framing.scan.work` (what a worker
does), :mod:`framing.scan.execute` (where workers run), :mod:`framing.scan.output`
(Parquet) and :mod:`framing.scan.summary` (counts and the plot).
"""

from __future__ import annotations

import importlib.util

#: The import names of what the ``scan`` extra installs.
REQUIRED = ("mwxml", "pyarrow", "dask", "distributed", "matplotlib")
EXTRA = "framing-termlint[scan]"


def missing() -> list[str]:
    """Return the modules of the ``scan`` extra that are not installed."""
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]
