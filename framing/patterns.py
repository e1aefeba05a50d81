"""Compile lexicon terms into patterns and find them in a sequence of tokens.

Plain data in, plain data out: a token is its text and character offsets, whoever
tokenized it (spaCy's blank tokenizer, a trained pipeline, or a test). Matching looks up
each token once in a dictionary keyed on the first word of every term, so its cost grows
with the length of the text, not with the size of the lexicon; context conditions are
word sets, so no lexicon can make matching slow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from framing import arabic
from framing.model import WORD_SHAPES, Entry, Literal, Term
from framing.senses import QUOTE_REACH, Characters, Words, WordSet, conditions_allow

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
class LiteralSense:
    """An entry's marks of the literal sense (see :class:`framing.model.Literal`), compiled to word sets."""

    near: WordSet
    preceded_by: WordSet
    followed_by: WordSet
    literal: Literal


@dataclass(frozen=True)
class Pattern:
    """A term of an entry, compiled: the forms each of its words may take, and its conditions as word sets.

    ``conditions`` maps each condition key the term sets (``unless_near``, ``only_followed_by``,
    ...) to its words in every inflection, with the word classes expanded.
    """

    entry: Entry
    term: Term
    words: tuple[frozenset[str], ...]
    lemmas: tuple[str, ...]
    conditions: tuple[tuple[str, WordSet], ...] = ()
    literal: LiteralSense | None = None

    @property
    def lemma_capitalised(self) -> bool:
        """Return whether the term is written with a capital in the lexicon (a proper noun, or a German noun)."""
        return self.term.text[:1].isupper()

    def reach(self) -> int:
        """Return how many words before and after its first word a match of this pattern may look at."""
        term = self.term
        windows = [QUOTE_REACH + 1, term.within, term.window]
        if self.literal is not None:
            windows += [self.literal.literal.window, self.literal.literal.within]
        return len(self.words) + max(windows) + 1


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
    for token in _split_slashes(tokens):
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


_FINAL_MARKS = re.compile(r"[.،؛؟!:,]+$")


def _split_final_marks(words: list[Token]) -> list[Token]:
    """Return ``words`` with final punctuation split off (spaCy keeps "مَجْنُونَة." whole after vowel marks)."""
    split: list[Token] = []
    for token in words:
        found = _FINAL_MARKS.search(token.text)
        if found is None or found.start() == 0:
            split.append(token)
            continue
        cut = token.start + found.start()
        split.append(Token(token.text[: found.start()], token.start, cut, token.lemma))
        split.append(Token(found.group(), cut, token.end))
    return split


_SLASHED = re.compile(r"^[^\W\d_][\w\-‐‑]*(?:/[^\W\d_][\w\-‐‑]*)+$")


def _split_slashes(tokens: Sequence[Token]) -> Iterator[Token]:
    """Yield ``tokens`` with words joined by a slash split at it, as most of spaCy's tokenizers (and ours) do.

    spaCy's Dutch tokenizer keeps "master/slave" whole where the others split it; the
    matcher must see the same words whoever tokenized.
    """
    for token in tokens:
        if "/" not in token.text or _SLASHED.match(token.text) is None:
            yield token
            continue
        position = token.start
        for index, part in enumerate(token.text.split("/")):
            if index:
                yield Token("/", position, position + 1)
                position += 1
            yield Token(part, position, position + len(part))
            position += len(part)


def compile_patterns(
    entries: Iterable[Entry],
    tokenize: Tokenize,
    inflect: Inflect | None,
    classes: Mapping[str, tuple[str, ...]] | None = None,
    fold: Callable[[str], str] | None = None,
    guess: Callable[[str], Iterable[str]] | None = None,
    uninflected: frozenset[str] = frozenset(),
) -> list[Pattern]:
    """Return a pattern for every term of ``entries``.

    ``tokenize`` splits a term into words the way the text will be split; ``inflect``
    maps lower-cased words to their forms (None: no inflection, as for scripts matched
    on characters). ``classes`` are the locale's word classes (``@name`` in a condition),
    each a list of words; a class name that is neither there nor a word shape is an
    error of the lexicon, reported before compiling (see :mod:`framing.lexicon`).
    ``fold`` maps a lower-cased word to the form the matcher compares (Arabic without
    vowel marks); the text's words must be folded the same way. ``guess`` gives more
    forms of a condition word than the lookup tables know (German plurals): a guessed
    form that does not exist costs nothing, and one that does keeps a condition working.
    The words of the classes named in ``uninflected`` are taken as written (function
    words: "a" must not bring in "as").
    """
    entries = list(entries)
    classes = dict(classes or {})
    wanted: set[str] = set()
    split_terms: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
    as_written: set[str] = set()

    def condition_phrases(phrases: Iterable[str]) -> Iterator[str]:
        for phrase in phrases:
            if phrase.startswith("@") and phrase not in WORD_SHAPES:
                if phrase[1:] in uninflected:
                    as_written.update(word.lower() for word in classes.get(phrase[1:], ()))
                yield from classes.get(phrase[1:], ())
            elif not phrase.startswith("@"):
                yield phrase

    for entry in entries:
        literal_words = (
            [] if entry.literal is None else [*entry.literal.near, *entry.literal.preceded_by, *entry.literal.followed_by]
        )
        for phrase in condition_phrases(literal_words):
            wanted.update(w.lower() for w in _split(phrase, tokenize))
        for term in entry.terms:
            pieces = _pieces(term.text, tokenize)
            split_terms[(entry.concept, term.text)] = pieces
            if term.inflect and not term.case_sensitive:
                # A hyphenated token is inflected whole too: tables list "sous-développés".
                wanted.update(token.lower() for token, parts in pieces if len(parts) > 1)
                wanted.update(part.lower() for _, parts in pieces for part in parts)
            for phrase in condition_phrases(p for words in term.conditions.values() for p in words):
                wanted.update(w.lower() for w in _split(phrase, tokenize))
    forms = inflect(wanted) if inflect and wanted else {}

    def forms_of(word: str, *, inflected: bool = True) -> frozenset[str]:
        lowered = word.lower()
        found = forms.get(lowered, frozenset({lowered})) if inflected else frozenset({lowered})
        return frozenset(map(fold, found)) if fold is not None else found

    def condition_forms(word: str) -> frozenset[str]:
        if word.lower() in as_written:
            return forms_of(word, inflected=False)
        found = forms_of(word)
        if guess is not None:
            found |= {fold(g) if fold else g for g in guess(word.lower())}
        return found

    def word_set(phrases: tuple[str, ...]) -> WordSet:
        found: set[str] = set()
        sequences: list[tuple[frozenset[str], ...]] = []
        for phrase in condition_phrases(phrases):
            # A contraction ("'re", "'s") is one word of the text, though a term's tokenizer splits it.
            parts = [phrase] if phrase[:1] in "'’" and " " not in phrase else _split(phrase, tokenize)
            if len(parts) == 1:
                found |= condition_forms(parts[0])
            elif parts:
                sequences.append(tuple(condition_forms(part) for part in parts))
        return WordSet(frozenset(found), frozenset(p for p in phrases if p in WORD_SHAPES), WordSet.phrase_table(sequences))

    patterns = []
    for entry in entries:
        literal = None
        if entry.literal is not None:
            literal = LiteralSense(
                word_set(entry.literal.near),
                word_set(entry.literal.preceded_by),
                word_set(entry.literal.followed_by),
                entry.literal,
            )
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
                extra = [[fold(w.lower()) if fold else w.lower() for w in _split(f, tokenize)] for f in term.forms]
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
                conditions=tuple((key, word_set(phrases)) for key, phrases in term.conditions.items()),
                literal=literal,
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
    """Finds compiled patterns in token sequences (languages written with spaces).

    ``capitalised_nouns`` is true for languages that write every noun with a capital
    (German): there a capital tells a name only on words the lexicon writes in lower
    case. ``title_case`` is true for languages whose headings capitalise every major
    word (English), so that a heading's capitals are not taken for a name.
    ``bare`` matches the terms alone, ignoring every condition, name, quotation and
    code check (to see where a term occurs at all); phrases still end at a block.
    ``clitics`` gives the words a word may be without the particles written onto it,
    with how many letters each drops (Arabic, see :func:`framing.arabic.stems`), and
    ``fold`` the form in which words are compared (Arabic without vowel marks).
    """

    def __init__(
        self,
        patterns: Iterable[Pattern],
        *,
        capitalised_nouns: bool = False,
        title_case: bool = False,
        bare: bool = False,
        clitics: Callable[[str], list[tuple[str, int]]] | None = None,
        fold: Callable[[str], str] | None = None,
    ) -> None:
        self.clitics = clitics
        self.fold = fold
        self.by_form: dict[str, list[Pattern]] = {}
        self.by_exact: dict[str, list[Pattern]] = {}
        self.by_lemma: dict[str, list[Pattern]] = {}
        self.capitalised_nouns = capitalised_nouns
        self.title_case = title_case
        self.bare = bare
        reach = QUOTE_REACH + 2
        for pattern in patterns:
            index = self.by_exact if pattern.term.case_sensitive else self.by_form
            for form in pattern.words[0]:
                index.setdefault(form, []).append(pattern)
            if not pattern.term.case_sensitive:
                self.by_lemma.setdefault(pattern.lemmas[0], []).append(pattern)
            reach = max(reach, pattern.reach())
        # Case-sensitive first words, found by their lower case and then compared as written.
        self.by_exact_lower: dict[str, list[str]] = {}
        for form in self.by_exact:
            self.by_exact_lower.setdefault(form.lower(), []).append(form)
        self.first_words = frozenset(self.by_form) | frozenset(self.by_exact_lower)
        #: How many words a match may look at on either side of where it starts.
        self.reach = reach

    def find(self, tokens: Sequence[Token], text: str) -> list[Match]:
        """Return the matches in ``tokens`` (words of ``text``), longest first where two overlap, in text order."""
        words = _words(tokens)
        if self.clitics is not None:
            words = _split_final_marks(words)
        fold = self.fold
        lowered = [fold(t.text.lower()) if fold else t.text.lower() for t in words]
        lemmas = [t.lemma.lower() for t in words]
        starts = [t.start for t in words]
        ends = [t.end for t in words]
        found = self.scan(self.words(lowered, starts, ends, text), lemmas if any(lemmas) else None)
        return [Match(start, end, p) for start, end, p in longest_first(found)]

    def words(self, lowered: Sequence[str], starts: Sequence[int], ends: Sequence[int], text: str, base: int = 0) -> Words:
        """Return the words of ``text`` (from offset ``base`` on) as this matcher compares them, for :meth:`scan`."""
        variants = None if self.clitics is None else self._variants
        return Words(lowered, starts, ends, text, base, variants=variants)

    def _variants(self, word: str) -> list[str]:
        assert self.clitics is not None
        return [stem for stem, _ in self.clitics(word)[1:]]

    def scan(
        self,
        words: Words,
        lemmas: Sequence[str] | None = None,
        first: int = 0,
        last: int | None = None,
    ) -> list[tuple[int, int, Pattern]]:
        """Return (start, end, pattern) for every match starting at a word in ``first:last``, before overlaps are resolved.

        ``lemmas`` are the words' lemmas, parallel to ``words`` (None: no lemmas). Words
        outside ``first:last`` serve as context only (for phrases and conditions).
        """
        lowered, ends = words.lowered, words.ends
        last = len(lowered) if last is None else last
        if lemmas is None and self.clitics is None:
            keys = self.first_words
            positions: Iterable[int] = [i for i in range(first, last) if lowered[i] in keys]
        else:
            positions = range(first, last)
        found: list[tuple[int, int, Pattern]] = []
        count = len(lowered)
        for i in positions:
            for start, candidates in self._candidates(words, i, lemmas):
                for pattern in candidates:
                    end = i + len(pattern.words)
                    if end > count:
                        continue
                    if not all(
                        self._word_matches(pattern, k, i + k, words, lemmas) and not words.block_break_before(i + k)
                        for k in range(1, len(pattern.words))
                    ):
                        continue
                    if self.bare or self.accepts(pattern, words, i, end):
                        found.append((start, ends[end - 1], pattern))
        return found

    def _candidates(self, words: Words, i: int, lemmas: Sequence[str] | None) -> Iterator[tuple[int, list[Pattern]]]:
        """Yield (where the match starts, patterns whose first word word ``i`` may be).

        The match starts at the word, or, when particles are written onto it (Arabic
        "والقائد"), after them, so that a fix keeps them.
        """
        lower = words.lowered[i]
        candidates = self.by_form.get(lower, [])
        spellings = self.by_exact_lower.get(lower)
        if spellings:
            written = words.original(i)
            if written in spellings:
                candidates = candidates + self.by_exact[written]
        if lemmas is not None and lemmas[i] in self.by_lemma:
            candidates = candidates + [p for p in self.by_lemma[lemmas[i]] if p not in candidates]
        if candidates:
            yield words.starts[i], candidates
        if self.clitics is None:
            return
        # The word may also be another term with particles written onto it: "الزعيم" is
        # the first word of "الزعيم الأوحد" and "زعيم" with the article.
        for stem, dropped in self.clitics(lower)[1:]:
            stemmed = [p for p in self.by_form.get(stem, ()) if p not in candidates]
            if stemmed:
                yield words.starts[i] + arabic.original_offset(words.original(i), dropped), stemmed
                return

    def _word_matches(self, pattern: Pattern, k: int, j: int, words: Words, lemmas: Sequence[str] | None) -> bool:
        if pattern.term.case_sensitive:
            return words.original(j) in pattern.words[k]
        if words.lowered[j] in pattern.words[k]:
            return True
        if lemmas is not None and bool(lemmas[j]) and lemmas[j] == pattern.lemmas[k]:
            return True
        return self.clitics is not None and any(stem in pattern.words[k] for stem, _ in self.clitics(words.lowered[j])[1:])

    def accepts(self, pattern: Pattern, words: Words, start: int, end: int) -> bool:
        """Return whether the match of ``pattern`` on words ``start:end`` is a use in the loaded sense.

        It is not when it is part of code; when an ``unless_*`` condition holds; when
        ``only_*`` conditions are given and none holds; when it is part of a name or
        title, or quoted (unless the term says ``in_names``/``in_quotes``); or when the
        words around it mark the entry's literal sense.
        """
        if words.in_code(start, end):
            return False
        term = pattern.term

        def holds(key: str, condition: WordSet) -> bool:
            if key.endswith("followed_by"):
                return words.any_of(condition, words.after(end, term.within))
            if key.endswith("preceded_by"):
                return words.any_of(condition, words.before(start, term.within), backwards=True)
            return words.any_of(condition, words.before(start, term.window)) or words.any_of(
                condition, words.after(end, term.window)
            )

        if not conditions_allow(pattern.conditions, holds):
            return False
        if not term.in_names and words.in_name(
            start,
            end,
            lemma_capitalised=pattern.lemma_capitalised,
            capitalised_nouns=self.capitalised_nouns,
            title_case=self.title_case,
        ):
            return False
        if not term.in_quotes and words.quoted(start, end):
            return False
        return pattern.literal is None or not _literal(pattern.literal, words, start, end)


def _literal(sense: LiteralSense, words: Words, start: int, end: int) -> bool:
    """Return whether the words around ``start:end`` mark the literal sense described by ``sense``."""
    literal = sense.literal
    if sense.preceded_by and words.any_of(sense.preceded_by, words.before(start, literal.within), backwards=True):
        return True
    if sense.followed_by and words.any_of(sense.followed_by, words.after(end, literal.within)):
        return True
    if not sense.near and literal.years is None:
        return False
    around = [*words.before(start, literal.window, sentence=False), *words.after(end, literal.window, sentence=False)]
    if sense.near and words.any_of(sense.near, iter(around)):
        return True
    return literal.years is not None and words.has_year(iter(around), literal.years)


class CharacterMatcher:
    """Finds terms as substrings, for scripts written without spaces between words.

    Without a word test every occurrence of a term's characters is a match; with one
    (see :mod:`framing.segmentation`), only those it accepts as whole words.
    """

    def __init__(self, patterns: Iterable[Pattern], *, bare: bool = False) -> None:
        self.patterns = list(patterns)
        self.bare = bare

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
                    if (self.bare or not self._silenced(pattern, lowered, start, end)) and (
                        whole_words is None or whole_words(start, end)
                    ):
                        found.append((start, end, pattern))
                    start = haystack.find(needle, start + 1)
        return [Match(s, e, p) for s, e, p in longest_first(found)]

    @staticmethod
    def _silenced(pattern: Pattern, lowered: str, start: int, end: int) -> bool:
        """Return whether the match ``lowered[start:end]`` is not a loaded use, judged on the characters around it.

        The same rules as :meth:`TokenMatcher.accepts`, counting characters instead of
        words (see :class:`framing.senses.Characters`).
        """
        term = pattern.term
        around = Characters(lowered, start, end)
        if around.in_code():
            return True
        if not conditions_allow(
            pattern.conditions, lambda key, condition: around.holds(key, condition.words, term.within, term.window)
        ):
            return True
        if not term.in_quotes and around.quoted():
            return True
        sense = pattern.literal
        return sense is not None and around.literal(
            sense.near.words, sense.preceded_by.words, sense.followed_by.words, sense.literal.years, sense.literal.window
        )


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
