"""Version-dependent facts the chapter states, measured on the Python that runs the tests.

Each test drives debugpy over DAP (tests/dap.py) on a tiny program and
compares what happens with :data:`STATED`, what the site says for this
Python. A new pin of Python or debugpy that changes a behaviour fails here
instead of leaving a wrong sentence on the page.

- Since Python 3.12, debugpy traces with ``sys.monitoring`` (PEP 669) instead
  of ``sys.settrace`` (``PYDEVD_USE_SYS_MONITORING`` in pydevd's
  ``_pydevd_bundle/pydevd_constants.py``).
- Coverage (``pytest --cov``) installs its own trace function when the tests
  start. Before 3.12 that replaces debugpy's, so breakpoints in the code the
  tests run are never hit; with ``sys.monitoring`` both coexist. The
  mechanism is measured with a program that installs a trace function the
  same way; with pytest-cov installed, ``--cov`` itself is measured too.
- debugpy follows child processes unless ``"subProcess": false`` (its
  launcher, ``debugpy/launcher/handlers.py``): the adapter then asks the
  client to attach to the child (a ``debugpyAttach`` event).
- A breakpoint condition that raises never stops: a ``NameError`` is silent,
  another error prints one line in the Debug Console
  (``_pydevd_bundle/pydevd_defaults.py``).
- Pause only asks each thread to stop at its next traced line
  (``on_pause_request`` in ``pydevd_process_net_command_json.py``): a thread
  blocked in C, such as ``lock.acquire()``, never gets there. When it is the
  only thread, Pause gets no stop at all; when another thread runs Python,
  that one stops, and the blocked thread's frames are still listed
  (``InternalGetThreadStack`` gives them after a timeout).
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

from tests.dap import (
    ADAPTER_GONE,
    DapError,
    debug_session,
    pause_all_threads,
    wait_until_stalled,
)

WAIT = 30.0
MONITORING = sys.version_info >= (3, 12)
# What the site states for the running Python.
STATED = {
    "debugpy uses sys.monitoring": MONITORING,
    "breakpoints hit under a tracer such as coverage": MONITORING,
    "child processes followed by default": True,
    "Pause stops a program whose only thread is blocked on a lock": False,
}


def launch(program: Path, **keys: object) -> dict:
    return {"name": "fact", "type": "debugpy", "request": "launch", "program": str(program),
            "cwd": str(program.parent), "console": "internalConsole", "justMyCode": True} | keys


def write(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def line_of(path: Path, marker: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if marker in text)


def stops_at(configuration: dict, path: Path, line: int, condition: str | None = None,
             ) -> tuple[bool, str]:
    """Whether a breakpoint at ``line`` stops, and what the Debug Console showed."""
    point: dict[str, object] = {"line": line} | ({"condition": condition} if condition else {})
    with debug_session(configuration, path.parent, {path: [point]}) as session:
        stop = first = session.wait_for_stop(WAIT)
        while stop is not None:  # a line in a loop stops on every pass
            session.resume(stop)
            stop = session.wait_for_stop(WAIT)
        console = "".join(e["body"].get("output", "") for e in session.events("output")
                          if e["body"].get("category") != "telemetry")
        return first is not None, console


def test_debugpy_traces_with_sys_monitoring_from_python_3_12(tmp_path: Path) -> None:
    program = write(tmp_path, "probe.py", """\
        import sys
        monitored = hasattr(sys, "monitoring") and sys.monitoring.get_tool(0) is not None
        print(monitored)  # stop
    """)
    with debug_session(launch(program), tmp_path,
                       {program: [{"line": line_of(program, "# stop")}]}) as session:
        stop = session.wait_for_stop(WAIT)
        assert stop is not None
        measured = session.evaluate("monitored", stop.top) == "True"
    assert measured == STATED["debugpy uses sys.monitoring"]


TRACED_PROGRAM = """\
    import sys

    def tracer(frame, event, arg):  # what coverage's tracer does, in Python
        return tracer

    def work():
        total = 0
        for step in range(3):
            total += step  # stop
        return total

    sys.settrace(tracer)
    print(work())
"""


def test_a_tracer_like_coverage_hides_breakpoints_only_before_3_12(tmp_path: Path) -> None:
    program = write(tmp_path, "traced.py", TRACED_PROGRAM)
    stopped, _ = stops_at(launch(program), program, line_of(program, "# stop"))
    assert stopped == STATED["breakpoints hit under a tracer such as coverage"]


def test_pytest_cov_hides_breakpoints_in_tests_only_before_3_12(tmp_path: Path) -> None:
    test = write(tmp_path, "test_sum.py", """\
        def test_sum():
            total = sum(range(3))
            assert total == 3  # stop
    """)
    configuration = launch(test, module="pytest", args=["--cov", "-p", "no:cacheprovider",
                                                        str(test)])
    del configuration["program"]
    stopped, _ = stops_at(configuration, test, line_of(test, "# stop"))
    assert stopped == STATED["breakpoints hit under a tracer such as coverage"]


CHILD_PROGRAM = """\
    import subprocess, sys
    subprocess.run([sys.executable, "-c", "print('child')"], check=True)
"""


@pytest.mark.parametrize(("keys", "followed"), [
    ({}, STATED["child processes followed by default"]),
    ({"subProcess": False}, False),
])
def test_debugpy_follows_child_processes_unless_told_not_to(tmp_path: Path, keys: dict,
                                                            followed: bool) -> None:
    program = write(tmp_path, "parent.py", CHILD_PROGRAM)
    with debug_session(launch(program, **keys), tmp_path) as session:
        event = session.wait_for_event("debugpyAttach", "terminated", ADAPTER_GONE,
                                       timeout=WAIT)
    assert (event["event"] == "debugpyAttach") == followed


CONDITION_PROGRAM = """\
    total = 0
    for value in range(5):
        total += value  # stop
    print(total)
"""


@pytest.mark.parametrize(("condition", "stops", "says"), [
    ("value == 3", True, None),
    ("math.isnan(value)", False, None),  # NameError: math is not imported here
    ("value / 0 > 1", False, "Error while evaluating expression in conditional breakpoint"),
])
def test_a_condition_that_raises_never_stops(tmp_path: Path, condition: str, stops: bool,
                                             says: str | None) -> None:
    program = write(tmp_path, "loop.py", CONDITION_PROGRAM)
    stopped, console = stops_at(launch(program), program, line_of(program, "# stop"), condition)
    assert stopped == stops
    if says is None:
        assert "Error" not in console, console
    else:
        assert says in console


def test_a_launch_without_program_module_or_code_is_refused(tmp_path: Path) -> None:
    configuration = launch(tmp_path / "unused.py")
    del configuration["program"]
    with pytest.raises(DapError, match="must be specified"), debug_session(configuration,
                                                                           tmp_path):
        pass


DEADLOCK = """\
    import threading
    import time

    def heartbeat():  # a second thread that runs Python code
        while True:
            time.sleep(0.05)

    if HEARTBEAT:
        threading.Thread(target=heartbeat, name="heartbeat", daemon=True).start()
    lock = threading.Lock()
    print("taking the lock twice", flush=True)
    with lock:
        lock.acquire()  # blocked
"""


def deadlock(folder: Path, heartbeat: bool) -> Path:
    return write(folder, "deadlock.py", f"HEARTBEAT = {heartbeat}\n" + textwrap.dedent(DEADLOCK))


def in_terminal(program: Path) -> dict:
    """A launch whose output the client reads from the terminal, to see the stall."""
    return launch(program, console="integratedTerminal")


def test_pause_gets_no_stop_when_the_only_thread_is_blocked_on_a_lock(tmp_path: Path) -> None:
    program = deadlock(tmp_path, heartbeat=False)
    with debug_session(in_terminal(program), tmp_path) as session:
        assert wait_until_stalled(session, quiet=1.0, timeout=WAIT)
        threads = session.request("threads")["threads"]
        session.request("pause", {"threadId": threads[0]["id"]})
        try:
            session.wait_for_event("stopped", timeout=5.0)
            stopped = True
        except DapError:
            stopped = False
    assert stopped == STATED["Pause stops a program whose only thread is blocked on a lock"]


def test_pause_lists_the_blocked_thread_once_another_thread_runs_python(
        tmp_path: Path) -> None:
    program = deadlock(tmp_path, heartbeat=True)
    with debug_session(in_terminal(program), tmp_path) as session:
        assert wait_until_stalled(session, quiet=1.0, timeout=WAIT)
        threads = pause_all_threads(session, WAIT)
    main = threads["MainThread"]
    assert main.frames, "the blocked thread's frames are listed"
    assert main.top.line == line_of(program, "# blocked")


LIBRARY_CATCHES = """\
    import os
    os.makedirs(".", exist_ok=True)  # the standard library raises and catches inside
    print("done")
"""


@pytest.mark.parametrize(("just_my_code", "stops"), [(True, False), (False, True)])
def test_raised_exceptions_stops_in_library_code_only_with_just_my_code_off(
        tmp_path: Path, just_my_code: bool, stops: bool) -> None:
    program = write(tmp_path, "caught.py", LIBRARY_CATCHES)
    with debug_session(launch(program, justMyCode=just_my_code), tmp_path,
                       exception_filters=["raised"]) as session:
        stop = session.wait_for_stop(WAIT)
    assert (stop is not None) == stops
    if stop is not None:
        assert Path(stop.top.path).parent == Path(os.__file__).parent, "a library frame"
