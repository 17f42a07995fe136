"""A background thread that keeps a record of the job's progress over time, as a dashboard
would plot it."""

from __future__ import annotations

import threading
import time

INTERVAL = 0.2  # seconds between samples


class Progress:
    """Counts of the work a job has to do and has done, safe to update from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.candidates = 0
        self.candidates_done = 0

    def planned(self, count: int) -> None:
        with self._lock:
            self.candidates += count

    def finished_one(self) -> None:
        with self._lock:
            self.candidates_done += 1


class Monitor(threading.Thread):
    """Samples ``progress`` every ``INTERVAL`` seconds until stopped."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(name="monitor", daemon=True)
        self.progress = progress
        self.samples: list[tuple[float, int]] = []
        self._stop_sampling = threading.Event()

    def run(self) -> None:
        started = time.monotonic()
        while not self._stop_sampling.wait(INTERVAL):
            self.samples.append((time.monotonic() - started, self.progress.candidates_done))

    def stop(self) -> None:
        self._stop_sampling.set()
        self.join()
