"""The program shows the symptom, never the place (issue 11, item 2).

Every exercise's entry point runs here as a learner runs it before any
debugging: what its launch configuration starts (module or program, args,
cwd, env), or for an "attach" configuration the command of its pre-launch
task, without a debugger attached, with a time limit. Whatever it prints (a
wrong number or decision, even a crash elsewhere) may not name a line of a
file the learner must edit: no traceback frame (``File ".../features.py",
line 12``) and no warning or pytest location (``features.py:12:``). A
notebook counts with the script exported from it (``analysis.py``).

A program meant to keep running (a server, a hang) says so in its
``exercise.toml``; it must then still run at the time limit:

    [entry_point]
    runs_until_stopped = true
    seconds = 8                        # how long to watch it (default 8)
    args = ["--port", "{free_port}"]   # appended; {free_port} is an unused port

A configuration whose ``env`` is itself a debugging aid (it makes an error
loud) is run as a practitioner runs the program, without that ``env``:

    [entry_point]
    launch_env = false
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.catalog import Exercise, all_exercises
from tests.dap import (
    as_the_learner_runs_it,
    free_port,
    kill_group,
    resolve_variables,
    task_command,
)
from tests.lab import shipped_lab
from tools.launch_json import TASKS_JSON, exercise_configuration, load_jsonc

EXERCISES = all_exercises()
TIME_LIMIT = 60.0  # seconds for a program that ends; generous, the machine is shared
WATCH_SECONDS = 8.0  # default for a program that runs until stopped


@dataclass(frozen=True)
class Run:
    command: list[str]
    output: str  # stdout and stderr, interleaved
    still_running: bool


def entry_point_settings(exercise: Exercise) -> dict:
    """The optional ``[entry_point]`` table of the exercise's toml."""
    data = tomllib.loads((exercise.folder / "exercise.toml").read_text(encoding="utf-8"))
    return data.get("entry_point", {})


def command_and_env(exercise: Exercise) -> tuple[list[str], Path, dict[str, str]]:
    """What the configuration runs, as a command line, a working folder and an environment."""
    shipped = as_the_learner_runs_it(exercise, exercise_configuration(exercise))
    configuration = resolve_variables(shipped, shipped_lab())
    assert isinstance(configuration, dict)
    extra = [arg.replace("{free_port}", str(free_port()))
             for arg in entry_point_settings(exercise).get("args", [])]
    settings = entry_point_settings(exercise)
    launch_env = configuration.get("env", {}) if settings.get("launch_env", True) else {}
    env = {**os.environ, **launch_env}
    if configuration["request"] == "attach":
        tasks = {t["label"]: t for t in load_jsonc(TASKS_JSON)["tasks"]}
        task = tasks[configuration["preLaunchTask"]]
        lab = shipped_lab()
        command = task_command(task, lab, configuration, free_port())
        cwd = resolve_variables(task.get("options", {}).get("cwd", str(lab)), lab)
        return [*command, *extra], Path(str(cwd)), env
    if "module" in configuration:
        command = [sys.executable, "-m", configuration["module"]]
    else:
        command = [sys.executable, configuration["program"]]
    command += [*configuration.get("args", []), *extra]
    return command, Path(configuration.get("cwd", shipped_lab())), env


def run_entry_point(exercise: Exercise) -> Run:
    settings = entry_point_settings(exercise)
    stays = bool(settings.get("runs_until_stopped", False))
    limit = float(settings.get("seconds", WATCH_SECONDS)) if stays else TIME_LIMIT
    command, cwd, env = command_and_env(exercise)
    process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=limit)
        return Run(command, output, still_running=False)
    except subprocess.TimeoutExpired:
        kill_group(process)
        output, _ = process.communicate()
        return Run(command, output, still_running=True)


def place_patterns(exercise: Exercise) -> list[re.Pattern[str]]:
    """Ways an output line names a line of an edited file."""
    names = []
    for edited in exercise.edit:
        name = Path(edited).name
        names.append(name)
        if name.endswith(".ipynb"):
            names.append(name.removesuffix(".ipynb") + ".py")
    patterns = []
    for name in names:
        quoted = re.escape(name)
        patterns.append(re.compile(rf'File "(?:[^"]*[\\/])?{quoted}", line \d+'))
        patterns.append(re.compile(rf"(?:^|[\s\\/'\"(]){quoted}:\d+", re.MULTILINE))
    return patterns


@pytest.fixture(scope="module")
def runs() -> dict[str, Future[Run]]:
    """Every entry point, started two at a time (the programs are independent)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {e.slug: pool.submit(run_entry_point, e) for e in EXERCISES}
        yield futures
        for future in futures.values():
            future.cancel()


def test_the_patterns_find_tracebacks_and_warnings() -> None:
    exercise = next(e for e in EXERCISES if e.edit)
    name = Path(exercise.edit[0]).name
    named = [f'  File "/repo/exercises/x/{name}", line 12, in f',
             f"/repo/exercises/x/{name}:40: RuntimeWarning: divide by zero",
             f"exercises/x/{name}:7: AssertionError"]
    quiet = [f"loaded {name} in 0.2 s", f"see {name}, the function f", "12:00 rush"]
    patterns = place_patterns(exercise)
    assert all(any(p.search(line) for p in patterns) for line in named)
    assert not any(p.search(line) for p in patterns for line in quiet)


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.slug for e in EXERCISES])
def test_the_program_shows_the_symptom_never_the_place(runs: dict[str, Future[Run]],
                                                        exercise: Exercise) -> None:
    run = runs[exercise.slug].result()
    shown = " ".join(run.command)
    stays = bool(entry_point_settings(exercise).get("runs_until_stopped", False))
    if stays:
        assert run.still_running, f"{shown} should keep running; it ended:\n{run.output[-2000:]}"
    else:
        assert not run.still_running, f"{shown} did not end within {TIME_LIMIT:.0f} s"
    for pattern in place_patterns(exercise):
        found = pattern.search(run.output)
        assert found is None, (
            f"{shown} names a line of a file the learner edits ({found[0]!r}); "
            f"the program should show the symptom, not the place:\n{run.output[-2000:]}"
        )
