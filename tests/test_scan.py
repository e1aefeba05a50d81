"""``framing scan``: MediaWiki dumps read in parts, on local processes or a Dask cluster, with the same rows either way."""

from __future__ import annotations

import bz2
import gzip
import importlib.util
import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

pytest.importorskip("mwxml")
pq = pytest.importorskip("pyarrow.parquet")

import mwxml  # noqa: E402

from framing.cli import register_commands  # noqa: E402
from framing.config import Overrides  # noqa: E402
from framing.scan import dump, work  # noqa: E402
from framing.scan import run as scanning  # noqa: E402

DATA = Path(__file__).parent / "data" / "scan"
SAMPLE = DATA / "sample-en.xml"
GERMAN = DATA / "sample-de.xml.bz2"
MATCHING = Path(__file__).parent / "data" / "matching"
OWN = ["--no-builtin", "--lexicon", str(MATCHING)]
OWN_OVERRIDES = Overrides(lexicons=(str(MATCHING),))
app = register_commands()


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_sample", DATA / "build_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = _load_builder().render


def cli(*args: str):
    return CliRunner().invoke(app, ["scan", *args])


def rows(path: Path) -> list[tuple]:
    """Return the rows of a Parquet file or dataset folder as sorted tuples (the order of parts is not the point)."""
    table = pq.read_table(path) if path.is_file() else pq.ParquetDataset(path).read()
    return sorted(tuple(tuple(v) if isinstance(v, list) else v for v in row.values()) for row in table.to_pylist())


def scan_rows(tmp_path: Path, name: str, dumps: list[Path], **options) -> list[tuple]:
    target = tmp_path / name
    options.setdefault("overrides", OWN_OVERRIDES)
    scanning.scan([str(d) for d in dumps], builtin=False, output_path=target, **options)
    return rows(target)


def as_text(found: list[tuple]) -> str:
    return "".join("\t".join(str(value) for value in row) + "\n" for row in found)


# --- reading dumps ----------------------------------------------------------------------------------------------


def test_site_info_gives_language_and_namespaces():
    info = dump.site_info(str(SAMPLE))
    assert (info.name, info.dbname, info.language) == ("Example Community Wiki", "examplewiki", "en")
    assert info.namespace_id("Grants") == 200
    assert info.namespace_id("grants_talk") == 201
    assert info.namespace_id("Main") == info.namespace_id("0") == 0
    assert info.namespace_id("Nowhere") is None


def _pages_of(data: bytes, path: Path, count: int) -> list[tuple]:
    path.write_bytes(data)
    header, length = dump.read_header(str(path))
    found = []
    for part in dump.parts_of(str(path), count):
        for _raw, read in dump.pages(part, header, length):
            page = read()
            found.append((page.id, page.title, [(r.id, r.text) for r in page]))
    return found


def _whole(data: bytes) -> list[tuple]:
    return [(p.id, p.title, [(r.id, r.text) for r in p]) for p in mwxml.Dump.from_file(io.BytesIO(data))]


page_text = st.lists(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40) | st.sampled_from(["<page>", "</page>", "&", "\n"]),
    max_size=12,
).map("".join)


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.lists(page_text, min_size=1, max_size=3), min_size=0, max_size=6), count=st.integers(1, 9))
def test_parts_hold_every_page_once_as_mwxml_reads_the_whole_dump(tmp_path_factory, texts, count):
    pages = [
        (10 + n, 0, f"Page {n}", [(100 * n + k, "2020-01-01T00:00:00Z", text) for k, text in enumerate(revisions)])
        for n, revisions in enumerate(texts)
    ]
    data = render("W", "w", "en", {0: ""}, pages).encode()
    folder = tmp_path_factory.mktemp("dumps")
    expected = _whole(data)
    assert _pages_of(data, folder / "d.xml", count) == expected
    interleaved = sorted(_pages_of(gzip.compress(data), folder / "d.xml.gz", count))
    assert interleaved == sorted(expected)


def test_not_a_dump_is_an_input_error(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>hello</note></notes>\n")
    result = cli(str(path))
    assert result.exit_code == 2
    assert "not a MediaWiki XML dump" in result.stderr


# --- rows ------------------------------------------------------------------------------------------------------


def test_history_rows_match_the_golden_file(tmp_path, golden):
    found = scan_rows(tmp_path, "out", [SAMPLE], history=True, jobs=1)
    golden("scan/sample-en-history.tsv", as_text(found))


@pytest.mark.parametrize(
    ("options", "revisions"),
    [
        ({}, {1003, 1012, 1021, 1032, 1041, 1051, 1062, 1071}),
        ({"history": True, "namespaces": ["Grants"]}, {1001, 1002, 1003, 1011, 1012, 1061, 1062}),
        ({"history": True, "namespaces": ["201", "User"]}, {1021, 1051}),
        ({"title_prefix": "Grants:Project/P"}, {1012}),
        ({"until": "2017-12-31"}, {1002, 1031, 1041}),
        ({"since": "2020-01-01"}, {1003, 1032, 1062, 1071}),
        ({"history": True, "since": "2018-01-01", "until": "2018-12-31"}, {1011, 1021}),
    ],
)
def test_selection_of_pages_and_revisions(options, revisions, monkeypatch):
    linted = []
    original = work.lint_revision

    def spy(text, title, linter, settings):
        linted.append(text)
        return original(text, title, linter, settings)

    monkeypatch.setattr(work, "lint_revision", spy)
    for key in ("since", "until"):
        if key in options:
            options[key] = scanning.parse_time(options[key], end=key == "until")
    report = scanning.scan([str(SAMPLE)], overrides=OWN_OVERRIDES, builtin=False, jobs=1, **options)
    texts = {revision.id: revision.text for page in mwxml.Dump.from_file(open(SAMPLE, "rb")) for revision in page}
    assert sorted(linted) == sorted(texts[r] for r in revisions)
    assert report.revisions == len(revisions)


def test_same_rows_from_every_division_and_compression(tmp_path):
    expected = scan_rows(tmp_path, "one", [SAMPLE], history=True, jobs=1, parts=1)
    data = SAMPLE.read_bytes()
    (tmp_path / "s.xml.bz2").write_bytes(bz2.compress(data))
    (tmp_path / "s.xml.gz").write_bytes(gzip.compress(data))
    assert scan_rows(tmp_path, "seven", [SAMPLE], history=True, jobs=1, parts=7) == expected
    assert scan_rows(tmp_path, "bz2", [tmp_path / "s.xml.bz2"], history=True, jobs=2, parts=3) == expected
    assert scan_rows(tmp_path, "gz", [tmp_path / "s.xml.gz"], history=True, jobs=1, parts=2) == expected


def test_one_file_holds_the_rows_of_the_folder(tmp_path):
    folder = scan_rows(tmp_path, "folder", [SAMPLE], history=True, jobs=1, parts=4)
    assert scan_rows(tmp_path, "rows.parquet", [SAMPLE], history=True, jobs=1, parts=4) == folder
    assert not (tmp_path / "rows.parquet.parts").exists()
    assert pq.read_schema(tmp_path / "rows.parquet").names == list(work.COLUMNS)


def test_dump_language_is_the_default_locale_and_locale_overrides_it(tmp_path):
    # the built-in lexicons: the German sample speaks of a "schwarze Liste"
    scanning.scan([str(GERMAN)], history=True, jobs=1, output_path=tmp_path / "de")
    found = rows(tmp_path / "de")
    assert found and {row[-1][0] for row in found} == {"de"}
    result = cli(str(GERMAN), "--history", "--locale", "en", "-j", "1", "--summary")
    assert result.exit_code == 0
    assert "no findings" in result.stdout


def test_audience_readers_are_listed_with_the_writers_own_first(tmp_path):
    found = scan_rows(tmp_path, "audience", [SAMPLE], jobs=1, overrides=Overrides(audience=("de",), lexicons=(str(MATCHING),)))
    readers = {tuple(row[-1]) for row in found}
    assert readers and all(r[0] == "en" for r in readers)
    assert ("en", "de") in readers


def test_summary_and_plot(tmp_path, golden):
    result = cli(str(SAMPLE), "--history", "-j", "1", *OWN, "--summary", "--plot", str(tmp_path / "top.svg"))
    assert result.exit_code == 0
    golden("scan/summary.txt", result.stdout)
    assert result.stderr == "7 findings in 13 revisions of 8 pages; 0 skipped, 0 parts not scanned\n"
    drawing = (tmp_path / "top.svg").read_text()
    assert drawing.startswith("<?xml") and "<svg" in drawing


def test_plot_must_be_png_or_svg(tmp_path):
    result = cli(str(SAMPLE), "--plot", str(tmp_path / "top.pdf"))
    assert result.exit_code == 2
    assert ".png or .svg" in result.stderr


def test_without_the_extra_it_names_the_extra_and_exits_2(monkeypatch):
    import framing.scan

    monkeypatch.setattr(framing.scan, "missing", lambda: ["mwxml", "dask"])
    result = cli(str(SAMPLE))
    assert result.exit_code == 2
    assert "pip install 'framing-termlint[scan]'" in result.stderr


def test_unknown_namespace_is_a_usage_error():
    result = cli(str(SAMPLE), "--namespace", "Nowhere")
    assert result.exit_code == 2
    assert "no namespace 'Nowhere'" in result.stderr


# --- a Dask cluster ---------------------------------------------------------------------------------------------


def test_a_dask_cluster_of_two_workers_gives_the_rows_of_a_local_run(tmp_path):
    distributed = pytest.importorskip("distributed")
    local = scan_rows(tmp_path, "local", [SAMPLE], history=True, jobs=2)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=None,
    ) as cluster:
        result = cli(str(SAMPLE), "--history", *OWN, "--scheduler", cluster.scheduler_address, "-o", str(tmp_path / "dask"))
        assert result.exit_code == 0, result.stderr
    assert rows(tmp_path / "dask") == local
    assert len(list((tmp_path / "dask").glob("part-*.parquet"))) == 4  # twice the workers


# --- faults -----------------------------------------------------------------------------------------------------


def test_truncated_dump_loses_only_the_page_it_ends_in(tmp_path):
    data = SAMPLE.read_bytes()
    cut = data.index(b"<title>Project:Style guide</title>") + 200
    (tmp_path / "cut.xml").write_bytes(data[:cut])
    result = cli(str(tmp_path / "cut.xml"), "--history", "-j", "1", *OWN, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "skipped page 105 (Project:Style guide)" in result.stderr
    whole = scan_rows(tmp_path, "whole", [SAMPLE], history=True, jobs=1)
    assert rows(tmp_path / "out") == [row for row in whole if row[0] < 105]
    failing = cli(str(tmp_path / "cut.xml"), "--history", "-j", "1", *OWN, "--fail-on", "skipped")
    assert failing.exit_code == 1


def test_corrupt_compressed_dump_keeps_the_rows_before_the_damage(tmp_path):
    builder = _load_builder()
    pages = [
        (page_id + 1000 * copy, namespace, f"{title} {copy}", [(rev + 10000 * copy, when, text) for rev, when, text in revisions])
        for copy in range(40)
        for page_id, namespace, title, revisions in builder.EN_PAGES
    ]
    packed = gzip.compress(render("W", "w", "en", builder.NAMESPACES, pages).encode())
    (tmp_path / "cut.xml.gz").write_bytes(packed[: len(packed) * 2 // 3])
    result = cli(str(tmp_path / "cut.xml.gz"), "--history", "-j", "1", "--parts", "1", *OWN, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "the dump cannot be read on after page" in result.stderr
    found = rows(tmp_path / "out")
    (tmp_path / "whole.xml").write_text(render("W", "w", "en", builder.NAMESPACES, pages))
    whole = scan_rows(tmp_path, "whole", [tmp_path / "whole.xml"], history=True, jobs=1)
    assert len(found) > len(whole) // 2 and set(found) < set(whole)


def test_compressed_dump_unreadable_from_its_start_is_an_input_error(tmp_path):
    packed = bz2.compress(SAMPLE.read_bytes())  # one bz2 block: nothing of it can be read without its end
    (tmp_path / "cut.xml.bz2").write_bytes(packed[: len(packed) // 2])
    result = cli(str(tmp_path / "cut.xml.bz2"))
    assert result.exit_code == 2
    assert "cannot read: Compressed file ended before the end-of-stream marker was reached" in result.stderr


def test_pages_that_break_the_reader_are_skipped_with_their_ids(tmp_path):
    data = SAMPLE.read_text()
    hostile = "{{" * 40 + " our leader"
    data = data.replace("I edit articles about rivers", hostile.replace("&", "&amp;"))
    broken_xml = data.index("<title>Talk:Main Page</title>")
    data = data[:broken_xml] + "<title>Talk:Main Page</title><ns>1</ns><id>108</id><revision><bogus>" + data[broken_xml + 60 :]
    (tmp_path / "broken.xml").write_text(data)
    result = cli(str(tmp_path / "broken.xml"), "--history", "-j", "1", *OWN, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "skipped page 106 (User:Ana) revision 1051: too malformed to read" in result.stderr
    assert "skipped page 108 (Talk:Main Page)" in result.stderr
    assert {row[0] for row in rows(tmp_path / "out")} == {101, 102, 103}
    assert cli(str(tmp_path / "broken.xml"), "-j", "1", *OWN, "--fail-on", "error").exit_code == 1


def _die_on_user_pages(text, title, linter, settings):
    if title.startswith("User:"):
        os._exit(3)
    return _ORIGINAL_LINT(text, title, linter, settings)


_ORIGINAL_LINT = work.lint_revision


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(), reason="workers inherit the patch by fork"
)
def test_a_worker_that_dies_loses_its_part_and_resume_scans_it(tmp_path, monkeypatch):
    target = tmp_path / "out"
    monkeypatch.setattr(work, "lint_revision", _die_on_user_pages)
    result = cli(str(SAMPLE), "--history", "-j", "2", "--parts", "4", *OWN, "-o", str(target))
    assert result.exit_code == 0
    assert "not scanned: BrokenProcessPool" in result.stderr
    assert "run again with --resume" in result.stderr
    kept = list(target.glob("part-*.parquet"))
    assert 0 < len(kept) < 4
    monkeypatch.setattr(work, "lint_revision", _ORIGINAL_LINT)
    resumed = cli(str(SAMPLE), "--history", "-j", "2", "--parts", "4", *OWN, "-o", str(target), "--resume")
    assert resumed.exit_code == 0, resumed.stderr
    assert f"({len(kept)} parts kept from before)" in resumed.stderr
    assert rows(target) == scan_rows(tmp_path, "clean", [SAMPLE], history=True, jobs=1)


def test_resume_refuses_a_folder_of_another_scan(tmp_path):
    target = tmp_path / "out"
    assert cli(str(SAMPLE), "-j", "1", *OWN, "-o", str(target)).exit_code == 0
    result = cli(str(SAMPLE), "--history", "-j", "1", *OWN, "-o", str(target), "--resume")
    assert result.exit_code == 2
    assert "cannot resume" in result.stderr
    shutil.rmtree(target)


def test_output_folder_must_be_new_or_resumed(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n")
    result = cli(str(SAMPLE), "-j", "1", *OWN, "-o", str(target))
    assert result.exit_code == 2
    assert "the output folder is not empty" in result.stderr
    assert (target / "notes.txt").read_text() == "mine\n"
    assert "--resume needs --output" in cli(str(SAMPLE), "--resume").stderr
