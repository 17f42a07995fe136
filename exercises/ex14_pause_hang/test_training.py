"""Check: training returns when it stops early, and the prefetcher never leaves work behind.

Each call runs in a helper thread with a time limit, so a stall fails the
check instead of blocking the grader; a stall in which every thread waits is
seen as soon as it has lasted a moment.
"""

import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

LIMIT = 2.0  # seconds; each call needs a small fraction of it
POLL = 0.02
STILL_WAITING = 0.3  # every thread blocked this long: a hang, without waiting out LIMIT
WAITING_MODULES = {"threading.py", "queue.py"}
SLOW_STEP = 0.6  # a training step slower than the time a stopped loop may take to close
LAST_STEP = 0.2  # a slow last step before leaving the loop: the queue fills meanwhile
SETTLE_POLL = 0.005
ROOT = Path(__file__).resolve().parents[2]
BATCH_LINE = re.compile(r"batch\s+(\d+): validation MAE\s+(\S+)")


def _within_limit(function, *args, limit=LIMIT):
    """``function(*args)`` and the threads it left running when it returned.

    Fails when the call is still running after ``limit`` seconds, or sooner, once the
    call and every thread it started have all been waiting for a while: nothing is
    left to wake them.
    """
    outcome = {}
    before = set(threading.enumerate())

    def run():
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # handed to the test below
            outcome["error"] = error
        started = set(threading.enumerate()) - before - {threading.current_thread()}
        outcome["left"] = sorted(t.name for t in started if t.is_alive())

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    deadline, waiting_since = time.monotonic() + limit, None
    while runner.is_alive() and time.monotonic() < deadline:
        runner.join(POLL)
        threads = [t for t in set(threading.enumerate()) - before if t.is_alive()]
        if threads and all(_waiting(t) for t in threads):
            waiting_since = waiting_since or time.monotonic()
            if time.monotonic() - waiting_since > STILL_WAITING:
                break
        else:
            waiting_since = None
    if runner.is_alive():
        pytest.fail("the call should return promptly, and it did not return")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"], outcome["left"]


def _waiting(thread: threading.Thread) -> bool:
    """The thread is blocked in a lock, a condition, an event, a join or a queue."""
    frame = sys._current_frames().get(thread.ident)
    return frame is not None and Path(frame.f_code.co_filename).name in WAITING_MODULES


def _slow_step(before: set, seconds: float) -> None:
    """A training step of ``seconds``, cut short once the threads started since ``before``
    can build nothing more: each has ended or waits to put into a full queue."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = set(threading.enumerate()) - before - {threading.current_thread()}
        frames = sys._current_frames()
        if all(not t.is_alive() or _putting_into_full_queue(frames.get(t.ident))
               for t in started):
            return
        time.sleep(SETTLE_POLL)


def _putting_into_full_queue(frame) -> bool:
    """The stack ``frame`` ends in waits inside ``queue.Queue.put`` on a full queue, so
    its thread stays there until someone takes from that queue."""
    while frame is not None:
        code = frame.f_code
        if code.co_name == "put" and Path(code.co_filename).name == "queue.py":
            queue_ = frame.f_locals.get("self")
            return queue_ is not None and queue_.full()
        frame = frame.f_back
    return False


class CountingSource:
    """A source of batches that records how many were taken from it."""

    def __init__(self, size: int) -> None:
        self.size, self.taken = size, 0

    def __iter__(self):
        for number in range(self.size):
            self.taken += 1
            yield number


def _reference_fit(rentals: pd.DataFrame, patience: int = 3):
    """The documented training, without threads, on the rows in the order given:
    (validation predictions, MAE, batch) of the best model, every batch's MAE, x_valid."""
    from sklearn.linear_model import SGDRegressor

    def encode(rows):
        hour = np.eye(24)[rows["timestamp"].dt.hour.to_numpy()]
        weather = np.stack([(rows["weather"] == w).to_numpy()
                            for w in ("clear", "cloudy", "rain")], axis=1)
        return np.hstack([hour, weather, rows[["holiday"]].to_numpy(),
                          rows[["temp_c"]].to_numpy() / 10]).astype(float)

    cutoff = rentals["timestamp"].max().normalize() - pd.Timedelta(days=2)
    train, valid = rentals[rentals["timestamp"] < cutoff], rentals[rentals["timestamp"] >= cutoff]
    x_valid, y_valid = encode(valid), valid["rentals"].to_numpy(dtype=float)
    model = SGDRegressor(learning_rate="constant", eta0=0.01, shuffle=False, random_state=0)
    best, errors = (None, np.inf, 0), []
    for number, (_, rows) in enumerate(train.groupby(train["timestamp"].dt.floor("6h")), 1):
        model.partial_fit(encode(rows), rows["rentals"].to_numpy(dtype=float))
        predictions = model.predict(x_valid)
        errors.append(float(np.mean(np.abs(predictions - y_valid))))
        if errors[-1] < best[1] - 0.01:
            best = (predictions, errors[-1], number)
        elif number - best[2] >= patience:
            break
    return best, errors, x_valid


def _assert_training(got, printed: str, expected) -> None:
    """``got`` (model, MAE, batch) and the printed progress match the reference's."""
    (model, got_error, got_number), ((predictions, error, number), errors, x_valid) = got, expected
    assert (got_number, got_error) == (number, pytest.approx(error)), (
        f"training should keep the model of batch {number} (validation MAE {error:.2f}); "
        f"got batch {got_number} (MAE {got_error:.2f})")
    assert model.predict(x_valid) == pytest.approx(predictions), (
        "the returned model should be the one trained up to its best batch")
    shown = [(int(n), float(mae)) for n, mae in BATCH_LINE.findall(printed)]
    assert [n for n, _ in shown] == list(range(1, len(errors) + 1)), (
        f"training should print one line per batch, batches 1 to {len(errors)}, and stop there")
    assert [mae for _, mae in shown] == pytest.approx(errors, abs=0.006), (
        "each batch's line should show the validation MAE after training on it, "
        "batches taken oldest first")


def test_training_returns_the_best_model_when_it_stops_early(dataset, capsys):
    from exercises.ex14_pause_hang import train

    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    expected = _reference_fit(rentals.sort_values(["timestamp", "station_id"]))
    got, left = _within_limit(train.fit, train.load_rentals(dataset))

    _assert_training(got, capsys.readouterr().out, expected)
    assert not left, f"no thread should still be running once training returns: {left}"


def test_with_unlimited_patience_training_learns_every_day_in_time_order(dataset, capsys):
    from exercises.ex14_pause_hang import train

    # Rows in any order: training still takes the hours oldest first, up to the cutoff.
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"]).sample(
        frac=1, random_state=3)
    expected = _reference_fit(rentals, patience=len(rentals))
    got, left = _within_limit(train.fit, rentals, len(rentals))

    _assert_training(got, capsys.readouterr().out, expected)
    assert not left, f"no thread should still be running once training returns: {left}"


def test_every_batch_arrives_once_and_in_order():
    from exercises.ex14_pause_hang.loader import Prefetcher

    def read_all():
        with Prefetcher(CountingSource(40), depth=3) as stream:
            return list(stream)

    got, left = _within_limit(read_all)
    assert got == list(range(40)), "every batch, once, in order"
    assert not left, f"no thread should still be running after the loop: {left}"


def test_leaving_the_loop_early_returns_and_stops_the_work():
    from exercises.ex14_pause_hang.loader import Prefetcher

    sources = []
    for wanted in (0, 1, 5):
        source = CountingSource(1000)

        def read_some(source=source, wanted=wanted):
            got, before, closing = [], set(threading.enumerate()), time.monotonic()
            with Prefetcher(source, depth=2) as stream:
                for batch in stream:
                    if len(got) == wanted:
                        if wanted == 5:  # a slow last step: the queue is full meanwhile
                            _slow_step(before, LAST_STEP)
                        closing = time.monotonic()
                        break
                    got.append(batch)
            return got, time.monotonic() - closing

        (got, closed_in), left = _within_limit(read_some, limit=SLOW_STEP - 0.1)
        assert got == list(range(wanted))
        assert not left, f"no thread should still be running once the loop is left: {left}"
        if wanted == 5:  # the limit once held the whole slow step too: close within the rest
            assert closed_in < SLOW_STEP - 0.1 - LAST_STEP, (
                "leaving the loop after a slow step should return promptly")
        sources.append((source, source.taken))
    time.sleep(0.1)
    for source, taken in sources:
        assert source.taken == taken < 1000, (
            "once the loop is left, no more batches should be built")


def test_a_slow_training_step_loses_no_batch_and_waits_at_most_depth_ahead():
    from exercises.ex14_pause_hang.loader import Prefetcher

    source = CountingSource(20)

    def read_all():
        before = set(threading.enumerate())
        with Prefetcher(source) as stream:  # the default depth, as training uses: 2
            batches = iter(stream)
            got = [next(batches) for _ in range(3)]
            _slow_step(before, SLOW_STEP)  # time for the thread to run ahead, if it can
            taken = source.taken
            return got + list(batches), taken

    (got, taken), _ = _within_limit(read_all, limit=LIMIT + SLOW_STEP)
    assert got == list(range(20)), "every batch, once and in order, however slow a step is"
    # 3 handed out, 2 waiting in the queue, 1 built and waiting for room.
    assert taken <= 6, (
        f"at most depth batches (2 by default) should wait ahead; {taken - 3} were built")


def test_a_prefetcher_left_unclosed_never_keeps_the_program_running():
    program = ("from exercises.ex14_pause_hang.loader import Prefetcher\n"
               "for batch in Prefetcher(range(100)):\n"
               "    break\n")
    try:
        subprocess.run([sys.executable, "-c", program], cwd=ROOT, timeout=3 * LIMIT,
                       capture_output=True, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("a program that leaves a prefetching loop without closing it should "
                    "still exit when its last line has run", pytrace=False)
