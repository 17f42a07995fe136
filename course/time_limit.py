"""The grader's own time limit on each check, which leaves the run alive.

pytest-timeout would end the whole run on Windows and print every thread's
stack (which points at the bug); this limit fails the stuck check quietly and
the run goes on. A learner's code that swallows the interruption (a bare
``except:`` in a retry loop) is interrupted again and again, and if it still
has not ended after a grace period, ``on_stuck`` ends the run itself.
"""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator

# Every check runs in well under a second; ten is generous and still ends a hang soon.
DEFAULT_SECONDS = 10.0
# How long code that swallowed the interruption gets before the run is ended.
GRACE_SECONDS = 3.0
REPEAT_SECONDS = 0.5
# SIGALRM where the system has it, else Windows' SIGBREAK (see interrupt_after).
TIMER_SIGNAL = getattr(signal, "SIGALRM", None) or getattr(signal, "SIGBREAK", None)
FAILURE_PREFIX = "Timeout (>"  # worded as pytest-timeout words its failure


def check_seconds() -> float:
    """The limit per check: ``EXERCISES_TIME_LIMIT`` seconds if set (the project's tests
    shorten it), else the default. It changes how long a hang takes, never a verdict."""
    try:
        return float(os.environ.get("EXERCISES_TIME_LIMIT", DEFAULT_SECONDS))
    except ValueError:
        return DEFAULT_SECONDS


@contextlib.contextmanager
def interrupt_after(
    seconds: float,
    signum: int,
    on_timeout: Callable[[], None],
    on_stuck: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Run ``on_timeout`` in the main thread if the block still runs after ``seconds``, and
    again every half second; call ``on_stuck`` from a timer thread if it still runs
    ``GRACE_SECONDS`` later.

    ``on_timeout`` raises to end the block, and the process lives on. With
    ``SIGALRM`` (Linux, macOS) the kernel delivers a real signal, which also
    interrupts a wait on a lock or a queue. Elsewhere (Windows) a timer thread
    asks the interpreter to run the handler of ``signum`` in the main thread
    (``interrupt_main``), which stops a pure-Python loop but not a call stuck
    in C. Main thread only.
    """
    previous = signal.signal(signum, lambda *_: on_timeout())
    alarm = signum == getattr(signal, "SIGALRM", None)
    finished = threading.Event()
    if alarm:
        signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    else:
        threading.Thread(
            target=_interrupt_until, args=(finished, seconds, signum), daemon=True
        ).start()
    stuck_timer = None
    if on_stuck is not None:
        stuck_timer = threading.Timer(seconds + GRACE_SECONDS, on_stuck)
        stuck_timer.daemon = True
        stuck_timer.start()
    try:
        yield
    finally:
        finished.set()
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if stuck_timer is not None:
            stuck_timer.cancel()
        # A request already on its way now finds the previous handler and is dropped.
        signal.signal(signum, previous)


def _interrupt_until(finished: threading.Event, seconds: float, signum: int) -> None:
    if finished.wait(seconds):
        return
    while not finished.is_set():
        _thread.interrupt_main(signum)
        finished.wait(REPEAT_SECONDS)
