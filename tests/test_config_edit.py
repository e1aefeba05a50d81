"""Adding an allowed term to a configuration file: the rest of the file stays byte for byte, the settings see it."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.config import read_config
from framing.config_edit import add_allowed, allow_target
from framing.errors import ConfigError

CASES = {
    "new-file": (".framing.toml", None, 'allow = ["war room"]\n'),
    "no-allow-yet": (
        ".framing.toml",
        '# ours\naudience = ["de"]  # readers\n',
        '# ours\naudience = ["de"]  # readers\nallow = ["war room"]\n',
    ),
    "list": (".framing.toml", 'allow = [\n  "master",  # git\n]\n', 'allow = [\n  "master",  # git\n  "war room",\n]\n'),
    "comma-string": (".framing.toml", 'allow = "master"\n', 'allow = "master, war room"\n'),
    "pyproject-without-table": (
        "pyproject.toml",
        '[project]\nname = "x"\n',
        '[project]\nname = "x"\n\n[tool.framing]\nallow = ["war room"]\n',
    ),
    "pyproject-with-table": (
        "pyproject.toml",
        '[tool.framing]\naudience = ["de"]\n\n[tool.ruff]\nline-length = 100\n',
        '[tool.framing]\naudience = ["de"]\nallow = ["war room"]\n\n[tool.ruff]\nline-length = 100\n',
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_term_is_added_and_nothing_else_changes(case: str, tmp_path: Path) -> None:
    name, before, after = CASES[case]
    path = tmp_path / name
    if before is not None:
        path.write_text(before, encoding="utf-8")
    assert add_allowed(path, "war  room") is True
    assert path.read_text(encoding="utf-8") == after
    values = read_config(path)
    assert values is not None and "war room" in values["allow"]
    assert add_allowed(path, "War Room") is False  # allowed already (settings compare in lower case)
    assert path.read_text(encoding="utf-8") == after


def test_a_broken_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / ".framing.toml"
    path.write_text("allow = [\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        add_allowed(path, "leader")
    assert path.read_text(encoding="utf-8") == "allow = [\n"
    path.write_text("allow = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        add_allowed(path, "leader")


def test_the_nearest_file_else_a_new_one(tmp_path: Path) -> None:
    assert allow_target(tmp_path / "pyproject.toml", tmp_path / "docs") == tmp_path / "pyproject.toml"
    assert allow_target(None, tmp_path) == tmp_path / ".framing.toml"
