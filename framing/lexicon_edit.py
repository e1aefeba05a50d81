"""Writing changes back into lexicon TOML files, keeping their comments, order and layout.

Only the values that change are rewritten (with tomlkit, which keeps everything else
byte for byte); a new entry is appended at the end of its file under a comment heading.
Writes are atomic: a temporary file in the same folder, then ``os.replace``.
"""

from __future__ import annotations

import difflib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from framing.errors import LexiconError
from framing.i18n import _
from framing.model import TERM_OPTIONS, Alternative, Severity, Term

_TERM_DEFAULTS: dict[str, Any] = TERM_OPTIONS


def _string(text: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes), and keeps non-ASCII as is.
    return json.dumps(text, ensure_ascii=False)


def _words(words: tuple[str, ...]) -> str:
    return "[" + ", ".join(_string(w) for w in words) + "]"


def _option_source(key: str, value: Any) -> str:
    if key == "gender" and len(value) == 1:
        return _string(value[0])
    if isinstance(value, tuple):
        return _words(value)
    if key == "severity":
        return _string(str(value))
    return str(value).lower()


def term_source(term: Term) -> str:
    """Return the TOML source of ``term``: a string, or an inline table when it has options."""
    options = [
        f"{key} = {_option_source(key, value)}"
        for key, default in _TERM_DEFAULTS.items()
        if (value := getattr(term, key)) != default
    ]
    if not options:
        return _string(term.text)
    return "{ text = " + _string(term.text) + ", " + ", ".join(options) + " }"


def alternative_source(alternative: Alternative) -> str:
    """Return the TOML source of ``alternative``: a string, or an inline table when it is safe or limited."""
    if not alternative.safe and not alternative.for_terms and not alternative.forms and not alternative.gender:
        return _string(alternative.text)
    parts = ["text = " + _string(alternative.text)]
    if alternative.safe:
        parts.append("safe = true")
    if alternative.safe_because:
        parts.append("safe_because = " + _string(alternative.safe_because))
    if alternative.for_terms:
        parts.append("for = " + _words(alternative.for_terms))
    if alternative.forms:
        parts.append("forms = { " + ", ".join(f"{feature} = {_string(form)}" for feature, form in alternative.forms) + " }")
    if alternative.gender:
        parts.append("gender = " + _string(alternative.gender))
    return "{ " + ", ".join(parts) + " }"


def note_source(note: str) -> str:
    """Return the TOML source of a note: a basic string, or a multi-line one when it is long."""
    if "\n" not in note and len(note) <= 70:
        return _string(note)
    escaped = note.replace("\\", "\\\\").replace('"""', '""\\"')
    escaped = "".join(c if c in "\n\t" or ord(c) >= 0x20 and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
    return '"""\n' + escaped + '\n"""'


def value_source(field: str, value: Any) -> str:
    """Return the TOML source of ``value`` for the entry key ``field``."""
    if field == "note" or isinstance(value, str):
        return note_source(value) if field in {"note", "reading"} else _string(value)
    renderers: dict[str, Callable[[Any], str]] = {"terms": term_source, "alternatives": alternative_source}
    render = renderers.get(field, lambda item: _string(str(item)))
    items = [render(item) for item in value]
    one_line = "[" + ", ".join(items) + "]"
    if len(items) <= 1 and len(field) + len(one_line) < 100:
        return one_line
    return "[\n" + "".join(f"  {item},\n" for item in items) + "]"


def _term_of(raw: Any) -> Term:
    if isinstance(raw, str):
        return Term(raw.strip())
    data = dict(raw)
    values: dict[str, Any] = {}
    for key, default in _TERM_DEFAULTS.items():
        if key not in data:
            continue
        value = data[key]
        if key == "gender" and isinstance(value, str):
            value = (value,)
        values[key] = tuple(str(w).strip() for w in value) if isinstance(default, tuple) else value
    if "severity" in values:
        values["severity"] = Severity.parse(str(values["severity"]))
    return Term(str(data["text"]).strip(), **values)


def _alternative_of(raw: Any) -> Alternative:
    if isinstance(raw, str):
        return Alternative(raw.strip())
    data = dict(raw)
    forms = tuple((str(feature), str(form).strip()) for feature, form in dict(data.get("forms", {})).items())
    return Alternative(
        str(data["text"]).strip(),
        safe=bool(data.get("safe", False)),
        for_terms=tuple(t.strip() for t in data.get("for", ())),
        forms=forms,
        gender=data.get("gender"),
        safe_because=" ".join(str(data.get("safe_because", "")).split()),
    )


def current_value(field: str, raw: Any) -> Any:
    """Return a TOML value of ``field`` as the model values the translation fields compare with."""
    try:
        if field == "terms":
            return tuple(_term_of(item) for item in raw)
        if field == "alternatives":
            return tuple(_alternative_of(item) for item in raw)
        if isinstance(raw, str):
            return raw.strip()
        return tuple(str(item).strip() for item in raw)
    except (TypeError, KeyError, ValueError):
        return None


def update_entry(text: str, concept: str, values: Mapping[str, Any], *, path: str | Path = "<lexicon>") -> str:
    """Return ``text`` (a locale file) with ``values`` set in the entry ``[concept]``.

    Keys whose value is already equal are left untouched, so an unchanged import gives
    back the same bytes; a missing entry is appended at the end. Raises
    :class:`LexiconError` when ``text`` is not TOML.
    """
    return update_entries(text, {concept: values}, path=path)


def update_entries(text: str, updates: Mapping[str, Mapping[str, Any]], *, path: str | Path = "<lexicon>") -> str:
    """Return ``text`` (a locale file) with the values of each ``updates[concept]`` set in ``[concept]``.

    The same as :func:`update_entry` for each concept in turn, but the file is parsed
    once (an import that touches many entries of a large file would otherwise parse it
    once per entry). Missing entries are appended at the end in the order given.
    """
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:
        raise LexiconError(
            _("cannot edit: {reason}").format(reason=error), path=path, line=getattr(error, "line", None)
        ) from None
    changed = False
    appended: list[tuple[str, Mapping[str, Any]]] = []
    for concept, values in updates.items():
        if concept not in document:
            appended.append((concept, values))
            continue
        table = document[concept]
        for field, value in values.items():
            if (
                field in table
                and current_value(field, table[field].unwrap() if hasattr(table[field], "unwrap") else table[field]) == value
            ):
                continue
            table[field] = tomlkit.value(value_source(field, value))
            changed = True
    result = document.as_string() if changed else text
    for concept, values in appended:
        lines = [f"{field} = {value_source(field, value)}" for field, value in values.items()]
        separator = "" if not result or result.endswith("\n\n") else ("\n" if result.endswith("\n") else "\n\n")
        heading = f"# --- {concept} " + "-" * max(3, 72 - len(concept)) + "\n"
        result = result + separator + heading + f"[{concept}]\n" + "\n".join(lines) + "\n"
    return result


def unified_diff(path: str | Path, old: str, new: str) -> str:
    """Return the unified diff that turns ``old`` into ``new`` for the file at ``path`` (empty when equal)."""
    name = str(path)
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 through a temporary file and a rename, keeping the file's mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
