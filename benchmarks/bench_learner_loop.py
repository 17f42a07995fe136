"""The learner's loop, before and after: grading, one check, progress and watch.

Every figure is measured on two checkouts side by side in one run: ``before``
is the lab as it landed before the isolated grader (``BASE``), ``after`` is
HEAD; both as shipped and with every reference solution laid over. Commands
are timed in turns, round after round, so a busy machine weighs on both alike,
and the targets are ratios to the import floor measured in the same rounds.
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from benchmarks import ROOT, Figure

BASE = "f3c6713"  # the last landing before the grader ran checks in an isolated child
ROUNDS = 3
FLOOR = ["-c", "import pandas, numpy, sklearn, pytest"]
GRADE_ALL = ["-m", "pytest", "exercises", "-p", "no:cacheprovider"]


def _seconds(folder: Path, args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=folder, capture_output=True, timeout=600,
                   check=False)
    return time.perf_counter() - start


@contextmanager
def _checkouts():
    """``{"before": path, "after": path, "before solved": ..., "after solved": ...}``."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-loop-"))
    made = []
    try:
        folders = {}
        for name, commit in (("before", BASE), ("after", "HEAD")):
            for variant in ("", " solved"):
                folder = scratch / f"{name}{variant.replace(' ', '-')}"
                subprocess.run(["git", "worktree", "add", "--detach", "-q", str(folder), commit],
                               cwd=ROOT, check=True)
                made.append(folder)
                if variant:
                    shutil.copytree(folder / "solutions", folder / "exercises", dirs_exist_ok=True)
                folders[name + variant] = folder
        yield folders
    finally:
        for folder in made:
            subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT,
                           check=False)
        shutil.rmtree(scratch, ignore_errors=True)


def _median_rounds(jobs: dict[str, Callable[[], float]]) -> dict[str, float]:
    times = {name: [] for name in jobs}
    for _ in range(ROUNDS):
        for name, job in jobs.items():
            times[name].append(job())
    return {name: statistics.median(values) for name, values in times.items()}


def _exercise_numbers(folder: Path) -> list[str]:
    return sorted(path.name[2:4] for path in (folder / "exercises").glob("ex[0-9][0-9]_*"))


def _slowest_check(folder: Path) -> tuple[float, str]:
    return max((_seconds(folder, ["-m", "exercises", "check", n]), n)
               for n in _exercise_numbers(folder))


def _watch_first_verdict(folder: Path) -> tuple[float, float]:
    """Seconds until watch names the current exercise ("Now: ..."), and how long it then
    takes to end after Ctrl+C sent half a second into a fresh start."""
    watch = [sys.executable, "-m", "exercises", "watch", "--poll"]
    shutil.rmtree(folder / ".course", ignore_errors=True)  # nothing recorded yet
    with subprocess.Popen(watch, cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True, encoding="utf-8") as process:
        start = time.perf_counter()
        for line in process.stdout:
            if line.startswith("Now:"):
                break
        first = time.perf_counter() - start
        process.stdin.write("q\n")
        process.stdin.close()
        process.wait(timeout=60)
    shutil.rmtree(folder / ".course", ignore_errors=True)
    # As a terminal starts a foreground job: its own process group, Ctrl+C not ignored
    # (a bench started in the background would hand down an ignored SIGINT).
    with subprocess.Popen(watch, cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          start_new_session=True, preexec_fn=_default_ctrl_c) as process:
        time.sleep(0.5)
        start = time.perf_counter()
        os.killpg(process.pid, signal.SIGINT)  # as the terminal sends Ctrl+C to its group
        try:
            process.wait(timeout=60)
            stopped = time.perf_counter() - start
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stopped = float("inf")
    return first, stopped


def _default_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def figures() -> list[Figure]:
    if sys.platform == "win32":
        return [Figure("learner loop", "skipped", note="POSIX only (process groups)")]
    with _checkouts() as at:
        medians = _median_rounds({
            "floor": lambda: _seconds(ROOT, FLOOR),
            **{f"grade {name}": (lambda f=folder: _seconds(f, GRADE_ALL))
               for name, folder in at.items()},
        })
        floor = medians["floor"]
        checks = {name: _slowest_check(at[name]) for name in ("before", "after solved", "after")}
        checks["before solved"] = _slowest_check(at["before solved"])
        for name in ("before", "after"):  # verdicts recorded by the grading above
            _seconds(at[name], ["-m", "exercises", "progress"])
        progress = {name: statistics.median(_seconds(at[name], ["-m", "exercises", "progress"])
                                            for _ in range(ROUNDS)) for name in ("before", "after")}
        watch = {name: _watch_first_verdict(at[name]) for name in ("before", "after")}

    def ratio(name: str) -> str:
        return f"{medians[name] / floor:.2f}x ({medians[name]:.2f} s)"

    return [
        Figure("import floor: pandas + numpy + sklearn + pytest (median of 3)",
               f"{floor:.2f} s"),
        Figure("`pytest exercises`, lab as shipped, over the floor",
               f"after {ratio('grade after')}", "≤ 3x", f"before {ratio('grade before')}"),
        Figure("`pytest exercises`, every exercise solved, over the floor",
               f"after {ratio('grade after solved')}", "≤ 2.5x",
               f"before {ratio('grade before solved')}"),
        *(Figure(f"slowest `check N`, {state}",
                 f"after {checks['after' + suffix][0]:.2f} s (ex{checks['after' + suffix][1]})",
                 "≤ 1.5 s",
                 f"before {checks['before' + suffix][0]:.2f} s (ex{checks['before' + suffix][1]})")
          for state, suffix in (("as shipped", ""), ("solved", " solved"))),
        Figure("`progress` with nothing changed since the last grading",
               f"after {progress['after']:.2f} s", "< 0.5 s",
               f"before {progress['before']:.2f} s (it graded everything again)"),
        Figure("`watch`: first verdict (the current exercise named), fresh start",
               f"after {watch['after'][0]:.2f} s", "≤ 3 s", f"before {watch['before'][0]:.2f} s"),
        Figure("`watch`: Ctrl+C half a second into a fresh start, until it has ended",
               f"after {watch['after'][1]:.2f} s", "at once",
               f"before {watch['before'][1]:.2f} s"),
    ]
