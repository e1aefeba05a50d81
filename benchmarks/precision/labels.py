"""Hand labels of findings: their keys, and the TOML files they live in.

A label is keyed on what a finding *is*, not where it happens to be: the corpus file
name, the concept, the reader locale, the matched text, and the few words on either
side of it (case-folded, punctuation and markup dropped). Line numbers, offsets, the
order of files and changes elsewhere in a file do not enter the key, so a label keeps
applying while the engine, the lexicons and the corpus change around it; it stops
applying only when the finding itself, or the words right next to it, change.

Label files (``labels/<corpus>-<language>.toml``) are arrays of ``[[label]]`` tables::

    [[label]]
    document = "library/hashlib.rst"
    concept = "attack-metaphor"
    reader = "en"
    match = "attacks"
    before = "not resistant against brute force"
    after = "a good password hashing function"
    verdict = false          # true: a true alarm; false: a false alarm
    reason = "security term of art (brute-force attack)"
    context = "... not resistant against brute-force [[attacks]]. A good ..."

``context`` (and, in a file to label, ``note``, ``msgid`` ...) are there for people:
the key fields, ``verdict`` and ``reason`` are what counts; ``context`` is kept beside them.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WINDOW_TOKENS = 5
"""How many tokens on either side of a match enter its key."""

_SCAN = 2000  # characters looked at on either side of a match to find the window's tokens
_WORD = re.compile(r"\w+")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
KEY_FIELDS = ("document", "concept", "reader", "match", "before", "after")
LABEL_FIELDS = (*KEY_FIELDS, "verdict", "reason", "context")


class LabelError(ValueError):
    """A label file or a file to label that cannot be read: says which file and which entry."""


@dataclass(frozen=True, order=True)
class Key:
    """What identifies a finding across runs (see the module docstring)."""

    document: str
    concept: str
    reader: str
    match: str
    before: str
    after: str

    def digest_text(self) -> str:
        """Return the key as one string (for hashing and sorting)."""
        return "\x1f".join((self.document, self.concept, self.reader, self.match, self.before, self.after))


@dataclass(frozen=True)
class Label:
    """A verdict on one finding: ``true_alarm`` (a loaded use) or not, and a one-line reason."""

    key: Key
    true_alarm: bool
    reason: str
    context: str = ""


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


def tokens(text: str) -> list[str]:
    """Return the case-folded tokens of ``text``: runs of word characters, each wide (CJK) character a token of its own.

    Punctuation, markup and spacing fall away, so ``brute-force`` and ``brute force``
    give the same tokens; Chinese and Japanese, written without spaces, count by character.
    """
    found: list[str] = []
    for run in _WORD.findall(unicodedata.normalize("NFKC", text).casefold()):
        if any(_wide(c) for c in run):
            word = ""
            for character in run:
                if _wide(character):
                    if word:
                        found.append(word)
                        word = ""
                    found.append(character)
                else:
                    word += character
            if word:
                found.append(word)
        else:
            found.append(run)
    return found


def _cut(text: str, at: int) -> bool:
    """Return whether position ``at`` falls inside a word of ``text``."""
    return 0 < at < len(text) and bool(_WORD.match(text[at - 1])) and bool(_WORD.match(text[at]))


def key_of(document: str, concept: str, reader: str, text: str, start: int, end: int, *, window: int = WINDOW_TOKENS) -> Key:
    """Return the key of a finding of ``concept`` for ``reader`` at ``text[start:end]`` in ``document``."""
    low, high = max(0, start - _SCAN), min(len(text), end + _SCAN)
    before = tokens(text[low:start])
    if _cut(text, low) and before:
        before = before[1:]  # a word the scan cut in two
    after = tokens(text[end:high])
    if _cut(text, high) and after:
        after = after[:-1]
    match = " ".join(unicodedata.normalize("NFKC", text[start:end]).casefold().split())
    return Key(document, concept, reader, match, " ".join(before[-window:] if window else []), " ".join(after[:window]))


# --- TOML ---------------------------------------------------------------------------


def toml_string(value: str) -> str:
    """Return ``value`` as a TOML basic string (quoted, with the escapes TOML requires)."""
    out = ['"']
    for character in value:
        code = ord(character)
        if character == '"':
            out.append('\\"')
        elif character == "\\":
            out.append("\\\\")
        elif character == "\n":
            out.append("\\n")
        elif character == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(character)
    out.append('"')
    return "".join(out)


def _toml_key(name: str) -> str:
    return name if _BARE_KEY.match(name) else toml_string(name)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return toml_string(str(value))


def render_entries(entries: Iterable[Mapping[str, Any]], header: str = "") -> str:
    """Return TOML text with one ``[[label]]`` table per entry (fields in the entry's order)."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    for entry in entries:
        if lines:
            lines.append("")
        lines.append("[[label]]")
        lines.extend(f"{_toml_key(name)} = {_toml_value(value)}" for name, value in entry.items())
    return "\n".join(lines) + "\n"


def read_entries(path: Path) -> list[dict[str, Any]]:
    """Return the ``[[label]]`` tables of a TOML file (none when it does not exist); raise :class:`LabelError`."""
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise LabelError(f"{path}: {error}") from None
    entries = data.get("label", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise LabelError(f"{path}: 'label' must be an array of tables ([[label]])")
    return entries


def entry_key(entry: Mapping[str, Any], where: str) -> Key:
    """Return the key of a label entry; raise :class:`LabelError` naming ``where`` when a key field is missing."""
    missing = [name for name in KEY_FIELDS if not isinstance(entry.get(name), str)]
    if missing:
        raise LabelError(f"{where}: missing or not a string: {', '.join(missing)}")
    return Key(*(entry[name] for name in KEY_FIELDS))


def verdict_of(entry: Mapping[str, Any], where: str) -> bool | None:
    """Return the entry's verdict: True (true alarm), False (false alarm) or None (blank); raise :class:`LabelError`."""
    value = entry.get("verdict", "")
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", ""):
        text = value.strip().lower()
        return None if not text else text == "true"
    raise LabelError(f"{where}: verdict must be true, false or blank, not {value!r}")


def read_labels(path: Path) -> dict[Key, Label]:
    """Return the labels of a label file by key (an entry with a blank verdict is not a label)."""
    labels: dict[Key, Label] = {}
    for number, entry in enumerate(read_entries(path), start=1):
        where = f"{path}: label {number}"
        key = entry_key(entry, where)
        verdict = verdict_of(entry, where)
        if verdict is None:
            continue
        if key in labels and labels[key].true_alarm != verdict:
            raise LabelError(f"{where}: the same finding is labelled both true and false")
        labels[key] = Label(key, verdict, str(entry.get("reason", "")), str(entry.get("context", "")))
    return labels


def label_entry(label: Label) -> dict[str, Any]:
    """Return the TOML fields of a label, in file order."""
    entry: dict[str, Any] = {name: getattr(label.key, name) for name in KEY_FIELDS}
    entry["verdict"] = label.true_alarm
    entry["reason"] = label.reason
    if label.context:
        entry["context"] = label.context
    return entry


LABELS_HEADER = """Hand labels for the precision benchmark (benchmarks/precision/run.py); see docs/precision.md.
verdict = true: a true alarm (a thoughtful native reader would agree the term is loaded here);
verdict = false: a false alarm. Keys: document, concept, reader, match, before, after."""


def write_labels(path: Path, labels: Iterable[Label]) -> None:
    """Write ``labels`` to ``path`` sorted by key, so that a file's diff shows only what changed."""
    ordered = sorted(labels, key=lambda label: label.key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_entries((label_entry(label) for label in ordered), LABELS_HEADER), encoding="utf-8")


@dataclass(frozen=True)
class MergeResult:
    """What merging a labelled file did: labels added, changed (re-labelled) and entries left out."""

    added: int
    changed: int
    unchanged: int
    blank: int


def merge(entries: Iterable[Mapping[str, Any]], labels: dict[Key, Label], where: str) -> tuple[dict[Key, Label], MergeResult]:
    """Return ``labels`` with the labelled ``entries`` added or replacing theirs, and what changed.

    Entries with a blank verdict are left out; an entry with a verdict but no reason is
    an error (a label says why). ``where`` names the file in errors.
    """
    merged = dict(labels)
    added = changed = unchanged = blank = 0
    for number, entry in enumerate(entries, start=1):
        place = f"{where}: entry {number}"
        key = entry_key(entry, place)
        verdict = verdict_of(entry, place)
        if verdict is None:
            blank += 1
            continue
        reason = " ".join(str(entry.get("reason", "")).split())
        if not reason:
            raise LabelError(f"{place}: a label needs a reason (one line)")
        label = Label(key, verdict, reason, str(entry.get("context", "")))
        old = merged.get(key)
        if old is None:
            added += 1
        elif (old.true_alarm, old.reason) != (label.true_alarm, label.reason):
            changed += 1
        else:
            unchanged += 1
        merged[key] = label
    return merged, MergeResult(added, changed, unchanged, blank)


# --- context for people ----------------------------------------------------------------

CONTEXT_CHARS = 600
"""At most this many characters of a paragraph are shown around a finding."""


def context_of(text: str, start: int, end: int, *, limit: int = CONTEXT_CHARS) -> str:
    """Return the paragraph around ``text[start:end]`` on one line, the match in ``[[...]]``.

    A long paragraph is cut to about ``limit`` characters around the match, at spaces.
    """
    low = text.rfind("\n\n", 0, start)
    low = 0 if low < 0 else low + 2
    high = text.find("\n\n", end)
    high = len(text) if high < 0 else high
    room = max(0, limit - (end - start)) // 2
    cut_low, cut_high = max(low, start - room), min(high, end + room)
    if cut_low > low:
        space = text.find(" ", cut_low, start)
        cut_low = space + 1 if space >= 0 else cut_low
    if cut_high < high:
        space = text.rfind(" ", end, cut_high)
        cut_high = space if space >= 0 else cut_high
    head = ("... " if cut_low > low else "") + text[cut_low:start]
    tail = text[end:cut_high] + (" ..." if cut_high < high else "")
    return " ".join(f"{head}[[{text[start:end]}]]{tail}".split())
