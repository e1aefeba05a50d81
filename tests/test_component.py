"""The `framing` spaCy component inside a user's own pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from framing import Finding
from framing.lexicon import load

MATCHING = str(Path(__file__).parent / "data" / "matching")
LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "ru"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_component_on_blank_pipelines_with_builtin_lexicons(lang):
    entry = load().entry("leader", lang)
    assert entry is not None, f"the built-in lexicon has no leader entry for {lang}"
    nlp = spacy.blank(lang)
    nlp.add_pipe("framing")  # found through the spacy_factories entry point
    example = entry.must_flag[0].text
    doc = nlp(example)
    assert "leader" in {span.label_ for span in doc.spans["framing"]}
    assert all(isinstance(f, Finding) for f in doc._.framing)
    assert {f.concept for f in doc._.framing} >= {"leader"}


def test_component_config_locale_audience_lexicons():
    nlp = spacy.blank("en")
    nlp.add_pipe("framing", config={"locale": "en", "audience": ["de"], "lexicons": [MATCHING], "builtin": False})
    doc = nlp("Our leaders will meet in the war room.")
    assert [(s.text, s.label_) for s in doc.spans["framing"]] == [("leaders", "leader"), ("war room", "war-room")]
    assert [(f.text, f.locales) for f in doc._.framing] == [("leaders", ("en", "de")), ("war room", ("en",))]
    sentence = doc[0:3]
    assert [f.text for f in sentence._.framing] == ["leaders"]


def test_findings_survive_serialisation():
    nlp = spacy.blank("en")
    nlp.add_pipe("framing", config={"lexicons": [MATCHING], "builtin": False})
    doc = nlp("Our leaders meet.")
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.framing == doc._.framing
    assert [s.text for s in restored.spans["framing"]] == ["leaders"]


@Language.component("test_set_lemmas")
def _set_lemmas(doc: Doc) -> Doc:
    """Stands in for a trained lemmatizer that knows a form the lookup tables do not."""
    for token in doc:
        token.lemma_ = "leader" if token.lower_ == "ledrs" else token.lower_
    return doc


def test_component_uses_a_pipelines_own_lemmas():
    plain = spacy.blank("en")
    plain.add_pipe("framing", config={"lexicons": [MATCHING], "builtin": False})
    doc = plain("The ledrs met.")
    assert list(doc.spans["framing"]) == []
    trained = spacy.blank("en")
    trained.add_pipe("test_set_lemmas")
    trained.add_pipe("framing", config={"lexicons": [MATCHING], "builtin": False})
    doc = trained("The ledrs met.")
    assert [s.text for s in doc.spans["framing"]] == ["ledrs"]


def test_component_with_a_lookup_lemmatizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.add_pipe("framing", config={"lexicons": [MATCHING], "builtin": False})
    doc = nlp("Leaders and war rooms")
    assert [s.text for s in doc.spans["framing"]] == ["Leaders", "war rooms"]


def test_component_in_nlp_pipe_with_two_processes():
    nlp = spacy.blank("en")
    nlp.add_pipe("framing", config={"lexicons": [MATCHING], "builtin": False})
    docs = list(nlp.pipe(["Our leaders meet.", "Nothing.", "A war room."], n_process=2, batch_size=1))
    assert [[f.text for f in d._.framing] for d in docs] == [["leaders"], [], ["war room"]]


def test_unknown_locale_in_config():
    from framing.errors import LocaleError

    nlp = spacy.blank("en")
    with pytest.raises(LocaleError):
        nlp.add_pipe("framing", config={"locale": "xx"})
