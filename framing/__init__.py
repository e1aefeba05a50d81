"""framing: find culturally loaded terms in text, explain them, and suggest alternatives.

>>> import framing
>>> findings = framing.lint("Our leaders will meet.", locale="en", audience=["de"])

Importing this package does no I/O and loads no lexicon: the names below are imported
on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framing.version import __version__

__all__ = [
    "ConfigError",
    "Edit",
    "Finding",
    "FramingError",
    "InputError",
    "LexiconError",
    "Linter",
    "LocaleError",
    "Severity",
    "__version__",
    "fix",
    "lint",
]

_LAZY = {
    "ConfigError": "framing.errors",
    "Finding": "framing.model",
    "Severity": "framing.model",
    "FramingError": "framing.errors",
    "InputError": "framing.errors",
    "LexiconError": "framing.errors",
    "LocaleError": "framing.errors",
    "Linter": "framing.linter",
    "lint": "framing.linter",
    "fix": "framing.fixes",
    "Edit": "framing.fixes",
}

if TYPE_CHECKING:
    from framing.errors import ConfigError, FramingError, InputError, LexiconError, LocaleError
    from framing.fixes import Edit, fix
    from framing.linter import Linter, lint
    from framing.model import Finding, Severity


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
