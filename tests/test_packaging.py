"""The wheel carries the lexicons and the locales, and a non-editable install lints from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("framing_termlint-*.whl")
    return found


def test_wheel_contains_lexicons_locales_and_entry_points(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        text = archive.read(entry_points).decode()
    lexicon_files = [n for n in names if n.startswith("framing/lexicons/") and n.endswith(".toml")]
    source_files = [p for p in (ROOT / "lexicons").rglob("*.toml")]
    assert len(lexicon_files) == len(source_files) > 0
    assert any(n.startswith("framing/locales/") for n in names)
    assert "[spacy_factories]\nframing = framing.component:make_framing" in text
    assert "[console_scripts]\nframing = framing.cli:main" in text


def test_non_editable_install_lints_with_builtin_lexicons_from_another_directory(wheel, tmp_path):
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    # The dependencies come from the running interpreter's environment, appended after the
    # new one's own site-packages, so the wheel's `framing` is the one imported.
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    parent = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site_packages, "parent-environment.pth").write_text("\n".join(sorted(parent)) + "\n", encoding="utf-8")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "note.txt").write_text("Our leaders will meet.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": ""}
    where = subprocess.run(
        [str(python), "-c", "import framing.lexicon as l; print(l.builtin_dir())"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert str(environment) in where.stdout
    result = subprocess.run(
        [str(environment / "bin" / "framing"), "lint", "note.txt", "--audience", "de"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    assert "note.txt:1:5:" in result.stdout and " leader: " in result.stdout
