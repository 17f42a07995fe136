"""Exercise 22 fails on some nights only, its seed replays a night, and the fix holds every night.

The backtest draws its held-out days with the night's seed. Run as shipped over
twenty seeds, some reports are whole and some are not (the header's count of
held-out days against the dates its table shows); the seed in the exercise's
configuration gives a broken report, the same one in every process; with the
solution laid over, every one of the twenty nights is whole. The exercise's own
check is the learner's judge: these tests prove the premise it is built on.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from course.catalog import EXERCISES_DIR, load_exercise
from tests.lab import shipped_lab

EXERCISE = load_exercise(EXERCISES_DIR / "ex22_intermittent")
NIGHTS = range(20)
# Runs the backtest once per seed in one interpreter, and prints each night's report.
NIGHTLY = """\
import contextlib, io, json, sys
from exercises.ex22_intermittent.backtest import main

reports = {}
for seed in map(int, sys.argv[1:]):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        main(seed=seed)
    reports[seed] = out.getvalue()
print(json.dumps(reports))
"""


def reports(workspace: Path, seeds) -> dict[int, str]:
    done = subprocess.run([sys.executable, "-c", NIGHTLY, *map(str, seeds)], cwd=workspace,
                          capture_output=True, text=True, timeout=120, check=True)
    return {int(seed): report for seed, report in json.loads(done.stdout).items()}


def whole(report: str) -> bool:
    """The header's count of held-out days is the number of dates its table shows."""
    claimed = int(re.search(r"^held out (\d+) days;", report, re.MULTILINE)[1])
    shown = set(re.findall(r"^(\d{4}-\d{2}-\d{2}) ", report, re.MULTILINE))
    return claimed == len(shown)


def configured_seed() -> int:
    args = EXERCISE.launch["args"]
    return int(args[args.index("--seed") + 1])


def solved_lab(tmp_path: Path) -> Path:
    """The exercise as shipped with its solution over it, its package and the data."""
    lab = shipped_lab()
    folder = tmp_path / "exercises" / EXERCISE.slug
    shutil.copytree(lab / "exercises" / EXERCISE.slug, folder)
    shutil.copy2(lab / "exercises" / "__init__.py", folder.parent)
    shutil.copytree(lab / "data", tmp_path / "data")
    for relative in EXERCISE.edit:
        if EXERCISE.solution_path(relative).is_file():
            shutil.copy2(EXERCISE.solution_path(relative), folder / relative)
    return tmp_path


def test_the_shipped_backtest_fails_on_some_nights_only() -> None:
    outcomes = {whole(report) for report in reports(shipped_lab(), NIGHTS).values()}
    assert outcomes == {True, False}, f"twenty nights, whole reports: {outcomes}"


def test_the_configured_seed_replays_a_broken_night_in_every_process() -> None:
    seed = configured_seed()
    command = [sys.executable, "-m", str(EXERCISE.launch["module"]), *EXERCISE.launch["args"]]
    # As the configuration runs it, and again in another interpreter (another hash seed).
    direct = subprocess.run(command, cwd=shipped_lab(), capture_output=True, text=True,
                            timeout=120, check=True).stdout
    replayed = reports(shipped_lab(), [seed])[seed]
    assert direct.startswith(f"backtest seed {seed}\n")
    assert not whole(direct), direct
    assert replayed == direct


def test_the_solution_holds_out_whole_days_every_night(tmp_path: Path) -> None:
    nights = reports(solved_lab(tmp_path), [*NIGHTS, configured_seed()])
    broken = [seed for seed, report in nights.items() if not whole(report)]
    assert not broken, f"nights with a broken report after the fix: {broken}"
