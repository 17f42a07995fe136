"""How long F5 takes to land on the bug, against the same run without a debugger.

For every "launch" configuration of an exercise: the median of 5 times from
the ``launch`` request to the first ``stopped`` event (for a logpoint, its
first message), driven over DAP by ``tests/dap.py`` exactly as VS Code does.

The fair comparison is the time the same program takes to *reach that line*
without a debugger. A trace function would slow every call down, so instead
a temporary copy of the repository gets one statement injected (through the
AST) before the breakpoint line: ``os._exit(0)`` under the same condition or
hit count, or around the line for an exception stop. Nothing else runs
differently, so the program reaches the line at native speed; the wall time
from process start to that exit is the baseline.
"""

from __future__ import annotations

import ast
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import ROOT, Figure
from course.catalog import DebugStop, Exercise, all_exercises
from tests.dap import (
    debug_session,
    resolve_variables,
    source_file,
    stop_breakpoints,
    stop_exception_filters,
)
from tools.launch_json import exercise_configuration

RUNS = 5
TIMEOUT = 60.0
REACHED = 86  # the exit status that proves the program reached the line
EXIT_NOW = f"__import__('os')._exit({REACHED})"


def seconds_to_first_stop(configuration: dict, exercise: Exercise) -> float:
    source = source_file(exercise, ROOT)
    with debug_session(configuration, ROOT, stop_breakpoints(exercise.debug, source),
                       stop_exception_filters(exercise.debug), timeout=TIMEOUT) as session:
        if exercise.debug.log:
            event = session.wait_for_event(
                "output", timeout=TIMEOUT,
                # Logpoints print as "stdout" events; the program's own
                # output goes to its terminal instead.
                where=lambda e: e["body"].get("category") == "stdout")
            return event["_received"] - session.launched_at
        stop = session.wait_for_stop(TIMEOUT)
        if stop is None:
            raise RuntimeError(f"{exercise.launch_name} ended without stopping")
        return stop.received_at - session.launched_at


def exit_guard(debug: DebugStop) -> list[ast.stmt]:
    """Statements that end the process where the debugger would first stop."""
    checks = []
    statements: list[ast.stmt] = []
    if debug.hit:
        # pydevd's hit condition: a bare number means "on that hit".
        test = f"== {debug.hit}" if debug.hit.strip().isdigit() else debug.hit
        statements += ast.parse(
            "globals()['__bench_hits__'] = globals().get('__bench_hits__', 0) + 1").body
        checks.append(f"globals()['__bench_hits__'] {test}")
    if debug.condition:
        checks.append(f"({debug.condition})")
    return [*statements, *ast.parse(f"if {' and '.join(checks) or 'True'}: {EXIT_NOW}").body]


def inject_exit(path: Path, debug: DebugStop) -> None:
    """Rewrite ``path`` so the program exits when it reaches [debug].line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for index, statement in enumerate(body):
                if isinstance(statement, ast.stmt) and statement.lineno == debug.line:
                    if debug.exception:
                        guard = ast.parse(
                            f"try:\n    pass\nexcept BaseException:\n    {EXIT_NOW}").body[0]
                        assert isinstance(guard, ast.Try)
                        guard.body = [statement]
                        body[index] = guard
                    else:
                        body[index:index] = exit_guard(debug)
                    path.write_text(ast.unparse(ast.fix_missing_locations(tree)),
                                    encoding="utf-8")
                    return
    raise ValueError(f"no statement starts on line {debug.line} of {path}")


def command_line(configuration: dict, workspace: Path) -> list[str]:
    """What the configuration runs, as a plain command."""
    resolved = resolve_variables(configuration, workspace)
    assert isinstance(resolved, dict)
    target = ["-m", resolved["module"]] if "module" in resolved else [resolved["program"]]
    return [sys.executable, *target, *resolved.get("args", [])]


def seconds_to_reach_line(configuration: dict, copy: Path, injected: bool) -> float:
    command = command_line(configuration, copy)
    # The configuration's env is part of what F5 runs (ex18's makes an error loud).
    env = {**os.environ, **configuration.get("env", {})}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=copy, capture_output=True, text=True,
                            timeout=TIMEOUT, check=False, env=env)
    seconds = time.perf_counter() - start
    if injected and result.returncode != REACHED:
        raise RuntimeError(f"{command} never reached the line:\n{result.stderr[-2000:]}")
    return seconds


def copy_for_baseline(exercise: Exercise, destination: Path) -> bool:
    """Copy the code and data, injecting the exit at the breakpoint if possible.

    A script the program generates at run time (ex13's) cannot be injected:
    then the baseline is the whole run, an upper bound. Returns whether the
    exit was injected.
    """
    for folder in ("exercises", "course", "data"):
        shutil.copytree(ROOT / folder, destination / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml",):
        shutil.copy2(ROOT / name, destination / name)
    target = source_file(exercise, destination)
    if not target.is_file():
        return False
    inject_exit(target, exercise.debug)
    return True


def median_of_runs(action: Callable[[], float]) -> float:
    return statistics.median(action() for _ in range(RUNS))


def figure(exercise: Exercise) -> Figure:
    configuration = exercise_configuration(exercise)
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary)
        injected = copy_for_baseline(exercise, copy)
        plain = median_of_runs(lambda: seconds_to_reach_line(configuration, copy, injected))
    if not source_file(exercise, ROOT).exists():
        # A generated file: run once so there is a file to set the breakpoint in.
        subprocess.run(command_line(configuration, ROOT), cwd=ROOT, capture_output=True,
                       timeout=TIMEOUT, check=False)
    debugged = median_of_runs(lambda: seconds_to_first_stop(configuration, exercise))
    target = 1.0 + 1.5 * plain
    what = "first logpoint message" if exercise.debug.log else "first stop"
    reached = "to reach the line" if injected else "for the whole run (generated script)"
    return Figure(
        f"F5 to {what}, {exercise.slug} (median of {RUNS})",
        f"{debugged:.2f} s {'(met)' if debugged <= target else '(MISSED)'}",
        f"≤ {target:.2f} s (1 s + 1.5 × no-debugger time)",
        f"without debugger: {plain:.2f} s {reached}",
    )


def figures() -> list[Figure]:
    # A hang is paused by hand, and a child's stop is a second session: neither has a
    # first stop to time against the program alone.
    launched = [
        e for e in all_exercises()
        if exercise_configuration(e)["request"] == "launch"
        and not (e.debug.pause or e.debug.subprocess)
    ]
    return [figure(exercise) for exercise in launched]
