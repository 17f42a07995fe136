"""F5 lands on the bug: every launch.json configuration, driven over DAP.

Each exercise's configuration is started with debugpy exactly as VS Code
would (runInTerminal included), with the breakpoint, logpoint or exception
filter its ``[debug]`` table names. On the shipped code (the repository, or a
pristine copy when a learner's fork has solved some) the debugger must show
``buggy``; on a copy with ``solutions/`` laid over it, it must not.

The debug sessions are independent, so the ones the selected tests need
start together on a small thread pool when the first test asks; each test
then judges its own session's observation.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.catalog import Exercise, all_exercises
from tests.dap import (
    ChildSessions,
    DebugSession,
    Stop,
    as_the_learner_runs_it,
    debug_session,
    free_port,
    kill_group,
    pause_all_threads,
    source_file,
    start_background_task,
    stop_at,
    stop_breakpoints,
    stop_exception_filters,
    wait_until_stalled,
)
from tests.lab import lay_solutions, shipped_check, shipped_lab
from tools.launch_json import LAUNCH_JSON, TASKS_JSON, load_jsonc

EXERCISES = all_exercises()
CONFIGURATIONS = {c["name"]: c for c in load_jsonc(LAUNCH_JSON)["configurations"]}
TASKS = {t["label"]: t for t in load_jsonc(TASKS_JSON)["tasks"]}
CURRENT_TEST_FILE = "Debug the current test file"
CURRENT_FILE = "Python: current file"
FIRST_STOP_LIMIT = 10.0  # seconds from configurationDone to the first stop, on an idle machine
# Waits are longer than the limit, so that a slow stop fails with its time
# rather than with a timeout, and a busy machine does not lose the session.
WAIT_TIMEOUT = 30.0
WORKERS = max(2, min(4, os.cpu_count() or 2))
CLIENT_HOLD = 2.0  # seconds an attach test sits at the breakpoint before it continues
# A [debug].pause program counts as stuck when it has printed nothing for this long.
STALL_SECONDS = 1.5


def ids(exercises: tuple[Exercise, ...]) -> list[str]:
    return [e.slug for e in exercises]


def is_attach(exercise: Exercise) -> bool:
    return exercise.launch.get("request") == "attach"


def runs_pytest(exercise: Exercise) -> bool:
    return exercise.launch.get("module") == "pytest"


LAUNCHED = tuple(e for e in EXERCISES if not is_attach(e))
ATTACHED = tuple(e for e in EXERCISES if is_attach(e))
TESTED = tuple(e for e in EXERCISES if runs_pytest(e))
# One program is enough to prove the generic "current file" configuration.
AS_FILE = tuple(e for e in LAUNCHED if "module" in e.launch and not runs_pytest(e))[:1]


def entry_point(exercise: Exercise) -> Path:
    """The file of the module an exercise's configuration runs."""
    module = str(exercise.launch["module"])
    return shipped_lab().joinpath(*module.split(".")).with_suffix(".py")


def is_code(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def breakpoint_line(exercise: Exercise, workspace: Path) -> int:
    """[debug].line, followed to the same statement when a fix moved it.

    A solution may add lines above the breakpoint (a comment at the fix); the
    line is mapped through the diff, past comments and blank lines.
    """
    shipped, here = source_file(exercise, shipped_lab()), source_file(exercise, workspace)
    line = exercise.debug.line
    if here == shipped or not here.is_file() or not shipped.is_file():
        return line
    before = shipped.read_text(encoding="utf-8").splitlines()
    after = here.read_text(encoding="utf-8").splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if i1 < line <= i2:
            mapped = line - i1 + j1 if tag == "equal" else j1 + 1
            while mapped < len(after) and not is_code(after[mapped - 1]):
                mapped += 1
            return mapped
    return line


def breakpoints(exercise: Exercise, workspace: Path) -> dict[Path, list[dict]]:
    return stop_breakpoints(exercise.debug, source_file(exercise, workspace),
                            breakpoint_line(exercise, workspace))


@dataclass
class Observation:
    """What a learner would see: where it stopped, and the values shown there."""

    stop: Stop | None = None  # None: the program ended without stopping
    seconds_to_stop: float = 0.0
    value: str | None = None  # [debug].expression evaluated at the stop
    log: str = ""  # the Debug Console (logpoint messages)
    stepped_in: Stop | None = None
    stepped_out: Stop | None = None
    first_response: int | None = None  # attach: the status of the request that stopped
    served_after_disconnect: bool = False
    # attach with [debug.request].client: the learner's client, run as they run it
    client_waited: bool = False  # still waiting after CLIENT_HOLD seconds at the stop
    client_output: str = ""


def inspect_stop(session: DebugSession, exercise: Exercise) -> Observation:
    """Wait for the first stop (or the logpoint output) and read what it shows."""
    if exercise.debug.log:
        session.wait_until_terminated(WAIT_TIMEOUT)
        return Observation(log=session.log_output())
    started = time.perf_counter()
    stop = session.wait_for_stop(WAIT_TIMEOUT)
    if stop is None:
        return Observation()
    observation = Observation(
        stop=stop,
        seconds_to_stop=time.perf_counter() - started,
        value=session.evaluate(exercise.debug.expression, stop.top),
    )
    if exercise.debug.step_in:
        observation.stepped_in = session.step_in(stop)
        observation.stepped_out = session.step_out(observation.stepped_in)
    return observation


def inspect_pause(session: DebugSession, exercise: Exercise, workspace: Path) -> Observation:
    """Wait until the program stalls, press Pause, and pick the thread at [debug].line."""
    if not wait_until_stalled(session, STALL_SECONDS * load_factor(), WAIT_TIMEOUT):
        return Observation()  # it ended: nothing hangs
    started = time.perf_counter()
    stops = pause_all_threads(session, WAIT_TIMEOUT)
    where = (source_file(exercise, workspace), breakpoint_line(exercise, workspace))
    stop = stop_at(stops, *where) or stops.get("MainThread") or next(iter(stops.values()))
    return Observation(stop=stop, seconds_to_stop=time.perf_counter() - started,
                       value=session.evaluate(exercise.debug.expression, stop.top))


def inspect_child_stop(session: DebugSession, exercise: Exercise,
                       workspace: Path) -> Observation:
    """Follow the program's child processes, as VS Code does, to the first stop in one."""
    filters = stop_exception_filters(exercise.debug) or ["uncaught"]
    started = time.perf_counter()
    with ChildSessions(session, workspace, breakpoints(exercise, workspace), filters) as children:
        child = children.wait_for_stop(WAIT_TIMEOUT)
        if child is None:
            return Observation()
        observation = inspect_stop(child, exercise)
        if observation.stop is not None:
            observation.seconds_to_stop = observation.stop.received_at - started
        return observation


def observe_launch(exercise: Exercise, workspace: Path, configuration_name: str,
                   file: Path | None = None) -> Observation:
    configuration = CONFIGURATIONS[configuration_name]
    if configuration_name == exercise.launch_name:
        configuration = as_the_learner_runs_it(exercise, configuration)
    if not source_file(exercise, workspace).exists():
        # The program writes the file it stops in (ex13's script from the
        # notebook): a learner runs it once before there is a line to click,
        # and debugpy never binds a breakpoint set in a file not yet there.
        with debug_session(configuration, workspace, file=file) as session:
            session.wait_until_terminated(WAIT_TIMEOUT)
    with debug_session(configuration, workspace,
                       breakpoints(exercise, workspace), stop_exception_filters(exercise.debug),
                       file=file) as session:
        if exercise.debug.pause:
            return inspect_pause(session, exercise, workspace)
        if exercise.debug.subprocess:
            return inspect_child_stop(session, exercise, workspace)
        return inspect_stop(session, exercise)


def attach_request(exercise: Exercise) -> dict:
    """The HTTP request that reaches the handler breakpoint (``[debug.request]``)."""
    return exercise.debug.request or {"method": "GET", "path": "/"}


def send(port: int, request: dict) -> int:
    body = request.get("json")
    data = None if body is None else json.dumps(body).encode()
    message = urllib.request.Request(
        f"http://127.0.0.1:{port}{request.get('path', '/')}", data=data,
        method=request.get("method", "POST" if data else "GET"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(message, timeout=15) as response:
        return response.status


def start_client(module: str, workspace: Path, http_port: int) -> subprocess.Popen:
    """The exercise's own client, as a learner runs it from a second terminal."""
    return subprocess.Popen([sys.executable, "-m", module, "--port", str(http_port)],
                            cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def finish(client: subprocess.Popen) -> str:
    """The client's output once it ends; killed if it still waits after WAIT_TIMEOUT."""
    try:
        return client.communicate(timeout=WAIT_TIMEOUT)[0]
    except subprocess.TimeoutExpired:
        client.kill()
        return client.communicate()[0] + "\n(killed: no answer in time)"


def observe_attach(exercise: Exercise, workspace: Path) -> Observation:
    """Start the server under debugpy as the task does, attach, hit the handler.

    The configuration is attached with the keys ``[debug.configuration]`` says
    the learner changes first (ex20's pathMappings).

    With ``[debug.request].client`` the request comes from that module, run as
    a learner runs it; it must still be waiting while the request is held at
    the breakpoint, and get its answer after continue.
    """
    configuration = as_the_learner_runs_it(exercise, CONFIGURATIONS[exercise.launch_name])
    task = TASKS[configuration["preLaunchTask"]]
    debug_port, http_port = free_port(), free_port()
    server = start_background_task(task, workspace, configuration, debug_port,
                                   ("--port", str(http_port)), WAIT_TIMEOUT)
    configuration["connect"] = {"host": "127.0.0.1", "port": debug_port}
    try:
        request = attach_request(exercise)
        with debug_session(configuration, workspace, breakpoints(exercise, workspace),
                           stop_exception_filters(exercise.debug)) as session:
            statuses: list[int] = []
            client = None
            if "client" in request:
                client = start_client(request["client"], workspace, http_port)
            else:
                sender = threading.Thread(
                    target=lambda: statuses.append(send(http_port, request)))
                sender.start()
            started = time.perf_counter()
            stop = session.wait_for_stop(WAIT_TIMEOUT)
            observation = Observation(stop=stop, seconds_to_stop=time.perf_counter() - started)
            if stop is not None:
                observation.value = session.evaluate(exercise.debug.expression, stop.top)
                if client is not None:
                    time.sleep(CLIENT_HOLD)
                    observation.client_waited = client.poll() is None
                session.resume(stop)
            if client is not None:
                observation.client_output = finish(client)
                statuses.append(200 if client.returncode == 0 else client.returncode)
            else:
                sender.join(WAIT_TIMEOUT)
            observation.first_response = statuses[0] if statuses else None
        observation.served_after_disconnect = send(http_port, request) == 200
        return observation
    finally:
        kill_group(server)


@pytest.fixture(scope="session")
def solved_repository(make_repo_copy: Callable[[str], Path]) -> Path:
    return lay_solutions(make_repo_copy("solved"))


def observe(exercise: Exercise, variant: str, solved: Path) -> Observation:
    """Run one debug session: ``variant`` is "shipped", "solved" or "current test file"."""
    workspace = solved if variant == "solved" else shipped_lab()
    if is_attach(exercise):
        return observe_attach(exercise, workspace)
    if variant == "current test file":
        return observe_launch(exercise, workspace, CURRENT_TEST_FILE, shipped_check(exercise))
    if variant == "current file":
        return observe_launch(exercise, workspace, CURRENT_FILE, entry_point(exercise))
    return observe_launch(exercise, workspace, exercise.launch_name)


# Which session each test judges.
VARIANT_OF_TEST = {
    "test_the_configuration_shows_the_bug": "shipped",
    "test_step_in_and_out_land_where_the_exercise_says": "shipped",
    "test_the_caller_is_on_the_call_stack": "shipped",
    "test_the_client_waits_at_the_breakpoint_then_gets_its_answer": "shipped",
    "test_the_exercise_configuration_stops_inside_its_test": "shipped",
    "test_the_solution_no_longer_shows_it": "solved",
    "test_the_current_test_file_configuration_stops_in_the_test": "current test file",
    "test_the_current_file_configuration_runs_an_entry_point": "current file",
}


@pytest.fixture(scope="session")
def observations(request: pytest.FixtureRequest,
                 solved_repository: Path) -> Iterator[dict[tuple[str, str], Future]]:
    """The debug sessions the selected tests need, all started at once.

    Keyed by (exercise slug, variant); each test waits for its own.
    """
    wanted: dict[tuple[str, str], Exercise] = {}
    for item in request.session.items:
        variant = VARIANT_OF_TEST.get(getattr(item, "originalname", ""))
        callspec = getattr(item, "callspec", None)
        if variant and callspec and item.path == Path(__file__):
            exercise = callspec.params["exercise"]
            wanted.setdefault((exercise.slug, variant), exercise)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {
            (slug, variant): pool.submit(observe, exercise, variant, solved_repository)
            for (slug, variant), exercise in wanted.items()
        }
        yield futures
        for future in futures.values():
            future.cancel()


def observed(observations: dict, exercise: Exercise, variant: str) -> Observation:
    return observations[exercise.slug, variant].result(timeout=120)


def load_factor() -> float:
    """How much longer things take when other work keeps every core busy (load > cores)."""
    return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def first_stop_limit() -> float:
    """The limit, stretched when other work keeps every core busy."""
    return FIRST_STOP_LIMIT * load_factor()


def assert_stopped_at_the_bug(observation: Observation, exercise: Exercise,
                              workspace: Path) -> Stop:
    debug = exercise.debug
    stop = observation.stop
    assert stop is not None, f"{exercise.launch_name}: the program ended without stopping"
    expected_reason = "exception" if debug.exception else "pause" if debug.pause else "breakpoint"
    assert stop.reason == expected_reason, (stop.reason, stop.top)
    where = (Path(stop.top.path).resolve(), stop.top.line)
    expected = (source_file(exercise, workspace).resolve(), breakpoint_line(exercise, workspace))
    assert where == expected, stop.frames
    limit = first_stop_limit()
    assert observation.seconds_to_stop <= limit, (
        f"stopped after {observation.seconds_to_stop:.1f} s (limit {limit:.1f} s)")
    return stop


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_the_configuration_shows_the_bug(observations: dict, exercise: Exercise) -> None:
    observation = observed(observations, exercise, "shipped")
    if exercise.debug.log:
        assert exercise.debug.buggy in observation.log, observation.log[-2000:]
        return
    assert_stopped_at_the_bug(observation, exercise, shipped_lab())
    assert observation.value == exercise.debug.buggy
    if is_attach(exercise):
        assert observation.first_response == 200, "the request did not complete after continue"
        assert observation.served_after_disconnect, "the server stopped serving after disconnect"


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_the_solution_no_longer_shows_it(observations: dict, exercise: Exercise,
                                         solved_repository: Path) -> None:
    assert any(exercise.solution_path(edited).is_file() for edited in exercise.edit), (
        f"no solution for {exercise.slug} under solutions/")
    observation = observed(observations, exercise, "solved")
    debug = exercise.debug
    if debug.log:
        assert observation.log, "the logpoint printed nothing with the solution in place"
        assert debug.buggy not in observation.log, observation.log[-2000:]
        return
    triggered_by_the_bug = bool(debug.condition or debug.exception or debug.pause)
    if observation.stop is None:
        assert triggered_by_the_bug, "the fixed program never reached the breakpoint"
        return
    assert_stopped_at_the_bug(observation, exercise, solved_repository)
    assert observation.value != debug.buggy


STEPPING = tuple(e for e in LAUNCHED if e.debug.step_in)
CALLERS = tuple(e for e in EXERCISES if e.debug.caller)


@pytest.mark.parametrize("exercise", STEPPING, ids=ids(STEPPING))
def test_step_in_and_out_land_where_the_exercise_says(observations: dict,
                                                      exercise: Exercise) -> None:
    observation = observed(observations, exercise, "shipped")
    stop, inside, back = observation.stop, observation.stepped_in, observation.stepped_out
    assert stop is not None
    assert inside is not None
    assert back is not None
    assert inside.top.name == exercise.debug.step_in, inside.frames
    assert (back.top.name, back.top.path) == (stop.top.name, stop.top.path), back.frames


@pytest.mark.parametrize("exercise", CALLERS, ids=ids(CALLERS))
def test_the_caller_is_on_the_call_stack(observations: dict, exercise: Exercise) -> None:
    stop = observed(observations, exercise, "shipped").stop
    assert stop is not None
    assert exercise.debug.caller in [frame.name for frame in stop.frames[1:]], stop.frames


CLIENTS = tuple(e for e in ATTACHED if "client" in attach_request(e))


@pytest.mark.parametrize("exercise", CLIENTS, ids=ids(CLIENTS))
def test_the_client_waits_at_the_breakpoint_then_gets_its_answer(observations: dict,
                                                                 exercise: Exercise) -> None:
    observation = observed(observations, exercise, "shipped")
    assert observation.stop is not None
    assert observation.client_waited, (
        f"the client gave up while the request was held:\n{observation.client_output}")
    assert observation.first_response == 200, observation.client_output
    assert "Traceback" not in observation.client_output


@pytest.mark.parametrize("exercise", TESTED, ids=ids(TESTED))
def test_the_current_test_file_configuration_stops_in_the_test(observations: dict,
                                                               exercise: Exercise) -> None:
    observation = observed(observations, exercise, "current test file")
    stop = assert_stopped_at_the_bug(observation, exercise, shipped_lab())
    assert observation.value == exercise.debug.buggy
    assert_inside_the_test(stop, exercise)


@pytest.mark.parametrize("exercise", TESTED, ids=ids(TESTED))
def test_the_exercise_configuration_stops_inside_its_test(observations: dict,
                                                          exercise: Exercise) -> None:
    stop = observed(observations, exercise, "shipped").stop
    assert stop is not None
    assert_inside_the_test(stop, exercise)


def assert_inside_the_test(stop: Stop, exercise: Exercise) -> None:
    """The stop happens while the failing test runs: its file is on the stack."""
    paths = [Path(frame.path).resolve() for frame in stop.frames]
    assert shipped_check(exercise).resolve() in paths, stop.frames


@pytest.mark.parametrize("exercise", AS_FILE, ids=ids(AS_FILE))
def test_the_current_file_configuration_runs_an_entry_point(observations: dict,
                                                            exercise: Exercise) -> None:
    observation = observed(observations, exercise, "current file")
    assert_stopped_at_the_bug(observation, exercise, shipped_lab())
    assert observation.value == exercise.debug.buggy
