"""check-po: translations linted in their target locale; findings introduced in translation; real catalogs."""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest

from framing.errors import FramingError, LocaleError
from framing.lexicon import load
from framing.translate import CatalogError
from framing.translate.check import CatalogChecker, catalog_locale, check_catalog, coverage, located, read_catalog

DATA = Path(__file__).parent / "data"
CATALOG = DATA / "translate" / "coordinator.po"
LEXICON = load([DATA / "lexicon"], builtin=False)


def test_findings_with_line_msgid_and_introduced_mark() -> None:
    report = check_catalog(CATALOG, lexicon=LEXICON)
    assert report.locale == "de" and report.kind == "po"
    got = [(item.line, item.msgid, item.finding.concept, item.finding.text, item.introduced) for item in report.findings]
    assert got == [
        (13, "Ask the coordinator of your team.", "leader", "Führer", True),
        (17, "Our leaders will meet on Friday.", "leader", "Führer", False),
        (26, "One leader", "leader", "Führer", False),
        (27, "One leader", "leader", "Führer", False),
    ]
    lines = CATALOG.read_text(encoding="utf-8").splitlines()
    assert lines[12].startswith('msgstr "Fragen Sie den Führer')
    assert lines[26].startswith('msgstr[1] "{n} Führer"')
    assert (report.coverage.translated, report.coverage.fuzzy, report.coverage.untranslated) == (3, 1, 1)


def test_mo_files_are_checked_without_lines(tmp_path: Path) -> None:
    mo = tmp_path / "de" / "LC_MESSAGES" / "example.mo"
    mo.parent.mkdir(parents=True)
    catalog = polib.pofile(str(CATALOG))
    del catalog.metadata["Language"]  # the folder tells the language
    catalog.save_as_mofile(str(mo))
    report = check_catalog(mo, lexicon=LEXICON)
    assert report.kind == "mo" and report.locale == "de"
    assert {(item.line, item.msgid, item.introduced) for item in report.findings} >= {
        (None, "Ask the coordinator of your team.", True)
    }


def test_template_checks_source_texts(tmp_path: Path) -> None:
    pot = tmp_path / "app.pot"
    pot.write_text('msgid ""\nmsgstr ""\n\nmsgid "Meet our leaders."\nmsgstr ""\n', encoding="utf-8")
    report = check_catalog(pot, lexicon=LEXICON)
    assert [(i.line, i.finding.concept, i.introduced) for i in report.findings] == [(4, "leader", False)]


def test_unknown_language_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr "Language: kab\\n"\n\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    with pytest.raises(LocaleError) as caught:
        check_catalog(path, lexicon=LEXICON)
    assert caught.value.path == str(path)


def test_broken_po_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.po"
    path.write_text('msgid "a"\nmsgstr "b"\nthis is not po\n', encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert caught.value.path == str(path) and caught.value.line == 3


SYSTEM_CATALOGS = sorted(Path("/usr/share/locale").glob("*/LC_MESSAGES/*.mo"))
LINTED = {"en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "ar", "zh", "ja", "ko"}


def system_sample() -> list[Path]:
    """Every catalog when FRAMING_ALL_SYSTEM_CATALOGS=1 (minutes); else the smallest of each language
    folder plus every catalog under 30 kB of a language framing lints (seconds)."""
    if os.environ.get("FRAMING_ALL_SYSTEM_CATALOGS") == "1":
        return SYSTEM_CATALOGS
    smallest: dict[str, Path] = {}
    chosen = set()
    for path in SYSTEM_CATALOGS:
        folder = path.parts[-3]
        size = path.stat().st_size
        if folder not in smallest or size < smallest[folder].stat().st_size:
            smallest[folder] = path
        if folder.split("_")[0].split("@")[0] in LINTED and size < 30_000:
            chosen.add(path)
    return sorted(chosen | set(smallest.values()))


@pytest.mark.skipif(not SYSTEM_CATALOGS, reason="no .mo files under /usr/share/locale on this machine")
def test_system_catalogs_parse_and_check_without_crash() -> None:
    checked = 0
    checker = CatalogChecker(LEXICON)
    sample = system_sample()
    for path in sample:
        catalog, kind = read_catalog(path)
        assert kind == "mo"
        counts = coverage(catalog)
        assert counts.total == len([e for e in catalog if e.msgid])
        try:
            catalog_locale(catalog, path)
            report = checker.check(path)
        except LocaleError as error:  # a language framing does not lint: a clean, located error
            assert error.path == str(path)
            continue
        except FramingError as error:
            pytest.fail(f"{path}: {error}")
        checked += 1
        assert all(item.line is None for item in report.findings)
    assert checked > 0 or not any(p.parts[-3].split("_")[0] in LINTED for p in sample)


MENU = DATA / "translate" / "menu.po"


def _catalogs(tmp_path: Path) -> dict[str, Path]:
    """The catalogs whose findings are compared with framing lint's: PO files, a template and an MO file."""
    pot = tmp_path / "app.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n\n#: a.py:1\nmsgctxt "c"\nmsgid "Meet"\nmsgid_plural "our leaders"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    mo = tmp_path / "de.mo"
    polib.pofile(str(MENU)).save_as_mofile(str(mo))
    return {"coordinator.po": CATALOG, "menu.po": MENU, "app.pot": pot, "de.mo": mo}


@pytest.mark.parametrize("name", ["coordinator.po", "menu.po", "app.pot", "de.mo"])
def test_findings_are_placed_where_framing_lint_places_them(name: str, tmp_path: Path) -> None:
    from framing.config import Overrides
    from framing.report import locate
    from framing.runner import run

    path = _catalogs(tmp_path)[name]
    placed = located([check_catalog(path, lexicon=LEXICON)])
    result = run([str(path)], overrides=Overrides(lexicons=(str(DATA / "lexicon"),)), builtin=False)
    (document,) = result.results
    linted = locate(str(path), document.document.text, list(document.findings))

    def where(items: list) -> list[tuple]:  # type: ignore[type-arg]
        return [(i.line, i.column, i.end_line, i.end_column, i.finding.start, i.finding.end, i.finding.text) for i in items]

    assert placed and where(placed) == where(linted)


def test_located_findings_name_the_entry_and_say_what_is_new() -> None:
    report = check_catalog(MENU, lexicon=LEXICON)
    assert [(item.line, item.msgctxt, item.introduced) for item in report.findings] == [
        (14, "menu", True),
        (20, None, True),
        (28, None, False),  # msgstr[1]: msgstr[0] is empty
    ]
    first, second, third = located([report])
    assert dict(first.extra) == {"msgid": 'Contact the "coordinator"', "msgctxt": "menu", "introduced": True}
    assert first.remark == 'msgid "Contact the "coordinator"" [introduced in translation]'
    assert (second.line, second.column) == (22, 38)  # on the continuation line, after the tab's escape
    assert dict(third.extra) == {"msgid": "One leader", "introduced": False} and third.remark == 'msgid "One leader"'
    assert located([report], introduced_only=True) == [first, second]


def test_long_msgids_are_shortened_in_the_remark(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    msgid = "Ask the coordinator " + "of the team " * 10
    path.write_text(f'msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "{msgid}"\nmsgstr "Fragen Sie den Führer."\n', encoding="utf-8")
    (item,) = located([check_catalog(path, lexicon=LEXICON)])
    assert item.remark == 'msgid "' + msgid[:60] + '…" [introduced in translation]'
    assert dict(item.extra)["msgid"] == msgid


def test_a_string_read_otherwise_by_polib_places_the_finding_on_the_whole_string(tmp_path: Path) -> None:
    # polib keeps the unknown escape \a as two characters; the reader decodes it: the offsets cannot be mapped.
    path = tmp_path / "de.po"
    path.write_text('msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Ask"\nmsgstr "\\a den Führer fragen"\n', encoding="utf-8")
    (item,) = located([check_catalog(path, lexicon=LEXICON)])
    assert (item.line, item.column, item.end_line, item.end_column) == (5, 9, 5, 29)
    assert item.finding.text == "Führer"
