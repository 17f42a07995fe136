"""How long ``pytest exercises`` takes against the floor of importing its libraries.

Most of a grading run is importing pandas, numpy, scikit-learn and pytest; the
checks and the grader should add little on top. The three commands are timed
in turns, round after round, so that a busy machine weighs on all of them alike.
"""

from __future__ import annotations

import statistics
import time

from benchmarks import Figure, run_python

ROUNDS = 3
COMMANDS = {
    "floor": ["-c", "import pandas, numpy, sklearn, pytest"],
    "grading": ["-m", "pytest", "exercises", "-p", "no:cacheprovider"],
    "without grader": ["-m", "pytest", "exercises", "-p", "no:cacheprovider", "--noconftest"],
}


def _seconds(args: list[str]) -> float:
    start = time.perf_counter()
    result = run_python(args, timeout=300)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):  # 1 = some exercise not solved yet, as shipped
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def figures() -> list[Figure]:
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(ROUNDS):
        for name, args in COMMANDS.items():
            times[name].append(_seconds(args))
    floor, grading, bare = (statistics.median(times[name]) for name in COMMANDS)
    return [
        Figure("import floor, pandas + numpy + sklearn + pytest (median of 3)", f"{floor:.2f} s"),
        Figure("`pytest exercises`, all exercises as shipped (median of 3)",
               f"{grading:.2f} s", "< 4 s"),
        Figure("`pytest exercises` over the import floor", f"{grading / floor:.2f}x", "≤ 2.0x"),
        Figure("grader overhead (run minus run with `--noconftest`)",
               f"{(grading - bare) * 1000:.0f} ms", "a few ms",
               "difference of medians, within run-to-run noise"),
    ]
