"""Shared fixtures: a private cache, the test lexicon, golden-file comparison, an installed wheel; hypothesis profiles."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests: in CI (the CI variable set, as GitHub Actions and most services do) the
# same examples every run, and no example database to carry between runs; locally,
# random exploration with the database that replays what failed before. Inputs that
# ever failed are pinned with @example in the tests themselves, so CI runs them too.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("dev")
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).parent.parent
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


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel, once per session."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("framing_termlint-*.whl")
    return found


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed non-editable (once per session); returns its folder.

    The dependencies come from the running interpreter's environment, appended after the
    new one's own site-packages, so the wheel's `framing` is the one imported.
    """
    environment = tmp_path_factory.mktemp("installed") / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    parent = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    Path(site_packages, "parent-environment.pth").write_text("\n".join(parent) + "\n", encoding="utf-8")
    # --force-reinstall: where the project is installed non-editable (as in CI), pip would see it through
    # the parent environment and install nothing.
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
    )
    return environment


@pytest.fixture
def one_entry_linter():  # type: ignore[no-untyped-def]
    """Return a function that makes a linter of one entry, ``hero``, in a folder: for tests of one matching rule."""
    import framing

    def make(folder: Path, locale: str, terms: str, must_flag: str, must_not_flag: str, head: str = "") -> framing.Linter:
        """Write ``hero`` with its ``terms`` and examples (TOML values) after ``head`` in ``folder``; return its linter."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{locale}.toml").write_text(
            f'{head}[hero]\ncategory = "idiom"\nconcern = "transferred"\nsources = ["s"]\nnote = "n"\nalternatives = ["x"]\n'
            f"terms = {terms}\nmust_flag = {must_flag}\nmust_not_flag = {must_not_flag}\n",
            encoding="utf-8",
        )
        return framing.Linter(locale, lexicons=[folder], builtin=False)

    return make
