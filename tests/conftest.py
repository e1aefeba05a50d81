"""Shared fixtures: a private cache folder, the small test lexicon, and golden-file comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
TEST_LEXICON = DATA / "lexicon"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing (review the diff!).",
    )


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the tests' caches out of the user's home, shared within one test session."""
    folder = tmp_path_factory.mktemp("framing-cache")
    patcher = pytest.MonkeyPatch()
    patcher.setenv("FRAMING_CACHE_DIR", str(folder))
    patcher.delenv("FRAMING_NO_CACHE", raising=False)
    yield
    patcher.undo()


@pytest.fixture(autouse=True, scope="session")
def _english_messages() -> None:
    """Run the tests in English whatever the developer's ``LANG``: messages and golden files are English."""
    from framing import i18n

    patcher = pytest.MonkeyPatch()
    patcher.setenv("LANGUAGE", "en")  # wins over LANG, also in subprocesses
    patcher.delenv("LC_ALL", raising=False)
    patcher.delenv("LC_MESSAGES", raising=False)
    i18n.activate("en")
    yield
    patcher.undo()


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with ``tests/golden/<name>``; with ``--update-golden``, write it instead."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"golden file {path} is missing; run pytest --update-golden and review it"
        assert actual == path.read_text(encoding="utf-8")

    return check
