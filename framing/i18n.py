"""The tool's own messages in the user's language (gettext, domain ``framing``).

Catalogs live in ``locales/<lang>/LC_MESSAGES/framing.po`` (``framing/locales`` in the
wheel). They are compiled in memory when first needed (a few milliseconds), so the
source tree and every install carry only the PO files and nothing can go stale. The language comes from
``--lang`` (see :func:`activate`), else ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and
``LANG``, as gettext does. Nothing is read at import time: the catalog is loaded by the
first message that needs it.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

DOMAIN = "framing"
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# The active catalog. Process-wide on purpose, like gettext.install(): messages are
# formatted deep inside the library, and the language is the user's, not a caller's.
_active: gettext.NullTranslations | None = None


def locales_dir() -> Path:
    """Return the folder of the message catalogs: inside the installed wheel, or the source tree."""
    from importlib import resources

    packaged = Path(str(resources.files("framing"))) / "locales"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "locales"


def languages_from_environment(environ: Mapping[str, str] | None = None) -> list[str]:
    """Return the languages the environment asks for, best first (``LANGUAGE=de:fr`` gives ``["de", "fr"]``).

    ``C`` and ``POSIX`` mean untranslated messages and give an empty list.
    """
    env = os.environ if environ is None else environ
    for name in _ENVIRONMENT:
        value = env.get(name, "").strip()
        if not value:
            continue
        codes = [code.split(".", 1)[0].split("@", 1)[0] for code in value.split(":") if code]
        if name != "LANGUAGE" and codes and codes[0] in {"C", "POSIX"}:
            return []
        if name == "LANGUAGE" and env.get("LC_ALL", env.get("LANG", "")).split(".", 1)[0] in {"C", "POSIX"}:
            # gettext ignores LANGUAGE when the locale is "C".
            continue
        return [code for code in codes if code not in {"C", "POSIX"}]
    return []


def available() -> list[str]:
    """Return the languages that have a catalog, sorted."""
    folder = locales_dir()
    if not folder.is_dir():
        return []
    return sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _compiled(language: str) -> bytes | None:
    """Return the ``.mo`` data of ``language``, compiled in memory from its ``.po`` (a few milliseconds)."""
    source = locales_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not source.is_file():
        return None
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as file:
        catalog = read_po(file, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def translations(languages: Sequence[str]) -> gettext.NullTranslations:
    """Return the catalog for the first of ``languages`` that has one (``de_AT`` falls back to ``de``)."""
    from babel.support import Translations

    for code in languages:
        parts = code.replace("-", "_").split("_")
        for candidate in ("_".join(parts[:n]) for n in range(len(parts), 0, -1)):
            if candidate == "en":
                return gettext.NullTranslations()
            try:
                data = _compiled(candidate)
            except (OSError, ValueError):
                data = None
            if data is not None:
                from io import BytesIO

                return Translations(BytesIO(data), domain=DOMAIN)
    return gettext.NullTranslations()


def activate(language: str | None = None, environ: Mapping[str, str] | None = None) -> gettext.NullTranslations:
    """Make ``language`` (or, when None, the environment's languages) the language of messages; return its catalog."""
    global _active
    _active = translations([language] if language else languages_from_environment(environ))
    return _active


def _catalog() -> gettext.NullTranslations:
    return _active if _active is not None else activate()


def active_language() -> str:
    """Return the language of the active catalog (``en`` when messages are not translated)."""
    return str(_catalog().info().get("language") or "en")


def _(message: str) -> str:
    """Return ``message`` in the active language (the English text when there is no translation)."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a message for ``count``, in the active language."""
    return _catalog().ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802  (the conventional name, which pybabel extracts)
    """Return ``message`` unchanged: marks a text for extraction that is translated later (help texts)."""
    return message


def extract_cli(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Any]:
    """Yield the messages of a CLI module for ``pybabel extract``: ``_()``/``N_()`` calls and command docstrings.

    Typer shows a command's docstring as its help, so the docstrings of functions
    decorated with ``@<app>.command(...)`` or ``@<app>.callback(...)`` are messages too
    (as :func:`inspect.cleandoc` leaves them, which is how Click shows and we look them up).
    """
    import ast
    import inspect

    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type]
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        is_command = any(
            isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in {"command", "callback"}
            for d in node.decorator_list
        )
        docstring = ast.get_docstring(node, clean=False)
        if is_command and docstring:
            yield node.body[0].lineno, None, inspect.cleandoc(docstring), []
