"""The Python API: lint a text, or load once with :class:`Linter` and lint many."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from framing import locales, precompiled, segmentation
from framing.engine import TOKENIZERS, Engine, blank_pipeline, require_valid_examples, tokenizer_function, tokens_of
from framing.inflection import cache_key
from framing.lexicon import Lexicon, load
from framing.model import Finding
from framing.tokenizer import split_term


class Linter:
    """Lexicons loaded and compiled once for a writer locale and audience; lints many texts.

    ``locale`` is the language the texts are written in; ``audience`` the locales of
    readers whose concerns count as well; ``lexicons`` files or folders layered on the
    built-in lexicons (``builtin=False`` leaves those out).

    ``tokenizer`` chooses who splits texts into words: ``"fast"`` (the default without
    ``nlp``: :mod:`framing.tokenizer`, which gives the matcher the same words as
    ``spacy.blank`` and needs no spaCy at all) or ``"spacy"`` (``nlp``, or
    ``spacy.blank`` for the locale's language when ``nlp`` is None). ``nlp`` is an
    optional spaCy pipeline for the locale's language: a trained one contributes its
    lemmas; passing it implies ``tokenizer="spacy"``.

    Without ``nlp`` and ``lexicon``, the compiled engine is cached on disk (see
    :mod:`framing.precompiled`), so later linters for the same lexicon files, locale
    and audience start without reading the lexicons. Raises ``LocaleError`` (also when
    the package that splits the locale's text into words is not installed: Chinese,
    Japanese and Korean need the extras ``zh``, ``ja``, ``ko``), ``LexiconError``, or
    ``ValueError`` for an unknown tokenizer.
    """

    def __init__(
        self,
        locale: str = "en",
        audience: Iterable[str] = (),
        lexicons: Iterable[str | Path] = (),
        *,
        nlp: Any = None,
        builtin: bool = True,
        lexicon: Lexicon | None = None,
        tokenizer: str | None = None,
    ) -> None:
        self.locale = locales.parse_supported(locale)
        segmentation.require(locales.language(self.locale))  # only the writer's text is split into words
        self.audience = tuple(dict.fromkeys(locales.parse_supported(code) for code in audience))
        if tokenizer is None:
            tokenizer = "fast" if nlp is None else "spacy"
        if tokenizer not in TOKENIZERS:
            raise ValueError(f"unknown tokenizer {tokenizer!r}; choose one of {', '.join(TOKENIZERS)}")
        if tokenizer == "fast" and nlp is not None:
            raise ValueError("a spaCy pipeline (nlp) tokenizes by itself: use tokenizer='spacy' with it")
        self.tokenizer = tokenizer
        self._paths = list(lexicons)
        self._builtin = builtin
        self._lexicon = lexicon
        self._nlp = nlp
        self.engine = self._cached_engine() if lexicon is None and nlp is None else self._compile()

    @property
    def lexicon(self) -> Lexicon:
        """Return the lexicon this linter matches (loaded on first use, or read with the cached engine)."""
        if self._lexicon is None:
            self._lexicon = load(self._paths, builtin=self._builtin)
        return self._lexicon

    @property
    def nlp(self) -> Any:
        """Return the spaCy pipeline of this linter (``spacy.blank`` made on first use when none was given)."""
        if self._nlp is None and locales.support(self.locale).segmentation != "characters":
            self._nlp = blank_pipeline(self.locale)
        return self._nlp

    def _compile(self) -> Engine:
        require_valid_examples(self.lexicon, (self.locale, *self.audience), tokenizer=self.tokenizer)
        if locales.support(self.locale).segmentation == "characters":
            tokenize = None
        elif self.tokenizer == "fast":
            tokenize = split_term(locales.language(self.locale))
        else:
            tokenize = tokenizer_function(self.nlp)
        return Engine(self.lexicon, self.locale, self.audience, tokenize=tokenize)

    def _cached_engine(self) -> Engine:
        digest = precompiled.fingerprint(self._paths, builtin=self._builtin)
        if digest is None:
            return self._compile()
        key = cache_key("engine", digest, self.locale, *self.audience, "|", self.tokenizer)
        cached = precompiled.read_engine(key)
        if cached is not None:
            engine, self._lexicon = cached
            return engine
        engine = self._compile()
        precompiled.write_engine(key, engine, self.lexicon)
        return engine

    def lint(self, text: str) -> list[Finding]:
        """Return the findings in ``text``, sorted by position."""
        if self.engine.matches_characters:
            return self.engine.find(text)
        if self.tokenizer == "fast":
            return self.engine.find_text(text)
        return self.lint_doc(self.nlp(text))

    def lint_doc(self, doc: Any) -> list[Finding]:
        """Return the findings in a spaCy ``Doc`` made by this linter's pipeline (or a compatible one)."""
        return self.engine.find(doc.text, None if self.engine.matches_characters else tokens_of(doc))

    def lint_many(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[list[Finding]]:
        """Yield the findings of each text in turn (with ``tokenizer="spacy"``, streaming them through ``nlp.pipe``)."""
        if self.engine.matches_characters or self.tokenizer == "fast":
            for text in texts:
                yield self.lint(text)
            return
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self.lint_doc(doc)


def lint(
    text: str,
    locale: str = "en",
    audience: Sequence[str] = (),
    lexicons: Sequence[str | Path] = (),
    *,
    tokenizer: str | None = None,
) -> list[Finding]:
    """Return the findings in ``text`` written in ``locale``, for readers of ``audience`` too.

    Convenient for one text; to lint many, build a :class:`Linter` once. ``tokenizer``
    is ``"fast"`` (the default) or ``"spacy"``, as for :class:`Linter`.
    """
    return Linter(locale, audience, lexicons, tokenizer=tokenizer).lint(text)
