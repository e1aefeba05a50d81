"""The pure parts of the precision benchmark (benchmarks/precision/): label keys, sampling, statistics, tables, label files.

No apt, no network, no corpus: small data only.
"""

from __future__ import annotations

import math
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.precision import corpora, labels, measure  # noqa: E402
from benchmarks.precision import run as precision_run  # noqa: E402
from framing.model import Finding, Reader, Severity  # noqa: E402

SENTENCE = (
    "Naive algorithms such as sha1(password) are not resistant against brute-force attacks. "
    "A good password hashing function must be tunable."
)


def key_at(
    text: str,
    match: str,
    *,
    document: str = "library/hashlib.rst",
    concept: str = "attack-metaphor",
    reader: str = "en",
    occurrence: int = 0,
) -> labels.Key:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(match, start + 1)
    return labels.key_of(document, concept, reader, text, start, start + len(match))


# --- keys ------------------------------------------------------------------------------


def test_key_holds_the_match_and_five_tokens_either_side():
    key = key_at(SENTENCE, "attacks")
    assert key == labels.Key(
        "library/hashlib.rst",
        "attack-metaphor",
        "en",
        "attacks",
        "not resistant against brute force",
        "a good password hashing function",
    )


@pytest.mark.parametrize(
    ("variant", "match"),
    [
        pytest.param(SENTENCE.replace("brute-force attacks.", "brute force **Attacks**."), "Attacks", id="markup-case-hyphen"),
        pytest.param(SENTENCE.replace(" are not resistant", "\n   are  not\nresistant"), "attacks", id="line-breaks-spacing"),
        pytest.param(SENTENCE.replace("tunable.", "tunable, slow, and include a salt."), "attacks", id="change-beyond-window"),
        pytest.param("Hashing\n=======\n\n" + SENTENCE, "attacks", id="heading-before"),
    ],
)
def test_key_survives_changes_that_are_not_the_finding(variant, match):
    assert key_at(variant, match) == key_at(SENTENCE, "attacks")


@pytest.mark.parametrize(
    ("variant", "reason"),
    [
        (SENTENCE.replace("brute-force", "dictionary"), "a word inside the window"),
        (SENTENCE.replace("A good", "One good"), "a word inside the window after"),
    ],
)
def test_key_changes_when_the_words_next_to_the_match_change(variant, reason):
    assert key_at(variant, "attacks") != key_at(SENTENCE, "attacks"), reason


def test_key_tells_document_concept_and_reader_apart():
    base = key_at(SENTENCE, "attacks")
    assert key_at(SENTENCE, "attacks", document="library/secrets.rst") != base
    assert key_at(SENTENCE, "attacks", concept="other") != base
    assert key_at(SENTENCE, "attacks", reader="de") != base


prose = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)


@settings(max_examples=200, deadline=None)
@given(prefix=prose, suffix=prose)
def test_key_ignores_any_text_beyond_the_window(prefix, suffix):
    # Whatever comes before and after, once the five words on either side are in place.
    text = f"{prefix}\n\n{SENTENCE}\n\n{suffix}"
    assert key_at(text, "attacks", occurrence=prefix.count("attacks")) == key_at(SENTENCE, "attacks")


def test_key_of_a_match_far_into_a_long_word_ignores_the_cut_word():
    long_a = "x" * 5000 + " the leader spoke"
    long_b = "y" * 4000 + " the leader spoke"
    key_a = labels.key_of("d", "leader", "en", long_a, long_a.index("leader"), long_a.index("leader") + 6)
    key_b = labels.key_of("d", "leader", "en", long_b, long_b.index("leader"), long_b.index("leader") + 6)
    assert key_a == key_b
    assert key_a.before == "the"


def test_wide_characters_are_tokens_of_their_own():
    assert labels.tokens("設定ファイルは blacklist です") == ["設", "定", "フ", "ァ", "イ", "ル", "は", "blacklist", "で", "す"]
    text = "カーネルモジュールをブラックリストに入れます"
    start = text.index("ブラックリスト")
    key = labels.key_of("d", "blacklist", "ja", text, start, start + 7)
    assert (key.before, key.after) == ("ジ ュ ー ル を", "に 入 れ ま す")


# --- sampling ----------------------------------------------------------------------------


ITEMS = [f"finding-{number}" for number in range(200)]


def test_sample_takes_all_when_fewer_and_size_otherwise():
    assert measure.sample(ITEMS[:7], 60, 1, str) == ITEMS[:7]
    assert len(measure.sample(ITEMS, 60, 1, str)) == 60
    assert measure.sample(ITEMS, 0, 1, str) == []


@settings(max_examples=50, deadline=None)
@given(st.permutations(ITEMS), st.integers(min_value=0, max_value=2**32))
def test_sample_does_not_depend_on_the_order_of_findings(shuffled, seed):
    assert sorted(measure.sample(shuffled, 20, seed, str)) == sorted(measure.sample(ITEMS, 20, seed, str))


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=0, max_value=len(ITEMS) - 1))
def test_sampled_findings_stay_sampled_when_another_goes(seed, gone):
    before = measure.sample(ITEMS, 20, seed, str)
    after = measure.sample(ITEMS[:gone] + ITEMS[gone + 1 :], 20, seed, str)
    assert set(before) - {ITEMS[gone]} <= set(after)
    assert len(after) == 20


def test_sample_depends_on_the_seed():
    assert measure.sample(ITEMS, 20, 1, str) != measure.sample(ITEMS, 20, 2, str)


def test_sample_keeps_input_order():
    chosen = measure.sample(ITEMS, 30, 7, str)
    assert chosen == sorted(chosen, key=ITEMS.index)


# --- Wilson interval ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [(0, 10, 0.0, 0.2775), (5, 10, 0.2366, 0.7634), (10, 10, 0.7225, 1.0), (11, 59, 0.1074, 0.3038), (59, 60, 0.9114, 0.9971)],
)
def test_wilson_interval_matches_published_values(successes, trials, low, high):
    interval = measure.wilson(successes, trials)
    assert interval is not None
    assert interval[0] == pytest.approx(low, abs=1e-4)
    assert interval[1] == pytest.approx(high, abs=1e-4)


def test_wilson_interval_needs_trials_and_a_proportion():
    assert measure.wilson(0, 0) is None
    with pytest.raises(ValueError):
        measure.wilson(3, 2)


@given(st.integers(min_value=1, max_value=500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_holds_the_observed_proportion(pair):
    successes, trials = pair
    low, high = measure.wilson(successes, trials)
    assert 0 <= low <= successes / trials <= high <= 1
    assert not math.isnan(low + high)


# --- cells, table, targets ---------------------------------------------------------------------


def cell(**changes):
    values = dict(corpus="python-docs", locale="en", audience=False, documents=497, size_bytes=3_798_543, findings=52,
                  sampled=52, true=8, false=40, target=0.9)  # fmt: skip
    values.update(changes)
    return measure.Cell(**values)


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"true": 60, "false": 0, "sampled": 60, "findings": 100}, "meets"),
        ({"true": 8, "false": 40}, "misses"),
        ({"true": 5, "false": 0, "sampled": 5, "findings": 20}, "undecided"),  # a sample too small to tell
        ({"true": 5, "false": 0, "sampled": 5, "findings": 5}, "meets"),  # every finding labelled: exact
        ({"true": 4, "false": 1, "sampled": 5, "findings": 5}, "misses"),
        ({"true": 0, "false": 0}, "unlabelled"),
        ({"findings": 0, "sampled": 0, "true": 0, "false": 0}, "no findings"),
        ({"target": None}, "no target"),
    ],
)
def test_cell_status_against_target(changes, status):
    assert cell(**changes).status() == status


def test_cell_figures():
    figures = cell()
    assert figures.labelled == 48
    assert figures.unlabelled == 4
    assert figures.precision == pytest.approx(8 / 48)
    assert figures.per_100kb == pytest.approx(52 / 3_798_543 * 100_000)
    assert figures.to_dict()["status"] == "misses"
    assert cell(size_bytes=0, findings=0, sampled=0, true=0, false=0).per_100kb is None


def test_text_table():
    table = measure.text_table([cell(), cell(audience=True, findings=1045, sampled=60, true=0, false=0, size_bytes=999_999)])
    assert table == (
        "corpus       locale            kB  findings  /100 kB  sampled  labelled  true  false  precision    95 % CI  unlabelled\n"
        "python-docs  en           3,798.5        52     1.37       52        48     8     40       0.17  0.09-0.30           4\n"
        "python-docs  en+audience  1,000.0     1,045   104.50       60         0     0      0          -          -          60\n"
    )


def test_markdown_table():
    assert measure.markdown_table([cell()]) == (
        "| corpus | locale | kB | findings | /100 kB | sampled | labelled | true | false | precision | 95 % CI | unlabelled |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        "| python-docs | en | 3,798.5 | 52 | 1.37 | 52 | 48 | 8 | 40 | 0.17 | 0.09-0.30 | 4 |\n"
    )


def test_target_report_groups_cells():
    report = measure.target_report(
        [cell(), cell(corpus="catalogs", locale="de", true=0, false=0), cell(corpus="debian-reference", locale="de", target=None)]
    )
    assert report == (
        "Target: precision >= 0.90\n"
        "  miss it (every finding labelled and precision below; or, from a sample, the whole 95 % interval): 1\n"
        "    python-docs en (0.17, 48 labelled)\n"
        "  findings but no labels yet: 1\n"
        "    catalogs de\n"
    )


# --- label files ------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_toml_strings_read_back_unchanged(value):
    assert tomllib.loads(f"x = {labels.toml_string(value)}")["x"] == value


def test_entries_with_any_field_names_read_back():
    entries = [{"msgid": "a", "introduced in translation": True, "x.y": 1}]
    assert tomllib.loads(labels.render_entries(entries, "two\nlines"))["label"] == entries


def entry(verdict, reason="a reason", **changes):
    values = {
        "document": "library/hashlib.rst",
        "concept": "attack-metaphor",
        "reader": "en",
        "match": "attacks",
        "before": "not resistant against brute force",
        "after": "a good password hashing function",
        "verdict": verdict,
        "reason": reason,
    }
    values.update(changes)
    return values


def test_read_labels_takes_booleans_and_words_and_skips_blanks(tmp_path):
    path = tmp_path / "labels.toml"
    entries = [entry(True), entry("false", match="attack"), entry("", match="attacked"), entry(" TRUE ", match="attacking")]
    path.write_text(labels.render_entries(entries, "header"), encoding="utf-8")
    read = labels.read_labels(path)
    assert {key.match: label.true_alarm for key, label in read.items()} == {"attacks": True, "attack": False, "attacking": True}


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([entry("maybe")], "verdict must be true, false or blank"),
        ([entry(True), entry(False)], "both true and false"),
        ([{"verdict": True}], "missing or not a string: document"),
    ],
)
def test_read_labels_refuses_what_it_cannot_use(tmp_path, entries, message):
    path = tmp_path / "labels.toml"
    path.write_text(labels.render_entries(entries), encoding="utf-8")
    with pytest.raises(labels.LabelError, match=message):
        labels.read_labels(path)


def test_read_labels_names_the_file_of_broken_toml(tmp_path):
    path = tmp_path / "labels.toml"
    path.write_text("[[label]]\ndocument = \n", encoding="utf-8")
    with pytest.raises(labels.LabelError, match="labels.toml"):
        labels.read_labels(path)


def test_write_labels_round_trips_sorted(tmp_path):
    path = tmp_path / "sub" / "labels.toml"
    read = {}
    for value in [entry(True, match="b"), entry(False, match="a", context='say "x"\n')]:
        key = labels.entry_key(value, "test")
        read[key] = labels.Label(key, value["verdict"], value["reason"], value.get("context", ""))
    labels.write_labels(path, read.values())
    assert labels.read_labels(path) == read
    assert [e["match"] for e in labels.read_entries(path)] == ["a", "b"]


def test_merge_adds_changes_and_skips_blanks():
    key = labels.entry_key(entry(True), "test")
    existing = {key: labels.Label(key, True, "a reason")}
    merged, result = labels.merge(
        [entry(False, "now false"), entry(True, match="new"), entry("", match="skipped")], existing, "file"
    )
    assert result == labels.MergeResult(added=1, changed=1, unchanged=0, blank=1)
    assert merged[key].true_alarm is False and merged[key].reason == "now false"
    assert len(merged) == 2
    assert existing[key].true_alarm is True  # the input is left alone


def test_merge_wants_a_reason():
    with pytest.raises(labels.LabelError, match="needs a reason"):
        labels.merge([entry(True, "  ")], {}, "file")


def test_context_marks_the_match_inside_its_paragraph():
    text = "First paragraph.\n\nThe Billion Laughs\nattack is old.\n\nNext paragraph."
    start = text.index("attack")
    assert labels.context_of(text, start, start + 6) == "The Billion Laughs [[attack]] is old."
    long = "word " * 300 + "attack " + "word " * 300
    context = labels.context_of(long, 1500, 1506, limit=60)
    assert context.startswith("... word") and context.endswith("word ...") and "[[attack]]" in context
    assert len(context) < 80


# --- the script's plumbing, on made-up findings -----------------------------------------------------


def occurrence(document, text, match, concept="kill", reader="en"):
    start = text.index(match)
    seen_by = Reader(
        reader, Severity.SUGGESTION, "A note.", "A short note.", own=reader == "en", name="" if reader == "en" else "German"
    )
    finding = Finding(start, start + len(match), match, concept, Severity.SUGGESTION, "A short note.", (seen_by,))
    return corpora.Occurrence(document, text, finding, seen_by)


def test_evaluate_counts_labels_of_the_sample_and_lists_the_rest(tmp_path):
    killed = occurrence("a.rst", "all threads are killed when the main thread exits", "killed")
    guru = occurrence("b.rst", "check with your local Python guru or administrator", "guru", concept="guru")
    guru_de = occurrence("b.rst", guru.text, "guru", concept="guru", reader="de")
    own = corpora.Linted("python-docs", "en", False, documents=2, size_bytes=100_000, occurrences=[killed, guru])
    audience = corpora.Linted("python-docs", "en", True, documents=2, size_bytes=100_000, occurrences=[killed, guru, guru_de])
    label = labels.Label(precision_run.key_of(killed), False, "process kill")
    stale = labels.Label(labels.Key("gone.rst", "kill", "en", "kill", "", ""), True, "gone")
    sets = {"python-docs-en": {label.key: label, stale.key: stale}}
    cells, unlabelled, matching = precision_run.evaluate([own, audience], 60, 1, sets)
    assert [(c.name, c.findings, c.sampled, c.true, c.false, c.unlabelled) for c in cells] == [
        ("python-docs en", 2, 2, 0, 1, 1),
        ("python-docs en+audience", 3, 3, 0, 1, 2),
    ]
    assert cells[0].target == 0.9
    assert matching == {"python-docs-en": {"labels": 2, "matching": 1}}
    entries = precision_run.unlabelled_entries(unlabelled)
    assert [(e["labels"], e["concept"], e["reader"], e["verdict"]) for e in entries] == [
        ("python-docs-en", "guru", "de", ""),
        ("python-docs-en", "guru", "en", ""),
    ]
    assert entries[0]["context"] == "check with your local Python [[guru]] or administrator"
    assert entries[0]["note"] == "For German readers: A note."


def test_merge_file_sends_entries_to_their_label_files(tmp_path):
    to_label = tmp_path / "to-label.toml"
    entries = [dict(labels="python-docs-en", **entry(True)), dict(labels="catalogs-de", **entry(False, reader="de")),
               dict(labels="catalogs-de", **entry("", match="x"))]  # fmt: skip
    to_label.write_text(labels.render_entries(entries), encoding="utf-8")
    lines = precision_run.merge_file(to_label, tmp_path / "labels")
    assert [line.split(": ", 1)[1] for line in lines] == [
        "1 added, 0 changed, 0 unchanged, 1 left blank",
        "1 added, 0 changed, 0 unchanged, 0 left blank",
    ]
    assert len(labels.read_labels(tmp_path / "labels" / "catalogs-de.toml")) == 1
    assert len(labels.read_labels(tmp_path / "labels" / "python-docs-en.toml")) == 1


def test_merge_file_refuses_a_label_file_name_that_is_a_path(tmp_path):
    to_label = tmp_path / "to-label.toml"
    to_label.write_text(labels.render_entries([dict(labels="../x", **entry(True))]), encoding="utf-8")
    with pytest.raises(labels.LabelError, match="must name a label file"):
        precision_run.merge_file(to_label, tmp_path / "labels")


# --- corpora: what is chosen, from small made-up listings --------------------------------------------


def test_reference_packages_map_translations_to_our_languages():
    listing = """debian-reference - metapackage to install (all) translations of Debian Reference
debian-reference-common - Debian system administration guide, common files
debian-reference-de - Debian system administration guide, German translation
debian-reference-en - Debian system administration guide, English original
debian-reference-id - Debian system administration guide, Indonesian translation
debian-reference-pt - Debian system administration guide, Portuguese translation
debian-reference-pt-br - Debian system administration guide, Portuguese translation
debian-reference-zh-cn - Debian system administration guide, Chinese (Simplified) translation
debian-reference-zh-tw - Debian system administration guide, Chinese (Traditional) translation
"""
    assert corpora.reference_packages(listing) == {
        "de": [("de", "de")],
        "en": [("en", "en")],
        "pt": [("pt", "pt"), ("pt-br", "pt_BR")],
        "zh": [("zh-cn", "zh_CN"), ("zh-tw", "zh_TW")],
    }


def test_catalog_files_take_language_and_country_folders_only(tmp_path):
    for folder in ("de", "de_CH", "en@quot", "zh_Hant", "zh_CN", "sv", "fr"):
        (tmp_path / folder / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / folder / "LC_MESSAGES" / "tool.mo").write_bytes(b"")
    found = corpora.catalog_files(tmp_path, ["de", "zh", "en"])
    assert {language: [f"{p.parent.parent.name}/{p.name}" for p in files] for language, files in found.items()} == {
        "de": ["de/tool.mo", "de_CH/tool.mo"],
        "zh": ["zh_CN/tool.mo"],
    }
    assert corpora.catalog_files(tmp_path / "missing", ["de"]) == {}


def test_languages_default_to_all_and_refuse_unknown_ones():
    assert corpora.chosen_languages([]) == corpora.supported_languages()
    assert corpora.chosen_languages(["en", "de"]) == ["en", "de"]
    with pytest.raises(ValueError, match="unknown language xx"):
        corpora.chosen_languages(["en", "xx"])
