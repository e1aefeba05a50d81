"""The wheel carries the lexicons and the locales, and a non-editable install lints from anywhere."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


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


def test_non_editable_install_lints_with_builtin_lexicons_from_another_directory(installed, tmp_path):
    environment = installed
    python = environment / "bin" / "python"
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
        [str(environment / "bin" / "framing"), "lint", "note.txt", "--audience", "de", "--format", "compact"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    assert "note.txt:1:5:" in result.stdout and " leader: " in result.stdout
