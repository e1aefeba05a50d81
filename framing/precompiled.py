"""Compiled engines cached on disk, so a warm run reads one file instead of parsing every lexicon.

A :class:`~framing.engine.Engine` and the :class:`~framing.lexicon.Lexicon` it was
compiled from (they share their entries) are stored with :mod:`pickle` under a key made of the
bytes of every lexicon file that would be read, the source of the modules that build
and run engines, the locale and audience, the tokenizer, and the library versions
(:func:`framing.inflection.cache_key`). Anything that changes one of those changes the
key; a file that cannot be read back (damaged, truncated, from another Python) is
ignored and rebuilt. The cache folder is the user's own (see
:func:`framing.inflection.cache_dir`); like any pickle, a file planted there by someone
else could run code, which is why nothing is ever read from a shared or world-writable
location by default.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from framing.engine import Engine
from framing.inflection import cache_dir, code_digest
from framing.lexicon import Lexicon, plan_files


def lexicon_files(paths: Sequence[str | Path], *, builtin: bool = True) -> list[Path] | None:
    """Return the files :func:`framing.lexicon.read_files` reads for ``paths``, or None when one does not exist.

    (None: the loader reports the missing path itself.)
    """
    planned, missing = plan_files(paths, builtin=builtin)
    return None if missing else [item.path for item in planned]


def fingerprint(paths: Sequence[str | Path], *, builtin: bool = True) -> str | None:
    """Return a hash of the names and bytes of every lexicon file for ``paths`` and of the engine's code, or None."""
    files = lexicon_files(paths, builtin=builtin)
    if files is None:
        return None
    digest = hashlib.sha256()
    try:
        for path in files:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
        digest.update(code_digest().encode())
    except OSError:
        return None
    return digest.hexdigest()


def _path(key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"engine-{key[:24]}.pickle"


def read_engine(key: str) -> tuple[Engine, Lexicon] | None:
    """Return the engine and lexicon cached under ``key``, or None when there are none or they cannot be read back."""
    path = _path(key)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            stored_key, engine, lexicon = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a damaged cache file of any kind is rebuilt, never trusted
        return None
    if stored_key != key or not isinstance(engine, Engine) or not isinstance(lexicon, Lexicon):
        return None
    return engine, lexicon


def write_engine(key: str, engine: Engine, lexicon: Lexicon) -> None:
    """Store ``engine`` and its ``lexicon`` under ``key`` atomically; a cache that cannot be written is skipped."""
    path = _path(key)
    if path is None:
        return
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump((key, engine, lexicon), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError):
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
