"""Locale codes: parsing, normalising, fallback chains and display names (the only user of Babel).

We keep our own canonical key (``de_AT``, ``zh_Hant_TW``) rather than ``str(Locale)``,
because Babel's likely-subtag resolution rewrites identifiers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from framing.errors import LocaleError
from framing.i18n import _


@dataclass(frozen=True)
class LanguageSupport:
    """How text in one language is segmented and inflected.

    ``segmentation`` is ``"words"`` (spaCy's blank tokenizer, whole-token matching) or
    ``"characters"`` (substring matching, for scripts written without spaces between
    words; :mod:`framing.segmentation` then keeps the matches that are whole words).
    ``lemma_table`` says whether spacy-lookups-data has a ``lemma_lookup`` table to
    inflect terms with.
    """

    segmentation: str
    lemma_table: bool


SUPPORTED_LANGUAGES: dict[str, LanguageSupport] = {
    "en": LanguageSupport("words", lemma_table=True),
    "de": LanguageSupport("words", lemma_table=True),
    "fr": LanguageSupport("words", lemma_table=True),
    "es": LanguageSupport("words", lemma_table=True),
    "it": LanguageSupport("words", lemma_table=True),
    "pt": LanguageSupport("words", lemma_table=True),
    "nl": LanguageSupport("words", lemma_table=True),
    "ru": LanguageSupport("words", lemma_table=True),
    "pl": LanguageSupport("words", lemma_table=True),
    "ar": LanguageSupport("words", lemma_table=False),
    "zh": LanguageSupport("characters", lemma_table=False),
    "ja": LanguageSupport("characters", lemma_table=False),
    "ko": LanguageSupport("characters", lemma_table=False),
}

_CODE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


@functools.lru_cache(maxsize=256)
def normalize(code: str) -> str:
    """Return the canonical key of a locale code: ``de-at`` and ``de_AT`` both give ``de_AT``.

    Raises :class:`LocaleError` when ``code`` is not a locale Babel knows.
    """
    from babel import Locale, UnknownLocaleError

    raw = code.strip()
    if not _CODE.match(raw):
        raise LocaleError(_("{code} is not a locale code (expected e.g. en, de_AT or pt-BR)").format(code=repr(code)))
    parts = re.split(r"[-_]", raw)
    canonical = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            canonical.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            canonical.append(part.upper())
        else:
            canonical.append(part)
    key = "_".join(canonical)
    try:
        Locale.parse(key)
    except (UnknownLocaleError, ValueError):
        raise LocaleError(_("unknown locale {code}").format(code=repr(code))) from None
    return key


def language(locale: str) -> str:
    """Return the language subtag of a canonical locale key (``de_AT`` → ``de``)."""
    return locale.split("_", 1)[0]


def parse_supported(code: str) -> str:
    """Return the canonical key of ``code``, refusing locales `framing` cannot lint.

    The error lists the supported languages, so a user knows what to type instead.
    """
    key = normalize(code)
    if language(key) not in SUPPORTED_LANGUAGES:
        supported = ", ".join(sorted(SUPPORTED_LANGUAGES))
        raise LocaleError(
            _("locale {code} is not supported; supported languages: {supported}").format(code=repr(code), supported=supported)
        )
    return key


@functools.lru_cache(maxsize=256)
def fallback_chain(locale: str) -> tuple[str, ...]:
    """Return the locales to look in for ``locale``, most specific first.

    A region falls back to its language (``de_AT``, ``de``), through the parents the
    Unicode CLDR gives where a language has regional families: ``es_MX`` → ``es_419``
    → ``es``, ``pt_AO`` → ``pt_PT`` → ``pt``; a Chinese region goes through its script
    (``zh_TW`` → ``zh_Hant`` → ``zh``, ``zh_CN`` → ``zh_Hans`` → ``zh``).
    """
    chain: list[str] = []
    current: str | None = locale
    while current and current not in chain:
        chain.append(current)
        current = _parent(current)
    return tuple(chain)


def _parent(locale: str) -> str | None:
    from babel import Locale
    from babel.core import get_global

    exceptions = get_global("parent_exceptions")
    if locale in exceptions and exceptions[locale] != "root":
        return str(exceptions[locale])
    parts = locale.split("_")
    if len(parts) == 1:
        return None
    if parts[0] == "zh" and len(parts[1]) != 4:
        try:
            script = Locale.parse(locale).script
        except (ValueError, LookupError):
            script = None
        if script:
            return f"zh_{script}"
    return "_".join(parts[:-1])


def support(locale: str) -> LanguageSupport:
    """Return how text in ``locale`` is segmented and inflected."""
    return SUPPORTED_LANGUAGES[language(locale)]


def display_name(locale: str, in_locale: str = "en") -> str:
    """Return the name of ``locale`` in the language of ``in_locale`` (``de_AT`` → "German (Austria)")."""
    from babel import Locale

    name = Locale.parse(locale).get_display_name(in_locale)
    return name or locale


def language_name(locale: str, in_locale: str = "en") -> str:
    """Return the name of the language of ``locale`` ("German"), for messages about readers."""
    from babel import Locale

    name = Locale.parse(language(locale)).get_language_name(in_locale)
    return name or locale


# --- gettext catalogs (used by framing.translate and framing.i18n) ----------------------


def plural_forms(locale: str) -> str:
    """Return the ``Plural-Forms`` header of a PO file for ``locale``, from Babel's CLDR data."""
    from babel.messages.plurals import get_plural

    return get_plural(locale).plural_forms


def from_gettext(code: str) -> str:
    """Return the canonical key of a gettext language code (``pt_BR``, ``de_DE.UTF-8``, ``sr@latin``).

    The encoding and ``@modifier`` are dropped. Raises :class:`LocaleError` when Babel
    does not know the rest.
    """
    bare = code.strip().split(".", 1)[0].split("@", 1)[0]
    return normalize(bare)
