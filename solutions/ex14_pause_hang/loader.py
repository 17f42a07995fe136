"""Prefetching: build the next batches in a background thread while the model trains.

Building a batch (reading rows, encoding features) and training on it take
turns in a plain loop. A prefetcher overlaps them: one thread builds batches
ahead into a small bounded queue, the training loop takes them from it, and
at most ``depth`` batches wait in memory at any time.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator

_END = object()  # put after the last batch
POLL_SECONDS = 0.1  # how often a waiting producer checks whether it should stop


class Prefetcher:
    """Iterate over ``batches`` while a background thread builds the next ones."""

    def __init__(self, batches: Iterable, depth: int = 2) -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._produce, args=(iter(batches),), name="prefetch", daemon=True
        )
        self._thread.start()

    def _offer(self, item: object) -> bool:
        """Put ``item`` in the queue as soon as there is room; False if asked to stop first."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self, batches: Iterator) -> None:
        for batch in batches:
            if not self._offer(batch):
                return
        self._offer(_END)

    def __iter__(self) -> Iterator:
        while (batch := self._queue.get()) is not _END:
            yield batch

    def close(self) -> None:
        """Stop the background thread and wait for it, so that no work is left running."""
        # Joined first, the thread waited for the stop signal that only came after
        # the join: signal first, then wait.
        self._stop.set()
        self._thread.join()

    def __enter__(self) -> Prefetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
