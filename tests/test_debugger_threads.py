"""Beyond one thread of one process: Pause on a hang, and a breakpoint in a worker.

The generic tests in test_debugger.py prove that each configuration shows
its exercise's bug. These show what a learner reads once there, over DAP as
VS Code drives debugpy: after Pause (F6), the Call Stack's threads, each
waiting for work that no free thread can run (ex14); with a breakpoint in pool code, a stop in a
worker process whose state differs from the parent's (ex15).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from course.catalog import find
from tests.dap import (
    ChildSessions,
    DebugSession,
    Stop,
    debug_session,
    kill_group,
    pause_all_threads,
    wait_for_line,
    wait_until_stalled,
)
from tests.lab import shipped_file, shipped_lab
from tests.test_debugger import (
    CONFIGURATIONS,
    STALL_SECONDS,
    WAIT_TIMEOUT,
    breakpoints,
    load_factor,
)

HANG = find("14")
WORKER = find("15")


def frame_names(stop: Stop) -> list[str]:
    return [frame.name for frame in stop.frames]


def test_the_hang_shows_as_a_stall_without_a_debugger() -> None:
    """The symptom a learner sees first: the job's first line, then nothing, and no exit."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    process = subprocess.Popen(
        [sys.executable, "-m", str(HANG.launch["module"])], cwd=shipped_lab(), text=True, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for_line(process, "workers...", WAIT_TIMEOUT)
        time.sleep(STALL_SECONDS * load_factor())
        assert process.poll() is None, "the program should still be waiting"
    finally:
        kill_group(process)


def test_pause_shows_every_worker_waiting_and_none_fitting() -> None:
    with debug_session(CONFIGURATIONS[HANG.launch_name], shipped_lab()) as session:
        stalled = wait_until_stalled(session, STALL_SECONDS * load_factor(), WAIT_TIMEOUT)
        assert stalled, "the program ended instead of hanging"
        threads = pause_all_threads(session, WAIT_TIMEOUT)

        workers = {name: stop for name, stop in threads.items() if name.startswith("fit_")}
        assert {"MainThread", "monitor"} <= set(threads), sorted(threads)
        assert len(workers) == 4, sorted(threads)
        monitor, main = threads["monitor"], threads["MainThread"]
        # VS Code shows the thread of the stopped event: the one that runs Python code.
        assert session.events("stopped")[-1]["body"]["threadId"] == monitor.thread_id
        # The monitor samples the progress: fewer candidates finished than planned...
        assert (monitor.top.name, monitor.top.line) == ("run", HANG.debug.line), monitor
        assert session.evaluate(HANG.debug.expression, monitor.top) == HANG.debug.buggy
        assert session.evaluate("self.progress.candidates", monitor.top) == "6"
        # ...because every worker runs a candidate and waits for its folds in score(),
        # and the main thread waits for the candidates in tune().
        for worker in workers.values():
            assert {"score", "_evaluate"} <= set(frame_names(worker)), worker.frames
        assert {"tune", "tune_stations"} <= set(frame_names(main)), main.frames


def pid_of(session: DebugSession) -> int:
    return session.events("process")[0]["body"]["systemProcessId"]


def test_a_breakpoint_in_pool_code_stops_in_a_worker_process() -> None:
    scan = shipped_file(WORKER, "scan.py")
    pool_line = next(number for number, text in enumerate(scan.read_text().splitlines(), 1)
                     if "get_context(" in text)
    in_worker = breakpoints(WORKER, shipped_lab())
    with debug_session(CONFIGURATIONS[WORKER.launch_name], shipped_lab(),
                       in_worker | {scan: [{"line": pool_line}]}) as session:
        # In the parent, just before the pool starts, the baseline is set...
        before_pool = session.wait_for_stop(WAIT_TIMEOUT)
        assert before_pool is not None
        assert before_pool.top.name == "scan", before_pool.frames
        baseline = 'len(set_baseline.__globals__["_baseline"])'
        in_parent = session.evaluate(baseline, before_pool.top)
        assert int(in_parent) > 0
        session.resume(before_pool)

        # ...and the worker breakpoint stops in a child session of its own.
        with ChildSessions(session, shipped_lab(), in_worker, ["uncaught"]) as children:
            child = children.wait_for_stop(WAIT_TIMEOUT)
            assert child is not None, "no worker stopped at the breakpoint"
            stop = child.wait_for_stop(WAIT_TIMEOUT)
            assert stop is not None
            assert stop.top.name == "score_station", stop.frames
            parent_pid = child.evaluate("__import__('os').getppid()", stop.top)
            assert int(parent_pid) == pid_of(session), "the stop should be in a worker"
            assert child.evaluate(WORKER.debug.expression, stop.top) == WORKER.debug.buggy
            assert WORKER.debug.buggy != in_parent
