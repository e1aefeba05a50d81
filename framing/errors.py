"""The exceptions `framing` raises: one base class, each subclass naming where it went wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class FramingError(Exception):
    """Base of every error `framing` raises on purpose.

    ``path`` and ``line`` say where the problem is when it comes from a file, so that the
    command line can print ``path:line: message`` and nothing more.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep path, line and the rest when an error crosses processes (``framing lint --jobs``).
        return (_restore, (type(self), self.message), dict(self.__dict__))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


def _restore(cls: type[FramingError], message: str) -> FramingError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    return error


class ProblemsError(FramingError):
    """An error that may stand for several problems found in one pass (validation, imports).

    ``problems`` holds every problem found (each an error of the same class) when more
    than one was collected; the error's own message is the first.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        problems: tuple[FramingError, ...] = (),
    ) -> None:
        super().__init__(message, path=path, line=line)
        self.problems: tuple[FramingError, ...] = problems or (self,)


class LexiconError(ProblemsError):
    """A lexicon file is missing, malformed or fails validation."""


class LocaleError(FramingError):
    """A locale code that Babel cannot parse, or that `framing` does not support."""


class InputError(FramingError):
    """A document that cannot be read: missing, unreadable, or not text."""


class ConfigError(FramingError):
    """A configuration file (``.framing.toml``, ``[tool.framing]``) that is malformed or has an unknown key or bad value."""
