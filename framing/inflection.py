"""Surface forms of lemmas, from inverting spacy-lookups-data's lemma lookup tables.

Lexicons list lemmas ("leader", "Führer"); text holds inflections ("LEADERS", "Führern").
Rather than lemmatising every token of every text (a table costs seconds to load), we
invert the table once for the few lemmas the lexicon needs, and cache the result on disk
as JSON keyed on the words asked for and the library versions. A stale or damaged cache
entry is rebuilt, never trusted.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from framing.version import __version__

CACHE_FORMAT = 1


def cache_dir() -> Path | None:
    """Return the folder for cached data, or None when caching is switched off.

    ``FRAMING_CACHE_DIR`` chooses the folder; ``FRAMING_NO_CACHE=1`` switches caching off;
    otherwise ``$XDG_CACHE_HOME/framing`` or ``~/.cache/framing``.
    """
    if os.environ.get("FRAMING_NO_CACHE"):
        return None
    chosen = os.environ.get("FRAMING_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "framing"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def read_cache(name: str, key: str) -> object | None:
    """Return the JSON value cached under ``name`` for ``key``, or None when absent or stale."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{name}.json", encoding="utf-8") as handle:
            stored = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return stored.get("value")


def write_cache(name: str, key: str, value: object) -> None:
    """Store ``value`` under ``name`` atomically; a cache that cannot be written is skipped."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"key": key, "value": value}, handle, ensure_ascii=False)
        os.replace(temporary, folder / f"{name}.json")
    except OSError:
        try:
            os.unlink(temporary)
        except (OSError, UnboundLocalError):
            pass


def cache_key(*parts: str) -> str:
    """Return a key for cached data that changes with ``parts`` and every library it depends on."""
    versions = [
        str(CACHE_FORMAT),
        _version("spacy"),
        _version("spacy-lookups-data"),
        _framing_version(),
    ]
    return hashlib.sha256("\x00".join(versions + list(parts)).encode()).hexdigest()


def _framing_version() -> str:
    return __version__


def _table_files(language: str) -> list[Path]:
    try:
        import spacy_lookups_data
    except ImportError:
        return []
    folder = Path(str(spacy_lookups_data.__file__)).parent / "data"
    return sorted(folder.glob(f"{language}_lemma_lookup*.json.gz"))


def _invert(language: str, lemmas: set[str]) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {lemma: set() for lemma in lemmas}
    for path in _table_files(language):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            table = json.load(handle)
        for surface, lemma in table.items():
            for candidate in lemma if isinstance(lemma, list) else (lemma,):
                key = candidate.lower()
                if key in forms:
                    forms[key].add(surface.lower())
    return forms


def regular_plurals(language: str, word: str) -> set[str]:
    """Return the regular plural of ``word`` in ``language``, for what the lookup tables miss.

    The tables are incomplete (French "listes" is listed only under the verb "lister"), so
    the regular plural is always added for the languages where it is a simple ending.
    """
    if not word.isalpha() or len(word) < 2:
        return set()
    if language == "en":
        if word.endswith(("s", "x", "z", "ch", "sh")):
            return {word + "es"}
        if word.endswith("y") and word[-2] not in "aeiou":
            return {word[:-1] + "ies"}
        return {word + "s"}
    if language in ("fr", "pt"):
        return set() if word.endswith(("s", "x", "z")) else {word + "s"}
    if language == "es":
        return {word + "s"} if word[-1] in "aeiouáéó" else {word + "es"}
    if language == "it":
        endings = {"o": "i", "a": "e", "e": "i"}
        return {word[:-1] + endings[word[-1]]} if word[-1] in endings else set()
    return set()  # Dutch and German plurals vary too much to guess ("negeren" is not a plural of "neger").


def inflections(language: str, words: Iterable[str]) -> dict[str, frozenset[str]]:
    """Return, for each word (lower-cased), every lower-cased form whose lemma it is, itself included.

    Regular plurals are added for en, fr, es, it and pt (see :func:`regular_plurals`).
    """
    wanted = sorted({word.lower() for word in words})
    key = cache_key("inflections", language, *wanted)
    name = f"inflections-{language}-{key[:16]}"
    cached = read_cache(name, key)
    if isinstance(cached, dict) and set(cached) == set(wanted):
        return {word: frozenset(forms) for word, forms in cached.items()}
    inverted = _invert(language, set(wanted))
    result: dict[str, frozenset[str]] = {}
    for word in wanted:
        forms = inverted.get(word, set()) | {word}
        forms |= regular_plurals(language, word)
        result[word] = frozenset(forms)
    write_cache(name, key, {word: sorted(forms) for word, forms in result.items()})
    return result


def guessed_forms(language: str, word: str) -> set[str]:
    """Return forms ``word`` may take that the lookup tables often miss, for condition words (not terms).

    German nouns: the plural endings -e, -en, -n, -er, -s and the dative plural (-n),
    without umlauts ("Prozesse", "Servern"). Over-guessing is harmless for a condition
    word: a form that does not exist never occurs in a text.
    """
    if language != "de" or not word.isalpha():
        return set()
    stems = {word + ending for ending in ("e", "en", "n", "er", "s", "es")}
    return stems | {form + "n" for form in stems if form.endswith(("e", "er"))}


# The modules whose code decides what a compiled engine holds and how it behaves.
ENGINE_MODULES = (
    "engine.py",
    "patterns.py",
    "senses.py",
    "arabic.py",
    "folding.py",
    "lexicon.py",
    "model.py",
    "inflection.py",
    "tokenizer.py",
    "locales.py",
    "segmentation.py",
)


@functools.cache
def code_digest() -> str:
    """Return a hash of the modules that decide what an engine matches (read once per process)."""
    digest = hashlib.sha256()
    code = Path(__file__).resolve().parent
    for name in ENGINE_MODULES:
        digest.update(name.encode() + b"\0" + (code / name).read_bytes() + b"\0")
    return digest.hexdigest()
