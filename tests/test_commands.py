"""Commands recommended by the course work in the folder where they are read."""

from __future__ import annotations

import subprocess
import sys

import pytest

from course.commands import EXERCISES, ROOT, backslashes, grade_here, path_here

EX03 = EXERCISES / "ex03_conditional_breakpoint"


@pytest.mark.parametrize(
    ("cwd", "lab", "one"),
    [
        (ROOT, "pytest exercises", "pytest exercises/ex03_conditional_breakpoint"),
        (EXERCISES, "pytest", "pytest ex03_conditional_breakpoint"),
        (EX03, "pytest ..", "pytest"),
        (EXERCISES / "ex01_breakpoint", "pytest ..", "pytest ../ex03_conditional_breakpoint"),
        (ROOT / "docs", "pytest ../exercises", "pytest ../exercises/ex03_conditional_breakpoint"),
    ],
)
def test_the_grading_command_is_spelled_for_the_folder(cwd, lab, one):
    assert grade_here(cwd=cwd) == lab
    assert grade_here(EX03, cwd=cwd) == one


def test_outside_the_repository_the_lab_is_named_by_its_full_path(tmp_path):
    assert grade_here(cwd=tmp_path) == f"pytest {EXERCISES}"


def test_the_venv_interpreter_keeps_its_link_and_uses_the_shells_separator():
    python = ROOT / ".venv" / "bin" / "python"
    assert path_here(python, EX03) == "../../.venv/bin/python"
    assert path_here(python, EX03, backslash=True) == "..\\..\\.venv\\bin\\python"


def test_git_bash_on_windows_types_forward_slashes():
    assert backslashes(windows=True, environ={})
    assert not backslashes(windows=True, environ={"MSYSTEM": "MINGW64"})
    assert not backslashes(windows=False, environ={})


def test_inside_an_exercise_the_recommended_command_really_grades_it():
    """pytest finds what the spelled command names (collection only: fast)."""
    cwd = EX03
    runner, *target = grade_here(EX03, cwd=cwd).split()
    result = subprocess.run(
        [sys.executable, "-m", runner, *target, "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ex03_conditional_breakpoint/test_" in result.stdout
