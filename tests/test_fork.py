"""A learner's fork with every exercise solved still passes the project's tests.

In a file of its own so that `make test` (``--dist loadfile``) runs it on one
worker while the integrity tests it repeats inside the fork run on another.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from course.catalog import all_exercises
from tests.lab import lay_solutions

EXERCISES = all_exercises()

AUTHOR = ["-c", "user.name=Course Author", "-c", "user.email=author@example.org"]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def test_a_fork_with_every_exercise_solved_passes_these_tests(repo_copy: Path, run_pytest_in):
    """The fork's CI runs the project's tests: solving the lab must not turn them red
    (integrity whole, the learner's journey, the debugger's for one exercise). The fixes
    are committed under the course author's own identity, as a web edit might be."""
    fork = repo_copy
    git(fork, "init", "--quiet", "--initial-branch=main")
    git(fork, "add", "--all")
    git(fork, *AUTHOR, "commit", "--quiet", "-m", "The course as shipped")
    lay_solutions(fork)
    git(fork, *AUTHOR, "commit", "--quiet", "-am", "Solve every exercise")

    first = EXERCISES[0].slug
    result = run_pytest_in(
        fork, "tests/test_integrity.py", "tests/test_course_command.py", "tests/test_debugger.py",
        "-q", "-k", f"test_integrity or journey or {first}",
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout, result.stdout[-2000:]
    assert " skipped" not in result.stdout, "the originals should come from the fork's history"
