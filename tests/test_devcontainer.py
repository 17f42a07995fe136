"""The dev container opens the course in Codespaces with the debugger ready."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from course.catalog import ROOT

DEVCONTAINER = ROOT / ".devcontainer" / "devcontainer.json"
SCHEMA = Path(__file__).parent / "schemas" / "devcontainer.schema.json"


def test_devcontainer_matches_its_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), str(DEVCONTAINER)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_rejects_a_container_without_the_debugger(tmp_path: Path):
    config = json.loads(DEVCONTAINER.read_text(encoding="utf-8"))
    config["customizations"]["vscode"]["extensions"].remove("ms-python.debugpy")
    broken = tmp_path / "devcontainer.json"
    broken.write_text(json.dumps(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), str(broken)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0


def test_devcontainer_installs_the_learner_lock_into_the_venv_vscode_uses():
    config = json.loads(DEVCONTAINER.read_text(encoding="utf-8"))
    # The learner's lock (not the authors' one with the site and browser tools), and
    # the course package, so that `python -m exercises` works in any folder.
    assert "-r requirements.lock -e ." in config["postCreateCommand"]
    interpreter = config["customizations"]["vscode"]["settings"]["python.defaultInterpreterPath"]
    assert interpreter.endswith(".venv/bin/python")
    assert {"ms-python.python", "ms-python.debugpy", "ms-toolsai.jupyter"} <= set(
        config["customizations"]["vscode"]["extensions"]
    )
