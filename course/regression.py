"""The learner's own regression test: a mark when it catches the bug.

An exercise can be finished with ``test_regression.py`` in its folder, a test
the learner writes. It earns its mark when it fails on the exercise as shipped
(the originals of its edit files, from git, as ``reset`` restores them) and
passes on the learner's fix. Both runs happen in an isolated child with a time
limit (:mod:`course.isolated_run`); a broken or hanging test costs only its
mark, never the exercise. The file is never an edited check.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from course import isolated_run, time_limit
from course.catalog import EXERCISES_DIR, ROOT, Exercise
from course.git_history import HistoryError, original_bytes
from course.manifest import REGRESSION_TEST

# One run of the learner's test, imports included: three times a check's limit (30 s).
SECONDS_PER_CHECK_LIMIT = 3
PASSED, FAILED, NO_TESTS = 0, 1, 5  # pytest's exit statuses


@dataclass(frozen=True)
class Mark:
    earned: bool
    note: str = ""  # why not, in the learner's words; empty when earned


def has_test(exercise: Exercise) -> bool:
    return (exercise.folder / REGRESSION_TEST).is_file()


def judge(exercise: Exercise) -> Mark:
    """Run the learner's test on the shipped code, then on their fix."""
    try:
        with _shipped_copy(exercise) as shipped_root:
            on_shipped = _run(exercise, shipped_root)
    except HistoryError as error:
        return Mark(False, f"the shipped code could not be restored to try your test on: {error}")
    if on_shipped == PASSED:
        return Mark(False, "your test passes on the shipped code too, so it does not catch "
                           "the bug: make it fail there")
    if on_shipped != FAILED:
        return Mark(False, _trouble(on_shipped, "on the shipped code"))
    on_fix = _run(exercise, ROOT)
    if on_fix == FAILED:
        return Mark(False, "your test fails on your fix: it should pass once the bug is gone")
    if on_fix != PASSED:
        return Mark(False, _trouble(on_fix, "on your fix"))
    return Mark(True)


def _seconds() -> float:
    return SECONDS_PER_CHECK_LIMIT * time_limit.check_seconds()


def _trouble(status: int | None, where: str) -> str:
    if status is None:
        return f"your test did not finish within {_seconds():g} s {where} (a test of a hang " \
               "needs a time limit of its own)"
    if status == NO_TESTS:
        return f"{REGRESSION_TEST} holds no test function (name one test_...)"
    return f"your test could not run {where} (a syntax or import error? run " \
           f"`pytest {REGRESSION_TEST}` in the exercise's folder to see it)"


def _run(exercise: Exercise, root: Path) -> int | None:
    """pytest's exit status for the test file under ``root``; None if it ran out of time."""
    test = root / "exercises" / exercise.slug / REGRESSION_TEST
    return isolated_run.run_test_file(test, root, _seconds())


@contextmanager
def _shipped_copy(exercise: Exercise) -> Iterator[Path]:
    """A scratch root holding ``exercises/<slug>/`` with its edit files as shipped, the
    learner's test, and the data: nothing else of the learner's lab."""
    with tempfile.TemporaryDirectory(prefix="shipped-") as scratch:
        folder = Path(scratch) / "exercises" / exercise.slug
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(exercise.folder, folder, ignore=ignore)
        shutil.copy2(EXERCISES_DIR / "__init__.py", folder.parent / "__init__.py")
        if (ROOT / "data").is_dir():  # a deleted data folder fails the test, not the command
            shutil.copytree(ROOT / "data", Path(scratch) / "data", ignore=ignore)
        for relative in exercise.edit:
            (folder / relative).write_bytes(original_bytes(exercise.path(relative)))
        yield Path(scratch)
