"""The learner's own regression test and the debrief, from the learner's seat.

On a throwaway clone with its own history (``reset`` and the regression mark
find the shipped code by the blob ids in ``course/manifest.json``), exercise
02 is solved with the reference fix, and ``test_regression.py`` is written as
a learner would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.catalog import find

EXERCISE = find("2")
# The exercise's own check fails on the shipped code and passes on the fix by
# construction: copied as the learner's test, it must earn the mark, whatever the bug.
CATCHES_THE_BUG = next(EXERCISE.folder.glob("test_*.py")).read_text(encoding="utf-8")
PASSES_ANYWAY = "def test_arithmetic():\n    assert 1 + 1 == 2\n"


@pytest.fixture
def solved(repo_copy: Path) -> Path:
    """The lab as shipped, committed, with exercise 02 fixed as its solution does."""
    for command in (["init", "-q"], ["add", "--all"],
                    ["-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qm", "c"]):
        subprocess.run(["git", *command], cwd=repo_copy, check=True, capture_output=True)
    folder = repo_copy / "exercises" / EXERCISE.slug
    for relative in EXERCISE.edit:
        if EXERCISE.solution_path(relative).is_file():
            shutil.copy2(EXERCISE.solution_path(relative), folder / relative)
    return repo_copy


def course(repo: Path, *args: str, limit: str = "2") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exercises", *args], cwd=repo, capture_output=True, text=True,
        encoding="utf-8", timeout=180, env={**os.environ, "EXERCISES_TIME_LIMIT": limit},
    )


def write_test(repo: Path, text: str) -> None:
    (repo / "exercises" / EXERCISE.slug / "test_regression.py").write_text(text)


def test_a_test_that_fails_on_the_shipped_code_and_passes_on_the_fix_earns_the_mark(
    solved: Path,
):
    write_test(solved, CATCHES_THE_BUG)
    # A whole check, both datasets: room for a loaded machine.
    result = course(solved, "check", "2", "--regression", limit="10")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"✔ 02  {EXERCISE.title} ⚑" in result.stdout
    assert "1 with your own test catching the bug" in result.stdout
    progress = course(solved, "progress")
    assert f"✔ 02  {EXERCISE.title} ⚑" in progress.stdout, progress.stdout


def test_a_test_that_passes_on_the_shipped_code_too_earns_nothing(solved: Path):
    write_test(solved, PASSES_ANYWAY)
    result = course(solved, "check", "2", "--regression")
    assert result.returncode == 1
    assert "passes on the shipped code too" in result.stdout, result.stdout
    assert course(solved, "check", "2").returncode == 0, "the exercise itself stays solved"


@pytest.mark.parametrize(
    ("test", "said"),
    [
        ("def test_broken(:\n    pass\n", "could not run on the shipped code"),
        ("import time\n\n\ndef test_forever():\n    time.sleep(600)\n", "did not finish"),
        ("THRESHOLD = 3\n", "holds no test function"),
    ],
)
def test_a_broken_or_hanging_test_costs_only_its_mark(solved: Path, test: str, said: str):
    write_test(solved, test)
    result = course(solved, "check", "2", "--regression")
    assert result.returncode == 1
    assert said in result.stdout, result.stdout
    assert f"✔ 02  {EXERCISE.title}" in result.stdout
    assert "check edited" not in result.stdout


def test_the_learners_test_never_decides_the_verdict_of_pytest_exercises(solved: Path):
    write_test(solved, "def test_fails():\n    assert False\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", f"exercises/{EXERCISE.slug}", "-p", "no:cacheprovider"],
        cwd=solved, capture_output=True, text=True, encoding="utf-8", timeout=180,
    )
    assert f"✔ 02  {EXERCISE.title}" in result.stdout, result.stdout
    assert "check edited" not in result.stdout


def test_the_debrief_opens_only_once_the_exercise_is_solved(solved: Path):
    assert EXERCISE.debrief, "exercise 02 should have a debrief"
    shipped = solved / "exercises" / EXERCISE.slug
    subprocess.run(["git", "stash", "-q"], cwd=solved, check=True)
    refused = course(solved, "debrief", "2")
    assert refused.returncode == 1
    assert "not solved yet" in refused.stdout
    assert EXERCISE.debrief.splitlines()[0] not in refused.stdout
    subprocess.run(["git", "stash", "pop", "-q"], cwd=solved, check=True)
    fixed = next(name for name in EXERCISE.edit if EXERCISE.solution_path(name).is_file())
    assert (shipped / fixed).read_bytes() == EXERCISE.solution_path(fixed).read_bytes()
    shown = course(solved, "debrief", "2")
    assert shown.returncode == 0, shown.stdout
    assert EXERCISE.debrief.splitlines()[0] in shown.stdout
