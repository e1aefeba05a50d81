"""The page of ``framing serve``: server-rendered HTML in the visitor's language, with the view's script added.

Every value put into the HTML is escaped; the settings come from the URL
(``/?locale=en&audience=de,it&lang=de``), never the text, which only the script sends,
by POST, to the API.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing import locales
from framing.i18n import N_
from framing.readers import FORMATS
from framing.view.page import catalog, language_names, messages, page_languages, script_data

#: Files the page opens: the readers' formats writers have (Word and OpenDocument files
#: are opened as their text, one line per paragraph; compiled .mo catalogs are left out).
UPLOAD_SUFFIXES = (".txt", ".md", ".rst", ".wiki", ".html", ".po", ".docx", ".odt")
#: Input formats offered, with their names.
INPUT_FORMATS: dict[str, str] = {
    "text": N_("Plain text"),
    "markdown": N_("Markdown"),
    "rst": N_("reStructuredText"),
    "html": N_("HTML"),
    "wikitext": N_("Wikitext (MediaWiki)"),
    "po": N_("gettext PO"),
}

#: The page's own words (the view's are in framing.view.page.MESSAGES).
PAGE_MESSAGES: dict[str, str] = {
    "title": N_("framing: check a text for its readers"),
    "tagline": N_(
        "Paste or open a text, say who will read it, and see which words may land badly with them, why, "
        "and what to write instead."
    ),
    "skip": N_("Skip to the text"),
    "page_language": N_("Page language"),
    "change_language": N_("Change"),
    "text": N_("Text"),
    "upload": N_("Open a file (.txt, .md, .rst, .wiki, .html, .po, .docx, .odt)"),
    "locale": N_("Written in"),
    "input_format": N_("Format"),
    "audience": N_("Read by (besides writers of its own language)"),
    "check": N_("Check"),
    "results": N_("Results"),
    "apply_all": N_("Apply all safe rewordings"),
    "copy": N_("Copy the text"),
    "download": N_("Download the text"),
    "privacy": N_("Your text is sent only to this server, to be checked; it is never stored or logged."),
    "checking": N_("Checking…"),
    "checked": N_("Checked: {count} occurrences found."),
    "stale": N_("The text has changed since it was checked; check it again."),
    "rewritten": N_("Rewritten: {old} → {new}. Checking again…"),
    "fixed": N_("{count} safe rewordings applied. Checking again…"),
    "nothing_to_fix": N_("No safe rewording to apply."),
    "copied": N_("The text is copied."),
    "opened": N_("Opened {name}."),
    "failed": N_("The server could not be reached."),
}


@dataclass(frozen=True)
class PageSettings:
    """What the URL says: the page's language, the writer's locale and the readers' locales."""

    language: str = "en"
    locale: str = "en"
    audience: tuple[str, ...] = ()


def negotiate(accept_language: str, wanted: str | None = None) -> str:
    """Return the page language: ``wanted`` when the page speaks it, else the best of ``Accept-Language``, else English."""
    spoken = page_languages()
    if wanted and wanted in spoken:
        return wanted
    choices = []
    for position, part in enumerate(accept_language.split(",")):
        code, _, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                quality = 0.0
        if code and quality > 0:
            choices.append((-quality, position, code.strip().lower().replace("_", "-")))
    for _q, _position, code in sorted(choices):
        language = code.split("-", 1)[0]
        if language in spoken:
            return language
    return "en"


def render(settings: PageSettings, locale_codes: Sequence[str]) -> str:
    """Return the page for ``settings``, offering ``locale_codes`` as the writer's and the readers' languages."""
    language = settings.language
    translate = catalog(language).gettext
    words = {key: translate(message) for key, message in PAGE_MESSAGES.items()}
    names = language_names(language, tuple(locale_codes))
    page_names = language_names(language, tuple(page_languages()))
    ordered = sorted(locale_codes, key=lambda code: names[code].casefold())
    data = {
        "messages": {**messages(language), **words},
        "languages": names,
        "uploadSuffixes": list(UPLOAD_SUFFIXES),
    }
    e = html.escape
    language_options = _options(((code, _own_name(code, page_names[code])) for code in page_languages()), language)
    locale_options = _options(((code, f"{names[code]} ({code})") for code in ordered), settings.locale)
    format_options = _options(((name, translate(label)) for name, label in INPUT_FORMATS.items() if name in FORMATS), "text")
    audience_boxes = "\n".join(
        f'<span class="check"><input type="checkbox" id="audience-{e(code)}" name="audience" value="{e(code)}"'
        f'{" checked" if code in settings.audience else ""}>'
        f'<label for="audience-{e(code)}">{e(names[code])} ({e(code)})</label></span>'
        for code in ordered
    )
    return f"""<!DOCTYPE html>
<html lang="{e(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(words["title"])}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="static/view.css">
<link rel="stylesheet" href="static/app.css">
</head>
<body>
<a class="skip" id="skip" href="#text">{e(words["skip"])}</a>
<header class="banner">
<h1>{e(words["title"])}</h1>
<p>{e(words["tagline"])}</p>
<form class="language" method="get" action="">
<label for="lang">{e(words["page_language"])}</label>
<select id="lang" name="lang">{language_options}</select>
<input type="hidden" name="locale" value="{e(settings.locale)}">
<input type="hidden" name="audience" value="{e(",".join(settings.audience))}">
<button type="submit" id="change">{e(words["change_language"])}</button>
</form>
</header>
<main id="main">
<form id="check-form" class="check-form">
<div class="field text-field">
<label for="text">{e(words["text"])}</label>
<textarea id="text" rows="14" spellcheck="true" aria-describedby="privacy"></textarea>
<p id="privacy" class="hint">{e(words["privacy"])}</p>
</div>
<div class="settings">
<div class="field"><label for="upload">{e(words["upload"])}</label>
<input type="file" id="upload" accept="{e(",".join(UPLOAD_SUFFIXES))}"></div>
<div class="field"><label for="locale">{e(words["locale"])}</label>
<select id="locale" name="locale">{locale_options}</select></div>
<div class="field"><label for="input-format">{e(words["input_format"])}</label>
<select id="input-format" name="input_format">{format_options}</select></div>
<fieldset id="audience" class="audience"><legend>{e(words["audience"])}</legend>
{audience_boxes}
</fieldset>
<button type="submit" id="check" class="primary">{e(words["check"])}</button>
</div>
</form>
<p id="status" role="status" aria-live="polite"></p>
<p id="error" role="alert" class="error"></p>
<section id="results" aria-labelledby="results-heading">
<h2 id="results-heading">{e(words["results"])}</h2>
<div class="actions">
<button type="button" id="apply-all" disabled>{e(words["apply_all"])}</button>
<button type="button" id="copy">{e(words["copy"])}</button>
<button type="button" id="download">{e(words["download"])}</button>
</div>
<div id="view"></div>
</section>
</main>
<footer class="footer"><p>framing</p></footer>
<script type="application/json" id="framing-data">{script_data(data)}</script>
<script src="static/view.js"></script>
<script src="static/app.js"></script>
</body>
</html>
"""


def _options(choices: Iterable[tuple[str, str]], selected: str) -> str:
    return "".join(
        f'<option value="{html.escape(value)}"{" selected" if value == selected else ""}>{html.escape(label)}</option>'
        for value, label in choices
    )


def _own_name(code: str, name: str) -> str:
    """Return a page language's name in the page's language, with its own name when it differs ("Deutsch")."""
    own = locales.display_name(code, code)
    return name if own.casefold() == name.casefold() else f"{name} — {own}"
