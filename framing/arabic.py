"""Arabic words as the matcher compares them: without vowel marks, and without the clitics written onto them.

Arabic writes short vowels and other marks (harakat, tanween, shadda, sukun) only
sometimes, and the elongation stroke (tatweel) for layout: "مَجْنُون" and "مجنون" are the
same word. Some letters vary by region and typing habit (أ/ا, ى/ي at the end of a
word, ة/ه): they are folded too. It also writes some particles onto the next word: the conjunctions و (and)
and ف (so), the prepositions ب (with), ل (for) and ك (like), and the article ال, with
ل + ال written لل. A lexicon lists a term once ("قائد", or "القائد"); these functions
let the matcher find it in "والقائد", "بالقائد", "للقائد" or "قائدٌ". A match of "قائد"
starts after the particles and the article, so that a fix keeps them: "والقائد" becomes
"والمنسق".

Pronoun suffixes (زعيمه "his leader") are not stripped: they change the word's form
more than a prefix does, and the lexicon lists the forms that matter under ``forms``.
"""

from __future__ import annotations

import re

# Harakat and tanween (U+064B..U+065F), the superscript alef (U+0670) and tatweel (U+0640).
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Letters written one way or another for the same word: alef with or without hamza or
# madda, final yā' written as alef maqṣūra (ى, common in Egyptian and web text), and
# final tā' marbūṭa written as hā'.
_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
_ARTICLE = "ال"
#: The shortest stem left after stripping a prefix: shorter ones are more often a word
#: of their own that starts with the same letters than a prefixed word.
MIN_STEM = 3


def fold(word: str) -> str:
    """Return ``word`` without vowel marks and tatweel, and with variant letters written one way (أ إ آ → ا, ى → ي, ة → ه)."""
    return _MARKS.sub("", word).translate(_VARIANTS)


def is_mark(char: str) -> bool:
    """Return whether ``char`` is a vowel mark or tatweel, which :func:`fold` removes."""
    return _MARKS.match(char) is not None


def stems(word: str) -> list[tuple[str, int]]:
    """Return the words ``word`` may be with its prefixed clitics taken off, and how many letters each drops.

    ``word`` is folded. The first item is the word itself; then, for each way of
    reading a conjunction, a preposition and the article off its start, the rest with
    the article and without it ("والقائد" gives "القائد" and "قائد"; "للقائد" gives
    "القائد" and "قائد", since لل is ل + ال).
    """
    found: list[tuple[str, int]] = [(word, 0)]
    seen = {word}

    def add(stem: str, dropped: int) -> None:
        if len(stem) >= MIN_STEM and stem not in seen:
            seen.add(stem)
            found.append((stem, dropped))

    for conjunction in ("", *_CONJUNCTIONS):
        if conjunction and not word.startswith(conjunction):
            continue
        after_conjunction = word[len(conjunction) :]
        for preposition in ("", *_PREPOSITIONS):
            if preposition and not after_conjunction.startswith(preposition):
                continue
            rest = after_conjunction[len(preposition) :]
            dropped = len(conjunction) + len(preposition)
            if preposition == "ل" and rest.startswith("ل"):
                # ل + ال is written لل: the article's alef is gone.
                add(_ARTICLE + rest[1:], dropped)
                add(rest[1:], dropped + 1)
            if rest.startswith(_ARTICLE):
                add(rest, dropped)
                add(rest[len(_ARTICLE) :], dropped + len(_ARTICLE))
            elif dropped:
                add(rest, dropped)
    return found


def original_offset(written: str, letters: int) -> int:
    """Return where, in ``written`` (an unfolded word), the first ``letters`` letters of its folded form end.

    Vowel marks after a dropped letter belong to it: "وَ" + "القائد" drops "وَ".
    """
    counted = 0
    for index, char in enumerate(written):
        if is_mark(char):
            continue
        if counted == letters:
            return index
        counted += 1
    return len(written)
