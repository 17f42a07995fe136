"""Grade exercises in a Python of their own, whose verdict nothing outside them can change.

``python -m exercises check | progress | watch`` (and so the Classroom's
autograding) grade here. The child is ``python -I -S``: no ``PYTHON*`` or
``PYTEST_*`` variable, no sitecustomize module and no ``.pth`` file runs in it,
and it reads the course's own pytest configuration only
(:mod:`course.isolated_child`). Its stdin is empty, so a leftover
``breakpoint()`` cannot wait for an answer.

A verdict counts only when the child wrote it: a child that ends before (an
``os._exit(0)`` in the learner's code, a crash) leaves its exercise unsolved,
with a line saying why, and the exercises after it are graded in a new child.
A child that writes nothing for longer than the grader's time limit allows is
ended the same way; Ctrl+C ends it at once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from course import messages, report, time_limit
from course.catalog import ROOT, Exercise

POLL_SECONDS = 0.02
# Set up, collect and import before the first test: generous on a slow, busy machine.
START_SECONDS = 60.0
BOOT = (
    "import json, sys; sys.path[:0] = json.loads(sys.argv[1]); "
    "from course.isolated_child import main; sys.exit(main(sys.argv[2:]))"
)
DROPPED_VARIABLES = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_TIMEOUT")
MATH_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
PYTEST_FAILURES = (3, 4)  # pytest's internal and usage errors: the course's bugs


class GradingError(RuntimeError):
    """The grading process failed before it could grade anything (a course bug)."""


def import_path(first: Path = ROOT) -> list[str]:
    """``first`` (the repository, or a scratch copy of one exercise as shipped), the
    repository, then every folder of this interpreter's environment; nothing else of the
    checkout (the child adds no script folder and no current folder)."""
    rest = [entry for entry in sys.path if entry and Path(entry).resolve() != ROOT]
    return list(dict.fromkeys([str(first), str(ROOT), *rest]))


def _child(args: list[str], first: Path = ROOT, **options) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-I", "-S", "-c", BOOT, json.dumps(import_path(first)), *args],
        cwd=first, stdin=subprocess.DEVNULL, env=child_environment(), **options,
    )


def run_test_file(test: Path, root: Path, seconds: float) -> int | None:
    """pytest's exit status for one test file run under ``root`` in an isolated child
    (its output discarded); None when it did not end within ``seconds``."""
    child = _child(["--test-file", str(test), str(root)], root,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return child.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return None


def child_environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in DROPPED_VARIABLES}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return {**one_math_thread(), **env}


def one_math_thread() -> dict[str, str]:
    """The checks' linear algebra is tiny: a second BLAS or OpenMP thread only waits for
    the first (up to 15x slower on a busy 2-core machine). A learner's own setting wins."""
    return dict.fromkeys(MATH_THREAD_VARIABLES, "1")


def _stalled_after() -> float:
    """How long a running check may write nothing: its limit, the grace, then some."""
    return time_limit.check_seconds() + time_limit.GRACE_SECONDS + 5.0


def grade(
    exercises: Sequence[Exercise],
    on_outcome: Callable[[report.Outcome], None] = lambda _outcome: None,
) -> list[report.Outcome]:
    """Grade ``exercises`` in isolated children; call ``on_outcome`` as each verdict comes."""
    by_slug = {exercise.slug: exercise for exercise in exercises}
    outcomes: dict[str, report.Outcome] = {}
    pending = list(exercises)
    while pending:
        reached = 0
        for outcome in _run_child(pending, by_slug):
            outcomes[outcome.exercise.slug] = outcome
            on_outcome(outcome)
            reached += 1
        if not reached:
            # The child ended before any test started (while it collected the checks):
            # one child per exercise tells which of them ends it.
            if len(pending) > 1:
                for exercise in pending:
                    outcomes[exercise.slug] = grade([exercise], on_outcome)[0]
            else:
                outcomes[pending[0].slug] = report.Outcome(
                    pending[0], False, messages.ended_early_message(pending[0], None)
                )
                on_outcome(outcomes[pending[0].slug])
        pending = [exercise for exercise in pending if exercise.slug not in outcomes]
    return [outcomes[exercise.slug] for exercise in exercises]


def _run_child(pending: list[Exercise], by_slug: dict[str, Exercise]) -> Iterator[report.Outcome]:
    """Yield the outcomes one child reaches; the one it was running when it ended early
    gets an outcome saying so. A child that fails as pytest itself (a usage or internal
    error) before it wrote anything raises GradingError."""
    with tempfile.TemporaryDirectory(prefix="grading-") as scratch:
        stream = Path(scratch) / "verdicts.jsonl"
        stream.touch()
        errors = Path(scratch) / "stderr.txt"
        with errors.open("wb") as stderr:
            child = _child([str(stream), *(str(exercise.folder) for exercise in pending)],
                           stdout=subprocess.DEVNULL, stderr=stderr)
            try:
                yield from _follow(child, stream, by_slug)
            finally:
                if child.poll() is None:
                    child.kill()
                    child.wait()
        if child.returncode in PYTEST_FAILURES and not stream.stat().st_size:
            raise GradingError(errors.read_text(encoding="utf-8", errors="replace").strip())


def _follow(
    child: subprocess.Popen, stream: Path, by_slug: dict[str, Exercise]
) -> Iterator[report.Outcome]:
    running, seen, buffer = None, set(), b""
    last_news = time.monotonic()
    with stream.open("rb") as verdicts:
        while True:
            buffer += verdicts.read()
            *complete, buffer = buffer.split(b"\n")
            for line in complete:
                last_news = time.monotonic()
                message = json.loads(line)
                if message.get("done"):
                    return
                if "started" in message:
                    running = message["started"]
                elif message.get("slug") in by_slug:
                    seen.add(message["slug"])
                    yield report.Outcome.from_record(by_slug[message["slug"]], message)
            if complete:
                continue
            status = child.poll()
            silent = time.monotonic() - last_news
            if status is None and silent < (_stalled_after() if running else START_SECONDS):
                time.sleep(POLL_SECONDS)
                continue
            if status is None:
                child.kill()
                child.wait()
            if running is not None and running not in seen:
                exercise = by_slug[running]
                problem = (
                    messages.ended_early_message(exercise, status) if status is not None
                    else messages.stuck_message(exercise, time_limit.check_seconds())
                )
                yield report.Outcome(exercise, False, problem)
            return
