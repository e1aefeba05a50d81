"""Writing a change into a configuration file (``.framing.toml``, ``[tool.framing]``), keeping the rest as it was.

tomlkit keeps comments, order and layout byte for byte outside the value that
changes; the file is replaced atomically (:func:`framing.documents.write_bytes`).
What the language server's "allow this term in the workspace" action calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from framing.config import CONFIG_FILE, PYPROJECT
from framing.documents import write_bytes
from framing.errors import ConfigError
from framing.i18n import _


def _framing_table(document: tomlkit.TOMLDocument, path: Path) -> Any:
    """Return the table of ``document`` that holds framing's settings (made when a pyproject.toml has none)."""
    if path.name != PYPROJECT:
        return document
    tool = document.get("tool")
    if tool is None:
        tool = tomlkit.table(is_super_table=True)
        document["tool"] = tool
    table = tool.get("framing")
    if table is None:
        table = tomlkit.table()
        tool["framing"] = table
    return table


def add_allowed(path: Path, term: str) -> bool:
    """Add ``term`` to the ``allow`` list of the configuration file at ``path`` (created when missing); return whether it changed.

    A term already allowed (compared in lower case, as the settings compare) changes
    nothing. Raises :class:`ConfigError` when the file is not valid TOML or ``allow``
    is not a list or a comma-separated string, or it cannot be written.
    """
    term = " ".join(term.split())
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        document = tomlkit.parse(text)
    except (OSError, UnicodeDecodeError, TOMLKitError) as error:
        raise ConfigError(_("cannot change the file: {reason}").format(reason=error), path=path) from None
    table = _framing_table(document, path)
    allowed = table.get("allow")
    if allowed is None:
        words = tomlkit.array()
        words.append(term)
        table["allow"] = words
    elif isinstance(allowed, str):
        if term.lower() in (word.strip().lower() for word in allowed.split(",")):
            return False
        table["allow"] = f"{allowed}, {term}" if allowed.strip() else term
    elif isinstance(allowed, list):
        if term.lower() in (str(word).strip().lower() for word in allowed):
            return False
        allowed.append(term)
    else:
        raise ConfigError(_("allow must be a list of strings"), path=path)
    write_bytes(path, tomlkit.dumps(document).encode("utf-8"))
    return True


def allow_target(nearest: Path | None, folder: Path) -> Path:
    """Return the configuration file an allowed term goes to: the nearest one, else a new ``.framing.toml`` in ``folder``."""
    return nearest if nearest is not None else folder / CONFIG_FILE
