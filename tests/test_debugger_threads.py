"""Beyond one thread of one process: Pause on a hang, and a breakpoint in a worker.

The generic tests in test_debugger.py prove that each configuration shows
its exercise's bug. These show what a learner reads once there, over DAP as
VS Code drives debugpy: after Pause (F6), the Call Stack's threads, each
waiting for the other (ex14); with a breakpoint in pool code, a stop in a
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
    """The symptom a learner sees first: progress lines, then nothing, and no exit."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    process = subprocess.Popen(
        [sys.executable, "-m", str(HANG.launch["module"])], cwd=shipped_lab(), text=True, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for_line(process, "stopping early", WAIT_TIMEOUT)
        time.sleep(STALL_SECONDS * load_factor())
        assert process.poll() is None, "the program should still be waiting"
    finally:
        kill_group(process)


def test_pause_shows_each_thread_waiting_for_the_other() -> None:
    with debug_session(CONFIGURATIONS[HANG.launch_name], shipped_lab()) as session:
        stalled = wait_until_stalled(session, STALL_SECONDS * load_factor(), WAIT_TIMEOUT)
        assert stalled, "the program ended instead of hanging"
        threads = pause_all_threads(session, WAIT_TIMEOUT)

        assert {"MainThread", "prefetch"} <= set(threads), sorted(threads)
        producer, main = threads["prefetch"], threads["MainThread"]
        # VS Code shows the thread of the stopped event: the one that runs Python code.
        assert session.events("stopped")[-1]["body"]["threadId"] == producer.thread_id
        # The prefetch thread offers a batch to a full queue until it is told to stop...
        assert (producer.top.name, producer.top.line) == ("_offer", HANG.debug.line), producer
        assert "_produce" in frame_names(producer), producer.frames
        assert session.evaluate("self._queue.full()", producer.top) == "True"
        assert session.evaluate(HANG.debug.expression, producer.top) == HANG.debug.buggy
        # ...while the training loop, done, waits in close() for that thread to end.
        assert frame_names(main)[:3] == ["close", "__exit__", "fit"], main.frames


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
