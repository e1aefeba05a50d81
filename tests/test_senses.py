"""Senses before strings: conditions, word classes, names, quotations, code, literal history, Arabic clitics.

The lexicon in ``tests/data/senses`` uses every feature; its examples run as tests
through validation. The tests below pin the pieces one by one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import framing
from framing import arabic
from framing.engine import check_examples
from framing.errors import LexiconError
from framing.lexicon import load, load_leniently
from framing.senses import Words
from framing.tokenizer import words

SENSES = Path(__file__).parent / "data" / "senses"


def linted(text: str, locale: str = "en") -> list[tuple[str, str]]:
    return [(f.concept, f.text) for f in framing.Linter(locale, lexicons=[SENSES], builtin=False).lint(text)]


def test_the_sense_lexicon_is_valid_and_every_example_holds() -> None:
    lexicon = load([SENSES], builtin=False)
    assert check_examples(lexicon, lexicon.locales()) == []
    assert lexicon.word_classes("en")["technical-object"] == ("process", "thread", "signal", "job")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kill the processes before the update.", []),  # a class word, inflected, within the window
        ("We kill it. The process is slow.", [("kill", "kill")]),  # the window ends with the sentence
        ("Some exotic object types.", []),  # within = 2
        ("An exotic, cheap trip.", [("exotic", "exotic")]),
        ("Leaders are elected.", []),  # only_preceded_by: none holds
        ("Ask the leader.", [("leader", "leader")]),
    ],
)
def test_conditions(text: str, expected: list[tuple[str, str]]) -> None:
    assert linted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Los inválidos esperan.", [("invalid", "inválidos")]),
        ("Valor inválido en la línea 3.", []),
        ("La silla de inválidos.", [("invalid", "inválidos")]),
        ("Un hombre inválido.", [("invalid", "inválido")]),
    ],
)
def test_positive_condition_with_word_classes(text: str, expected: list[tuple[str, str]]) -> None:
    assert linted(text, "es") == expected


@pytest.mark.parametrize(
    "text",
    [
        "She visited the Jardin Exotique.",  # a lower-case term with a capital inside a sentence
        'The "exotic" label is wrong.',  # straight quotes around it
        "The word “exotic” is quoted.",
        "Call kill() on it.",  # code
        "Use --kill to stop.",
        "See $kill and `kill`.",
        "The abbey's overlord in 1200.",  # literal: a year of the period
        "A feudal overlord ruled the valley.",  # literal: preceded_by
    ],
)
def test_mentions_and_literal_uses_are_quiet(text: str) -> None:
    assert linted(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EXOTIC DANCERS ARRIVED.", [("exotic", "EXOTIC")]),  # capitals are shouting, not a name
        ("Exotic dancers arrived.", [("exotic", "Exotic")]),  # a capital at the start of a sentence
        ("The Exotic Dancers of Paris", [("exotic", "Exotic")]),  # an English title-case line
        ("In 1800 the plantation held slaves.", [("slaves", "slaves")]),  # naming: history stays flagged
        ("Our new overlords arrived in 1990.", [("overlord", "overlords")]),  # a year outside the period
    ],
)
def test_uses_that_stay_flagged(text: str, expected: list[tuple[str, str]]) -> None:
    assert linted(text) == expected


def test_history_is_neither_reported_nor_rewritten() -> None:
    text = "Hitler ließ sich 1934 Führer nennen. Der Führer des Projekts entscheidet alles."
    fixed, edits = framing.fix(text, locale="de", lexicons=[SENSES], builtin=False)
    # The first sentence is history (Hitler, 1934): left alone. The second is not: but the
    # window of the literal marks reaches it too, so the whole paragraph is left alone.
    assert fixed == text and edits == []
    apart = "Hitler ließ sich 1934 Führer nennen.\n\nDer Führer des Projekts entscheidet alles."
    fixed, edits = framing.fix(apart, locale="de", lexicons=[SENSES], builtin=False)
    assert fixed == "Hitler ließ sich 1934 Führer nennen.\n\nDer Leiter des Projekts entscheidet alles."


def _words(text: str, language: str = "en") -> Words:
    lowered, starts, ends = words(text, language)
    return Words(lowered, starts, ends, text)


def _index(found: Words, word: str) -> int:
    return list(found.lowered).index(word)


@pytest.mark.parametrize(
    ("text", "word", "quoted"),
    [
        ("He said “go” and left.", "go", True),
        ("Sie sagte „geh“ und ging.", "geh", True),
        ("Il a dit « va » puis est parti.", "va", True),
        ("Er sagte »geh« und ging.", "geh", True),
        ("「総統」と呼ばれた", "総統", True),
        ('He said "yes" and then no "really".', "then", False),
        ('A "dumb" tar file.', "dumb", True),
        ("The 'dumb' format.", "dumb", True),
        ("The leaders' dumb rules.", "dumb", False),
    ],
)
def test_quotation_marks(text: str, word: str, quoted: bool) -> None:
    found = _words(text, "ja" if "総" in text else "en")
    if word not in found.lowered:
        pytest.skip("segmented differently")
    index = _index(found, word)
    assert found.quoted(index, index + 1) is quoted


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("call kill() now", "kill", True),
        ("call kill(pid) now", "kill", True),
        ("our leader(s) meet", "leader", False),
        ("use --master here", "master", True),
        ("a master_node", "master_node", False),  # one word already: never a term
        ("the $leader var", "leader", True),
        ("the leader. Next", "leader", False),
        ("obj.kill.now", "obj.kill.now", False),
    ],
)
def test_code(text: str, word: str, code: bool) -> None:
    found = _words(text)
    index = _index(found, word)
    assert found.in_code(index, index + 1) is code


def test_an_ordinal_period_does_not_end_the_sentence() -> None:
    found = _words("im 19. Jahrhundert", "de")
    assert not found.ends_sentence(_index(found, "."))
    found = _words("It ended in 1945. Then", "en")
    assert found.ends_sentence(_index(found, "."))


@pytest.mark.parametrize(
    ("word", "years", "expected"),
    [("1942", (1933, 1945), True), ("1940s", (1933, 1945), True), ("1950", (1933, 1945), False), ("1930er", (1933, 1945), True)],
)
def test_years(word: str, years: tuple[int, int], expected: bool) -> None:
    found = _words(f"in {word} it", "de")
    assert found.has_year(iter(range(len(found))), years) is expected


# --- Arabic -----------------------------------------------------------------------------


def test_arabic_fold_and_stems() -> None:
    assert arabic.fold("مَجْنُونَة") == "مجنونه"  # vowel marks off, tā' marbūṭa written as hā'
    assert arabic.fold("أبكم") == arabic.fold("ابكم") and arabic.fold("الصليبى") == arabic.fold("الصليبي")
    assert arabic.fold("قائـــد") == "قائد"
    stems = dict(arabic.stems("والقائد"))
    assert stems["القائد"] == 1 and stems["قائد"] == 3
    stems = dict(arabic.stems("للقائد"))
    assert stems["القائد"] == 1 and stems["قائد"] == 2
    assert arabic.original_offset("وَالقائد", 1) == 2  # the vowel mark of the dropped particle goes with it


def test_arabic_matches_through_particles_and_vowel_marks(tmp_path: Path) -> None:
    (tmp_path / "ar.toml").write_text(
        '[leader]\ncategory = "authority"\nconcern = "transferred"\nsources = ["المعجم الوسيط"]\n'
        'terms = [{ text = "قائد", unless_followed_by = ["فريق"] }]\nnote = "ن"\nalternatives = ["منسق"]\n'
        'must_flag = ["وصل القائد."]\nmust_not_flag = ["وصل قائد الفريق."]\n',
        encoding="utf-8",
    )
    linter = framing.Linter("ar", lexicons=[tmp_path], builtin=False)
    found = [(f.text, f.start) for f in linter.lint("وَالقائدُ وصل، وبالقائد نبدأ")]
    # The span starts after the particles and the article: a fix keeps them ("والمنسق").
    assert found == [("قائدُ", 4), ("قائد", 19)]
    # A condition word with a particle on it still counts.
    assert not linter.lint("قائد وللفريق") and linter.lint("بفريق قائد")


# --- validation -------------------------------------------------------------------------

BASE = 'concern = "transferred"\nsources = ["s"]\nnote = "n"\nmust_flag = ["A hero came."]\n'


@pytest.mark.parametrize(
    ("locale", "entry", "message"),
    [
        (
            "en",
            'terms = [{ text = "hero", unless_near = ["@nope"] }]\nalternatives = ["x"]\nmust_not_flag = ["x"]',
            "word class @nope",
        ),
        (
            "en",
            'concern = "naming"\nliteral = { near = ["troy"] }\nterms = ["hero"]\nalternatives = ["x"]\nmust_not_flag = ["x"]',
            "'transferred'",
        ),
        (
            "en",
            'terms = ["hero"]\nalternatives = [{ text = "x", safe = true }]\nmust_not_flag = ["the “hero” word"]',
            "safe_because",
        ),
        (
            "en",
            'terms = ["hero"]\nalternatives = [{ text = "x", safe = true, safe_because = "b" }]\nmust_not_flag = ["x"]',
            "no must_not_flag",
        ),
        (
            "de",
            'terms = [{ text = "Held", gender = "masculine" }]\n'
            'alternatives = [{ text = "Person", safe = true, safe_because = "b", gender = "feminine" }]\n'
            'must_flag = ["Ein Held kam."]\nmust_not_flag = ["der „Held“"]',
            "is masculine",
        ),
        (
            "de",
            'terms = ["Held"]\nalternatives = [{ text = "Person", safe = true, safe_because = "b", gender = "feminine" }]\n'
            'must_flag = ["Ein Held kam."]\nmust_not_flag = ["der „Held“"]',
            "term has no gender",
        ),
        ("en", 'terms = [{ text = "hero", within = 20 }]\nalternatives = ["x"]\nmust_not_flag = ["x"]', "from 1 to 8"),
        (
            "de",
            'terms = [{ text = "Held", gender = "masculine" }]\n'
            'alternatives = [{ text = "Mensch", safe = true, safe_because = "b", gender = "masculine" }]\n'
            'must_flag = ["Ein Held kam."]\nmust_not_flag = ["der „Held“"]',
            "gives no dative plural form",
        ),
        (
            "en",
            'literal = { nearby = ["x"] }\nterms = ["hero"]\nalternatives = ["x"]\nmust_not_flag = ["x"]',
            "unknown key 'nearby'",
        ),
    ],
)
def test_validation_refuses(tmp_path: Path, locale: str, entry: str, message: str) -> None:
    body = entry if "must_flag" in entry else BASE.replace('concern = "transferred"\n', "") + entry
    if "concern" not in body:
        body = 'concern = "transferred"\n' + body
    if "sources" not in body:
        body = 'sources = ["s"]\nnote = "n"\n' + body
    (tmp_path / f"{locale}.toml").write_text(f'[hero]\ncategory = "idiom"\n{body}\n', encoding="utf-8")
    lexicon, problems = load_leniently([tmp_path], builtin=False)
    problems += check_examples(lexicon, lexicon.locales())
    assert any(message in str(problem) for problem in problems), [str(p) for p in problems]


def test_a_window_of_zero_words_is_refused(tmp_path: Path) -> None:
    (tmp_path / "de.toml").write_text(
        '[hero]\ncategory = "idiom"\nterms = [{ text = "Held", within = 0 }]\nnote = "n"\nalternatives = ["x"]\n'
        'must_flag = ["Ein Held."]\nmust_not_flag = ["x"]\nsources = ["s"]\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match="from 1 to 8"):
        load([tmp_path], builtin=False)


def test_russian_yo_is_e() -> None:
    with_yo = framing.lint("Домен удалили из чёрного списка спамеров.", locale="ru")
    with_e = framing.lint("Домен удалили из черного списка спамеров.", locale="ru")
    assert [(f.concept, f.start, f.end) for f in with_yo] == [(f.concept, f.start, f.end) for f in with_e] != []


@pytest.mark.parametrize("tokenizer", ["fast", "spacy"])
def test_words_joined_by_a_slash_are_two_words_for_every_tokenizer(tokenizer: str) -> None:
    # spaCy's Dutch tokenizer keeps "master/slave" whole; the matcher splits it like the others.
    linter = framing.Linter("nl", tokenizer=tokenizer)
    assert [f.concept for f in linter.lint("De master/slave bus.")] == ["master-slave"]
    assert [f.text for f in linter.lint("De master/slave bus.")] == [
        f.text for f in framing.Linter("nl").lint("De master/slave bus.")
    ]


def test_a_condition_sees_the_mark_that_ends_the_sentence(tmp_path: Path, one_entry_linter) -> None:
    linter = one_entry_linter(
        tmp_path, "en", '[{ text = "hero", only_followed_by = ["."] }]', '["She is a hero."]', '["A hero came."]'
    )
    assert [f.text for f in linter.lint("She is a hero! A hero came.")] == []
    assert [f.text for f in linter.lint("A hero came. She is a hero.")] == ["hero"]


def test_a_condition_phrase_counts_only_as_a_whole(tmp_path: Path, one_entry_linter) -> None:
    linter = one_entry_linter(
        tmp_path,
        "fr",
        '[{ text = "clandestin", unless_near = ["sans-papiers", "titre de séjour"] }]',
        '["Un clandestin sans abri."]',
        '["Un clandestin, dit-on, sans-papiers."]',
    )
    assert [f.text for f in linter.lint("Un clandestin sans abri.")] == ["clandestin"]  # "sans" alone is not "sans-papiers"
    assert linter.lint("Un clandestin sans titre de séjour.") == []
    assert [f.text for f in linter.lint("Un clandestin sans titre.")] == ["clandestin"]


def test_a_word_class_can_take_its_words_as_written(tmp_path: Path, one_entry_linter) -> None:
    def linter(inflect: str) -> framing.Linter:
        return one_entry_linter(
            tmp_path / inflect,
            "en",
            '[{ text = "gimp", only_preceded_by = ["@determiner"] }]',
            '["He is a gimp."]',
            '["Use gimp."]',
            head=f'[word_classes]\ndeterminer = {{ words = ["a", "the"], inflect = {inflect} }}\n\n',
        )

    # The lemma table files "as" under "a": inflected, the class would take "as gimp" for "a gimp".
    inflected, as_written = linter("true"), linter("false")
    text = "Programs such as gimp are powerful."
    assert [f.text for f in inflected.lint(text)] == ["gimp"]
    assert as_written.lint(text) == []
    assert [f.text for f in as_written.lint("He is a gimp.")] == ["gimp"]


def test_a_contraction_is_one_condition_word(tmp_path: Path, one_entry_linter) -> None:
    linter = one_entry_linter(
        tmp_path,
        "en",
        """[{ text = "nuts", only_preceded_by = ["'re", "are", "is"] }]""",
        """["If you're nuts, switch."]""",
        '["Nuts and bolts."]',
    )
    assert [f.text for f in linter.lint("Actually, if you're nuts, you can switch.")] == ["nuts"]
