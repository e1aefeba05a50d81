"""Prepare the benchmark: corpora from Debian packages, and the peers (alex, proselint).

Everything goes to ``benchmarks/.work/`` (ignored by git). Run it again at will: what is
already there is kept.

- English prose: the reStructuredText sources of Debian's ``python3.11-doc``, with the
  markup stripped (directives, literal blocks, roles, section underlines).
- German, French, Spanish, Italian prose: the plain-text edition of Debian's
  ``debian-reference-{de,fr,es,it}``, without tables, commands and URLs.
- Chinese, Japanese, Korean prose: the paragraphs of the HTML editions of Debian's
  ``debian-reference-zh-cn``, ``debian-reference-ja`` and ``debian-faq-ko`` (for
  ``segmentation.py``; the text editions are wrapped inside words).
- alex from npm into ``.work/node``; proselint from PyPI into ``.work/proselint-venv``.

Corpora: ``<lang>-1mb.txt`` for each language (exactly 1,000,000 bytes, cut at a line
end, cycling through the sources if they are shorter), ``en-10mb.txt`` and
``en-100mb.txt`` (the English text repeated), ``proposal.md`` (the project's one-page
example proposal), ``many/`` (200 files of about 25 kB each, from the English text) and
``<lang>-100kb.txt`` for zh, ja and ko (100,000 bytes each).
"""

from __future__ import annotations

import argparse
import gzip
import html.parser
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
DEBS = WORK / "debs"
CORPUS = WORK / "corpus"
REFERENCE_LANGUAGES = ("de", "fr", "es", "it")
MB = 1_000_000
CJK_BYTES = 100_000
# Where the HTML editions of Debian documentation in Chinese, Japanese and Korean are, inside their packages.
CJK_SOURCES = {
    "zh": ("debian-reference-zh-cn", "usr/share/debian-reference", "*.zh-cn.html"),
    "ja": ("debian-reference-ja", "usr/share/debian-reference", "*.ja.html"),
    "ko": ("debian-faq-ko", "usr/share/doc/debian/FAQ/ko", "*.ko.html"),
}
MANY_FILES = 200
MANY_FILE_BYTES = 25_000

# --- English: reStructuredText -> prose ------------------------------------------------

_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+:.])\1{2,}\s*$")
_DIRECTIVE = re.compile(r"^\s*\.\.\s")
_ROLE = re.compile(r":[a-zA-Z:]+:`([^`<]*?)(?:\s*<[^>]*>)?`")
_LINK = re.compile(r"`([^`<]+?)\s*<[^>]*>`_+")
_LITERAL = re.compile(r"``([^`]*)``")
_REFERENCE = re.compile(r"`([^`]+)`_*")
_URL = re.compile(r"\S+://\S+")


def rst_to_prose(source: str) -> str:
    """Return the prose of a reStructuredText document: no directives, literal blocks, roles or URLs."""
    kept: list[str] = []
    skip_indent: int | None = None
    for line in source.splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None:
            if not stripped or indent > skip_indent:
                continue
            skip_indent = None
        if _DIRECTIVE.match(line):
            # A directive's options and content are code or markup more often than prose.
            skip_indent = indent
            continue
        if stripped.startswith((">>>", "...", "|", "+-", "+=")) or _UNDERLINE.match(stripped):
            continue
        if stripped.endswith("::"):
            skip_indent = indent
            stripped = stripped[:-2].rstrip()
            if stripped.endswith(":"):
                stripped = stripped[:-1]
        text = _ROLE.sub(r"\1", stripped)
        text = _LINK.sub(r"\1", text)
        text = _LITERAL.sub(r"\1", text)
        text = _REFERENCE.sub(r"\1", text)
        text = _URL.sub("", text).replace("**", "").replace("*", "")
        kept.append(text)
    return _paragraphs(kept)


# --- Debian reference: plain text -> prose ----------------------------------------------

_TABLE = re.compile(r"^\s*[+|]")
_COMMAND = re.compile(r"^\s*[$#] ")


def reference_to_prose(source: str) -> str:
    """Return the prose of the Debian reference's text edition: no tables, commands, URLs or figures."""
    kept = []
    for line in source.splitlines():
        stripped = line.strip()
        if _TABLE.match(line) or _COMMAND.match(line):
            continue
        letters = sum(c.isalpha() for c in stripped)
        if stripped and letters < len(stripped) / 2:
            continue  # listings, file names, numbers
        kept.append(_URL.sub("", stripped))
    return _paragraphs(kept)


def _paragraphs(lines: list[str]) -> str:
    """Return the lines joined, with runs of blank lines reduced to one."""
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# --- HTML paragraphs -> prose (Chinese, Japanese, Korean) ----------------------------------


class _Paragraphs(html.parser.HTMLParser):
    """Collects the text of every ``<p>`` element, one paragraph a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._depth = 0
        self._current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._depth:
            self._depth -= 1
            if not self._depth:
                text = " ".join("".join(self._current).split())
                if text:
                    self.paragraphs.append(text)
                self._current = []

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._current.append(data)


def html_prose(paths: list[Path]) -> str:
    """Return the paragraphs of the HTML files ``paths``, one a line, without URLs."""
    lines = []
    for path in paths:
        parser = _Paragraphs()
        parser.feed(path.read_text(encoding="utf-8"))
        lines += [_URL.sub("", paragraph) for paragraph in parser.paragraphs]
    return "\n".join(lines) + "\n"


def cjk_prose(language: str) -> str:
    """Return the prose of the Debian documentation chosen for ``language`` (zh, ja or ko)."""
    package, folder, pattern = CJK_SOURCES[language]
    return html_prose(sorted((download(package) / folder).glob(pattern)))


# --- building the files -----------------------------------------------------------------


def download(package: str, debs: Path = DEBS) -> Path:
    """Return the folder ``package`` (a Debian package) is unpacked in under ``debs``, downloading it with apt-get.

    ``apt-get download`` fetches the ``.deb`` of the system's package lists (no root
    needed) and ``dpkg-deb -x`` unpacks it; a package already unpacked is kept.
    """
    target = debs / package
    if target.is_dir():
        return target
    debs.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", package], cwd=debs, check=True)
    deb = sorted(debs.glob(f"{package}_*.deb"))[-1]
    subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
    return target


def _sized(text: str, size: int) -> str:
    """Return ``text`` cycled and cut at a line end so that it is exactly ``size`` UTF-8 bytes."""
    data = text.encode("utf-8")
    repeated = data * (size // len(data) + 1)
    cut = repeated[:size]
    end = cut.rfind(b"\n") + 1
    cut = cut[:end]
    # Pad the last line with spaces to the exact size (keeps linear-size comparisons exact).
    cut += b" " * (size - len(cut) - 1) + b"\n"
    return cut.decode("utf-8")


def python_doc_sources(debs: Path = DEBS) -> list[tuple[str, str]]:
    """Return (path under ``_sources``, prose) of each reStructuredText source of the Python 3.11 documentation, in path order.

    The path drops the ``.txt`` that Sphinx adds (``library/hashlib.rst``).
    """
    folder = download("python3.11-doc", debs) / "usr/share/doc/python3.11/html/_sources"
    sources = sorted(folder.rglob("*.rst.txt"))
    return [
        (path.relative_to(folder).as_posix().removesuffix(".txt"), rst_to_prose(path.read_text(encoding="utf-8")))
        for path in sources
    ]


def english_prose() -> str:
    """Return the prose of every reStructuredText source of the Python 3.11 documentation, in path order."""
    return "".join(prose + "\n" for _, prose in python_doc_sources())


def reference_prose(language: str, debs: Path = DEBS) -> str:
    """Return the prose of the Debian reference in ``language`` (the package's suffix: ``de``, ``pt-br``, ``zh-cn``)."""
    folder = download(f"debian-reference-{language}", debs)
    path = folder / f"usr/share/debian-reference/debian-reference.{language}.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return reference_to_prose(handle.read())


def write_cjk_corpora() -> None:
    """Write the Chinese, Japanese and Korean corpora that are missing (``<lang>-100kb.txt``)."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    for language in CJK_SOURCES:
        target = CORPUS / f"{language}-100kb.txt"
        if not target.exists():
            target.write_text(_sized(cjk_prose(language), CJK_BYTES), encoding="utf-8")


def write_corpora() -> None:
    """Write every corpus file that is missing."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    english = None
    wanted = {"en-1mb.txt": MB, "en-10mb.txt": 10 * MB, "en-100mb.txt": 100 * MB}
    for name, size in wanted.items():
        if not (CORPUS / name).exists():
            english = english if english is not None else english_prose()
            (CORPUS / name).write_text(_sized(english, size), encoding="utf-8")
    for language in REFERENCE_LANGUAGES:
        target = CORPUS / f"{language}-1mb.txt"
        if not target.exists():
            target.write_text(_sized(reference_prose(language), MB), encoding="utf-8")
    write_cjk_corpora()
    many = CORPUS / "many"
    if not many.is_dir():
        english = english if english is not None else english_prose()
        many.mkdir()
        chunk = _sized(english, MANY_FILES * MANY_FILE_BYTES)
        lines = chunk.splitlines(keepends=True)
        per_file = len(lines) // MANY_FILES
        for number in range(MANY_FILES):
            part = lines[number * per_file : (number + 1) * per_file]
            (many / f"doc{number:03d}.txt").write_text("".join(part), encoding="utf-8")
    shutil.copyfile(HERE.parent / "examples" / "proposal.md", CORPUS / "proposal.md")


# --- peers ------------------------------------------------------------------------------


def alex_command() -> Path:
    """Return the path of the alex command, installing it from npm into ``.work/node`` if missing."""
    command = WORK / "node" / "node_modules" / ".bin" / "alex"
    if not command.exists():
        (WORK / "node").mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(WORK / "node"), "alex"], check=True)
    return command


def proselint_command() -> Path:
    """Return the path of the proselint command, installing it from PyPI into its own venv if missing."""
    venv = WORK / "proselint-venv"
    command = venv / "bin" / "proselint"
    if not command.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "proselint"], check=True)
    return command


def main() -> None:
    """Prepare corpora and peers (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-peers", action="store_true", help="Only build the corpora.")
    arguments = parser.parse_args()
    write_corpora()
    if not arguments.no_peers:
        print("alex:", alex_command())
        print("proselint:", proselint_command())
    print("corpora in", CORPUS)


if __name__ == "__main__":
    main()
