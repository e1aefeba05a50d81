"""The corpora of the precision benchmark, and linting them with the library.

Three kinds of text that no one on the project wrote:

- ``python-docs``: the reStructuredText sources of Debian's ``python3.11-doc``, with
  the markup stripped by the speed benchmark's ``rst_to_prose``; English.
- ``debian-reference``: the text edition of Debian's ``debian-reference-<language>``
  packages, for every language of ours that has one (``pt-br`` counts as ``pt``,
  ``zh-cn`` and ``zh-tw`` as ``zh``), without tables, commands and URLs.
- ``catalogs``: the gettext catalogs installed on this machine under
  ``/usr/share/locale/<ll>[_<CC>]/LC_MESSAGES/*.mo``, checked the way ``framing check-po``
  checks them (each translation in the catalog's locale).

The Debian packages are fetched with ``apt-get download`` and unpacked with
``dpkg-deb -x`` into ``benchmarks/precision/.work/debs/`` (no root needed, nothing
installed on the system), by the same function the speed benchmark uses.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import prepare
from framing import locales
from framing.model import Finding, Reader

CORPORA = ("python-docs", "debian-reference", "catalogs")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Occurrence:
    """One finding, as one of its readers sees it, in the text it was found in.

    ``document`` names the file inside the corpus (the part of a label's key that says
    where); ``text`` is the text that was linted (a document's prose, or one
    translation of a catalog), and the finding's offsets point into it. A finding that
    concerns several readers is counted and labelled once per reader (``reader``): an
    alarm can be true for one audience and false for another. ``details`` are shown to
    a labeller (a catalog entry's msgid, for instance).
    """

    document: str
    text: str
    finding: Finding
    reader: Reader
    details: tuple[tuple[str, str | bool], ...] = ()


def occurrences(document: str, text: str, finding: Finding, details: tuple[tuple[str, str | bool], ...] = ()) -> list[Occurrence]:
    """Return an occurrence of ``finding`` for each of its readers."""
    return [Occurrence(document, text, finding, reader, details) for reader in finding.readers]


@dataclass
class Linted:
    """One corpus linted in one language: how much text, and what was found."""

    corpus: str
    language: str
    audience: bool
    documents: int = 0
    size_bytes: int = 0
    occurrences: list[Occurrence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def supported_languages() -> list[str]:
    """Return the languages framing lints, sorted."""
    return sorted(locales.SUPPORTED_LANGUAGES)


def _lint_documents(
    corpus: str, language: str, documents: Iterable[tuple[str, str, str]], audience: Iterable[str], sources: list[str]
) -> Linted:
    """Return the findings in ``documents`` (name, lint locale, prose), each linted by a Linter of its locale."""
    from framing.linter import Linter

    audience = tuple(audience)
    result = Linted(corpus, language, bool(audience), sources=sources)
    linters: dict[str, Linter] = {}
    for name, locale, prose in documents:
        if locale not in linters:
            linters[locale] = Linter(locale, [code for code in audience if code != locales.language(locale)])
        result.documents += 1
        result.size_bytes += len(prose.encode("utf-8"))
        for finding in linters[locale].lint(prose):
            result.occurrences.extend(occurrences(name, prose, finding))
    return result


# --- Python documentation ------------------------------------------------------------


def python_docs(debs: Path, *, audience: bool) -> Linted:
    """Return the Python 3.11 documentation linted in English (with every other language as audience if ``audience``)."""
    sources = prepare.python_doc_sources(debs)
    others = [code for code in supported_languages() if code != "en"] if audience else []
    return _lint_documents(
        "python-docs", "en", ((name, "en", prose) for name, prose in sources), others, _debs(debs, "python3.11-doc")
    )


def _debs(debs: Path, package: str) -> list[str]:
    """Return the file names of the downloaded ``.deb`` files of ``package`` (they carry its version)."""
    return [path.name for path in sorted(debs.glob(f"{package}_*.deb"))]


# --- Debian reference ----------------------------------------------------------------

_REFERENCE = re.compile(r"^debian-reference-([a-z]{2,3}(?:-[a-z]{2})?)\s")


def reference_packages(listing: str) -> dict[str, list[tuple[str, str]]]:
    """Return, by language of ours, the (package suffix, lint locale) of each ``debian-reference-*`` translation.

    ``listing`` is the output of ``apt-cache search debian-reference``; suffixes of
    languages framing does not lint (``id``) and packages that are not a translation
    (``common``) are left out. ``pt-br`` is linted as ``pt_BR``, ``zh-cn`` as ``zh_CN``.
    """
    found: dict[str, list[tuple[str, str]]] = {}
    for line in listing.splitlines():
        match = _REFERENCE.match(line)
        if not match:
            continue
        suffix = match.group(1)
        try:
            locale = locales.parse_supported(suffix.replace("-", "_"))
        except Exception:  # noqa: BLE001 - "common", or a language framing does not lint
            continue
        found.setdefault(locales.language(locale), []).append((suffix, locale))
    return {language: sorted(packages) for language, packages in sorted(found.items())}


def available_references() -> dict[str, list[tuple[str, str]]]:
    """Return the Debian reference translations apt knows of (see :func:`reference_packages`)."""
    listing = subprocess.run(["apt-cache", "search", "debian-reference"], check=True, capture_output=True, text=True).stdout
    return reference_packages(listing)


def debian_reference(debs: Path, language: str, packages: list[tuple[str, str]], *, audience: bool) -> Linted:
    """Return the Debian reference translations ``packages`` of ``language`` linted each in its locale."""
    documents = [(f"debian-reference.{suffix}.txt", locale, prepare.reference_prose(suffix, debs)) for suffix, locale in packages]
    others = [code for code in supported_languages() if code != language] if audience else []
    sources = [name for suffix, _ in packages for name in _debs(debs, f"debian-reference-{suffix}")]
    return _lint_documents("debian-reference", language, documents, others, sources)


# --- gettext catalogs ----------------------------------------------------------------

_FOLDER = re.compile(r"^([a-z]{2,3})(?:_[A-Z]{2})?$")


def catalog_files(root: Path, languages: Iterable[str]) -> dict[str, list[Path]]:
    """Return the ``.mo`` files under ``root/<ll>[_<CC>]/LC_MESSAGES/`` by language, for ``languages``, sorted.

    Folders with a modifier (``en@quot``) or a script (``zh_Hant``) are left out.
    """
    wanted = set(languages)
    found: dict[str, list[Path]] = {}
    if not root.is_dir():
        return found
    for folder in sorted(root.iterdir()):
        match = _FOLDER.match(folder.name)
        if not match or match.group(1) not in wanted:
            continue
        files = sorted((folder / "LC_MESSAGES").glob("*.mo"))
        if files:
            found.setdefault(match.group(1), []).extend(files)
    return found


def _translations(entry: object) -> list[str]:
    """Return the translated texts of a catalog entry (each plural form in order), as check-po lints them."""
    plural = getattr(entry, "msgstr_plural", None)
    if plural:
        return [text for _, text in sorted(plural.items()) if text]
    text = getattr(entry, "msgstr", "")
    return [text] if text else []


def catalogs(files: list[Path], language: str, checker: object, progress: Progress | None = None) -> Linted:
    """Return the translations of the catalogs ``files`` checked by ``checker`` (a ``CatalogChecker``).

    Each catalog is checked in the locale of its folder (``de_CH/LC_MESSAGES``), the
    locale gettext shows its messages in. A catalog that cannot be read is left out and named in ``sources``.
    """
    from framing.errors import FramingError
    from framing.translate.check import read_catalog

    result = Linted("catalogs", language, False)
    skipped = 0
    for path in files:
        folder = path.parent.parent.name
        name = f"{folder}/{path.name}"
        try:
            report = checker.check(path, locale=folder)  # type: ignore[attr-defined]
            catalog, _ = read_catalog(path)
        except FramingError as error:
            skipped += 1
            result.sources.append(f"skipped {name}: {error}")
            continue
        texts: dict[tuple[str | None, str], list[str]] = {}
        for entry in catalog:
            if entry.msgid and not entry.obsolete:
                forms = _translations(entry)
                if forms:
                    texts[(entry.msgctxt, entry.msgid)] = forms
                    result.size_bytes += sum(len(form.encode("utf-8")) for form in forms)
        result.documents += 1
        for found in report.findings:
            finding = found.finding
            forms = texts.get((found.msgctxt, found.msgid), [])
            text = next((form for form in forms if form[finding.start : finding.end] == finding.text), None)
            if text is None:
                continue  # cannot happen while check-po lints the same texts; never label a finding out of context
            details = (("msgid", found.msgid), ("introduced_in_translation", found.introduced))
            result.occurrences.extend(occurrences(name, text, finding, details))
        if progress is not None:
            progress(name)
    result.sources.insert(0, f"{result.documents} catalogs from {files[0].parent.parent.parent}" if files else "no catalogs")
    return result


def catalog_checker() -> object:
    """Return a ``CatalogChecker`` over the built-in lexicons, loaded once for every catalog."""
    from framing.lexicon import load
    from framing.translate.check import CatalogChecker

    return CatalogChecker(load([], builtin=True))


def chosen_languages(selected: Iterable[str]) -> list[str]:
    """Return the languages to measure: ``selected``, or all supported ones when it is empty.

    Raises ValueError for a language framing does not lint.
    """
    supported = supported_languages()
    chosen = list(selected) or supported
    unknown = [code for code in chosen if code not in supported]
    if unknown:
        raise ValueError(f"unknown language {', '.join(unknown)}; framing lints {', '.join(supported)}")
    return chosen
