"""The learner's course command and journey, on a throwaway clone with its own history.

The clone (the lab as shipped) is committed by a "course author"; the learner
then works in it, commits under any identity, even the author's (a web edit),
and ``reset`` still restores the course's original, found by the blob id that
``course/manifest.json`` records.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.catalog import all_exercises
from tests.lab import solution_files

pty = pytest.importorskip("pty", reason="confirmation tests need a POSIX pseudo-terminal")

AUTHOR = ["-c", "user.name=Course Author", "-c", "user.email=author@example.org"]
FIRST = all_exercises()[0]
# The file of FIRST its reference fix changes (its other modules are the learner's too).
FIXED = solution_files(FIRST.slug)[0]
SECOND = all_exercises()[1]


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.fixture
def course(repo_copy: Path) -> Path:
    """The lab as shipped, committed by the course author, used by a learner."""
    repo = repo_copy
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    git(repo, *AUTHOR, "commit", "--quiet", "-m", "The course as shipped")
    git(repo, "config", "user.name", "Learner")
    git(repo, "config", "user.email", "learner@example.org")
    return repo


def course_command(repo: Path, *args: str, answer: str | None = None):
    """Run ``python -m exercises``; ``answer`` is typed at a real terminal prompt."""
    command = [sys.executable, "-m", "exercises", *args]
    if answer is None:
        return subprocess.run(
            command, cwd=repo, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60
        )
    controller, terminal = pty.openpty()
    try:
        os.write(controller, answer.encode() + b"\n")
        return subprocess.run(
            command, cwd=repo, capture_output=True, text=True, stdin=terminal, timeout=60
        )
    finally:
        os.close(controller)
        os.close(terminal)


def edit_file(repo: Path, exercise, relative: str | None = None) -> Path:
    """A module of the exercise the learner may change: by default the one its fix changes."""
    return repo / "exercises" / exercise.slug / (relative or solution_files(exercise.slug)[0])


@pytest.mark.parametrize(
    "name", [str(FIRST.number), f"{FIRST.number:02d}", f"ex{FIRST.number:02d}", FIRST.slug]
)
def test_names_an_exercise_as_a_learner_types_it(course: Path, name: str):
    result = course_command(course, "hint", name)
    assert result.returncode == 0, result.stderr
    assert FIRST.slug in result.stdout


@pytest.mark.parametrize("name", ["99", "abc", "ex", "-1"])
def test_unknown_exercise_gets_a_clear_message(course: Path, name: str):
    result = course_command(course, "hint", "--", name)
    assert result.returncode == 2
    assert "There is no exercise" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_argument_is_a_usage_error(course: Path):
    result = course_command(course, "reset")
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_hints_come_one_at_a_time_and_stay_out_of_git(course: Path):
    levels = []
    for _ in range(len(FIRST.hints) + 1):
        result = course_command(course, "hint", str(FIRST.number))
        levels.append(result.stdout.splitlines()[0].split()[1])
    total = len(FIRST.hints)
    assert levels == [f"{n}/{total}" for n in range(1, total + 1)] + [f"{total}/{total}"]
    other = course_command(course, "hint", str(SECOND.number)).stdout
    assert other.startswith(f"Hint 1/{len(SECOND.hints)}"), "each exercise counts its own hints"
    assert git(course, "status", "--porcelain") == ""


def test_reset_without_a_terminal_changes_nothing(course: Path):
    target = edit_file(course, FIRST)
    target.write_text("my work in progress\n", encoding="utf-8")
    result = course_command(course, "reset", str(FIRST.number))
    assert result.returncode == 1
    assert "nothing was changed" in result.stdout
    assert target.read_text(encoding="utf-8") == "my work in progress\n"


def test_reset_declined_keeps_the_learners_file(course: Path):
    target = edit_file(course, FIRST)
    target.write_text("my work in progress\n", encoding="utf-8")
    result = course_command(course, "reset", str(FIRST.number), answer="n")
    assert result.returncode == 1
    assert target.read_text(encoding="utf-8") == "my work in progress\n"


def test_reset_restores_the_original_behind_learner_commits_and_keeps_a_backup(course: Path):
    target = edit_file(course, FIRST)
    original = target.read_text(encoding="utf-8")
    other = edit_file(course, SECOND)
    other.write_text(other.read_text(encoding="utf-8") + "\n# my notes\n", encoding="utf-8")
    other_before = other.read_text(encoding="utf-8")
    target.write_text("broken beyond repair (\n", encoding="utf-8")
    git(course, "commit", "--quiet", "-am", "my attempt")

    result = course_command(course, "reset", f"ex{FIRST.number:02d}", answer="y")

    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_text(encoding="utf-8") == original
    backups = list((course / ".course" / "backups" / FIRST.slug).rglob(target.name))
    assert [b.read_text(encoding="utf-8") for b in backups] == ["broken beyond repair (\n"]
    assert other.read_text(encoding="utf-8") == other_before


def test_solution_is_revealed_only_after_confirmation(course: Path):
    hidden = course_command(course, "solution", str(FIRST.number))
    assert hidden.returncode == 1
    assert "+++ solution/" not in hidden.stdout

    shown = course_command(course, "solution", str(FIRST.number), answer="yes")
    assert shown.returncode == 0
    assert f"+++ solution/{FIRST.slug}/{FIXED}" in shown.stdout
    assert "\n-" in shown.stdout
    assert "\n+" in shown.stdout


def solved_count(output: str) -> str:
    """The ``n/N solved`` figure of a progress table."""
    for line in output.splitlines():
        if "solved" in line and "/" in line:
            for word in line.split():
                if "/" in word and word.replace("/", "").isdigit():
                    return word
    raise AssertionError(f"no n/N figure in:\n{output}")


def test_a_learners_journey(course: Path):
    total = len(all_exercises())
    first = course_command(course, "progress")
    assert first.returncode == 1
    assert solved_count(first.stdout) == f"0/{total}"

    solve(course, FIRST)
    second = course_command(course, "progress")
    assert solved_count(second.stdout) == f"1/{total}"
    assert f"] 1/{total} solved" in second.stdout, "progress ends with a progress bar"

    broken = edit_file(course, SECOND)
    broken.write_text("def oops(:\n", encoding="utf-8")
    assert course_command(course, "reset", str(SECOND.number), answer="y").returncode == 0

    third = course_command(course, "progress", "--markdown")
    assert solved_count(third.stdout) == f"1/{total}"
    assert "|" in third.stdout


def test_bonus_answers_are_checked_and_starred(course: Path):
    toml = course / "exercises" / FIRST.slug / "exercise.toml"
    salt = FIRST.question["salt"]
    known = hashlib.sha256(f"{salt}42".encode()).hexdigest()
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(FIRST.question["sha256"], known), encoding="utf-8"
    )

    wrong = course_command(course, "answer", str(FIRST.number), "41")
    assert wrong.returncode == 1
    assert "Not quite" in wrong.stdout
    right = course_command(course, "answer", str(FIRST.number), " 42 ")
    assert right.returncode == 0, right.stdout + right.stderr
    assert "Correct" in right.stdout
    assert "★ 1 bonus" in course_command(course, "progress").stdout
    # Only the answers may be committed (for the fork's job summary); the rest stays local.
    assert git(course, "status", "--porcelain", "--untracked-files=all", "--", ".course") == (
        "?? .course/answers.toml\n"
    )


def solve(repo: Path, exercise) -> None:
    for relative in solution_files(exercise.slug):
        shutil.copy2(repo / "solutions" / exercise.slug / relative,
                     edit_file(repo, exercise, relative))


def test_reset_restores_the_original_whoever_committed_the_fix(course: Path):
    """A fix committed under the author's own identity (a web edit) is still the learner's."""
    target = edit_file(course, FIRST)
    original = target.read_bytes()
    solve(course, FIRST)
    fixed = target.read_bytes()
    git(course, *AUTHOR, "commit", "--quiet", "-am", "Fix in the web editor")

    result = course_command(course, "reset", str(FIRST.number), "--yes")

    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_bytes() == original
    backups = list((course / ".course" / "backups" / FIRST.slug).rglob(target.name))
    assert [backup.read_bytes() for backup in backups] == [fixed]


def test_reset_without_git_history_says_why_and_changes_nothing(course: Path):
    shutil.rmtree(course / ".git")  # as in a ZIP download
    target = edit_file(course, FIRST)
    target.write_text("my work in progress\n", encoding="utf-8")
    result = course_command(course, "reset", str(FIRST.number), "--yes")
    assert result.returncode == 1
    assert "no git history" in result.stdout
    assert "ZIP" in result.stdout
    assert target.read_text(encoding="utf-8") == "my work in progress\n"


def test_a_renamed_exercise_folder_gets_a_clear_message(course: Path):
    renamed = course / "exercises" / f"ex{FIRST.number:02d}_my_copy"
    (course / "exercises" / FIRST.slug).rename(renamed)
    result = course_command(course, "reset", str(FIRST.number), "--yes")
    assert result.returncode == 1
    assert f"exercises/{FIRST.slug}/" in result.stdout
    assert "Rename the folder back" in result.stdout
    graded = course_command(course, "progress")
    assert f"ships this exercise as exercises/{FIRST.slug}/" in graded.stdout


def test_solution_with_yes_needs_no_terminal(course: Path):
    shown = course_command(course, "solution", str(FIRST.number), "--yes")
    assert shown.returncode == 0
    assert f"+++ solution/{FIRST.slug}/{FIXED}" in shown.stdout


def test_an_edited_check_is_never_counted_until_restored(course: Path):
    solve(course, FIRST)
    check = next((course / "exercises" / FIRST.slug).glob("test_*.py"))
    shipped = check.read_bytes()
    check.write_bytes(shipped + b"\n# my notes\n")
    row = f"{FIRST.number:02d}  {FIRST.title}"

    table = course_command(course, "progress").stdout
    assert f"✔ {row}" not in table
    assert "check edited: not counted" in table
    assert f"python -m exercises restore-checks {FIRST.number}" in table
    summary = course_command(course, "progress", "--markdown").stdout
    assert "check edited: not counted" in summary
    assert "✅" not in summary

    restored = course_command(course, "restore-checks", str(FIRST.number), "--yes")
    assert restored.returncode == 0, restored.stdout
    assert check.read_bytes() == shipped
    backups = list((course / ".course" / "backups" / FIRST.slug).rglob(check.name))
    assert [backup.read_bytes() for backup in backups] == [shipped + b"\n# my notes\n"]
    assert f"✔ {row}" in course_command(course, "progress").stdout


def test_restore_checks_removes_an_added_conftest_after_backing_it_up(course: Path):
    added = course / "exercises" / FIRST.slug / "conftest.py"
    added.write_text("import pytest  # patches the check\n", encoding="utf-8")
    declined = course_command(course, "restore-checks", str(FIRST.number))
    assert declined.returncode == 1
    assert added.exists()
    result = course_command(course, "restore-checks", "--yes")
    assert result.returncode == 0, result.stdout
    assert not added.exists()
    backups = list((course / ".course" / "backups" / "checks").rglob("conftest.py"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [
        "import pytest  # patches the check\n"
    ]
