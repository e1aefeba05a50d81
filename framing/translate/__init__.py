"""Translators' workflow: lexicons as gettext PO files and TBX termbases, and checking translated catalogs.

One module per job: :mod:`~framing.translate.fields` turns entry fields into the text a
translator edits and back, :mod:`~framing.translate.po` exports and imports PO files,
:mod:`~framing.translate.tbx` does the same for TBX-Basic, :mod:`~framing.translate.check`
lints the translations of any gettext catalog, and :mod:`~framing.translate.stats` counts.
Only this package imports polib.
"""

from __future__ import annotations

from pathlib import Path

from framing.errors import FramingError


class CatalogError(FramingError):
    """A PO, POT, MO or TBX file that cannot be read, or whose content cannot be imported.

    ``problems`` holds every problem found (each a ``CatalogError``) when validation
    collected more than one; the error's own message is the first.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        problems: tuple[CatalogError, ...] = (),
    ) -> None:
        super().__init__(message, path=path, line=line)
        self.problems = problems or (self,)
