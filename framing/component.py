"""The ``framing`` spaCy component: add it to any pipeline with ``nlp.add_pipe("framing")``.

Installed packages register it through the ``spacy_factories`` entry point, so spaCy
finds the factory without an import. Results go where spaCy users look for spans:

- ``doc.spans["framing"]``: one span per finding (an occurrence), labelled with the concept id;
- ``doc._.framing``: the findings, as :class:`framing.Finding` objects, each with the
  readers it concerns (``finding.readers``);
- ``span._.framing``: the findings inside a span (a sentence, an entity).

The findings are stored on the Doc as plain data (``doc._.framing_data``), so Docs
survive ``nlp.pipe(..., n_process=N)`` and ``Doc.to_bytes``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from framing import locales, segmentation
from framing.engine import Engine, require_valid_examples, tokenizer_function, tokens_of
from framing.lexicon import load
from framing.model import Finding

SPANS_KEY = "framing"


def _doc_findings(doc: Doc) -> tuple[Finding, ...]:
    return tuple(Finding.from_dict(data) for data in (doc._.framing_data or ()))


def _span_findings(span: Span) -> tuple[Finding, ...]:
    return tuple(f for f in _doc_findings(span.doc) if f.start >= span.start_char and f.end <= span.end_char)


def register_extensions() -> None:
    """Register the ``Doc``/``Span`` extensions once (safe to call again)."""
    if not Doc.has_extension("framing_data"):
        Doc.set_extension("framing_data", default=None)
    if not Doc.has_extension("framing"):
        Doc.set_extension("framing", getter=_doc_findings)
    if not Span.has_extension("framing"):
        Span.set_extension("framing", getter=_span_findings)


class FramingComponent:
    """Finds loaded terms in each Doc; see the module docstring for where results go."""

    def __init__(
        self,
        nlp: Language,
        name: str = "framing",
        *,
        locale: str | None = None,
        audience: list[str] | None = None,
        lexicons: list[str] | None = None,
        builtin: bool = True,
    ) -> None:
        register_extensions()
        self.name = name
        self.locale = locales.parse_supported(locale or str(nlp.lang))
        segmentation.require(locales.language(self.locale))
        self.audience = tuple(locales.parse_supported(code) for code in audience or ())
        self.lexicon = load(list(lexicons or ()), builtin=builtin)
        require_valid_examples(self.lexicon, (self.locale, *self.audience))
        characters = locales.support(self.locale).segmentation == "characters"
        self.engine = Engine(
            self.lexicon,
            self.locale,
            self.audience,
            tokenize=None if characters else tokenizer_function(nlp),
        )

    def __call__(self, doc: Doc) -> Doc:
        """Return ``doc`` with its findings in ``doc.spans["framing"]`` and ``doc._.framing``."""
        findings = self.engine.find(doc.text, None if self.engine.matches_characters else tokens_of(doc))
        spans = []
        for finding in findings:
            span = doc.char_span(finding.start, finding.end, label=finding.concept, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPANS_KEY] = spans
        doc._.framing_data = [finding.to_dict() for finding in findings]
        return doc


@Language.factory(
    "framing",
    default_config={"locale": None, "audience": [], "lexicons": [], "builtin": True},
)
def make_framing(
    nlp: Language,
    name: str,
    locale: str | None,
    audience: list[str],
    lexicons: list[str],
    builtin: bool,
) -> FramingComponent:
    """Return the ``framing`` component for ``nlp`` (config: locale, audience, lexicons, builtin)."""
    return FramingComponent(nlp, name, locale=locale, audience=audience, lexicons=lexicons, builtin=builtin)
