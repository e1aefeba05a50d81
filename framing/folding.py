"""The form in which the matcher compares words, per language: what spelling variation to ignore.

Lower-casing is not always enough. Arabic writes vowel marks only sometimes and has
letters that vary by region or typing habit (see :mod:`framing.arabic`); Russian text
often writes *е* for *ё* ("черный" for "чёрный"). Terms, condition words and the text
are folded the same way, so a lexicon lists each word once.
"""

from __future__ import annotations

from collections.abc import Callable

from framing import arabic


def fold_yo(word: str) -> str:
    """Return ``word`` with ё written е (and Ё, Е), as much Russian text writes it."""
    return word.replace("ё", "е").replace("Ё", "Е")


_FOLDS: dict[str, Callable[[str], str]] = {"ar": arabic.fold, "ru": fold_yo, "uk": fold_yo, "be": fold_yo}


def fold_for(language: str) -> Callable[[str], str] | None:
    """Return the function that folds a lower-cased word of ``language``, or None when lower case is enough."""
    return _FOLDS.get(language)
