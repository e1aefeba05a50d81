"""TBX-Basic: export, read v2 and v3, import, a round trip that keeps every concept, term and alternative."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framing.translate import CatalogError, po, tbx

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "translate" / "lexicon"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "lexicons"
    shutil.copytree(FIXTURE, target)
    return target


def as_sets(folder: po.LexiconFolder) -> dict[tuple[str, str], tuple[set[str], set[tuple[str, bool]], str]]:
    return {
        (concept.id, code): (
            {t.text for t in entry.terms},
            {(a.text, a.safe) for a in entry.alternatives},
            " ".join(entry.note.split()),
        )
        for concept in folder.lexicon.concepts.values()
        for code, entry in concept.entries.items()
    }


@pytest.mark.parametrize("source", [FIXTURE, DATA / "lexicon"], ids=["fixture", "small"])
def test_round_trip_keeps_every_concept_term_and_alternative(source: Path, tmp_path: Path) -> None:
    folder = po.open_folder(source)
    path = tmp_path / "lexicon.tbx"
    path.write_text(tbx.export_tbx(folder), encoding="utf-8")
    read = tbx.read_tbx(path)
    from_tbx = {
        (concept.id, code): (
            {t.text for t in section.terms},
            {(a.text, a.safe) for a in section.alternatives},
            section.note,
        )
        for concept in read
        for code, section in concept.sections.items()
    }
    assert from_tbx == as_sets(folder)
    assert {c.id: c.subject for c in read} == {c.id: c.category for c in folder.lexicon.concepts.values()}


def test_import_of_own_export_changes_nothing(root: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in root.rglob("*.toml")}
    path = tmp_path / "lexicon.tbx"
    path.write_text(tbx.export_tbx(po.open_folder(root)), encoding="utf-8")
    result = tbx.import_tbx(path, po.open_folder(root))
    assert result.changed == 0 and result.skipped == [] and result.diff == ""
    assert {p: p.read_bytes() for p in root.rglob("*.toml")} == before


def test_import_takes_new_terms_and_keeps_conditions(root: Path, tmp_path: Path) -> None:
    text = tbx.export_tbx(po.open_folder(root))
    added = (
        "<tig>\n            <term>Leiter</term>\n"
        '            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>\n          </tig>\n'
        "          <tig>\n            <term>Führer</term>"
    )
    text = text.replace("<tig>\n            <term>Führer</term>", added, 1)
    path = tmp_path / "edited.tbx"
    path.write_text(text, encoding="utf-8")
    result = tbx.import_tbx(path, po.open_folder(root), dry_run=True)
    assert '+  "Leiter",' in result.diff
    tbx.import_tbx(path, po.open_folder(root))
    entry = po.open_folder(root).lexicon.entry("leader", "de")
    assert [t.text for t in entry.terms] == ["Leiter", "Führer", "Führerprinzip"]
    assert entry.terms[2].inflect is False  # kept, though TBX has no place for it
    assert entry.alternatives[0].gender == "feminine" and entry.alternatives[0].for_terms == ("Führer",)


def test_reads_tbx_v3_with_namespace() -> None:
    concepts = tbx.read_tbx(DATA / "translate" / "v3.tbx")
    assert [c.id for c in concepts] == ["leader"]
    english = concepts[0].sections["en"]
    assert [t.text for t in english.terms] == ["leader"]
    assert [(a.text, a.safe) for a in english.alternatives] == [("coordinator", True), ("facilitator", False)]
    assert english.note == "Leader can suggest one person above the rest."
    german = concepts[0].sections["de_DE"]
    assert [t.text for t in german.terms] == ["Führer"]  # Weblate's "forbidden" is deprecated


def test_refuses_entity_declarations() -> None:
    with pytest.raises(CatalogError, match="declares the entity 'lol'") as caught:
        tbx.read_tbx(DATA / "translate" / "entities.tbx")
    assert caught.value.line == 3


def test_reports_malformed_xml_with_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text("<martif>\n<text>\n</martif>\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="not well-formed XML") as caught:
        tbx.read_tbx(path)
    assert caught.value.line == 3
