"""Suggestions that agree with the words they replace: number, case, articles, gender.

A lexicon gives alternatives in their dictionary form ("coordinator"); the text holds an
inflected word ("LEADERS", "a leader's", "la leader", "den Führern"). This module turns
one into the other:

- **English**: number (by rule, or the alternative's declared ``plural``), possessive
  endings, the article before the word (``a``/``an`` by the *sound* of the alternative:
  "an hour", "a user", "an MBA");
- **German, French, Spanish, Italian, Portuguese**: the features of the matched word
  (plural, feminine, genitive, dative plural) are read off it by comparing it with the
  term's lemma and, where the word alone is ambiguous ("i leader", "die Führer"), with
  the determiner before it; the alternative's ``forms`` give the matching form;
- **every language**: capitalisation ("Leader", "LEADER", sentence start).

A suggestion is fitted only when every step is certain. Otherwise, and for every
alternative the lexicon does not mark ``safe`` (a phrase such as "take on
responsibility" does not slot into a noun's place), it is *advice*: shown as written,
with the reason, and never applied by ``--fix``.

Pure functions over plain data: no spaCy, no files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing.model import GENDERED_LANGUAGES, Alternative, Finding, Term

SINGULAR = "singular"
PLURAL = "plural"
FEMININE = "feminine"
FEMININE_PLURAL = "feminine_plural"
GENITIVE = "genitive"
DATIVE_PLURAL = "dative_plural"

INFLECTED_LANGUAGES = ("de", "fr", "es", "it", "pt")
# Languages that write every noun with a capital: a capital on the matched word is not
# the sentence's, so it does not carry over to the alternative.
CAPITALISED_NOUNS = ("de", "lb")


@dataclass(frozen=True)
class Suggestion:
    """What to write instead of a finding's words, fitted to the sentence or offered as advice.

    ``start`` and ``end`` are the span of the text that ``replacement`` replaces: the
    finding's span, widened to the article before it when the article must change
    ("a leader" → "an organizer"). ``alternative`` is the text the lexicon gives. When
    ``auto`` is true the lexicon marks it safe and its agreement is certain, so ``--fix``
    may apply it; otherwise it is advice and ``reason`` says why.
    """

    start: int
    end: int
    replacement: str
    alternative: str
    auto: bool
    reason: str = ""


@dataclass(frozen=True)
class _Fitted:
    start: int
    end: int
    replacement: str


class _Unfit(Exception):
    """Agreement is not certain; the message says why."""


def suggest(
    text: str, finding: Finding, alternatives: Sequence[Alternative], language: str, *, term: Term | None = None
) -> list[Suggestion]:
    """Return a suggestion for each of ``alternatives`` (best first), fitted to ``finding`` in ``text``.

    ``language`` is the language the text is written in (``en``, ``de``, ...); ``term``
    is the lexicon's term that matched, whose gender a safe alternative must agree with
    in languages with grammatical gender (without it, nothing is fitted there).
    """
    suggestions = []
    for alternative in alternatives:
        if not alternative.safe:
            suggestions.append(
                Suggestion(
                    finding.start,
                    finding.end,
                    alternative.text,
                    alternative.text,
                    auto=False,
                    reason="does not replace the word as it stands; reword the phrase around it",
                )
            )
            continue
        try:
            if language in GENDERED_LANGUAGES:
                problem = alternative.disagrees_with(term) if term is not None else "the term is unknown"
                if problem:
                    raise _Unfit(problem)
            fitted = fit(text, finding.start, finding.end, finding.term, alternative, language)
        except _Unfit as unfit:
            suggestions.append(Suggestion(finding.start, finding.end, alternative.text, alternative.text, False, str(unfit)))
            continue
        suggestions.append(Suggestion(fitted.start, fitted.end, fitted.replacement, alternative.text, auto=True))
    return suggestions


def fit(text: str, start: int, end: int, term: str, alternative: Alternative, language: str) -> _Fitted:
    """Return the span and replacement that put ``alternative`` in place of ``text[start:end]`` (a match of ``term``).

    Raises ``_Unfit`` when agreement cannot be made certain.
    """
    matched = text[start:end]
    head, possessive = _split_possessive(matched) if language == "en" else (matched, "")
    matched_head = _last_word(head)
    lemma_head = _last_word(term)
    before = text[max(0, start - 40) : start]
    if language == "en":
        feature = _english_feature(matched_head.lower(), lemma_head.lower())
        form = alternative.form(feature) or english_plural(alternative.text)
    elif language in INFLECTED_LANGUAGES and len(_words_of(term)) > 1:
        # Which word of a phrase carries its number and gender differs from phrase to
        # phrase ("salles de guerre", "terzo mondo"): the phrase is fitted only when every
        # word shows the same feature ("hommes-jours", "surdas-mudas"), or none changed.
        candidates = _phrase_features(language, term, matched)
        if not candidates:
            raise _Unfit(f"cannot tell the number and gender of the phrase {matched!r}")
        candidates = _narrow_by_determiner(language, candidates, before, alternative)
        form = _form_for(alternative, candidates, language, matched)
        _check_elision(language, before, form)
    elif language in INFLECTED_LANGUAGES:
        candidates = _features(language, lemma_head.lower(), matched_head.lower())
        if not candidates:
            raise _Unfit(f"cannot tell the number or gender of {matched_head!r}")
        candidates = _narrow_by_determiner(language, candidates, before, alternative)
        form = _form_for(alternative, candidates, language, matched_head)
        _check_elision(language, before, form)
    else:
        if matched_head.lower() != lemma_head.lower():
            raise _Unfit(f"cannot inflect alternatives in this language to match {matched_head!r}")
        form = alternative.text
    if language in CAPITALISED_NOUNS and not _is_shouted(head) and not _at_sentence_start(before):
        # A German noun's capital is its own, not the sentence's: "eine dauerhafte Lösung", not "Dauerhafte".
        replacement = form + possessive
    else:
        replacement = match_case(head, form) + possessive
    if language == "en":
        return _with_article(text, start, end, replacement, shout=_is_shouted(head))
    return _Fitted(start, end, replacement)


def missing_forms(language: str, term: str, forms: Iterable[str], alternative: Alternative) -> list[tuple[str, str]]:
    """Return (a form of ``term``, the feature it needs) for each form ``alternative`` cannot be fitted to.

    ``forms`` are the forms of the term's last word that the engine matches. In German,
    French, Spanish, Italian and Portuguese each feature a form can have (plural,
    feminine, genitive...) needs the alternative's form for it; a dative plural can be
    derived from the plural. Forms whose features cannot be told are not fitted at all,
    so they need nothing.
    """
    if language not in INFLECTED_LANGUAGES or len(_words_of(term)) > 1:
        return []  # a phrase is fitted only in its dictionary form (see fit)
    lemma = _last_word(term).lower()
    missing = []
    for form in sorted(forms):
        for feature in sorted(_features(language, lemma, form.lower())):
            if alternative.form(feature) is not None:
                continue
            if feature == DATIVE_PLURAL and language == "de" and alternative.form(PLURAL) is not None:
                continue
            missing.append((form, feature))
    return missing


# --- capitalisation --------------------------------------------------------------------


def _is_shouted(matched: str) -> bool:
    letters = [c for c in matched if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def match_case(matched: str, replacement: str) -> str:
    """Return ``replacement`` capitalised like ``matched``: ALL CAPS, Title Case, a capital first letter, or as written.

    Capitals the replacement has of its own (German nouns, names) are kept.
    """
    if _is_shouted(matched):
        return replacement.upper()
    if not matched[:1].isupper():
        return replacement
    words = matched.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    return replacement[:1].upper() + replacement[1:]


# --- English ---------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
_IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "child": "children", "foot": "feet"}


def _split_possessive(matched: str) -> tuple[str, str]:
    found = _POSSESSIVE.search(matched)
    return (matched[: found.start()], found.group()) if found else (matched, "")


def _phrase_features(language: str, term: str, matched: str) -> set[str]:
    """Return the features every word of ``matched`` shows against its word of ``term`` (empty when they disagree)."""
    lemmas, words = _words_of(term), _words_of(matched)
    if len(lemmas) != len(words):
        return set()
    if words == lemmas:
        return {SINGULAR}
    shared: set[str] | None = None
    for lemma, word in zip(lemmas, words, strict=True):
        found = _features(language, lemma, word)
        shared = found if shared is None else shared & found
    return shared or set()


def _words_of(phrase: str) -> list[str]:
    return [word.lower() for word in re.split(r"[\s\-‐‑]+", phrase.strip()) if word]


def _last_word(phrase: str) -> str:
    words = re.split(r"[\s\-‐‑]+", phrase.strip())
    return words[-1] if words else phrase


def _english_feature(matched: str, lemma: str) -> str:
    if matched == lemma:
        return SINGULAR
    if matched == english_plural(lemma).lower() or matched.endswith("s"):
        return PLURAL
    for singular, plural in _IRREGULAR_PLURALS.items():  # also in compounds: chairman, chairmen
        if lemma.endswith(singular) and matched == lemma[: len(lemma) - len(singular)] + plural:
            return PLURAL
    raise _Unfit(f"{matched!r} is not a singular or plural form of {lemma!r}")


def _pluralise_word(word: str) -> str:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return word[:1] + _IRREGULAR_PLURALS[lower][1:]
    if word.isupper() and len(word) > 1:
        return word + "s"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def english_plural(phrase: str) -> str:
    """Return the plural of an English noun phrase: its head (the last word, or the word before "of") pluralised."""
    words = phrase.split(" ")
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    words[head] = _pluralise_word(words[head])
    return " ".join(words)


# Words whose first letter is a vowel but whose first sound is not, and the other way round.
_CONSONANT_SOUND = ("uni", "use", "usu", "usa", "uti", "ute", "ura", "uri", "uro", "ubiq", "ukr", "eu", "ewe", "one", "once")
_VOWEL_SOUND_EXCEPTIONS = ("unin", "unim", "unid", "unio", "unil")  # "an uninformed", but "a union": see below
_YOU_SOUND = ("union", "unilateral")
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")


def _read_as_letters(word: str) -> bool:
    """Return whether an all-capitals word is spelt out (MBA, FAQ, URL) rather than read as a word (NASA)."""
    if len(word) <= 3 or not re.search(r"[AEIOU]", word):
        return True
    return bool(re.search(r"[^AEIOUY]{3}", word))


def starts_with_vowel_sound(phrase: str) -> bool:
    """Return whether ``phrase`` starts with a vowel sound, so English writes "an" before it.

    By sound, not letter: "an hour", "a user", "a one-time fee", "an MBA", "a URL", "an 8-hour day".
    """
    word = re.split(r"[\s\-‐‑/]+", phrase.strip().lstrip("\"'“‘(["))[0]
    if not word:
        return False
    if word[0].isdigit():
        digits = re.match(r"\d+", word)
        assert digits is not None
        number = digits.group()
        return number[0] == "8" or (number[:2] in ("11", "18") and len(number) % 3 == 2)
    letters = re.match(r"[A-Za-z]+", word)
    if letters is None:
        return False
    token = letters.group()
    if len(token) > 1 and token.isupper() and _read_as_letters(token):
        return token[0] in _VOWEL_LETTER_NAMES
    lower = token.lower()
    if lower.startswith(_SILENT_H):
        return True
    if lower.startswith(_YOU_SOUND):
        return False
    if lower.startswith(_VOWEL_SOUND_EXCEPTIONS):
        return True
    if lower.startswith(_CONSONANT_SOUND):
        return False
    return lower[0] in "aeiou"


_ARTICLE = re.compile(r"(?<![\w'’\-])(a|an)([ \t]+)$", re.IGNORECASE)


def _with_article(text: str, start: int, end: int, replacement: str, *, shout: bool) -> _Fitted:
    found = _ARTICLE.search(text[max(0, start - 10) : start])
    if found is None:
        return _Fitted(start, end, replacement)
    article, space = found.group(1), found.group(2)
    wanted = "an" if starts_with_vowel_sound(replacement) else "a"
    if article.lower() == wanted:
        return _Fitted(start, end, replacement)
    if shout or (len(article) > 1 and article.isupper()):
        wanted = wanted.upper()
    elif article[:1].isupper():
        wanted = wanted.capitalize()
    return _Fitted(start - len(article) - len(space), end, wanted + space + replacement)


# --- German and the Romance languages: features of the matched word ---------------------

_ACUTE = str.maketrans("áéíóú", "aeiou")


def _plurals(language: str, word: str) -> set[str]:
    if language == "es":
        if word.endswith("z"):
            return {word[:-1] + "ces"}
        if word.endswith(("s", "x")):
            return {word, word + "es"}
        if word[-1] in "aeoáéó":
            return {word + "s"}
        if word[-1] in "íú":
            return {word + "s", word + "es"}
        return {word + "es", word[:-2] + word[-2:].translate(_ACUTE) + "es"}
    if language == "pt":
        if word.endswith("ão"):
            return {word[:-2] + "ões", word[:-2] + "ães", word + "s"}
        if word.endswith("m"):
            return {word[:-1] + "ns"}
        if word.endswith(("al", "ol", "ul")):
            return {word[:-1] + "is", word[:-2] + {"a": "a", "o": "ó", "u": "u"}[word[-2]] + "is"}
        if word.endswith("el"):
            return {word[:-2] + "éis"}
        if word.endswith("il"):
            return {word[:-1] + "s", word[:-2] + "eis"}
        if word.endswith(("r", "z")):
            return {word + "es"}
        if word.endswith("s"):
            return {word, word + "es"}
        return {word + "s"}
    if language == "fr":
        if word.endswith(("s", "x", "z")):
            return {word}
        if word.endswith(("eau", "au", "eu")):
            return {word + "x", word + "s"}
        if word.endswith("al"):
            return {word[:-2] + "aux", word + "s"}
        return {word + "s"}
    if language == "it":
        if word[-1] not in "aeio":  # consonant or accented vowel: invariable ("leader", "città")
            return {word}
        if word.endswith(("co", "go")):
            return {word[:-1] + "hi", word[:-1] + "i"}
        if word.endswith(("ca", "ga")):
            return {word[:-1] + "he"}
        if word.endswith("io"):
            return {word[:-1]}
        if word.endswith("a"):
            return {word[:-1] + "e", word[:-1] + "i"}
        return {word[:-1] + "i"}
    return set()


def _feminines(language: str, word: str) -> set[str]:
    if language in ("es", "pt"):
        if word.endswith("o"):
            return {word[:-1] + "a"}
        if word.endswith("or"):
            return {word + "a"}
        if word.endswith(("ón", "ão")):
            return {word[:-2] + "ona", word[:-2] + "ã", word[:-2] + "oa"}
        if word.endswith("e"):
            return {word, word[:-1] + "a", word[:-1] + "esa"}
        if word.endswith("a"):
            return {word}
        return {word, word + "a", word.translate(_ACUTE) + "esa"}
    if language == "fr":
        found = {word + "e"}
        if word.endswith("teur"):
            found |= {word[:-4] + "trice", word + "e"}
        if word.endswith("eur"):
            found |= {word[:-3] + "euse", word + "e"}
        if word.endswith(("en", "on", "el", "et")):
            found.add(word + word[-1] + "e")
        if word.endswith("er"):
            found.add(word[:-2] + "ère")
        if word.endswith("f"):
            found |= {word[:-1] + "ve", word + "fe"}
        if word.endswith("e"):
            found |= {word, word[:-1] + "esse"}
        return found
    if language == "it":
        if word.endswith("tore"):
            return {word[:-4] + "trice"}
        if word.endswith("o"):
            return {word[:-1] + "a"}
        if word.endswith("e"):
            return {word, word[:-1] + "essa"}
        return {word}
    return set()


_GERMAN_SAME_PLURAL = ("er", "el", "en", "chen", "lein")


def _features(language: str, lemma: str, matched: str) -> set[str]:
    """Return every feature under which ``matched`` can be a form of ``lemma`` (lower-cased)."""
    if language == "de":
        found = set()
        if matched == lemma:
            found.add(SINGULAR)
            if lemma.endswith(_GERMAN_SAME_PLURAL):
                found.add(PLURAL)
        if matched == lemma + "es":
            found.add(GENITIVE)
        elif matched == lemma + "s":
            # A genitive ("des Führers"), or the plural of a loanword ("die Blacklists"):
            # only a determiner can tell.
            found |= {GENITIVE, PLURAL}
        if matched == lemma + "n" and lemma.endswith(("er", "el")):
            found.add(DATIVE_PLURAL)
        elif matched in (lemma + "n", lemma + "en"):
            found |= {PLURAL, DATIVE_PLURAL}
        elif matched == lemma + "e":
            found.add(PLURAL)
        if matched == lemma + "in":
            found.add(FEMININE)
        if matched == lemma + "innen":
            found.add(FEMININE_PLURAL)
        return found
    found = set()
    if matched == lemma:
        found.add(SINGULAR)
    if matched in _plurals(language, lemma):
        found.add(PLURAL)
    feminines = _feminines(language, lemma)
    if matched in feminines:
        found.add(FEMININE)
    if any(matched in _plurals(language, f) for f in feminines):
        found.add(FEMININE_PLURAL)
    return found


# What a determiner right before the word says about it. German determiners are listed for
# nouns whose singular and plural look alike ("der Führer", "die Führer"); "die" and its
# kin mean plural only for a masculine or neuter noun (see _narrow_by_determiner).
_DETERMINERS: dict[str, dict[str, frozenset[str]]] = {}


def _table(**groups: str) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for features, words in groups.items():
        for word in words.split():
            table.setdefault(word, set()).update(features.split("__"))
    return {word: frozenset(features) for word, features in table.items()}


_DETERMINERS["it"] = _table(
    singular="il lo un uno del dello al allo nel nello sul sullo dal dallo questo quello quel mio tuo suo nostro vostro",
    feminine="la una della alla nella sulla dalla questa quella mia tua sua nostra vostra un'",
    plural="i gli dei degli ai agli nei negli sui sugli dai dagli questi quelli quei miei tuoi suoi nostri vostri",
    feminine_plural="le delle alle nelle sulle dalle queste quelle mie tue nostre vostre",
    singular__feminine="l' dell' all' nell' sull' dall' quell'",
)
_DETERMINERS["es"] = _table(
    singular="el un del al este ese aquel nuestro vuestro",
    feminine="la una esta esa aquella nuestra vuestra",
    plural="los unos estos esos aquellos nuestros vuestros",
    feminine_plural="las unas estas esas aquellas nuestras vuestras",
    singular__feminine="mi tu su",
    plural__feminine_plural="mis tus sus",
)
_DETERMINERS["pt"] = _table(
    singular="o um do no ao pelo este esse aquele deste desse nosso meu seu teu",
    feminine="a uma da na à pela esta essa aquela nossa minha sua tua",
    plural="os uns dos nos aos pelos estes esses aqueles nossos meus seus teus",
    feminine_plural="as umas das nas às pelas estas essas aquelas nossas minhas suas tuas",
)
_DETERMINERS["fr"] = _table(
    singular="le un du au ce cet",
    feminine="la une cette ma ta sa",
    singular__feminine="l' mon ton son notre votre leur",
    plural__feminine_plural="les des aux ces mes tes ses nos vos leurs plusieurs quelques",
)
_DETERMINERS["de"] = _table(
    singular="dem ein einem einen den kein keinem keinen jedem jeden diesem mein meinem meinen "
    "unser unserem unseren sein seinem seinen ihrem ihren dein deinem deinen euer eurem euren",
    plural="die diese alle keine meine unsere seine ihre deine eure viele einige mehrere beide zwei drei vier",
    singular__plural="der",
    genitive="des eines keines dieses jenes meines deines seines ihres unseres eures",
)
_GERMAN_FEMININE_SINGULAR_DETERMINERS = frozenset("die diese keine meine unsere seine ihre deine eure".split())
_WORD_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+['’]?)(\s*)$")


def _determiner_before(before: str) -> tuple[str, str] | None:
    """Return the word right before the match (as written, and lower-cased with ' for ’), if any.

    An elided determiner is written against the word ("l'organisateur"), a full one with a space.
    """
    found = _WORD_BEFORE.search(before)
    if found is None:
        return None
    word, space = found.group(1), found.group(2)
    if word.endswith(("'", "’")) == bool(space):
        return None
    return word, word.lower().replace("’", "'")


def _narrow_by_determiner(language: str, candidates: set[str], before: str, alternative: Alternative) -> set[str]:
    if len(candidates) == 1:
        return candidates
    found = _determiner_before(before)
    if found is None:
        return candidates
    written, word = found
    compatible = _DETERMINERS.get(language, {}).get(word)
    if compatible is None:
        return candidates
    if language == "de":
        if word == "der" and written == "Der" and _capital_starts_sentence(before):
            compatible = frozenset({SINGULAR})  # a genitive plural ("der Führer") does not open a sentence
        if word in _GERMAN_FEMININE_SINGULAR_DETERMINERS and alternative.gender not in ("masculine", "neuter"):
            return candidates  # for a feminine noun "die" is singular: only a declared gender settles it
    narrowed = candidates & compatible
    if not narrowed:
        raise _Unfit(f"the determiner {written!r} does not agree with any reading of the word")
    return narrowed


def _at_sentence_start(before: str) -> bool:
    """Return whether a word after ``before`` starts a sentence, a line or the text."""
    text = before.rstrip(" \t\"'“„«»‚‘(")
    return not text or text[-1] in ".!?:\n\r" or before.endswith(("\n", "\r"))


def _capital_starts_sentence(before: str) -> bool:
    text = before.rstrip()
    text = text[: -len("Der")].rstrip() if text.endswith("Der") else text
    return not text or text[-1] in ".!?:\n\r"


def _form_for(alternative: Alternative, candidates: set[str], language: str, matched: str) -> str:
    forms = set()
    for feature in candidates:
        form = alternative.form(feature)
        if form is None and feature == DATIVE_PLURAL and language == "de":
            plural = alternative.form(PLURAL)
            form = None if plural is None else plural if plural.endswith(("n", "s")) else plural + "n"
        if form is None:
            raise _Unfit(f"the lexicon gives no {feature.replace('_', ' ')} form of {alternative.text!r} for {matched!r}")
        forms.add(form)
    if len(forms) > 1:
        raise _Unfit(f"{matched!r} may be {' or '.join(sorted(c.replace('_', ' ') for c in candidates))}")
    return forms.pop()


# Determiners whose shape depends on the sound of the next word: "le"/"l'", "il"/"lo"/"l'".
_ELIDED = {
    "fr": frozenset({"l'", "d'", "qu'"}),
    "it": frozenset({"l'", "dell'", "all'", "nell'", "sull'", "dall'", "un'", "quell'"}),
}
_ELIDING = {
    "fr": frozenset({"le", "la", "de", "que", "ce", "du", "au", "ma", "ta", "sa"}),
    "it": frozenset({"il", "lo", "la", "una", "del", "dello", "della", "al", "allo", "alla", "nel", "nello", "nella", "i"}),
}


def _check_elision(language: str, before: str, form: str) -> None:
    if language not in _ELIDED:
        return
    found = _determiner_before(before)
    if found is None:
        return
    written, word = found
    first = form[:1].lower()
    if first == "h" and (word in _ELIDED[language] or word in _ELIDING[language]):
        raise _Unfit(f"whether {written!r} is elided before {form!r} depends on the word")
    vowel = first in "aeiouàâéèêëîïôùû" if language == "fr" else first in "aeiouàèéìòù"
    if word in _ELIDED[language] and not vowel:
        raise _Unfit(f"{written!r} is elided before a vowel; {form!r} needs the full determiner")
    if word in _ELIDING[language] and vowel:
        raise _Unfit(f"{written!r} must change before {form!r}")
    if language == "it" and word in ("il", "un", "i", "del", "al", "nel") and re.match(r"(s[^aeiou]|z|gn|ps|x|y)", form.lower()):
        raise _Unfit(f"{written!r} must change before {form!r}")
    if (
        language == "it"
        and word in ("lo", "uno", "gli", "dello", "allo", "nello")
        and not re.match(r"(s[^aeiou]|z|gn|ps|x|y|[aeiou])", form.lower())
    ):
        raise _Unfit(f"{written!r} must change before {form!r}")
