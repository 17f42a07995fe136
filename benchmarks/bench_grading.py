"""How long ``pytest exercises`` takes against the floor of importing its libraries.

Most of a grading run is importing pandas, numpy, scikit-learn and pytest; the
checks and the grader should add little on top. The three commands are timed
in turns, round after round, so that a busy machine weighs on all of them alike.
Besides wall time, the CPU time the command used (user + system, POSIX only)
is shown: it hardly moves when other programs compete for the processor.
"""

from __future__ import annotations

import shutil
import statistics
import time
from dataclasses import dataclass

from benchmarks import ROOT, Figure, run_python

try:
    import resource
except ImportError:  # Windows
    resource = None

ROUNDS = 3
COMMANDS = {
    "floor": ["-c", "import pandas, numpy, sklearn, pytest"],
    "grading": ["-m", "pytest", "exercises", "-p", "no:cacheprovider"],
    "first grading": ["-m", "pytest", "exercises", "-p", "no:cacheprovider"],
}
# A fresh clone has no build/ folder (ex13's F5 export lives there): the first
# grading is timed without it.
NOTEBOOK_EXPORT = ROOT / "build" / "ex13_notebook"


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float | None


def _children_cpu() -> float | None:
    if resource is None:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str]) -> Timing:
    cpu_before, start = _children_cpu(), time.perf_counter()
    result = run_python(args, timeout=300)
    wall, cpu_after = time.perf_counter() - start, _children_cpu()
    if result.returncode not in (0, 1):  # 1 = some exercise not solved yet, as shipped
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return Timing(wall, cpu)


# The grader's own work, timed inside one process: load it, read the catalog, write the table.
GRADER_WORK = """
import time, pytest, pytest_timeout
start = time.perf_counter()
from course import learner_state, pytest_plugin, report
from course.bonus import answered_correctly
from course.catalog import all_exercises
exercises = all_exercises(require_files=False)
answers = learner_state.read_answers()
outcomes = [report.Outcome(e, False, "", answered_correctly(e, answers)) for e in exercises]
report.summary_lines(outcomes, len(exercises))
print((time.perf_counter() - start) * 1000)
"""


def _grader_work_ms() -> float:
    result = run_python(["-c", GRADER_WORK], timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"timing the grader failed:\n{result.stderr}")
    return float(result.stdout)


def _median(timings: list[Timing]) -> Timing:
    cpus = [t.cpu for t in timings if t.cpu is not None]
    return Timing(
        statistics.median(t.wall for t in timings), statistics.median(cpus) if cpus else None
    )


def _cpu_note(timing: Timing) -> str:
    return "" if timing.cpu is None else f"CPU {timing.cpu:.2f} s"


def figures() -> list[Figure]:
    runs: dict[str, list[Timing]] = {name: [] for name in COMMANDS}
    for _ in range(ROUNDS):
        for name, args in COMMANDS.items():
            if name == "first grading":
                shutil.rmtree(NOTEBOOK_EXPORT, ignore_errors=True)
            runs[name].append(_run(args))
    floor, grading, first = (_median(runs[name]) for name in COMMANDS)
    ratio_note = (
        "" if floor.cpu is None or grading.cpu is None
        else f"CPU time ratio {grading.cpu / floor.cpu:.2f}x"
    )
    return [
        Figure("import floor, pandas + numpy + sklearn + pytest (median of 3)",
               f"{floor.wall:.2f} s", "", _cpu_note(floor)),
        Figure("`pytest exercises`, all exercises as shipped (median of 3)",
               f"{grading.wall:.2f} s", "< 4 s", _cpu_note(grading)),
        Figure("`pytest exercises` over the import floor",
               f"{grading.wall / floor.wall:.2f}x", "≤ 2.0x", ratio_note),
        Figure("first `pytest exercises` after a clone, over the floor (median of 3)",
               f"{first.wall / floor.wall:.2f}x ({first.wall:.2f} s)", "≤ 2.0x",
               "no build/ folder and no bytecode of the exercises yet"),
        Figure("grader's own work: import, catalog, table (median of 3)",
               f"{statistics.median(_grader_work_ms() for _ in range(ROUNDS)):.1f} ms",
               "a few ms", "timed in-process"),
    ]
