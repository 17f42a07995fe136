"""Check: the nightly tuning returns every station's best penalty, with at most four model
fits at once, and leaves no work running.

Each call runs in a helper thread with a time limit, so a stall fails the check instead
of blocking the grader; a stall in which every thread waits is seen as soon as it has
lasted a moment.
"""

import queue
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

LIMIT = 3.0  # seconds; each call needs a small fraction of it
POLL = 0.02
STILL_WAITING = 0.4  # every thread blocked this long: a hang, without waiting out LIMIT
WAITING_MODULES = {"threading.py", "queue.py", "_base.py", "thread.py"}
FIT_SECONDS = 0.002  # each fit lasts at least this long, so fits that may overlap do
AT_ONCE = 4
PENALTIES = (0.1, 1.0, 10.0)
LINE = re.compile(r"station (\d+): alpha (\S+), cross-validated MAE (\S+) rentals per hour")


def _within_limit(monkeypatch, function, *args):
    """``function(*args)`` and the threads it left running when it returned.

    Fails when the call is still running after ``LIMIT`` seconds, or sooner, once the
    call and every thread it started have all been waiting for a while: nothing is
    left to wake them. Before failing, it runs the work still queued in the call's
    thread pools itself, so that no thread is left waiting and the grader can exit.
    """
    pools = set()
    submit = ThreadPoolExecutor.submit

    def noting_submit(pool, *args, **kwargs):
        pools.add(pool)
        return submit(pool, *args, **kwargs)

    monkeypatch.setattr(ThreadPoolExecutor, "submit", noting_submit)
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
    deadline, waiting_since = time.monotonic() + LIMIT, None
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
        _run_what_waits(pools, runner)
        pytest.fail("the tuning should return promptly, and it did not return", pytrace=False)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"], outcome["left"]


def _run_what_waits(pools, runner: threading.Thread) -> None:
    """Run the work queued in ``pools``, each piece in a thread of its own, until ``runner``
    ends (or LIMIT passes)."""
    deadline = time.monotonic() + LIMIT
    while runner.is_alive() and time.monotonic() < deadline:
        for pool in list(pools):
            try:
                item = pool._work_queue.get_nowait()
            except queue.Empty:
                continue
            if item is None:  # the pool is shutting down: leave its signal for its threads
                pool._work_queue.put(None)
                continue
            threading.Thread(target=item.run, daemon=True).start()
        runner.join(POLL)


def _waiting(thread: threading.Thread) -> bool:
    """The thread is blocked in a lock, a condition, an event, a join, a queue or a future."""
    frame = sys._current_frames().get(thread.ident)
    return frame is not None and Path(frame.f_code.co_filename).name in WAITING_MODULES


class FitsAtOnce:
    """Wraps Ridge.fit: each fit lasts a little, and the most running at once is noted."""

    def __init__(self, monkeypatch) -> None:
        from sklearn.linear_model import Ridge

        self._lock, self.running, self.most, self.fits = threading.Lock(), 0, 0, 0
        original = Ridge.fit

        def fit(model, *args, **kwargs):
            with self._lock:
                self.running += 1
                self.fits += 1
                self.most = max(self.most, self.running)
            try:
                time.sleep(FIT_SECONDS)
                return original(model, *args, **kwargs)
            finally:
                with self._lock:
                    self.running -= 1

        monkeypatch.setattr(Ridge, "fit", fit)


def _reference(rentals: pd.DataFrame) -> dict[int, tuple[float, float]]:
    """Each station's (penalty, mean MAE over four expanding-window folds in time order)."""
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import TimeSeriesSplit

    best = {}
    for station_id, rows in rentals.groupby("station_id"):
        rows = rows.sort_values("timestamp")
        x = np.hstack([
            np.eye(24)[rows["timestamp"].dt.hour.to_numpy()],
            np.stack([(rows["weather"] == w).to_numpy() for w in ("clear", "cloudy", "rain")],
                     axis=1),
            rows[["holiday"]].to_numpy(), rows[["temp_c"]].to_numpy() / 10,
        ]).astype(float)
        y = rows["rentals"].to_numpy(dtype=float)
        errors = []
        for alpha in PENALTIES:
            folds = [np.mean(np.abs(Ridge(alpha=alpha).fit(x[a], y[a]).predict(x[b]) - y[b]))
                     for a, b in TimeSeriesSplit(n_splits=4).split(x)]
            errors.append((float(np.mean(folds)), alpha))
        error, alpha = min(errors, key=lambda pair: pair[0])
        best[int(station_id)] = (alpha, error)
    return best


def _assert_report(printed: str, expected: dict[int, tuple[float, float]]) -> None:
    lines = printed.strip().splitlines()
    shown = [LINE.fullmatch(line) for line in lines[1:]]
    well_formed = len(lines) == len(expected) + 1 and all(shown)
    assert well_formed, ("the job should print one line when it starts, then one line per "
                         "station with its penalty and its cross-validated MAE")
    first = (f"tuning {len(PENALTIES)} penalties for {len(expected)} stations "
             f"on {AT_ONCE} workers...")
    assert lines[0] == first, f"the job should start by printing: {first}"
    got = {int(m[1]): (float(m[2]), float(m[3])) for m in shown}
    assert list(got) == sorted(expected), "one line per station, stations by id"
    for station_id, (alpha, error) in expected.items():
        same = got[station_id] == (alpha, pytest.approx(error, abs=0.006))
        assert same, (f"station {station_id} should get alpha {alpha:g}, the penalty with the "
                      f"lowest cross-validated MAE ({error:.2f})")


def _more_stations(rentals: pd.DataFrame, copies: int) -> pd.DataFrame:
    """The history with ``copies`` more stations: each a copy of one, its rentals scaled,
    and one whose rentals follow the hour of the day exactly (the least penalty wins)."""
    extra = [rentals.assign(station_id=rentals["station_id"] * 10 + n,
                            rentals=rentals["rentals"] * (n + 1) // 2)
             for n in range(1, copies + 1)]
    exact = rentals[rentals["station_id"] == rentals["station_id"].min()]
    exact = exact.assign(station_id=9, rentals=exact["timestamp"].dt.hour % 7)
    return pd.concat([rentals, *extra, exact], ignore_index=True)


def test_the_job_prints_every_stations_best_penalty(dataset, capsys, monkeypatch):
    from exercises.ex14_pause_hang import train

    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    _, left = _within_limit(monkeypatch, train.main, dataset)

    _assert_report(capsys.readouterr().out, _reference(rentals))
    assert not left, f"no thread should still be running once the job returns: {left}"


def test_many_stations_are_tuned_with_at_most_four_fits_at_once(dataset, monkeypatch):
    from exercises.ex14_pause_hang import train

    rentals = _more_stations(
        pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"]), copies=2)
    expected = _reference(rentals)
    fits = FitsAtOnce(monkeypatch)
    choices, left = _within_limit(monkeypatch, train.tune_stations,
                                  rentals.sample(frac=1, random_state=5))

    got = {c.station_id: (c.alpha, c.error) for c in choices}
    assert list(got) == sorted(expected), "every station should get a penalty, stations by id"
    for station_id, (alpha, error) in expected.items():
        same = got[station_id] == (alpha, pytest.approx(error, abs=1e-6))
        assert same, (f"station {station_id} should get alpha {alpha:g}, the penalty with the "
                      "lowest cross-validated MAE, rows taken in time order")
    assert fits.fits == len(expected) * len(PENALTIES) * 4, (
        "each penalty should be scored once per station, on four folds")
    assert fits.most <= AT_ONCE, "the job should never run more than four fits at once"
    assert fits.most > 1, "the job should run fits side by side"
    assert not left, f"no thread should still be running once the job returns: {left}"


def test_a_single_station_is_tuned_and_nothing_is_left_running(dataset, monkeypatch):
    from exercises.ex14_pause_hang import train

    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    one = rentals[rentals["station_id"] == rentals["station_id"].max()]
    choices, left = _within_limit(monkeypatch, train.tune_stations, one)

    (alpha, error), = _reference(one).values()
    got = [(c.station_id, c.alpha, pytest.approx(c.error, abs=1e-6)) for c in choices]
    assert got == [(int(one["station_id"].iloc[0]), alpha, error)], (
        "a history of one station should give that station its best penalty")
    assert not left, f"no thread should still be running once the job returns: {left}"
