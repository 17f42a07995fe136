"""The learner's small rough edges (issue 13): answers, stars, hints, usage, folders."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from course import bonus
from course.catalog import ROOT, all_exercises
from tests.lab import pristine_or_skip

FIRST = next(exercise for exercise in all_exercises() if exercise.question)


def course_command(repo: Path, *args: str, cwd: Path | None = None, **env: str):
    return subprocess.run(
        [sys.executable, "-m", "exercises", *args], cwd=cwd or repo, capture_output=True,
        text=True, stdin=subprocess.DEVNULL, timeout=120, env={**os.environ, **env},
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the lab whose first bonus question's answer is known: 45."""
    repo = pristine_or_skip(tmp_path_factory.mktemp("lab") / "course")
    toml = repo / "exercises" / FIRST.slug / "exercise.toml"
    known = hashlib.sha256(f"{FIRST.question['salt']}45".encode()).hexdigest()
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(FIRST.question["sha256"], known), encoding="utf-8"
    )
    return repo


def saved_answer(repo: Path) -> str | None:
    answers = repo / ".course" / "answers.toml"
    if not answers.exists():
        return None
    answers = tomllib.loads(answers.read_text(encoding="utf-8"))
    return answers.get(FIRST.short_name, {}).get("answer")


def test_an_empty_answer_is_refused_and_not_saved(repo: Path):
    result = course_command(repo, "answer", str(FIRST.number), "  ")
    assert result.returncode == 2
    assert "empty" in result.stdout
    assert saved_answer(repo) is None
    assert bonus.answer_forms("") == set()


@pytest.mark.parametrize("typed", ["45 rides", "45", " 45 ", "about 45"])
def test_the_number_inside_a_short_answer_counts(typed: str):
    assert "45" in bonus.answer_forms(typed)


def test_a_long_answer_or_one_with_two_numbers_is_taken_as_typed():
    assert "45" not in bonus.answer_forms("45 or maybe 46 rides")
    assert "45" not in bonus.answer_forms("I think it shows 45 rides in the panel")


def test_a_star_once_earned_survives_a_later_wrong_answer_and_reaches_the_summary(repo: Path):
    right = course_command(repo, "answer", str(FIRST.number), "45 rides")
    assert right.returncode == 0, right.stdout + right.stderr
    assert "Correct" in right.stdout
    wrong = course_command(repo, "answer", str(FIRST.number), "46")
    assert wrong.returncode == 1
    assert "star stays" in wrong.stdout
    assert saved_answer(repo) == "45 rides"
    markdown = course_command(repo, "progress", "--markdown")
    assert f"| {FIRST.number:02d} | {FIRST.title} ★ |" in markdown.stdout


def test_the_answers_file_can_be_committed_for_the_forks_job_summary():
    def ignored(path: str) -> bool:
        check = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
        return check.returncode == 0

    assert not ignored(".course/answers.toml")
    assert ignored(".course/state.json")
    assert ignored(".course/backups/ex01/x.py")


def test_hints_seen_can_be_read_again(repo: Path):
    none_yet = course_command(repo, "hints", str(FIRST.number))
    assert "No hint" in none_yet.stdout
    for _ in range(2):
        course_command(repo, "hint", str(FIRST.number))
    again = course_command(repo, "hints", str(FIRST.number))
    assert again.returncode == 0
    assert FIRST.hints[0] in again.stdout
    assert FIRST.hints[1] in again.stdout
    assert all(hint not in again.stdout for hint in FIRST.hints[2:])


def test_a_bad_option_shows_the_subcommands_own_usage(repo: Path):
    result = course_command(repo, "progress", "--bogus")
    assert result.returncode == 2
    assert "usage: python -m exercises progress" in result.stderr
    assert "--markdown" in result.stderr


def test_the_course_command_works_inside_an_exercise_folder(repo: Path):
    """The editable install puts the course on the interpreter's path (PYTHONPATH stands in)."""
    folder = repo / "exercises" / FIRST.slug
    result = course_command(repo, "check", cwd=folder, PYTHONPATH=str(repo))
    assert result.returncode == 1, result.stdout + result.stderr  # graded: not solved yet
    assert FIRST.title in result.stdout
    other = all_exercises()[-1]
    assert other.title not in result.stdout


def test_the_set_up_installs_the_course_package_for_that():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert {"course", "exercises"} <= set(pyproject["tool"]["setuptools"]["packages"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "-r requirements.lock -e ." in readme
