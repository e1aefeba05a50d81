"""Translators' workflow: lexicons as gettext PO files and TBX termbases, and checking translated catalogs.

One module per job: :mod:`~framing.translate.fields` turns entry fields into the text a
translator edits and back, :mod:`~framing.translate.po` exports and imports PO files,
:mod:`~framing.translate.tbx` does the same for TBX-Basic, :mod:`~framing.translate.check`
lints the translations of any gettext catalog, and :mod:`~framing.translate.stats` counts.
Only this package imports polib.
"""

from __future__ import annotations

from framing.errors import ProblemsError


class CatalogError(ProblemsError):
    """A PO, POT, MO or TBX file that cannot be read, or whose content cannot be imported.

    Several problems found in one pass are in ``problems`` (see :class:`~framing.errors.ProblemsError`).
    """
