"""Word boundaries in Chinese, Japanese and Korean text, from the segmenters their readers' tools use.

These languages are matched on characters (a term is found wherever its characters
occur, see :class:`framing.patterns.CharacterMatcher`); this module says which of
those places are whole words, so that 総統 is not found inside 総統計 nor 병신 inside
감염병신고서. It is the only module that imports the segmenters:

- Chinese: jieba, in its precise mode without HMM guessing (characters it does not know
  as part of a word stay single, so a term it does not know is still found);
- Japanese: SudachiPy with sudachidict_core, in mode C (the longest units: compounds
  and names are one word, as in GiNZA), a word's mode-B parts counting as words too;
- Korean: Kiwi (kiwipiepy), whose morphemes split off particles and endings
  (지도자가 is 지도자 + 가).

A match is a whole word when it starts where a word starts and ends where a word ends;
the words in between may be cut differently from the term's own cutting. A match of
two or more characters inside one word also counts when the segmenter splits that word
into parts with the match as one of them (jieba: the word's best path through its
dictionary without the whole word, so 土著 is found in 土著居民 and 批斗 in 批斗会;
Sudachi: the word's mode-B units).

Only the sentence around a possible match is segmented, and only when there is one:
text without candidates costs no segmentation at all, and each segmenter is loaded on
first use, once per process (a process forked after loading shares it). Nothing is
downloaded: the dictionaries and models come with the packages. Segmenter objects live
in this module only, never in an engine, so engines stay picklable.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
import threading
import warnings
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from framing.errors import LocaleError
from framing.i18n import N_, _

# How far from a match the sentence around it may reach, in characters, each way.
WINDOW = 200
_SENTENCE_END = re.compile(r"[\n\r。！？!?．]|\.(?=\s)")
_SOFT_BREAK = re.compile(r"[\s、，,;；:：]")


class MissingSegmenterError(LocaleError):
    """The package that splits a locale's text into words is not installed (an extra of framing-termlint)."""


@dataclass(frozen=True)
class Segmenter:
    """Who splits one language into words: its name, the modules it needs, and the extra that installs them."""

    language: str
    name: str
    modules: tuple[str, ...]
    distributions: tuple[str, ...]
    missing: str

    @property
    def requirement(self) -> str:
        """Return what to install: ``framing-termlint[<language>]``."""
        return f"framing-termlint[{self.language}]"


SEGMENTERS: dict[str, Segmenter] = {
    "zh": Segmenter(
        "zh",
        "jieba",
        ("jieba",),
        ("jieba",),
        N_("Chinese text is split into words with jieba, which is not installed: pip install '{requirement}'"),
    ),
    "ja": Segmenter(
        "ja",
        "SudachiPy",
        ("sudachipy", "sudachidict_core"),
        ("sudachipy", "sudachidict_core"),
        N_("Japanese text is split into words with SudachiPy, which is not installed: pip install '{requirement}'"),
    ),
    "ko": Segmenter(
        "ko",
        "Kiwi",
        ("kiwipiepy", "kiwipiepy_model"),
        ("kiwipiepy", "kiwipiepy_model"),
        N_("Korean text is split into words with Kiwi, which is not installed: pip install '{requirement}'"),
    ),
}


def needs_segmenter(language: str) -> bool:
    """Return whether text in ``language`` (a language subtag) is split into words by a segmenter of this module."""
    return language in SEGMENTERS


def missing(language: str) -> str | None:
    """Return the message saying which extra to install when ``language``'s segmenter cannot be imported, else None."""
    segmenter = SEGMENTERS.get(language)
    if segmenter is None:
        return None
    if all(_importable(module) for module in segmenter.modules):
        return None
    return _(segmenter.missing).format(requirement=segmenter.requirement)


def _importable(module: str) -> bool:
    """Return whether ``module`` can be imported, without importing it (an import costs a few tenths of a second)."""
    if module in sys.modules:
        return sys.modules[module] is not None  # None: imports of it are blocked
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def require(language: str) -> None:
    """Raise :class:`MissingSegmenterError` when text in ``language`` needs a segmenter that is not installed."""
    message = missing(language)
    if message is not None:
        raise MissingSegmenterError(message)


def versions(language: str) -> str:
    """Return the versions of the packages that segment ``language`` (for cache keys), or "" when none does."""
    segmenter = SEGMENTERS.get(language)
    if segmenter is None:
        return ""
    found = []
    for distribution in segmenter.distributions:
        try:
            found.append(f"{distribution} {metadata.version(distribution)}")
        except metadata.PackageNotFoundError:
            found.append(f"{distribution} absent")
    return f"{_FORMAT}; " + ", ".join(found)


# Changes whenever the way words are cut here changes, so cached example checks are redone.
_FORMAT = "segmentation 1"


def whole_words(language: str, text: str) -> Callable[[int, int], bool]:
    """Return a test of whether ``text[start:end]`` begins and ends at word boundaries of ``language``.

    The sentence around each span asked about is segmented once, on the first question
    about it. Raises :class:`MissingSegmenterError` when the segmenter is not installed.
    """
    require(language)
    windows: dict[tuple[int, int], _Words] = {}

    def test(start: int, end: int) -> bool:
        bounds = sentence_around(text, start, end)
        words = windows.get(bounds)
        if words is None:
            words = windows[bounds] = _Words(_segmenter(language), text, *bounds)
        return words.whole(start, end)

    return test


def words(language: str, sentence: str) -> list[tuple[int, int]]:
    """Return the words of ``sentence`` in ``language`` as (start, end) character offsets, in order.

    (Korean contractions give morphemes that share characters: 했 is 하 + 었.) Raises
    :class:`MissingSegmenterError` when the segmenter is not installed.
    """
    require(language)
    return [(start, end) for start, end, _handle in _segmenter(language).words(sentence)]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the sentence holding ``text[start:end]``, at most :data:`WINDOW` characters either side.

    A sentence ends at a line break or a full stop, question or exclamation mark. When
    none is that near, the text is cut at the space or comma-like mark farthest from the
    span within the limit (keeping as much context as it may), else at the limit.
    """
    low = max(0, start - WINDOW)
    high = min(len(text), end + WINDOW)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, start)]
    if ends:
        left = ends[-1]
    else:
        soft = _SOFT_BREAK.search(text, low, start)
        left = soft.end() if soft else low
    after = _SENTENCE_END.search(text, end, high)
    if after:
        right = after.end()
    else:
        softs = [m.end() for m in _SOFT_BREAK.finditer(text, end, high)]
        right = softs[-1] if softs and high < len(text) else high
    return left, right


class _Words:
    """The words of one sentence, and whether a span of it is made of whole words (or is a whole part of one word)."""

    def __init__(self, backend: _Backend, text: str, low: int, high: int) -> None:
        self._backend = backend
        self._text = text
        self._words = [(low + start, low + end, handle) for start, end, handle in backend.words(text[low:high])]
        self._starts = [start for start, _end, _handle in self._words]
        self._start_set = set(self._starts)
        self._end_set = {end for _start, end, _handle in self._words}

    def whole(self, start: int, end: int) -> bool:
        """Return whether ``start:end`` starts at a word start and ends at a word end, or is a part of one word."""
        if start in self._start_set and end in self._end_set:
            return True
        index = bisect_right(self._starts, start) - 1
        if end - start < 2 or index < 0:
            return False
        word_start, word_end, handle = self._words[index]
        if end > word_end:
            return False
        cuts = {word_start + cut for cut in self._backend.parts(self._text[word_start:word_end], handle)}
        return start in cuts and end in cuts


class _Backend:
    """A loaded segmenter: the words of a sentence, and the parts of one word; one thread at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def words(self, sentence: str) -> list[tuple[int, int, Any]]:
        """Return the words of ``sentence`` as (start, end, handle): character offsets, and what :meth:`parts` needs."""
        with self._lock:
            return self._words(sentence)

    def parts(self, word: str, handle: Any) -> Sequence[int]:
        """Return where ``word`` splits into parts, as offsets from its start (both ends included); () when it does not."""
        with self._lock:
            return self._parts(word, handle)

    def _words(self, sentence: str) -> list[tuple[int, int, Any]]:
        raise NotImplementedError

    def _parts(self, word: str, handle: Any) -> Sequence[int]:
        return ()


class _Jieba(_Backend):
    """jieba's precise mode without HMM, on a tokenizer of our own (a caller's ``jieba.dt`` settings do not leak in)."""

    def __init__(self) -> None:
        super().__init__()
        import jieba

        from framing.inflection import cache_dir

        tokenizer = self._tokenizer = jieba.Tokenizer()
        folder = cache_dir()
        logger = logging.getLogger("jieba")
        level = logger.level
        logger.setLevel(logging.CRITICAL + 1)  # jieba reports loading, and a cache it cannot write, on stderr
        try:
            if folder is None:  # caching is off: build the prefix dictionary without writing jieba's cache file
                tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
                tokenizer.initialized = True
            else:
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                except OSError:
                    pass  # jieba then builds its dictionary without a cache
                tokenizer.tmp_dir = str(folder)
                tokenizer.cache_file = f"jieba-{metadata.version('jieba')}.cache"
                tokenizer.initialize()
        finally:
            logger.setLevel(level)

    def _words(self, sentence: str) -> list[tuple[int, int, Any]]:
        found = []
        position = 0
        for word in self._tokenizer.cut(sentence, HMM=False):  # the words join up to the sentence
            found.append((position, position + len(word), None))
            position += len(word)
        return found

    def _parts(self, word: str, handle: Any) -> Sequence[int]:
        # jieba's best path through the word's dictionary graph, without the edge of the whole word.
        if len(word) < 3:
            return ()
        graph = self._tokenizer.get_DAG(word)
        graph[0] = [end for end in graph[0] if end != len(word) - 1] or [0]
        route: dict[int, tuple[float, int]] = {}
        self._tokenizer.calc(word, graph, route)
        cuts = [0]
        while cuts[-1] < len(word):
            cuts.append(route[cuts[-1]][1] + 1)
        return cuts


class _Sudachi(_Backend):
    """SudachiPy with the core dictionary: words in mode C, parts in mode B."""

    def __init__(self) -> None:
        super().__init__()
        from sudachipy import Dictionary, SplitMode

        self._mode_b = SplitMode.B
        dictionary = Dictionary(dict="core")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # create() is tokenizer() in newer releases
            make = getattr(dictionary, "tokenizer", None) or dictionary.create
            self._tokenizer = make(mode=SplitMode.C)

    def _words(self, sentence: str) -> list[tuple[int, int, Any]]:
        return [(m.begin(), m.end(), m) for m in self._tokenizer.tokenize(sentence)]

    def _parts(self, word: str, handle: Any) -> Sequence[int]:
        units = handle.split(self._mode_b)
        if len(units) < 2:
            return ()
        base = handle.begin()
        return [0] + [unit.end() - base for unit in units]


class _Kiwi(_Backend):
    """Kiwi's morphemes; single-threaded, so a process forked after loading may go on using it."""

    def __init__(self) -> None:
        super().__init__()
        from kiwipiepy import Kiwi

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # num_workers=0 meant "all cores" before 0.21
            # The typo and multi-word dictionaries cost seconds to load and do not move morpheme boundaries here.
            self._kiwi = Kiwi(num_workers=0, load_typo_dict=False, load_multi_dict=False)

    def _words(self, sentence: str) -> list[tuple[int, int, Any]]:
        # A contraction (했 = 하 + 었) gives several morphemes over the same characters.
        return sorted((t.start, t.start + t.len, None) for t in self._kiwi.tokenize(sentence) if t.len > 0)


_BACKENDS: dict[str, type[_Backend]] = {"zh": _Jieba, "ja": _Sudachi, "ko": _Kiwi}
_loaded: dict[str, _Backend] = {}  # one per language and process, made on first use: loading takes seconds
_loading = threading.Lock()


def _segmenter(language: str) -> _Backend:
    backend = _loaded.get(language)
    if backend is None:
        with _loading:
            backend = _loaded.get(language)
            if backend is None:
                try:
                    backend = _loaded[language] = _BACKENDS[language]()
                except ImportError as error:  # found but broken: say which extra to (re)install
                    segmenter = SEGMENTERS[language]
                    raise MissingSegmenterError(_(segmenter.missing).format(requirement=segmenter.requirement)) from error
    return backend
