"""The pre-commit hook and the documented GitHub Actions workflow, run as they would run."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from framing.readers import BINARY_FORMATS, FORMATS

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
OWN = ["--no-builtin", "--lexicon", str(DATA / "lexicon")]


def framing(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the `framing` command as the console script would (python -m framing)."""
    return subprocess.run([sys.executable, "-m", "framing", *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def hook() -> dict:
    [entry] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return entry


def test_hook_declares_what_pre_commit_needs(hook):
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "framing" and hook["language"] == "python"
    assert shlex.split(hook["entry"])[:2] == ["framing", "lint"]
    assert 'framing = "framing.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [s for name, suffixes in FORMATS.items() if name not in BINARY_FORMATS for s in suffixes])
def test_hook_selects_every_text_format(hook, suffix):
    assert re.search(hook["files"], f"docs/page{suffix}")


def test_hook_leaves_other_files_alone(hook):
    assert not re.search(hook["files"], "src/module.py")


def test_hook_entry_runs_on_the_files_pre_commit_passes(hook, tmp_path):
    flagged = tmp_path / "proposal.md"
    flagged.write_text("Our leaders will meet.\n", encoding="utf-8")
    clean = tmp_path / "notes.html"
    clean.write_text("<p>Nothing to see.</p>\n", encoding="utf-8")
    args = shlex.split(hook["entry"])[1:] + hook.get("args", []) + OWN
    found = framing([*args, "proposal.md", "notes.html"], tmp_path)
    assert found.returncode == 1, found.stderr
    assert found.stdout.startswith("proposal.md\n  1:5  suggestion  leader  ")
    assert framing([*args, "notes.html"], tmp_path).returncode == 0


@pytest.fixture(scope="module")
def workflow() -> dict:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    return yaml.safe_load(blocks[0])


def test_workflow_example_is_a_valid_workflow(workflow):
    assert workflow["name"] == "framing"
    steps = workflow["jobs"]["framing"]["steps"]
    assert any(step.get("uses", "").startswith("actions/checkout") for step in steps)
    assert "pip install framing-termlint" in [step.get("run") for step in steps]


def test_workflow_example_commands_run(workflow, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "proposal.md").write_text("# Plan\n\nOur leaders meet in the war room.\n", encoding="utf-8")
    steps = workflow["jobs"]["framing"]["steps"]
    commands = [step["run"] for step in steps if step.get("run", "").startswith("framing lint")]
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert len(commands) == 2
    github_run = framing(shlex.split(commands[0])[1:] + OWN, tmp_path)
    assert github_run.returncode == 1
    assert github_run.stdout.splitlines()[0].startswith("::notice file=docs/proposal.md,line=3,col=5,")
    command, target = commands[1].split(">")
    sarif_run = framing(shlex.split(command)[1:] + OWN, tmp_path)
    assert sarif_run.returncode == 0  # --fail-on never
    assert target.strip() == upload["with"]["sarif_file"]
    log = json.loads(sarif_run.stdout)
    schema = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"docs/proposal.md"}
