"""Telling a term's senses apart: the words around a match, as the matcher sees them.

A term is loaded only in some senses. This module answers the questions the matcher
asks about the context of a match, over a plain list of words (lower-cased text and
character offsets) and the text they come from:

- where sentences and blocks end: a sentence ends at ``.``, ``!``, ``?`` and their
  kin; a block (paragraph, list item, table cell) ends at a blank line or a line that
  starts with a bullet, which is how every reader separates blocks in the prose it
  gives. No phrase and no context window reaches across a block; windows of the
  ``followed_by``/``preceded_by``/``near`` conditions stay inside the sentence too;
- whether a match is part of a proper name or title ("the Jardin Exotique", "Operation
  Overlord", "Nazi Germany"), or sits inside quotation marks (a mention, a quoted
  title, someone else's words): then it is not the writer's use of the word;
- whether it is part of code ("kill()", "--master", "$leader");
- whether the words around it mark its literal sense (history told as history: a
  name, a year, the words of the event).

Everything here is a pure function of its arguments; nothing imports spaCy.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

#: Tokens that end a sentence.
SENTENCE_ENDS = frozenset({".", "!", "?", "…", "...", "。", "！", "？", "؟", "｡", "|", "•"})
#: Tokens after which a capital letter may start a sentence (or a list item, or a label).
_STARTERS = SENTENCE_ENDS | {":", "*", "—", "–", "·", "►", "▪", "‣", "◦", ";"}
_OPENERS = frozenset({"(", "[", "{", '"', "“", "„", "«", "‘", "'", "‚", "‹", "「", "『", "¿", "¡", "*", "_"})
# Which marks close a quotation that a mark opens, in the languages we read.
_CLOSING = {
    "“": frozenset({"”"}),
    "„": frozenset({"“", "”"}),
    "«": frozenset({"»"}),
    "»": frozenset({"«"}),
    "‹": frozenset({"›"}),
    "›": frozenset({"‹"}),
    "「": frozenset({"」"}),
    "『": frozenset({"』"}),
    "‘": frozenset({"’"}),
    "‚": frozenset({"‘", "’"}),
}
_STRAIGHT = '"'
_SINGLE = frozenset({"'", "‘", "’", "‚"})
_QUOTES = frozenset(_CLOSING) | {c for closers in _CLOSING.values() for c in closers} | {_STRAIGHT, "'"}
#: The most combinations of forms a condition phrase is looked up by (see WordSet.phrase_table).
MAX_PHRASE_FORMS = 4096
#: How far (in words) quotation marks and title case are looked for around a match.
QUOTE_REACH = 12
# Words that English title case leaves in lower case ("The Art of War", "Notes for the Team").
_TITLE_SMALL_WORDS = frozenset("and but for nor the yet via per from into onto with over than upon off out".split())
_BLOCK_BREAK = re.compile(r"\n[^\S\n]*\n|\n[^\S\n]*[-*+•‣◦▪–—][^\S\n]")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*(?:st|nd|rd|th|e|er|ère|ème|º|ª|°)?$")
_YEAR = re.compile(r"^(\d{3,4})(?:s|er|-?e|年|年代|'s|’s)?\.?$")
_CODE_BEFORE = frozenset("_/\\$@#`~=<[{")
_CODE_AFTER = frozenset("_/\\=[{<>`")
_CALL = re.compile(r"\((?:\)|[A-Za-z_][\w.]*(?:,|=|\)))")
_NOT_A_CALL = re.compile(r"\((?:s|es|e|n|en|in|innen|a|o|as|os|x|nen|r|ne|e?s)\)", re.IGNORECASE)


@dataclass(frozen=True)
class WordSet:
    """Condition words: lower-cased forms, word shapes (``@number``, ``@capitalized``, ...), and phrases.

    A phrase ("sans-papiers", "race condition") counts only where all its words follow
    one another; ``phrases`` holds, for each phrase length, every sequence of forms.
    """

    words: frozenset[str] = frozenset()
    shapes: frozenset[str] = frozenset()
    phrases: tuple[tuple[int, frozenset[tuple[str, ...]]], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.shapes or self.phrases)

    @staticmethod
    def phrase_table(phrases: Iterable[tuple[frozenset[str], ...]]) -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
        """Return ``phrases`` (each word as the set of its forms) as every sequence of forms, grouped by length.

        Looking a phrase up is then one hash per length, whatever the number of phrases:
        no lexicon can make matching slow. A phrase with more than
        :data:`MAX_PHRASE_FORMS` combinations of forms keeps the first ones.
        """
        by_length: dict[int, set[tuple[str, ...]]] = {}
        for phrase in phrases:
            found = by_length.setdefault(len(phrase), set())
            for count, sequence in enumerate(itertools.product(*(sorted(forms) for forms in phrase))):
                if count >= MAX_PHRASE_FORMS:
                    break
                found.add(sequence)
        return tuple((length, frozenset(found)) for length, found in sorted(by_length.items()))


class Words:
    """The words of a text as parallel lists, with the text they come from.

    ``lowered``, ``starts`` and ``ends`` are the matcher's words (lower-cased, with
    character offsets); ``text`` holds the characters from offset ``base`` on, so gaps
    between words and the characters next to a match can be read. ``variants`` gives
    the other words a word may stand for (Arabic without its prefixed particles), which
    condition words are compared with too.
    """

    def __init__(
        self,
        lowered: Sequence[str],
        starts: Sequence[int],
        ends: Sequence[int],
        text: str,
        base: int = 0,
        *,
        variants: Callable[[str], list[str]] | None = None,
    ) -> None:
        self.lowered = lowered
        self.starts = starts
        self.ends = ends
        self.text = text
        self.base = base
        self.variants = variants

    def __len__(self) -> int:
        return len(self.lowered)

    def original(self, index: int) -> str:
        """Return word ``index`` as written."""
        return self.text[self.starts[index] - self.base : self.ends[index] - self.base]

    def gap(self, index: int) -> str:
        """Return the characters between word ``index - 1`` and word ``index`` ("" for the first word)."""
        if index <= 0 or index >= len(self.lowered):
            return ""
        return self.text[max(0, self.ends[index - 1] - self.base) : max(0, self.starts[index] - self.base)]

    def block_break_before(self, index: int) -> bool:
        """Return whether a block (paragraph, list item, table cell) ends before word ``index``."""
        gap = self.gap(index)
        return "\n" in gap and _BLOCK_BREAK.search(gap) is not None

    def ends_sentence(self, index: int) -> bool:
        """Return whether word ``index`` ends a sentence.

        A period glued to a number of one or two digits marks an ordinal or a date
        ("im 19. Jahrhundert", "am 3. Oktober"), not the end of a sentence.
        """
        word = self.lowered[index]
        if word not in SENTENCE_ENDS:
            return False
        if word == "." and index > 0:
            previous = self.lowered[index - 1]
            if previous.isdigit() and len(previous) <= 2 and self.gap(index) == "":
                return False
        return True

    def after(self, end: int, count: int, *, sentence: bool = True) -> Iterator[int]:
        """Yield up to ``count`` word indexes from ``end`` on, stopping at the end of the block (and of the sentence).

        The mark that ends the sentence is the last word yielded, so that a condition can
        name it ("only at the end of a sentence": ``only_followed_by = ["."]``).
        """
        index = end
        while index < len(self.lowered) and index < end + count:
            if self.block_break_before(index):
                return
            yield index
            if sentence and self.ends_sentence(index):
                return
            index += 1

    def before(self, start: int, count: int, *, sentence: bool = True) -> Iterator[int]:
        """Yield up to ``count`` word indexes before ``start``, nearest first, stopping where the block (and sentence) starts.

        The mark that ends the previous sentence is the last word yielded.
        """
        index = start - 1
        while index >= 0 and index >= start - count:
            if self.block_break_before(index + 1):
                return
            yield index
            if sentence and self.ends_sentence(index):
                return
            index -= 1

    def has(self, words: WordSet, index: int, *, backwards: bool = False) -> bool:
        """Return whether word ``index`` is one of ``words``: by form, by shape, or as the first word of one of its phrases.

        With ``backwards``, a phrase counts when it ends at the word instead (a phrase
        that precedes a match ends right before it).
        """
        if self._is(words.words, index):
            return True
        if words.shapes and any(_has_shape(self, index, shape) for shape in words.shapes):
            return True
        return any(self._phrase_at(phrase, index, backwards=backwards) for phrase in words.phrases)

    def _is(self, forms: frozenset[str], index: int) -> bool:
        if self.lowered[index] in forms:
            return True
        return self.variants is not None and any(variant in forms for variant in self.variants(self.lowered[index]))

    def _phrase_at(self, entry: tuple[int, frozenset[tuple[str, ...]]], index: int, *, backwards: bool) -> bool:
        length, sequences = entry
        first = index - length + 1 if backwards else index
        if first < 0 or first + length > len(self.lowered):
            return False
        return tuple(self.lowered[first : first + length]) in sequences and not any(
            self.block_break_before(first + k) for k in range(1, length)
        )

    def any_of(self, words: WordSet, indexes: Iterator[int], *, backwards: bool = False) -> bool:
        """Return whether any of the words at ``indexes`` is one of ``words`` (see :meth:`has`)."""
        return any(self.has(words, index, backwards=backwards) for index in indexes)

    # -- mentions: names, titles, quotations, code

    def starts_sentence(self, index: int) -> bool:
        """Return whether word ``index`` may start a sentence, so a capital there says nothing about a name."""
        previous = index - 1
        while previous >= 0 and self.lowered[previous] in _OPENERS and not self.block_break_before(previous + 1):
            previous -= 1
        if previous < 0 or self.block_break_before(previous + 1):
            return True
        if "\n" in self.text[max(0, self.ends[previous] - self.base) : max(0, self.starts[index] - self.base)]:
            return True  # a line start: a heading, a list item or a verse may begin there
        return self.lowered[previous] in _STARTERS

    def in_name(self, start: int, end: int, *, lemma_capitalised: bool, capitalised_nouns: bool, title_case: bool) -> bool:
        """Return whether the words ``start:end`` are part of a proper name or a title.

        A lower-case term written with a capital inside a sentence is a name ("the
        Jardin Exotique", "Operation Overlord"). A term that is itself capitalised
        (a proper noun or adjective) says nothing by its capital; it is part of a name
        when a capitalised word stands right next to it ("Nazi Germany"). Words in
        capitals are shouting, not names. In languages that capitalise every noun
        (``capitalised_nouns``: German) a capital tells nothing, so nothing is taken
        for a name there. ``title_case`` allows for English headings, where every
        major word is capitalised.
        """
        if capitalised_nouns:
            return False  # every noun, and every adjective used as one ("Taubstumme"), has a capital
        first = self.original(start)
        if not lemma_capitalised:
            if not _capitalised(first) or self.starts_sentence(start):
                return False
            return not (title_case and self.title_case_sentence(start, end))
        # The word before counts only when its own capital is not a sentence's.
        if not self.starts_sentence(start) and not self.starts_sentence(start - 1) and _capitalised(self.original(start - 1)):
            return True
        return end < len(self.lowered) and not self.block_break_before(end) and _capitalised(self.original(end))

    def title_case_sentence(self, start: int, end: int) -> bool:
        """Return whether the line around ``start:end`` is in title case (every word but the small ones capitalised)."""
        # A title is one line: look no further than the line breaks around the words.
        before = []
        for index in self.before(start, QUOTE_REACH):
            if "\n" in self.gap(index + 1):
                break
            before.append(index)
        after = []
        for index in self.after(end, QUOTE_REACH):
            if "\n" in self.gap(index):
                break
            after.append(index)
        indexes = [*before, *range(start, end), *after]
        longer = [
            self.original(i)
            for i in indexes
            if len(self.lowered[i]) >= 3 and self.lowered[i].isalpha() and self.lowered[i] not in _TITLE_SMALL_WORDS
        ]
        return len(longer) >= 2 and all(_capitalised(word) for word in longer)

    def quoted(self, start: int, end: int) -> bool:
        """Return whether the words ``start:end`` stand inside quotation marks in their sentence.

        The nearest quotation mark before the words must open a quotation that the
        nearest one after them closes (“…”, „…“, «…», »…«, ‘…’, 「…」); a straight double
        quote opens when it hugs the word after it and closes when it hugs the word
        before; straight single quotes count only when they hug the words themselves
        ('dumb'), since the same mark is an apostrophe.
        """
        before = next((i for i in self.before(start, QUOTE_REACH) if self.lowered[i] in _QUOTES), None)
        after = next((i for i in self.after(end, QUOTE_REACH) if self.lowered[i] in _QUOTES), None)
        if before is None or after is None:
            return False
        opening, closing = self.lowered[before], self.lowered[after]
        if "'" in (opening, closing):
            return (
                opening in _SINGLE
                and closing in _SINGLE
                and before == start - 1
                and after == end
                and self.gap(start) == ""
                and self.gap(end) == ""
            )
        if opening == _STRAIGHT:
            # A straight quote opens when it hugs the word after it, and closes when it hugs the word before.
            opens = self.gap(before + 1) == "" and (before == 0 or self.gap(before) != "" or _is_mark(self.lowered[before - 1]))
            closes = self.gap(after) == "" and (
                after + 1 >= len(self.lowered) or self.gap(after + 1) != "" or _is_mark(self.lowered[after + 1])
            )
            return closing == _STRAIGHT and opens and closes
        return closing in _CLOSING.get(opening, ())

    def in_code(self, start: int, end: int) -> bool:
        """Return whether the words ``start:end`` are part of code: glued to code punctuation ("kill()", "--master", "$x")."""
        text, base = self.text, self.base
        first = self.starts[start] - base
        last = self.ends[end - 1] - base
        before = text[max(0, first - 2) : first]
        after = text[last : last + 12]
        slashed = "/" in (before[-1:], after[:1]) and _slash_between_words(text, first, last)
        if before == "--" or (before[-1:] in _CODE_BEFORE and not slashed):
            return True
        if after[:2] in ("::", "->") or (after[:1] in _CODE_AFTER and not slashed):
            return True
        if after[:1] == "." and after[1:2].isalnum():
            return True
        return after[:1] == "(" and _CALL.match(after) is not None and _NOT_A_CALL.match(after) is None

    # -- literal senses

    def has_year(self, indexes: Iterator[int], years: tuple[int, int]) -> bool:
        """Return whether a year between ``years[0]`` and ``years[1]`` is among the words at ``indexes``."""
        low, high = years
        for index in indexes:
            found = _YEAR.match(self.lowered[index])
            if found is not None:
                year = int(found.group(1))
                decade = self.lowered[index][len(found.group(1)) :] != ""
                if low <= year <= high or (decade and year % 10 == 0 and year <= high and year + 9 >= low):
                    return True
        return False


def _slash_between_words(text: str, first: int, last: int) -> bool:
    """Return whether the slash next to ``text[first:last]`` joins two words of prose ("Master/Slave", "and/or").

    A path or a URL ("/usr/bin/kill", "bin/kill/") has more than one slash, or one at an end.
    """
    start = first
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = last
    while end < len(text) and not text[end].isspace():
        end += 1
    run = text[start:end].strip(".,;:!?)(\"'“”«»")
    if run.count("/") != 1:
        return False
    left, right = run.split("/")
    return left[-1:].isalpha() and right[:1].isalpha()


def _is_mark(word: str) -> bool:
    return not any(c.isalnum() for c in word)


def _capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper() and not (len(letters) > 1 and all(c.isupper() for c in letters))


def _has_shape(words: Words, index: int, shape: str) -> bool:
    lower = words.lowered[index]
    if shape == "@number":
        return _NUMBER.match(lower) is not None
    if shape == "@year":
        found = _YEAR.match(lower)
        return found is not None and 1000 <= int(found.group(1)) <= 2099
    if shape == "@capitalized":
        return _capitalised(words.original(index))
    if shape == "@punctuation":
        return not any(c.isalnum() for c in lower)
    return False


def conditions_allow(conditions: Iterable[tuple[str, WordSet]], holds: Callable[[str, WordSet], bool]) -> bool:
    """Return whether a term's conditions let a match count: no ``unless_*`` holds, and one ``only_*`` holds if any is given.

    ``conditions`` are (condition key, its words) pairs; ``holds(key, words)`` says
    whether the condition holds around the match (how is the caller's: words or characters).
    """
    positive: bool | None = None
    for key, condition in conditions:
        found = holds(key, condition)
        if key.startswith("unless_"):
            if found:
                return False
        else:
            positive = bool(positive) or found
    return positive is not False


# --- scripts matched on characters (Chinese, Japanese, Korean) ------------------------

#: How far (in characters) the sentence around a match is read; a word is about two.
CHARACTER_SENTENCE_REACH = 60
_CHARACTER_SENTENCE_END = re.compile(r"[。！？!?｡]|\n[^\S\n]*\n")
_CHARACTER_BLOCK_END = re.compile(r"\n[^\S\n]*\n")
_YEAR_DIGITS = re.compile(r"(?<!\d)(\d{3,4})(?!\d)")
_CHARACTER_QUOTES = {"「": "」", "『": "』", "“": "”", "《": "》", "〈": "〉", "«": "»", "‘": "’", '"': '"', "'": "'"}


class Characters:
    """The characters around a match in a script written without spaces, for the same questions :class:`Words` answers.

    Conditions look right before and after the match (``within`` words: that many
    times three characters), ``near`` conditions ``window`` words either side (two
    characters a word), none across a sentence end; literal marks look across the
    paragraph.
    """

    def __init__(self, lowered: str, start: int, end: int) -> None:
        self.lowered = lowered
        self.start = start
        self.end = end
        self.before, self.after = _cut_around(lowered, start, end, CHARACTER_SENTENCE_REACH, _CHARACTER_SENTENCE_END)

    def holds(self, key: str, words: frozenset[str], within: int, window: int) -> bool:
        """Return whether the condition ``key`` with ``words`` holds around the match."""
        longest = max((len(w) for w in words), default=0)
        if key.endswith("followed_by"):
            after = self.after.lstrip()[: (within - 1) * 3 + longest]
            return any(after.startswith(w) for w in words) if within == 1 else any(w in after for w in words)
        if key.endswith("preceded_by"):
            reach = (within - 1) * 3 + longest
            before = self.before.rstrip()[-reach:] if reach else ""
            return any(before.endswith(w) for w in words) if within == 1 else any(w in before for w in words)
        around = self.before[-window * 2 :] + " " + self.after[: window * 2]
        return any(w in around for w in words)

    def in_code(self) -> bool:
        """Return whether the match is glued to code punctuation (``_``, ``/``, ``$``, ``(``...)."""
        before = self.lowered[max(0, self.start - 2) : self.start]
        after = self.lowered[self.end : self.end + 1]
        return before == "--" or (before != "" and before[-1] in "_/\\$@#`=<[{") or (after != "" and after in "_/\\(=[{`")

    def quoted(self) -> bool:
        """Return whether a quotation (「…」, 『…』, “…”, 《…》, '…') opened before the match closes after it."""
        closers = set(_CHARACTER_QUOTES.values())
        before = self.before
        for position in range(len(before) - 1, -1, -1):
            char = before[position]
            if char in _CHARACTER_QUOTES and (char not in "\"'" or before.count(char) % 2 == 1):
                return _CHARACTER_QUOTES[char] in self.after
            if char in closers:
                return False
        return False

    def literal(
        self,
        near: frozenset[str],
        preceded_by: frozenset[str],
        followed_by: frozenset[str],
        years: tuple[int, int] | None,
        window: int,
    ) -> bool:
        """Return whether the characters around the match mark its literal sense (see :class:`framing.model.Literal`)."""
        before, after = _cut_around(self.lowered, self.start, self.end, window * 2, _CHARACTER_BLOCK_END)
        around = before + " " + after
        if any(w in around for w in near):
            return True
        if any(self.before.rstrip().endswith(w) for w in preceded_by):
            return True
        if any(self.after.lstrip().startswith(w) for w in followed_by):
            return True
        return years is not None and any(years[0] <= int(m.group(1)) <= years[1] for m in _YEAR_DIGITS.finditer(around))


def _cut_around(text: str, start: int, end: int, reach: int, stop: re.Pattern[str]) -> tuple[str, str]:
    """Return up to ``reach`` characters before ``start`` and after ``end``, cut where ``stop`` matches."""
    before = text[max(0, start - reach) : start]
    ends = list(stop.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    after = text[end : end + reach]
    found = stop.search(after)
    if found is not None:
        after = after[: found.start()]
    return before, after
