"""PO export, import and merge: round trips for every locale, validation with PO lines, fuzzy entries."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.errors import LexiconError
from framing.lexicon import builtin_dir
from framing.model import Alternative, Term
from framing.translate import CatalogError, po
from framing.translate.fields import FIELDS, format_value, parse_value

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "translate" / "lexicon"
SMALL = DATA / "lexicon"


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def copy_of(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "lexicons"
    shutil.copytree(source, target)
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.toml")) if "_translated_from" not in p.parts}


def simulated_translation(catalog: polib.POFile, locale: str) -> dict[str, object]:
    """Fill every entry the way a translator might: edit existing texts, translate missing concepts."""
    expected: dict[str, object] = {}
    for entry in catalog:
        concept, field = entry.msgctxt.rsplit(".", 1)
        # A made-up word per concept, with no term of any lexicon inside it ("zyxmasterslave" had two).
        word = "Zyx" + "".join(chr(ord("a") + int(c, 16)) for c in hashlib.sha1(concept.encode()).hexdigest()[:10])
        if entry.msgstr:
            value = parse_value(field, entry.msgstr)
            if field == "note":
                value = value + f" ({locale})"
            elif field == "alternatives":
                value = (*value, Alternative(f"{word}alt"))
            elif field == "must_not_flag":
                value = (*value, "Nothing to see here.")
            elif field == "sources":
                value = (*value, "Another test dictionary")
        else:
            value = {
                # A region's entry extends its language's: a term it adds is replaced by the
                # language's safe alternatives too, so it needs a gender where nouns have one.
                "terms": (Term(word.lower(), unless_followed_by=("qqq",), gender=("masculine", "feminine")),),
                "alternatives": (Alternative("calm word"),),
                "note": f"A note for {concept} in {locale}.",
                "must_flag": (f"One {word.lower()} here.",),
                "must_not_flag": (f"One {word.lower()} qqq here.",),
                "sources": ("A test dictionary, s.v. 'zyx'",),
            }[field]
        entry.msgstr = format_value(field, value)
        expected[entry.msgctxt] = value
    return expected


def all_loaded_values(root: Path) -> dict[str, dict[str, object]]:
    """Return the translatable values each locale's own files give, for every locale of the lexicon in ``root``.

    A regional variant's are only the fields it sets itself (it extends its language).
    """
    folder = po.open_folder(root)
    values: dict[str, dict[str, object]] = {code: {} for code in folder.lexicon.locales()}
    for concept in folder.lexicon.concepts.values():
        for locale in concept.entries:
            for field, value in (folder.own_values(concept.id, locale) or {}).items():
                values.setdefault(locale, {})[f"{concept.id}.{field}"] = value
    return values


def round_trip(root: Path, locale: str, tmp_path: Path) -> None:
    before = snapshot(root)
    folder = po.open_folder(root)
    other_locales = {code: values for code, values in all_loaded_values(root).items() if code != locale}
    catalog = po.export_po(folder, locale)
    path = tmp_path / f"{locale}.po"
    path.write_text(po.render(catalog), encoding="utf-8")

    # Unchanged: nothing to write, the files stay byte for byte.
    result = po.import_po(path, root)
    assert result.changed == 0 and result.diff == ""
    assert snapshot(root) == before

    expected = simulated_translation(catalog, locale)
    path.write_text(po.render(catalog), encoding="utf-8")
    result = po.import_po(path, root)
    assert result.fuzzy == 0 and result.untranslated == 0
    loaded = all_loaded_values(root)
    after = loaded[locale]
    for key, value in expected.items():
        assert after[key] == value, key
    # Nothing else moved: the other locales are as they were, and a new export gives the same PO back.
    assert {code: loaded.get(code, {}) for code in other_locales} == other_locales
    again = po.export_po(po.open_folder(root), locale)
    assert [(e.msgctxt, e.msgstr, e.fuzzy) for e in again] == [(e.msgctxt, e.msgstr, False) for e in catalog]


@pytest.mark.parametrize("locale", ["en", "de", "fr"])
def test_round_trip_on_fixture(locale: str, tmp_path: Path) -> None:
    round_trip(copy_of(FIXTURE, tmp_path), locale, tmp_path)


@pytest.mark.parametrize("locale", ["en", "de"])
def test_round_trip_on_small_test_lexicon(locale: str, tmp_path: Path) -> None:
    round_trip(copy_of(SMALL, tmp_path), locale, tmp_path)


def _builtin_locales() -> list[str]:
    try:
        return po.open_folder(builtin_dir()).lexicon.locales()
    except LexiconError:
        return ["builtin-lexicons-invalid"]


@pytest.mark.parametrize("locale", _builtin_locales())
def test_round_trip_for_every_builtin_locale(locale: str, tmp_path: Path) -> None:
    if locale == "builtin-lexicons-invalid":
        pytest.skip("the built-in lexicons do not validate right now (content is being written)")
    round_trip(copy_of(builtin_dir(), tmp_path), locale, tmp_path)


def test_comments_and_order_survive_an_import(tmp_path: Path) -> None:
    root = copy_of(FIXTURE, tmp_path)
    catalog = po.export_po(po.open_folder(root), "de")
    for entry in catalog:
        if entry.msgctxt == "leader.note":
            entry.msgstr = "Ein neuer Hinweis."
    (tmp_path / "de.po").write_text(po.render(catalog), encoding="utf-8")
    po.import_po(tmp_path / "de.po", root)
    text = (root / "de" / "general.toml").read_text(encoding="utf-8")
    original = (FIXTURE / "de" / "general.toml").read_text(encoding="utf-8")
    assert text == original.replace("„Führer“ ist durch den Nationalsozialismus belastet.", "Ein neuer Hinweis.")


def test_export_header_and_comments() -> None:
    catalog = po.export_po(po.open_folder(FIXTURE), "de")
    assert catalog.metadata["Language"] == "de"
    assert catalog.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    terms = next(e for e in catalog if e.msgctxt == "leader.terms")
    assert terms.msgid == "leader [unless followed by: sequence]\nleadership"
    assert terms.msgstr == "Führer\nFührerprinzip [no inflection]"
    assert "Concept leader: authority (authority and hierarchy); severity warning." in terms.comment
    assert "Source: Duden online, s.v. 'Führer'" in terms.comment
    assert "Flagged in en: Our leaders will meet." in terms.comment
    assert terms.occurrences == [("en/general.toml", "4")]
    alternatives = next(e for e in catalog if e.msgctxt == "leader.alternatives")
    assert alternatives.msgstr == "Leitung [for: Führer] [gender: feminine]\nKoordination"
    untranslated = [e.msgctxt for e in catalog if not e.msgstr]
    assert untranslated == [f"war-room.{field}" for field in FIELDS[:-1]]  # its registry cites a source


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt is not installed")
def test_gnu_msgfmt_accepts_the_export(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_text(po.render(po.export_po(po.open_folder(FIXTURE), "de")), encoding="utf-8")
    run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "5 translated messages, 5 untranslated messages."


def test_changed_reference_marks_translation_fuzzy(tmp_path: Path) -> None:
    root = copy_of(FIXTURE, tmp_path)
    catalog = po.export_po(po.open_folder(root), "de")
    (tmp_path / "de.po").write_text(po.render(catalog), encoding="utf-8")
    po.import_po(tmp_path / "de.po", root)  # records the English texts the German ones answer
    english = root / "en" / "general.toml"
    english.write_text(
        english.read_text(encoding="utf-8").replace("one person above the rest.", "one person above all others."),
        encoding="utf-8",
    )
    catalog = po.export_po(po.open_folder(root), "de")
    note = next(e for e in catalog if e.msgctxt == "leader.note")
    assert note.fuzzy
    assert note.previous_msgid == "Leader can suggest one person above the rest."
    assert note.msgstr == "„Führer“ ist durch den Nationalsozialismus belastet."
    assert '#| msgid "Leader can suggest one person above the rest."' in po.render(catalog)
    assert [e.msgctxt for e in catalog if e.fuzzy] == ["leader.note"]
    # A fuzzy entry is skipped on import, and counted.
    (tmp_path / "de.po").write_text(po.render(catalog), encoding="utf-8")
    result = po.import_po(tmp_path / "de.po", root)
    assert result.fuzzy == 1


def test_merge_keeps_translation_when_source_changed() -> None:
    old = polib.POFile()
    old.append(polib.POEntry(msgctxt="a.note", msgid="Old text", msgstr="Alter Text", tcomment="checked"))
    old.append(polib.POEntry(msgctxt="b.note", msgid="Same", msgstr="Gleich"))
    old.append(polib.POEntry(msgctxt="gone.note", msgid="Gone", msgstr="Weg"))
    new = polib.POFile()
    new.append(polib.POEntry(msgctxt="a.note", msgid="New text"))
    new.append(polib.POEntry(msgctxt="b.note", msgid="Same"))
    new.append(polib.POEntry(msgctxt="c.note", msgid="Added"))
    merged = {e.msgctxt: e for e in po.merge(old, new)}
    assert merged["a.note"].msgstr == "Alter Text" and merged["a.note"].fuzzy
    assert merged["a.note"].previous_msgid == "Old text" and merged["a.note"].tcomment == "checked"
    assert merged["b.note"].msgstr == "Gleich" and not merged["b.note"].fuzzy
    assert merged["c.note"].msgstr == "" and "gone.note" not in merged


BAD_ENTRIES = [
    ('msgctxt "nosuch.note"\nmsgid "x"\nmsgstr "y"\n', "unknown concept 'nosuch'"),
    ('msgctxt "leader.colour"\nmsgid "x"\nmsgstr "y"\n', "unknown field 'colour'"),
    ('msgctxt "leader.note"\nmsgid "x"\nmsgstr "   "\n', "empty value for required field 'note'"),
    ('msgctxt "leader.terms"\nmsgid "x"\nmsgstr ""\n"Führer\\n"\n"\\n"\n"Leiter"\n', "malformed list in 'terms': empty line 2"),
    ('msgctxt "leader.alternatives"\nmsgid "x"\nmsgstr "Leitung [sicher]"\n', "unknown alternative option [sicher]"),
    (
        'msgctxt "war-room.terms"\nmsgid "x"\nmsgstr "Kriegsraum"\n',
        "empty required value: alternatives, note, must_flag, must_not_flag",
    ),
]


@pytest.mark.parametrize(("body", "message"), BAD_ENTRIES, ids=[m.split(":")[0].split(" (")[0] for _, m in BAD_ENTRIES])
def test_import_errors_name_the_po_line(body: str, message: str, tmp_path: Path) -> None:
    root = copy_of(FIXTURE, tmp_path)
    header = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    path = tmp_path / "bad.po"
    path.write_text(header + body, encoding="utf-8")
    before = snapshot(root)
    with pytest.raises(CatalogError) as caught:
        po.import_po(path, root)
    error = caught.value
    assert error.path == str(path)
    assert message in error.message
    line = path.read_text(encoding="utf-8").splitlines()[error.line - 1]
    assert line.startswith(("msgctxt", "msgstr", '"'))
    assert snapshot(root) == before


def test_malformed_list_error_points_at_the_item_line(tmp_path: Path) -> None:
    root = copy_of(FIXTURE, tmp_path)
    path = tmp_path / "bad.po"
    path.write_text(
        'msgid ""\nmsgstr "Language: de\\n"\n\nmsgctxt "leader.terms"\nmsgid "x"\nmsgstr ""\n"Führer\\n"\n"Leiter [oops]"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as caught:
        po.import_po(path, root)
    assert caught.value.line == 8


def test_import_refuses_translations_that_break_the_lexicon(tmp_path: Path) -> None:
    root = copy_of(FIXTURE, tmp_path)
    catalog = po.export_po(po.open_folder(root), "de")
    for entry in catalog:
        if entry.msgctxt == "leader.must_flag":
            entry.msgstr = "Ein Satz ohne das Wort."
    (tmp_path / "de.po").write_text(po.render(catalog), encoding="utf-8")
    before = snapshot(root)
    with pytest.raises(CatalogError, match="would break the lexicon: .*must_flag example of 'leader'"):
        po.import_po(tmp_path / "de.po", root)
    assert snapshot(root) == before


def test_dry_run_shows_diff_and_writes_nothing(tmp_path: Path, golden) -> None:
    root = copy_of(FIXTURE, tmp_path)
    catalog = po.export_po(po.open_folder(root), "fr")
    simulated_translation(catalog, "fr")
    (tmp_path / "fr.po").write_text(po.render(catalog), encoding="utf-8")
    before = snapshot(root)
    result = po.import_po(tmp_path / "fr.po", root, dry_run=True)
    assert snapshot(root) == before
    assert not (root / "_translated_from").exists()
    golden("translate/import-fr-dry-run.diff", result.diff)


def test_new_locale_is_created_next_to_the_reference_layout(tmp_path: Path) -> None:
    root = copy_of(FIXTURE, tmp_path)
    pot = po.template(po.open_folder(root))
    catalog = po.init_po("es", pot)
    assert catalog.metadata["Language"] == "es" and all(not e.msgstr for e in catalog)
    simulated_translation(catalog, "es")
    (tmp_path / "es.po").write_text(po.render(catalog), encoding="utf-8")
    result = po.import_po(tmp_path / "es.po", root)
    assert result.new_entries == 2
    assert (root / "es" / "general.toml").is_file()
    assert po.open_folder(root).lexicon.entry("war-room", "es") is not None


@given(
    st.lists(
        st.builds(
            Term,
            st.text(st.characters(blacklist_characters="\\\n\r", blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1)
            .map(str.strip)
            .filter(bool),
            unless_followed_by=st.lists(st.from_regex(r"[a-zäöü]{1,8}", fullmatch=True), max_size=2).map(tuple),
            inflect=st.booleans(),
            case_sensitive=st.booleans(),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_term_lines_round_trip(terms: list[Term]) -> None:
    assert parse_value("terms", format_value("terms", tuple(terms))) == tuple(terms)


def test_every_field_of_terms_and_alternatives_has_a_line_syntax() -> None:
    """Fails when the model grows a field the PO format would silently drop."""
    import dataclasses

    from framing.model import Severity

    term = Term(
        "x",
        unless_followed_by=("a",),
        unless_preceded_by=("b",),
        unless_near=("c",),
        forms=("xs",),
        inflect=False,
        case_sensitive=True,
        severity=Severity.ERROR,
        only_followed_by=("d",),
        only_preceded_by=("e",),
        only_near=("f", "@number"),
        within=3,
        window=12,
        in_names=True,
        in_quotes=True,
        gender=("masculine", "feminine"),
    )
    assert {f.name for f in dataclasses.fields(Term)} == {f.name for f in dataclasses.fields(term) if f.name}
    for f in dataclasses.fields(Term):
        assert getattr(term, f.name) != f.default, f"test term leaves {f.name} at its default"
    assert parse_value("terms", format_value("terms", (term,))) == (term,)
    alternative = Alternative(
        "y [z]",
        safe=True,
        for_terms=("x",),
        forms=(("plural", "ys"),),
        gender="feminine",
        safe_because="a noun for a noun [in every sense], checked",
    )
    for f in dataclasses.fields(Alternative):
        assert getattr(alternative, f.name) != f.default, f"test alternative leaves {f.name} at its default"
    assert parse_value("alternatives", format_value("alternatives", (alternative,))) == (alternative,)


def test_a_regional_variant_exports_and_imports_only_what_it_sets(tmp_path: Path) -> None:
    root = tmp_path / "lexicons"
    (root / "pt").mkdir(parents=True)
    (root / "pt_BR").mkdir()
    (root / "concepts.toml").write_text('[guru]\ncategory = "religion"\n', encoding="utf-8")
    (root / "en.toml").write_text(
        '[guru]\nconcern = "transferred"\nsources = ["s"]\nterms = ["guru"]\nnote = "n"\nalternatives = ["expert"]\n'
        'must_flag = ["Ask a guru."]\nmust_not_flag = ["Ask an expert."]\n',
        encoding="utf-8",
    )
    (root / "pt" / "general.toml").write_text(
        '[guru]\nconcern = "transferred"\nsources = ["Priberam, s.v. guru"]\nterms = ["guru"]\nnote = "Nota."\n'
        'alternatives = ["especialista"]\nmust_flag = ["Pergunte ao guru."]\nmust_not_flag = ["Pergunte à especialista."]\n',
        encoding="utf-8",
    )
    (root / "pt_BR" / "general.toml").write_text('[guru]\nalternatives = ["craque"]\n', encoding="utf-8")
    folder = po.open_folder(root)
    assert folder.lexicon.entry("guru", "pt_BR").alternatives == (Alternative("especialista"), Alternative("craque"))
    catalog = po.export_po(folder, "pt_BR")
    translated = {e.msgctxt: e.msgstr for e in catalog if e.msgstr}
    assert translated == {"guru.alternatives": "craque"}  # the rest comes from pt
    for entry in catalog:
        if entry.msgctxt == "guru.alternatives":
            entry.msgstr = "craque\nfera"
    (tmp_path / "pt_BR.po").write_text(po.render(catalog), encoding="utf-8")
    po.import_po(tmp_path / "pt_BR.po", root)
    assert (root / "pt_BR" / "general.toml").read_text(
        encoding="utf-8"
    ) == '[guru]\nalternatives = [\n  "craque",\n  "fera",\n]\n'
    assert "craque" not in (root / "pt" / "general.toml").read_text(encoding="utf-8")
