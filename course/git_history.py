"""Find an exercise file's original text in git, even after the learner committed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from course.catalog import ROOT


class HistoryError(RuntimeError):
    """git is missing, or the file has no original version in the history."""


def _git(*args: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise HistoryError("git is not installed or not on PATH.") from error
    if result.returncode != 0:
        raise HistoryError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def original_text(path: Path) -> str:
    """The file as the course shipped it: its newest version not committed by the learner.

    Learners often commit their fixes (a fork, a codespace), so HEAD is not the
    original; commits by the current git user are skipped. If every commit is
    theirs (e.g. a course author), HEAD's version is the original.
    """
    relative = path.resolve().relative_to(ROOT).as_posix()
    try:
        learner = _git("config", "user.email").strip()
    except HistoryError:
        learner = ""
    for line in _git("log", "--format=%H %ae", "--", relative).splitlines():
        commit, _, email = line.partition(" ")
        if email != learner:
            return _git("show", f"{commit}:{relative}")
    try:
        return _git("show", f"HEAD:{relative}")
    except HistoryError as error:
        message = f"{relative} is not in the git history, so it cannot be restored."
        raise HistoryError(message) from error
