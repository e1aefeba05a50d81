"""Chinese, Japanese and Korean: a match is whole words, as jieba, SudachiPy and Kiwi cut the sentence.

The collisions are the real sentences of the ru-pl-zh-ja-ko-ar lexicon review, where a
term was found inside other words (and ``--fix`` rewrote half-words).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from framing import Linter, LocaleError, fix, i18n, segmentation
from framing.cli import register_commands
from framing.lexicon import load
from framing.patterns import CharacterMatcher, compile_patterns

ROOT = Path(__file__).parent.parent
OWN_DIR = Path(__file__).parent / "data" / "segmentation"
LEXICON = load()
OWN = load([OWN_DIR], builtin=False)
_LINTERS: dict[tuple[str, str], Linter] = {}


def lint(text: str, locale: str, lexicon: str = "builtin"):
    key = (locale, lexicon)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(locale, lexicon=LEXICON if lexicon == "builtin" else OWN)
    return _LINTERS[key].lint(text)


COLLISIONS = [
    ("zh", "衬衫的衣领袖口要单独清洗。", "leader"),  # 衣领 + 袖口
    ("zh", "费孝通的乡土著作影响深远。", "natives"),  # 乡土 + 著作
    ("zh", "心智障碍者家长协会呼吁加强支持。", "retard"),  # 心智 + 障碍者
    ("zh", "这项政策会削弱智能制造的竞争力。", "retard"),  # 削弱 + 智能
    ("zh", "抗战是一场神圣战争。", "holy-war"),  # 神圣 + 战争
    ("ja", "今年の総統計を発表した。", "leader"),  # 総 + 統計
    ("ja", "その土地の風土人情に触れる旅だった。", "natives"),  # 風土 + 人情
    ("ja", "遺跡の出土人骨を分析した。", "natives"),  # 出土 + 人骨
    ("ja", "沖縄の人は本土人という言い方をする。", "natives"),  # 本土 + 人
    ("ja", "スマホの使いかたわからない。", "cripple"),  # かた + わから
    ("ja", "やりかたわかりますか？", "cripple"),
    ("ja", "東京と空気違いますね。", "crazy-insane"),  # 空気 + 違い
    ("ja", "特攻隊の若者たちの手紙を読んだ。", "suicide-mission"),  # 特攻隊 is one word
    ("ko", "감염병신고서를 보건소에 제출했다.", "cripple"),  # 감염병 + 신고서
    ("ko", "법정감염병신고 절차를 안내합니다.", "cripple"),
    ("ko", "영도자동차학원에 등록했다.", "leader"),  # 영도 + 자동차
]


@pytest.mark.parametrize(("locale", "text", "concept"), COLLISIONS, ids=[f"{c[0]}-{c[2]}-{c[1][:8]}" for c in COLLISIONS])
def test_a_term_inside_other_words_is_not_found(locale, text, concept):
    assert concept not in {f.concept for f in lint(text, locale)}


def test_those_collisions_are_character_matches():
    # Each collision above holds its term's characters: only the word test keeps it quiet.
    for locale, text, concept in COLLISIONS:
        entries = [e for e in LEXICON.entries(locale) if e.concept == concept]
        # bare: the characters alone, whatever context conditions the entry adds on top
        matcher = CharacterMatcher(compile_patterns(entries, lambda term: [term], None), bare=True)
        assert matcher.find(text), (locale, text)
        assert matcher.find(text, lambda start, end: False) == []


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("ja", "その土地の風土人情に触れる旅だった。"),
        ("ja", "遺跡の出土人骨を分析した。"),
        ("ko", "영도자동차학원에 등록했다."),
        ("zh", "衬衫的衣领袖口要单独清洗。"),
    ],
)
def test_fix_leaves_other_words_alone(locale, text):
    assert fix(text, locale) == (text, [])


MUST_MATCH = [
    # Chinese in running text, and terms that are one part of a longer word
    ("zh", "我们的领袖决定下周发布新版本。", "领袖", "leader"),
    ("zh", "评论区里来了一群网络红卫兵。", "红卫兵", "red-guards"),
    ("zh", "这次重构是我们的技术大跃进。", "大跃进", "great-leap-forward"),
    ("zh", "这些落后国家需要援助。", "落后国家", "developing-country"),  # two words: 落后 + 国家
    ("zh", "這次重構是我們的技術大躍進。", "大躍進", "great-leap-forward"),  # cut 大 + 躍 + 進: only the ends count
    ("zh", "那个聋哑人用手语和我们交流。", "聋哑", "deaf-mute"),  # one word 聋哑人 = 聋哑 + 人
    ("zh", "周五的复盘简直是一场批斗会。", "批斗", "struggle-session"),  # 批斗会 = 批斗 + 会
    ("zh", "学校为弱智儿童开设了特殊班。", "弱智", "retard"),
    ("zh", "Emacs和Vim之争是一场圣战。", "圣战", "holy-war"),
    # Japanese: okurigana and what follows a noun
    ("ja", "気違いじみた計画だ。", "気違い", "crazy-insane"),
    ("ja", "彼を気違い扱いするな。", "気違い", "crazy-insane"),
    ("ja", "総統閣下の許可が必要です。", "総統", "leader"),
    ("ja", "非国民呼ばわりされた。", "非国民", "hikokumin"),
    ("ja", "日本はデジタル後進国扱いされる。", "後進国", "developing-country"),
    ("ja", "昔はかたわと呼ばれた。", "かたわ", "cripple"),  # Sudachi cuts かた + わ: only the ends count
    ("ja", "そのアドレスをブラックリストに入れた。", "ブラックリスト", "blacklist"),
    ("ja", "経営陣の説明はまるで大本営発表だ。", "大本営発表", "daihonei-happyo"),
    # Korean: particles and endings attached to the noun
    ("ko", "그를 영도자로 모셨다.", "영도자", "leader"),
    ("ko", "위대한 영도자께서 말씀하셨다.", "영도자", "leader"),
    ("ko", "병신이 따로 없네.", "병신", "cripple"),
    ("ko", "빨갱이라고 몰아세웠다.", "빨갱이", "ppalgaengi"),
    ("ko", "꿀 먹은 벙어리처럼 가만히 있었다.", "벙어리", "deaf-mute"),
    ("ko", "그는 절름발이가 되었다.", "절름발이", "cripple"),
    ("ko", "후진국에서나 일어날 일이다.", "후진국", "developing-country"),
    ("ko", "신입 사원들이 총알받이가 되었다.", "총알받이", "cannon-fodder"),
    ("ko", "우리 팀 수령님께서 새 규칙을 정하셨다.", "수령님", "leader"),
    ("ko", "플러그인 설치는 누워서 떡 먹기다.", "누워서 떡 먹기", "piece-of-cake"),
]


@pytest.mark.parametrize(
    ("locale", "text", "matched", "concept"), MUST_MATCH, ids=[f"{c[0]}-{c[3]}-{c[1][:8]}" for c in MUST_MATCH]
)
def test_terms_with_particles_endings_and_in_compounds_are_found(locale, text, matched, concept):
    assert (matched, concept) in {(f.text, f.concept) for f in lint(text, locale)}


@pytest.mark.parametrize(
    ("locale", "text", "matched"),
    [
        ("ko", "우리 지도자가 왔다.", "지도자"),  # 지도자 + 가
        ("ko", "지도자들은 회의를 했다.", "지도자"),
        ("zh", "我们的领袖来了。", "领袖"),
        ("ja", "うちの総統が決めた。", "総統"),
    ],
)
def test_own_lexicon_terms_are_found(locale, text, matched):
    assert [f.text for f in lint(text, locale, "own")] == [matched]


@pytest.mark.parametrize(
    ("locale", "text", "term"),
    [
        ("zh", "他是我们的精神领袖。", "领袖"),  # unless_preceded_by 精神 (精神领袖 is one word: its part 领袖 counts)
        ("ja", "総統閣下の許可が必要です。", "総統"),  # unless_followed_by 閣下
        ("ko", "2016년 병신년 새해가 밝았다.", "병신"),  # unless_followed_by 년
    ],
)
def test_context_conditions_still_silence_whole_words(locale, text, term):
    start = text.index(term)
    assert segmentation.whole_words(locale, text)(start, start + len(term))
    assert lint(text, locale, "own") == []


def test_own_lexicon_examples_pass():
    from framing.engine import check_examples

    assert check_examples(OWN, OWN.locales()) == []


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("一。二三。四", 2, 3, (2, 5)),  # from after the full stop before to after the one after
        ("一。二三。四", 5, 6, (5, 6)),
        ("첫째. 둘째 셋째. 넷째", 4, 6, (3, 10)),  # a Korean full stop before a space ends a sentence
        ("v1.2 版本", 5, 7, (5, 7)),  # a full stop inside a number does not; the space is a soft break
        ("あ" * 500, 250, 252, (50, 452)),  # no break near: cut at the window
        ("い" * 300 + "、" + "あ" * 300, 400, 402, (301, 601)),  # a comma is a soft break
        ("あ、" * 300, 300, 302, (102, 502)),  # the soft breaks farthest from the span, within the window
    ],
    ids=["before", "last", "korean", "number", "window", "comma", "farthest"],
)
def test_sentence_around(text, start, end, expected):
    assert segmentation.sentence_around(text, start, end) == expected


FRAGMENTS = {
    "zh": ["领袖", "衣领", "袖口", "土著", "乡土", "著作", "心智", "障碍", "弱智", "智能", "。", " ", "A1", "😀", "\n"],
    "ja": ["総統", "統計", "風土", "人情", "土人", "かた", "わから", "気違い", "空気", "の", "。", " ", "ｶﾀｶﾅ", "\n"],
    "ko": ["영도자", "자동차", "병신", "감염병", "신고서", "가", "를", "했다", ". ", " ", "😀", "\n"],
}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(FRAGMENTS)), st.data())
def test_words_only_remove_character_matches(locale, data):
    text = "".join(data.draw(st.lists(st.sampled_from(FRAGMENTS[locale]), max_size=12)))
    words = segmentation.words(locale, text)
    assert all(0 <= start <= end <= len(text) for start, end in words)
    matcher = CharacterMatcher(compile_patterns(LEXICON.entries(locale), lambda term: [term], None))
    characters = {(m.start, m.end) for m in matcher.find(text)}
    for finding in lint(text, locale):
        assert text[finding.start : finding.end] == finding.text
        assert (finding.start, finding.end) in characters or locale not in finding.locales


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("领袖衣袖口土著乡作 \n\r\t。，A1😀-_.#")))
def test_jieba_words_cover_the_sentence(text):
    words = segmentation.words("zh", text)
    assert "".join(text[start:end] for start, end in words) == text


# --- a segmenter that is not installed -------------------------------------------------

MISSING = [
    ("zh", "jieba", "Chinese text is split into words with jieba, which is not installed: pip install 'framing-termlint[zh]'"),
    (
        "ja",
        "sudachipy",
        "Japanese text is split into words with SudachiPy, which is not installed: pip install 'framing-termlint[ja]'",
    ),
    ("ja", "sudachidict_core", "Japanese text is split into words with SudachiPy, which is not installed"),
    ("ko", "kiwipiepy", "Korean text is split into words with Kiwi, which is not installed: pip install 'framing-termlint[ko]'"),
    ("ko", "kiwipiepy_model", "Korean text is split into words with Kiwi, which is not installed"),
]


def _without(monkeypatch, *modules):
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)  # ``import module`` now raises ImportError


@pytest.mark.parametrize(("locale", "module", "message"), MISSING)
def test_a_missing_segmenter_is_an_error_naming_the_extra(monkeypatch, locale, module, message):
    lint("", locale)  # a linter made before the package went missing
    _without(monkeypatch, module)
    with pytest.raises(LocaleError, match=message.replace("[", r"\[").replace("(", r"\(")):
        Linter(locale, lexicon=LEXICON)
    with pytest.raises(LocaleError, match="not installed"):
        _LINTERS[(locale, "builtin")].lint("no silent fallback to characters")


def test_the_missing_segmenter_message_is_translated(monkeypatch):
    _without(monkeypatch, "sudachipy")
    try:
        i18n.activate("de")
        with pytest.raises(LocaleError, match="Japanischer Text wird mit SudachiPy in Wörter zerlegt"):
            Linter("ja", lexicon=LEXICON)
    finally:
        i18n.activate("en")


app = register_commands()


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def test_lint_without_the_segmenter_exits_2_with_one_line(monkeypatch):
    _without(monkeypatch, "kiwipiepy")
    result = run("lint", "-", "--locale", "ko", stdin="영도자\n")
    assert result.exit_code == 2
    assert result.stderr == "framing: " + MISSING[3][2] + "\n"


def test_english_for_cjk_readers_needs_no_segmenter(monkeypatch):
    _without(monkeypatch, "jieba", "sudachipy", "kiwipiepy")
    text = "Stop beating around the bush: it is a piece of cake."
    findings = Linter("en", ("zh", "ja", "ko"), lexicon=LEXICON).lint(text)
    assert {"en", "zh", "ja", "ko"} == {locale for f in findings for locale in f.locales}
    result = run("lint", "-", "--audience", "ja", "--format", "json", stdin=text + "\n")
    assert result.exit_code == 1, result.stderr
    assert "not installed" not in result.stderr
    assert "ja" in {r["locale"] for f in json.loads(result.stdout)["findings"] for r in f["readers"]}


def test_lexicon_validate_skips_the_examples_it_cannot_check(monkeypatch):
    _without(monkeypatch, "jieba", "sudachidict_core", "kiwipiepy_model")
    result = run("lexicon", "validate")
    assert result.exit_code == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
    # regional variants (zh_Hans, zh_Hant) are split by their language's segmenter too
    chinese = sorted(code for code in LEXICON.locales() if code.split("_")[0] == "zh")
    assert notices == [
        "framing: examples of ja not checked: " + MISSING[2][2] + ": pip install 'framing-termlint[ja]'",
        "framing: examples of ko not checked: " + MISSING[4][2] + ": pip install 'framing-termlint[ko]'",
        *(f"framing: examples of {code} not checked: " + MISSING[0][2] for code in chinese),
    ]
    cjk = sum(
        len(e.must_flag) + len(e.must_not_flag)
        for c in LEXICON.concepts.values()
        for locale, e in c.entries.items()
        if locale.split("_")[0] in ("zh", "ja", "ko")
    )
    total = sum(len(e.must_flag) + len(e.must_not_flag) for c in LEXICON.concepts.values() for e in c.entries.values())
    assert f" {total - cjk} examples checked" in result.stdout


# --- processes ---------------------------------------------------------------------------


def _lint_in_child(locale: str, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.concept) for f in lint(text, locale)]


SAMPLES = {"zh": "我们的领袖来了。衣领袖口。", "ja": "うちの総統が決めた。総統計。", "ko": "우리 영도자가 왔다. 영도자동차."}


def test_engines_pickle_without_segmenters():
    for locale, text in SAMPLES.items():
        linter = Linter(locale, lexicon=LEXICON)
        before = linter.lint(text)
        data = pickle.dumps(linter.engine)
        for name in (b"jieba", b"sudachipy", b"kiwipiepy", b"framing.segmentation"):
            assert name not in data
        assert pickle.loads(data).find(text) == before


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform")
def test_a_forked_process_goes_on_with_the_loaded_segmenters():
    expected = {locale: _lint_in_child(locale, text) for locale, text in SAMPLES.items()}  # loads all three here
    assert all(expected.values())
    with multiprocessing.get_context("fork").Pool(1) as pool:
        for locale, text in SAMPLES.items():
            assert pool.apply(_lint_in_child, (locale, text)) == expected[locale]


def test_lint_jobs_in_korean(tmp_path):
    for index in range(3):
        (tmp_path / f"{index}.txt").write_text("우리 영도자가 왔다.\n영도자동차학원에 등록했다.\n", encoding="utf-8")
    result = run("lint", str(tmp_path), "--locale", "ko", "--jobs", "2", "--format", "json")
    assert result.exit_code == 1, result.stderr
    found = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["text"]) for f in found] == [(1, "영도자")] * 3


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_segmenters_load_quietly_and_only_when_needed(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = dict(os.environ, FRAMING_CACHE_DIR=str(tmp_path / "cache"), TMPDIR=str(temporary))
    env.pop("FRAMING_NO_CACHE", None)
    result = _python("import framing; print(len(framing.lint('我们的领袖来了。', 'zh')))", env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1\n", "")
    assert [p.name for p in (tmp_path / "cache").glob("jieba-*.cache")]  # jieba's cache sits with framing's
    assert list(temporary.iterdir()) == []
    # Once the audience's examples have been checked (and cached), English text loads no segmenter,
    # nor does Chinese text without a candidate.
    code = (
        "import sys, framing\n"
        "framing.lint('Stop beating around the bush.', 'en', ['zh', 'ja', 'ko'])\n"
        "framing.lint('Stop beating around the bush.', 'en', ['zh', 'ja', 'ko'])\n"
        "framing.lint('我们的负责人来了。', 'zh')\n"
        "print(sorted(m for m in ('jieba', 'sudachipy', 'kiwipiepy') if m in sys.modules))\n"
    )
    result = _python(code, env)
    assert (result.returncode, result.stderr) == (0, "")
    result = _python(code, env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")
    # Without a cache, jieba writes nothing at all.
    env["FRAMING_NO_CACHE"] = "1"
    result = _python("import framing; print(len(framing.lint('我们的领袖来了。', 'zh')))", env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1\n", "")
    assert list(temporary.iterdir()) == []
