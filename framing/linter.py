"""The Python API: lint a text, or load once with :class:`Linter` and lint many."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from framing import locales
from framing.engine import Engine, blank_pipeline, require_valid_examples, tokenizer_function, tokens_of
from framing.lexicon import Lexicon, load
from framing.model import Finding


class Linter:
    """Lexicons loaded and compiled once for a writer locale and audience; lints many texts.

    ``locale`` is the language the texts are written in; ``audience`` the locales of
    readers whose concerns count as well; ``lexicons`` files or folders layered on the
    built-in lexicons (``builtin=False`` leaves those out). ``nlp`` is an optional spaCy
    pipeline for the locale's language: a trained one contributes its lemmas. Without
    it, ``spacy.blank`` is used (no model, no network). Raises ``LocaleError`` or
    ``LexiconError``.
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
    ) -> None:
        self.locale = locales.parse_supported(locale)
        self.audience = tuple(dict.fromkeys(locales.parse_supported(code) for code in audience))
        self.lexicon = lexicon if lexicon is not None else load(list(lexicons), builtin=builtin)
        require_valid_examples(self.lexicon, (self.locale, *self.audience))
        characters = locales.support(self.locale).segmentation == "characters"
        if nlp is None and not characters:
            nlp = blank_pipeline(self.locale)
        self.nlp = nlp
        self.engine = Engine(
            self.lexicon,
            self.locale,
            self.audience,
            tokenize=None if characters else tokenizer_function(nlp),
        )

    def lint(self, text: str) -> list[Finding]:
        """Return the findings in ``text``, sorted by position."""
        if self.engine.matches_characters:
            return self.engine.find(text)
        return self.lint_doc(self.nlp(text))

    def lint_doc(self, doc: Any) -> list[Finding]:
        """Return the findings in a spaCy ``Doc`` made by this linter's pipeline (or a compatible one)."""
        return self.engine.find(doc.text, None if self.engine.matches_characters else tokens_of(doc))

    def lint_many(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[list[Finding]]:
        """Yield the findings of each text in turn, streaming the texts through ``nlp.pipe``."""
        if self.engine.matches_characters:
            for text in texts:
                yield self.engine.find(text)
            return
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self.lint_doc(doc)


def lint(
    text: str,
    locale: str = "en",
    audience: Sequence[str] = (),
    lexicons: Sequence[str | Path] = (),
) -> list[Finding]:
    """Return the findings in ``text`` written in ``locale``, for readers of ``audience`` too.

    Convenient for one text; to lint many, build a :class:`Linter` once.
    """
    return Linter(locale, audience, lexicons).lint(text)
