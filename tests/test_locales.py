"""Locale codes: one spelling per locale, fallbacks, clear errors."""

from __future__ import annotations

import pytest

from framing import locales
from framing.errors import LocaleError


@pytest.mark.parametrize("code", ["de-AT", "de_AT", "de-at", "DE_at", " de_AT "])
def test_spellings_of_one_locale(code):
    assert locales.normalize(code) == "de_AT"


def test_script_and_region():
    assert locales.normalize("zh-hant-tw") == "zh_Hant_TW"


def test_fallback_chain():
    assert locales.fallback_chain("de_AT") == ("de_AT", "de")
    assert locales.fallback_chain("zh_Hant_TW") == ("zh_Hant_TW", "zh_Hant", "zh")


@pytest.mark.parametrize("code", ["xx", "de-XX", "12", "", "en_US_POSIX_EXTRA!"])
def test_unknown_locales(code):
    with pytest.raises(LocaleError):
        locales.normalize(code)


def test_unsupported_locale_names_the_supported_ones():
    with pytest.raises(LocaleError) as caught:
        locales.parse_supported("fi")
    assert str(caught.value) == (
        "locale 'fi' is not supported; supported languages: ar, de, en, es, fr, it, ja, ko, nl, pl, pt, ru, zh"
    )


def test_display_names():
    assert locales.display_name("de_AT") == "German (Austria)"
    assert locales.display_name("de", "de") == "Deutsch"
    assert locales.language_name("pt_BR") == "Portuguese"
