"""From a lexicon and a locale to findings: the engine behind the API, the CLI and the component.

An :class:`Engine` holds the patterns compiled for one writer locale and its audience.
It takes tokens (or, for scripts matched on characters, the text) and returns
:class:`~framing.model.Finding` objects; it knows nothing of files or output formats.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing import arabic, locales, segmentation
from framing import tokenizer as fast
from framing.errors import LexiconError
from framing.folding import fold_for
from framing.i18n import _
from framing.inflection import cache_key, code_digest, guessed_forms, inflections, read_cache, write_cache
from framing.lexicon import Lexicon
from framing.model import (
    SHORT_PLACEHOLDER,
    Alternative,
    Entry,
    Finding,
    Reader,
    Severity,
    Source,
    Term,
    first_sentence,
    summarise,
)
from framing.patterns import CharacterMatcher, Match, Pattern, Token, Tokenize, TokenMatcher, compile_patterns
from framing.rewrite import missing_forms

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Concern:
    """Whose concern a match raises: the writer's locale, or an audience locale it links to.

    ``short`` is the one-clause message with ``{text}`` standing for the matched words:
    the entry's ``short`` (own locale) or ``short_reading`` (audience), else the first
    sentence of its note or reading.
    """

    locale: str
    severity: Severity
    note: str
    short: str
    sources: tuple[str, ...] = ()
    own: bool = False
    name: str = ""

    def reader(self, matched: str, severity: Severity | None = None) -> Reader:
        """Return the reader this concern makes of a match of ``matched`` (``severity``: the term's own, if any)."""
        return Reader(
            self.locale,
            severity or self.severity,
            self.note,
            self.short.replace(SHORT_PLACEHOLDER, " ".join(matched.split())),
            self.sources,
            own=self.own,
            name=self.name,
        )


def _own_concern(entry: Entry) -> Concern:
    return Concern(entry.locale, entry.severity, entry.note, entry.short or first_sentence(entry.note), entry.sources, own=True)


def _audience_concern(entry: Entry, other: Entry) -> Concern:
    note = other.reading or other.note
    return Concern(
        other.locale,
        entry.audience_severity or entry.severity,
        note,
        other.short_reading or first_sentence(note),
        other.sources,
        name=locales.language_name(other.locale),
    )


def _linked(entry: Entry, audience_locale: str) -> bool:
    return any(code in entry.audience for code in locales.fallback_chain(audience_locale))


# Long texts are tokenized this many characters at a time (cut at whitespace), so memory
# stays flat however long the text is.
CHUNK_CHARACTERS = 1 << 18
_SPACE = re.compile(r"\s")

TOKENIZERS = ("fast", "spacy")
# Languages that write every noun with a capital, and languages whose headings capitalise
# every major word: both change what a capital says about a name (see framing.senses).
CAPITALISED_NOUNS = frozenset({"de", "lb"})
TITLE_CASE = frozenset({"en"})


class Engine:
    """Patterns of one writer locale, with the concerns of the chosen audience attached.

    ``include_unloaded`` makes entries with ``loaded = false`` report for their own
    locale too; it exists to check their examples. ``bare`` finds every occurrence of a
    term whatever its context (see :class:`~framing.patterns.TokenMatcher`); it exists to
    check that examples exercise a term's other senses.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        locale: str,
        audience: Sequence[str] = (),
        *,
        tokenize: Tokenize | None = None,
        include_unloaded: bool = False,
        bare: bool = False,
    ) -> None:
        self.locale = locale
        self.language = locales.language(locale)
        self.audience = tuple(a for a in audience if a != locale)
        self.support = locales.support(locale)
        self.concerns: dict[tuple[str, str], tuple[Concern, ...]] = {}
        self.entries: dict[str, Entry] = {}
        self._loaded_text: dict[str, bool] = {}  # alternatives found loaded or not, filled as they are asked about
        active: list[Entry] = []
        for entry in lexicon.entries(locale):
            concerns = []
            if entry.loaded or include_unloaded:
                concerns.append(_own_concern(entry))
            for reader in self.audience:
                other = lexicon.entry(entry.concept, reader)
                if other is not None and _linked(entry, reader):
                    concerns.append(_audience_concern(entry, other))
            if concerns:
                self.concerns[(entry.concept, entry.locale)] = tuple(concerns)
                self.entries[entry.concept] = entry
                active.append(entry)
        classes = lexicon.word_classes(locale)
        if self.support.segmentation == "characters":
            patterns = compile_patterns(active, lambda text: [text], None, classes)
            self._characters: CharacterMatcher | None = CharacterMatcher(patterns, bare=bare)
            self._tokens: TokenMatcher | None = None
        else:
            if tokenize is None:
                raise ValueError(f"locale {locale} is matched on words and needs a tokenizer")
            language = locales.language(locale)
            inflect = (lambda words: inflections(language, words)) if self.support.lemma_table else None
            fold = fold_for(language)
            guess = (lambda word: guessed_forms(language, word)) if language == "de" else None
            patterns = compile_patterns(active, tokenize, inflect, classes, fold, guess, lexicon.uninflected_classes(locale))
            self._characters = None
            self._tokens = TokenMatcher(
                patterns,
                capitalised_nouns=language in CAPITALISED_NOUNS,
                title_case=language in TITLE_CASE,
                bare=bare,
                clitics=arabic.stems if language == "ar" else None,
                fold=fold,
            )

    @property
    def matches_characters(self) -> bool:
        """Return whether this engine matches on characters (no tokens needed)."""
        return self._characters is not None

    def find(self, text: str, tokens: Sequence[Token] | None = None) -> list[Finding]:
        """Return the findings in ``text``, sorted by position; ``tokens`` are needed for word matching."""
        return [finding for match in self._matches(text, tokens) for finding in self._findings(text, match)]

    def _matches(self, text: str, tokens: Sequence[Token] | None) -> list[Match]:
        if self._characters is not None:
            whole = segmentation.whole_words(self.language, text) if segmentation.needs_segmenter(self.language) else None
            return self._characters.find(text, whole)
        assert self._tokens is not None
        if tokens is None:
            raise ValueError("word matching needs the text's tokens")
        return self._tokens.find(tokens, text)

    def concepts_in(self, text: str) -> list[str]:
        """Return the concepts this engine finds in the short ``text`` (split by the fast tokenizer), in order, once each."""
        tokens = None if self._characters is not None else fast.tokens(text, self.language)
        return list(dict.fromkeys(match.pattern.entry.concept for match in self._matches(text, tokens)))

    def find_text(self, text: str) -> list[Finding]:
        """Return the findings in ``text``, sorted by position, split into words by :mod:`framing.tokenizer`.

        Gives the same findings as :meth:`find` with the tokens of ``spacy.blank``
        (see ``docs/performance.md`` for the few constructs where the two tokenizers
        differ). Long texts are read a chunk at a time.
        """
        return list(self.find_stream((text,)))

    def find_stream(self, pieces: Iterable[str], *, chunk: int = CHUNK_CHARACTERS) -> Iterator[Finding]:
        """Yield the findings in the text made of ``pieces`` one after the other, in order, as soon as each is certain.

        Offsets count from the start of the first piece; the findings are those
        :meth:`find_text` gives for the joined text, wherever the pieces are cut (see
        :class:`WordStream`). Scripts matched on characters are joined first: they are
        not streamed.
        """
        if self._characters is not None:
            yield from self.find("".join(pieces))
            return
        stream = WordStream(self, chunk=chunk)
        for piece in pieces:
            yield from stream.feed(piece)
        yield from stream.finish()

    def alternatives(self, concept: str, term: str) -> tuple[tuple[Alternative, ...], Term | None]:
        """Return the alternatives of ``concept`` that replace ``term``, best first, and the lexicon's term itself.

        An alternative that is itself loaded for a reader of this engine (the writer's
        locale or a selected audience: this engine finds it when it is the whole text)
        is left out, so no suggestion trades one loaded word for another.
        """
        entry = self.entries.get(concept)
        if entry is None:
            return (), None
        offered = tuple(a for a in entry.alternatives_for(term) if not self.is_loaded(a.text))
        return offered, entry.term(term)

    def is_loaded(self, text: str) -> bool:
        """Return whether this engine finds a loaded term in ``text`` on its own (remembered per text)."""
        known = self._loaded_text.get(text)
        if known is None:
            known = bool(self.concepts_in(text))
            self._loaded_text[text] = known
        return known

    def _findings(self, text: str, match: Match, base: int = 0) -> Iterable[Finding]:
        """Yield the finding of ``match`` with every reader it concerns; ``text`` holds the text from offset ``base`` on.

        Two concepts matched on the very same words give two findings.
        """
        entry = match.pattern.entry
        term = match.pattern.term.text
        alternatives, _ = self.alternatives(entry.concept, term)
        matched = text[match.start - base : match.end - base]
        term_severity = match.pattern.term.severity
        readers = tuple(
            concern.reader(matched, term_severity if concern.own else None)
            for concern in self.concerns[(entry.concept, entry.locale)]
        )
        severity, message = summarise(readers)
        yield Finding(
            start=match.start,
            end=match.end,
            text=matched,
            concept=entry.concept,
            severity=severity,
            message=message,
            readers=readers,
            alternatives=tuple(a.text for a in alternatives),
            safe_alternatives=tuple(a.text for a in alternatives if a.safe),
            category=entry.category,
            term=term,
            term_locale=entry.locale,
        )


class WordStream:
    """Matches a text given piece by piece, holding only what is still needed: how long texts are linted in flat memory.

    :meth:`feed` each piece in turn and :meth:`finish` at the end; each returns the
    findings that became certain, in order, with offsets from the start of the first
    piece. Together they are exactly what :meth:`Engine.find_text` gives for the joined
    text: words are split ``chunk`` characters at a time, cut at whitespace, keeping
    the matcher's reach of words as context on both sides, and overlapping matches are
    resolved as :func:`~framing.patterns.longest_first` does, one chunk at a time
    (matches of a later chunk never start before those of an earlier one).
    """

    def __init__(self, engine: Engine, *, chunk: int = CHUNK_CHARACTERS) -> None:
        if engine._tokens is None:
            raise ValueError("engines that match characters have no word stream")
        self._engine = engine
        self._matcher = engine._tokens
        self._chunk = chunk
        self._buffer = ""  # the text from offset ``_base`` on
        self._base = 0
        self._position = 0  # where splitting into words resumes
        self._lowered: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._done = 0  # words before this index have been matched
        self._taken_until = -1
        self._last_kept: tuple[int, int, Pattern] | None = None

    @property
    def holds_from(self) -> int:
        """Return the offset of the first character a later finding (or its context) may still need."""
        return self._starts[0] if self._starts else self._position

    def feed(self, piece: str) -> list[Finding]:
        """Add the next piece of text; return the findings now certain."""
        if not piece:
            return []
        keep = self.holds_from
        if keep - self._base > len(self._buffer) // 2:  # drop what is no longer needed, in amortised linear time
            self._buffer = self._buffer[keep - self._base :]
            self._base = keep
        self._buffer += piece
        return self._advance(final=False)

    def finish(self) -> list[Finding]:
        """End the text; return the remaining findings."""
        return self._advance(final=True)

    def _advance(self, *, final: bool) -> list[Finding]:
        engine, matcher = self._engine, self._matcher
        reach = matcher.reach
        lowered, starts, ends = self._lowered, self._starts, self._ends
        findings: list[Finding] = []
        while True:
            base, buffer = self._base, self._buffer
            end = base + len(buffer)
            cut = _SPACE.search(buffer, min(self._position - base + self._chunk, len(buffer)))
            if cut is not None:
                stop = base + cut.start()
            elif final:
                stop = end
            else:
                break  # wait for a whole chunk; its last word may go on in the next piece
            more_lowered, more_starts, more_ends = fast.words(buffer, engine.language, self._position - base, stop - base)
            lowered += more_lowered
            starts += [offset + base for offset in more_starts]
            ends += [offset + base for offset in more_ends]
            self._position = stop
            last_step = final and stop >= end
            ready = len(lowered) if last_step else max(self._done, len(lowered) - reach)
            found = matcher.scan(matcher.words(lowered, starts, ends, buffer, base), first=self._done, last=ready)
            found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
            for start, stop_at, pattern in found:
                if start >= self._taken_until:
                    self._taken_until = stop_at
                elif not self._shares_span(start, stop_at, pattern):
                    continue
                self._last_kept = (start, stop_at, pattern)
                findings.extend(engine._findings(buffer, Match(start, stop_at, pattern), base))
            drop = max(0, ready - reach)
            del lowered[:drop], starts[:drop], ends[:drop]
            self._done = ready - drop
            if last_step:
                break
        return findings

    def _shares_span(self, start: int, end: int, pattern: Pattern) -> bool:
        """Return whether a match overlapping the last one kept has its very span and another concept (both are kept)."""
        last = self._last_kept
        return last is not None and last[0] == start and last[1] == end and last[2].entry.concept != pattern.entry.concept


# --- spaCy: tokenizers and the example check ------------------------------------------


def blank_pipeline(locale: str) -> Language:
    """Return ``spacy.blank`` for the language of ``locale`` (no model, no network)."""
    import spacy  # here, not at the top: start-up speed (the fast tokenizer needs no spaCy)

    return spacy.blank(locales.language(locale))


def tokens_of(doc: Doc) -> list[Token]:
    """Return the tokens of a spaCy ``Doc`` as plain data, with lemmas when the pipeline set them."""
    with_lemmas = doc.has_annotation("LEMMA")
    if with_lemmas:
        return [Token(t.text, t.idx, t.idx + len(t.text), t.lemma_) for t in doc if not t.is_space]
    return [Token(t.text, t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]


def tokenizer_function(nlp: Language) -> Callable[[str], list[str]]:
    """Return a function that splits text into token texts with ``nlp``'s tokenizer."""
    return lambda text: [t.text for t in nlp.make_doc(text)]


def check_examples(lexicon: Lexicon, locale_codes: Iterable[str], *, tokenizer: str = "spacy") -> list[LexiconError]:
    """Return a problem for every example of the entries of ``locale_codes`` that does not behave as declared.

    A ``must_flag`` example must be reported for its concept, a ``must_not_flag`` one must
    not. Each locale's examples are matched with that locale's own entries (no audience),
    split into words by ``tokenizer`` (``"spacy"``: ``spacy.blank``; ``"fast"``:
    :mod:`framing.tokenizer`). A locale whose lexicon passed before is not checked again
    (cached on the lexicon's content, the tokenizer and the library versions). The
    examples of a locale whose word segmenter is not installed are not checked (see
    :func:`unchecked_locales`).
    """
    if tokenizer not in TOKENIZERS:
        raise ValueError(f"unknown tokenizer {tokenizer!r}; choose one of {', '.join(TOKENIZERS)}")
    problems: list[LexiconError] = []
    skipped = unchecked_locales(locale_codes)
    for locale in sorted(set(locale_codes) - set(skipped)):
        entries = [c.entries[locale] for c in lexicon.concepts.values() if locale in c.entries]
        if not entries:
            continue
        parts = ("examples", lexicon.digest, engine_code_digest(), locale) + (() if tokenizer == "spacy" else (tokenizer,))
        segmenter = segmentation.versions(locales.language(locale))
        if segmenter:
            parts += (segmenter,)
        key = cache_key(*parts)
        if read_cache(f"examples-{locale}-{key[:16]}", key) == "ok":
            continue
        engine, tokenize_doc = example_engine(lexicon, locale, tokenizer=tokenizer)
        found_here: list[LexiconError] = []
        for entry in entries:
            for example, expected in [(e, True) for e in entry.must_flag] + [(e, False) for e in entry.must_not_flag]:
                findings = engine.find(example.text, tokenize_doc(example.text))
                flagged = any(f.concept == entry.concept for f in findings)
                if flagged != expected:
                    template = (
                        _("must_flag example of {concept} ({locale}) is not flagged: {example}")
                        if expected
                        else _("must_not_flag example of {concept} ({locale}) is flagged: {example}")
                    )
                    found_here.append(
                        LexiconError(
                            template.format(concept=repr(entry.concept), locale=locale, example=repr(example.text)),
                            path=example.where.path,
                            line=example.where.line,
                        )
                    )
        found_here.extend(_unexercised_safe_terms(lexicon, locale, entries, tokenizer))
        found_here.extend(_unfit_safe_forms(locale, engine, entries))
        if not found_here:
            write_cache(f"examples-{locale}-{key[:16]}", key, "ok")
        problems.extend(found_here)
    return problems


def _unexercised_safe_terms(lexicon: Lexicon, locale: str, entries: Sequence[Entry], tokenizer: str) -> list[LexiconError]:
    """Return a problem for each term a safe alternative replaces that no ``must_not_flag`` example of its entry contains.

    A safe alternative is applied wherever the term is reported, so the entry must show
    that the term's other senses (a technical term, a literal or historical use, a name)
    stay quiet: at least one ``must_not_flag`` example has the term itself, in a context
    where it is not reported.
    """
    wanted = [entry for entry in entries if any(a.safe for a in entry.alternatives)]
    if not wanted:
        return []
    bare, tokenize_doc = example_engine(lexicon, locale, tokenizer=tokenizer, bare=True)
    problems = []
    for entry in wanted:
        present = set()
        for example in entry.must_not_flag:
            present |= {f.term for f in bare.find(example.text, tokenize_doc(example.text)) if f.concept == entry.concept}
        for term in entry.terms:
            safe = [a.text for a in entry.alternatives if a.safe and a.applies_to(term.text)]
            if safe and term.text not in present:
                where = entry.where or Source("?")
                problems.append(
                    LexiconError(
                        _(
                            "safe alternative {alternative} of {concept} ({locale}) replaces {term}, but no must_not_flag "
                            "example contains {term} in another sense; add one, or make the alternative advice"
                        ).format(alternative=repr(safe[0]), concept=repr(entry.concept), locale=locale, term=repr(term.text)),
                        path=where.path,
                        line=where.line,
                    )
                )
    return problems


def _unfit_safe_forms(locale: str, engine: Engine, entries: Sequence[Entry]) -> list[LexiconError]:
    """Return a problem for each safe alternative lacking a form its term is matched in ("des Führers" needs a genitive).

    A safe alternative is applied to every form of the term the engine reports, so it
    must give the form each needs (see :func:`framing.rewrite.missing_forms`).
    """
    if engine._tokens is None:
        return []
    language = locales.language(locale)
    forms_of: dict[tuple[str, str], set[str]] = {}
    for patterns in engine._tokens.by_form.values():
        for pattern in patterns:
            forms_of.setdefault((pattern.entry.concept, pattern.term.text), set()).update(pattern.words[-1])
    problems = []
    for entry in entries:
        for alternative in entry.alternatives:
            if not alternative.safe:
                continue
            for term in entry.terms:
                if not alternative.applies_to(term.text) or term.case_sensitive:
                    continue
                gaps = missing_forms(language, term.text, forms_of.get((entry.concept, term.text), ()), alternative)
                if gaps:
                    where = entry.where or Source("?")
                    problems.append(
                        LexiconError(
                            _(
                                "safe alternative {alternative} of {concept} ({locale}) gives no {feature} form, "
                                "but {term} is matched as {form}; add it under forms, or limit the alternative with 'for'"
                            ).format(
                                alternative=repr(alternative.text),
                                concept=repr(entry.concept),
                                locale=locale,
                                feature=gaps[0][1].replace("_", " "),
                                term=repr(term.text),
                                form=repr(gaps[0][0]),
                            ),
                            path=where.path,
                            line=where.line,
                        )
                    )
    return problems


def loaded_alternatives(lexicon: Lexicon, locale_codes: Iterable[str]) -> list[LexiconError]:
    """Return an advisory for each alternative that is itself a loaded term of its own locale.

    Such an alternative is never offered (see :meth:`Engine.alternatives`): it would
    trade one loaded word for another, as a peer that suggests "leader" for "master"
    does. Locales whose word segmenter is not installed are not checked.
    """
    found: list[LexiconError] = []
    skipped = unchecked_locales(locale_codes)
    for locale in sorted(set(locale_codes) - set(skipped)):
        entries = lexicon.entries(locale)
        if not entries:
            continue
        characters = locales.support(locale).segmentation == "characters"
        engine = Engine(lexicon, locale, tokenize=None if characters else fast.split_term(locales.language(locale)))
        for entry in entries:
            for alternative in entry.alternatives:
                loaded = engine.concepts_in(alternative.text)
                if not loaded:
                    continue
                where = entry.where or Source("?")
                found.append(
                    LexiconError(
                        _(
                            "alternative {alternative} of {concept} ({locale}) is itself loaded in {locale} ({loaded}); "
                            "it is never offered"
                        ).format(
                            alternative=repr(alternative.text),
                            concept=repr(entry.concept),
                            locale=locale,
                            loaded=", ".join(loaded),
                        ),
                        path=where.path,
                        line=where.line,
                    )
                )
    return found


def engine_code_digest() -> str:
    """Return a hash of the code that decides what matches, so that cached example checks follow code changes."""
    return code_digest()


def unchecked_locales(locale_codes: Iterable[str]) -> dict[str, str]:
    """Return, for each of ``locale_codes`` whose examples cannot be checked here, why: its segmenter is not installed."""
    reasons = {}
    for locale in sorted(set(locale_codes)):
        reason = segmentation.missing(locales.language(locale))
        if reason is not None:
            reasons[locale] = reason
    return reasons


def example_engine(
    lexicon: Lexicon, locale: str, *, tokenizer: str = "spacy", bare: bool = False
) -> tuple[Engine, Callable[[str], list[Token] | None]]:
    """Return an engine that reports every entry of ``locale`` (loaded or not), and a function giving a text's tokens.

    ``tokenizer`` chooses who splits the text: ``"spacy"`` (``spacy.blank``) or ``"fast"``.
    ``bare`` ignores every context condition (see :class:`Engine`).
    """
    if locales.support(locale).segmentation == "characters":
        return Engine(lexicon, locale, include_unloaded=True, bare=bare), lambda text: None
    if tokenizer == "fast":
        language = locales.language(locale)
        engine = Engine(lexicon, locale, tokenize=fast.split_term(language), include_unloaded=True, bare=bare)
        return engine, lambda text: fast.tokens(text, language)
    nlp = blank_pipeline(locale)
    engine = Engine(lexicon, locale, tokenize=tokenizer_function(nlp), include_unloaded=True, bare=bare)
    return engine, lambda text: tokens_of(nlp.make_doc(text))


def require_valid_examples(lexicon: Lexicon, locale_codes: Iterable[str], *, tokenizer: str = "spacy") -> None:
    """Raise :class:`LexiconError` naming the first example that fails, if any does (see :func:`check_examples`)."""
    problems = check_examples(lexicon, locale_codes, tokenizer=tokenizer)
    if problems:
        first = problems[0]
        raise LexiconError(first.message, path=first.path, line=first.line, problems=tuple(problems))
