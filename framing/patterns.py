"""Compile lexicon terms into patterns and find them in a sequence of tokens.

Plain data in, plain data out: a token is its text and character offsets, whoever
tokenized it (spaCy's blank tokenizer, a trained pipeline, or a test). Matching looks up
each token once in a dictionary keyed on the first word of every term, so its cost grows
with the length of the text, not with the size of the lexicon; context conditions are
word sets, so no lexicon can make matching slow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from framing.model import Entry, Term

NEAR_WINDOW = 5
CHARACTER_NEAR_WINDOW = 10
JOINERS = frozenset({"-", "‐", "‑"})


@dataclass(frozen=True)
class Token:
    """A word of the text: its characters, offsets, and lemma when a pipeline gave one."""

    text: str
    start: int
    end: int
    lemma: str = ""

    @property
    def lower(self) -> str:
        """Return the token's text in lower case."""
        return self.text.lower()


@dataclass(frozen=True)
class Pattern:
    """A term of an entry, compiled: the forms each of its words may take."""

    entry: Entry
    term: Term
    words: tuple[frozenset[str], ...]
    lemmas: tuple[str, ...]
    followed_by: frozenset[str] = frozenset()
    preceded_by: frozenset[str] = frozenset()
    near: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Match:
    """Where a pattern matched: character offsets into the text."""

    start: int
    end: int
    pattern: Pattern


Tokenize = Callable[[str], Sequence[str]]
Inflect = Callable[[Iterable[str]], dict[str, frozenset[str]]]


_HYPHENS = re.compile(r"[-‐‑]+")


def _pieces(text: str, tokenize: Tokenize) -> list[tuple[str, list[str]]]:
    """Return each token of a term with the words it gives the matcher (more than one when hyphenated)."""
    pieces = []
    for token in tokenize(text):
        parts = [part for part in _HYPHENS.split(token) if part.strip()]
        if parts:
            pieces.append((token, parts))
    return pieces


def _split(text: str, tokenize: Tokenize) -> list[str]:
    """Return the words of a term as the matcher sees them: tokens, split at hyphens, without spaces."""
    return [part for _, parts in _pieces(text, tokenize) for part in parts]


def _words(tokens: Sequence[Token]) -> list[Token]:
    """Return the words the matcher compares: no space tokens, and hyphenated tokens split at their hyphens.

    Tokenizers differ on hyphens ("man-hour" is three tokens in English, "horas-hombre" one
    in Spanish); splitting here makes "hyphens do not count" hold in every language.
    """
    words: list[Token] = []
    for token in tokens:
        text = token.text
        if not text.strip() or text in JOINERS:
            continue
        if "-" in text or "‐" in text or "‑" in text:
            position = token.start
            for part in _HYPHENS.split(text):
                if part:
                    offset = text.index(part, position - token.start)
                    words.append(Token(part, token.start + offset, token.start + offset + len(part)))
                    position = token.start + offset + len(part)
            continue
        words.append(token)
    return words


def compile_patterns(entries: Iterable[Entry], tokenize: Tokenize, inflect: Inflect | None) -> list[Pattern]:
    """Return a pattern for every term of ``entries``.

    ``tokenize`` splits a term into words the way the text will be split; ``inflect``
    maps lower-cased words to their forms (None: no inflection, as for scripts matched
    on characters).
    """
    entries = list(entries)
    wanted: set[str] = set()
    split_terms: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
    for entry in entries:
        for term in entry.terms:
            pieces = _pieces(term.text, tokenize)
            split_terms[(entry.concept, term.text)] = pieces
            if term.inflect and not term.case_sensitive:
                # A hyphenated token is inflected whole too: tables list "sous-développés".
                wanted.update(token.lower() for token, parts in pieces if len(parts) > 1)
                wanted.update(part.lower() for _, parts in pieces for part in parts)
            for condition in (term.unless_followed_by, term.unless_preceded_by, term.unless_near):
                for phrase in condition:
                    wanted.update(w.lower() for w in _split(phrase, tokenize))
    forms = inflect(wanted) if inflect and wanted else {}

    def forms_of(word: str, *, inflected: bool = True) -> frozenset[str]:
        lowered = word.lower()
        return forms.get(lowered, frozenset({lowered})) if inflected else frozenset({lowered})

    def condition_set(phrases: tuple[str, ...]) -> frozenset[str]:
        found: set[str] = set()
        for phrase in phrases:
            for word in _split(phrase, tokenize):
                found |= forms_of(word)
        return frozenset(found)

    patterns = []
    for entry in entries:
        for term in entry.terms:
            pieces = split_terms[(entry.concept, term.text)]
            words = [part for _, parts in pieces for part in parts]
            if not words:
                continue
            if term.case_sensitive:
                word_forms = [frozenset({w}) for w in words]
                extra = [_split(f, tokenize) for f in term.forms]
            else:
                word_forms = [forms_of(w, inflected=term.inflect) for w in words]
                extra = [[w.lower() for w in _split(f, tokenize)] for f in term.forms]
                if term.inflect:
                    _add_hyphenated_forms(word_forms, pieces, forms)
            # Extra forms of a one-word term extend that word; of a phrase, its last word.
            for form_words in extra:
                if len(form_words) == 1:
                    word_forms[-1] = word_forms[-1] | {form_words[0]}
            main = Pattern(
                entry=entry,
                term=term,
                words=tuple(word_forms),
                lemmas=tuple(w.lower() for w in words),
                followed_by=condition_set(term.unless_followed_by),
                preceded_by=condition_set(term.unless_preceded_by),
                near=condition_set(term.unless_near),
            )
            patterns.append(main)
            # A form of several words is matched as written, under the term's context conditions.
            patterns.extend(
                replace(main, words=tuple(frozenset({w}) for w in form_words), lemmas=tuple(form_words))
                for form_words in extra
                if len(form_words) > 1
            )
    return patterns


def _add_hyphenated_forms(
    word_forms: list[frozenset[str]], pieces: list[tuple[str, list[str]]], forms: dict[str, frozenset[str]]
) -> None:
    """Spread the inflections of whole hyphenated tokens over the words they split into."""
    position = 0
    for token, parts in pieces:
        if len(parts) > 1:
            for form in forms.get(token.lower(), ()):
                form_parts = [p for p in _HYPHENS.split(form) if p]
                if len(form_parts) == len(parts):
                    for k, part in enumerate(form_parts):
                        word_forms[position + k] = word_forms[position + k] | {part}
        position += len(parts)


class TokenMatcher:
    """Finds compiled patterns in token sequences (languages written with spaces)."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.by_form: dict[str, list[Pattern]] = {}
        self.by_exact: dict[str, list[Pattern]] = {}
        self.by_lemma: dict[str, list[Pattern]] = {}
        longest = 1
        for pattern in patterns:
            index = self.by_exact if pattern.term.case_sensitive else self.by_form
            for form in pattern.words[0]:
                index.setdefault(form, []).append(pattern)
            if not pattern.term.case_sensitive:
                self.by_lemma.setdefault(pattern.lemmas[0], []).append(pattern)
            longest = max(longest, len(pattern.words))
        # Case-sensitive first words, found by their lower case and then compared as written.
        self.by_exact_lower: dict[str, list[str]] = {}
        for form in self.by_exact:
            self.by_exact_lower.setdefault(form.lower(), []).append(form)
        self.first_words = frozenset(self.by_form) | frozenset(self.by_exact_lower)
        #: How many words a match may look at on either side of where it starts.
        self.reach = longest + NEAR_WINDOW + 1

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        """Return the matches in ``tokens``, longest first where two overlap, in text order."""
        words = _words(tokens)
        lowered = [t.text.lower() for t in words]
        lemmas = [t.lemma.lower() for t in words]
        starts = [t.start for t in words]
        ends = [t.end for t in words]
        found = self.scan(lowered, starts, ends, lambda j: words[j].text, lemmas if any(lemmas) else None)
        return [Match(start, end, p) for start, end, p in longest_first(found)]

    def scan(
        self,
        lowered: Sequence[str],
        starts: Sequence[int],
        ends: Sequence[int],
        original: Callable[[int], str],
        lemmas: Sequence[str] | None = None,
        first: int = 0,
        last: int | None = None,
    ) -> list[tuple[int, int, Pattern]]:
        """Return (start, end, pattern) for every match starting at a word in ``first:last``, before overlaps are resolved.

        The words are given as parallel lists: lower-cased text, character offsets, and
        lemmas (None: no lemmas); ``original(j)`` returns word ``j`` as written. Words
        outside ``first:last`` serve as context only (for phrases and conditions).
        """
        last = len(lowered) if last is None else last
        if lemmas is None:
            keys = self.first_words
            positions: Iterable[int] = [i for i in range(first, last) if lowered[i] in keys]
        else:
            positions = range(first, last)
        by_form = self.by_form
        found: list[tuple[int, int, Pattern]] = []
        count = len(lowered)
        for i in positions:
            lower = lowered[i]
            candidates = by_form.get(lower, [])
            spellings = self.by_exact_lower.get(lower)
            if spellings:
                written = original(i)
                if written in spellings:
                    candidates = candidates + self.by_exact[written]
            if lemmas is not None and lemmas[i] in self.by_lemma:
                candidates = candidates + [p for p in self.by_lemma[lemmas[i]] if p not in candidates]
            for pattern in candidates:
                end = i + len(pattern.words)
                if end > count:
                    continue
                if all(
                    self._word_matches(pattern, k, i + k, lowered, original, lemmas) for k in range(1, len(pattern.words))
                ) and not self._silenced(pattern, lowered, i, end):
                    found.append((starts[i], ends[end - 1], pattern))
        return found

    @staticmethod
    def _word_matches(
        pattern: Pattern,
        k: int,
        j: int,
        lowered: Sequence[str],
        original: Callable[[int], str],
        lemmas: Sequence[str] | None,
    ) -> bool:
        if pattern.term.case_sensitive:
            return original(j) in pattern.words[k]
        return lowered[j] in pattern.words[k] or (lemmas is not None and bool(lemmas[j]) and lemmas[j] == pattern.lemmas[k])

    @staticmethod
    def _silenced(pattern: Pattern, lowered: Sequence[str], start: int, end: int) -> bool:
        if pattern.followed_by and end < len(lowered) and lowered[end] in pattern.followed_by:
            return True
        if pattern.preceded_by and start > 0 and lowered[start - 1] in pattern.preceded_by:
            return True
        if pattern.near:
            window = list(lowered[max(0, start - NEAR_WINDOW) : start]) + list(lowered[end : end + NEAR_WINDOW])
            if any(word in pattern.near for word in window):
                return True
        return False


class CharacterMatcher:
    """Finds terms as substrings, for scripts written without spaces between words.

    Without a word test every occurrence of a term's characters is a match; with one
    (see :mod:`framing.segmentation`), only those it accepts as whole words.
    """

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.patterns = list(patterns)

    def find(self, text: str, whole_words: Callable[[int, int], bool] | None = None) -> list[Match]:
        """Return the matches in ``text``, longest first where two overlap, in text order.

        ``whole_words(start, end)`` says whether ``text[start:end]`` begins and ends at
        word boundaries; a match it refuses is dropped before overlaps are resolved, so it
        hides no other match. It is asked only about matches no context condition silenced.
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length when lower-cased
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        found: list[tuple[int, int, Pattern]] = []
        for pattern in self.patterns:
            haystack = text if pattern.term.case_sensitive else lowered
            for needle in pattern.words[0]:
                start = haystack.find(needle)
                while start != -1:
                    end = start + len(needle)
                    if not self._silenced(pattern, lowered, start, end) and (whole_words is None or whole_words(start, end)):
                        found.append((start, end, pattern))
                    start = haystack.find(needle, start + 1)
        return [Match(s, e, p) for s, e, p in longest_first(found)]

    @staticmethod
    def _silenced(pattern: Pattern, lowered: str, start: int, end: int) -> bool:
        after = lowered[end:]
        before = lowered[:start]
        if any(after.lstrip().startswith(w) for w in pattern.followed_by):
            return True
        if any(before.rstrip().endswith(w) for w in pattern.preceded_by):
            return True
        window = lowered[max(0, start - CHARACTER_NEAR_WINDOW) : start] + " " + lowered[end : end + CHARACTER_NEAR_WINDOW]
        return any(w in window for w in pattern.near)


def longest_first(found: list[tuple[int, int, Pattern]]) -> list[tuple[int, int, Pattern]]:
    """Drop matches that overlap a longer (or earlier, equally long) one; return the rest in order.

    ``found`` holds character offsets; words never overlap, so comparing characters
    decides as comparing word positions would.
    """
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, Pattern]] = []
    taken_until = -1
    for start, end, pattern in found:
        if start >= taken_until:
            kept.append((start, end, pattern))
            taken_until = end
        elif kept and kept[-1][0] == start and kept[-1][1] == end and kept[-1][2].entry.concept != pattern.entry.concept:
            kept.append((start, end, pattern))
    return kept
