"""Check: a busy threshold at level p leaves a share p of the station's past hours at or below it.

Any quantile method counts: every one of them lands between the order statistics
around the requested share, and nowhere else.
"""

import logging
import math

import numpy as np
import pandas as pd
import pytest

LEVELS = (0.5, 0.75, 0.9)


def _quantile_bounds(values, level: float) -> tuple[float, float]:
    """The narrowest range that holds the ``level`` quantile for every usual definition."""
    ordered = np.sort(np.asarray(values, dtype=float))
    n = len(ordered)
    return ordered[max(0, math.floor(level * n) - 1)], ordered[min(n - 1, math.ceil(level * n))]


def _numpy_as_documented() -> bool:
    """NumPy's own quantile functions still take percents and shares, as documented."""
    values = np.arange(101.0)
    return float(np.percentile(values, 90)) == 90.0 and float(np.quantile(values, 0.9)) == 90.0


def _history_and_last_day(dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    last_day = rentals["timestamp"].dt.normalize() == rentals["timestamp"].dt.normalize().max()
    return rentals[~last_day], rentals[last_day]


@pytest.mark.parametrize("level", LEVELS)
def test_a_threshold_leaves_the_requested_share_of_hours_at_or_below_it(level):
    from exercises.ex10_just_my_code.peaks import busy_threshold

    rng = np.random.default_rng(int(level * 100))
    for values in (np.arange(101.0), rng.poisson(6, 250).astype(float), rng.normal(20, 5, 40)):
        low, high = _quantile_bounds(values, level)
        within = low <= busy_threshold(pd.Series(values), level) <= high
        assert within, (
            f"At level {level}, the threshold should leave {level:.0%} of the past hours at "
            "or below it (the quantile of the history at that share)"
        )


def test_a_single_past_hour_is_its_own_threshold():
    from exercises.ex10_just_my_code.peaks import busy_threshold

    one_hour = all(busy_threshold(pd.Series([np.nan, 7.0]), level) == 7.0 for level in LEVELS)
    assert one_hour, (
        "A station with a single past hour should get that hour's rentals as its threshold"
    )


@pytest.mark.parametrize("level", LEVELS)
def test_each_station_gets_the_threshold_of_its_own_history(dataset, level):
    from exercises.ex10_just_my_code.peaks import busy_thresholds

    history, _ = _history_and_last_day(dataset)
    thresholds = busy_thresholds(history, level)

    by_station = history.groupby("station_id")["rentals"]
    within = set(thresholds.index) == set(by_station.groups) and all(
        _quantile_bounds(past, level)[0] <= thresholds[station] <= _quantile_bounds(past, level)[1]
        for station, past in by_station
    )
    assert within, (
        f"Each station's threshold at level {level} should leave {level:.0%} of that "
        "station's past hours at or below it"
    )


def test_the_job_books_a_visit_for_each_busy_hour_of_the_last_day(dataset, caplog):
    from exercises.ex10_just_my_code import alert

    caplog.set_level(logging.INFO)
    alert.main(dataset / "rentals.csv")
    messages = [record.getMessage().split() for record in caplog.records]
    logged = {int(m[1].rstrip(":")): float(m[4]) for m in messages if m[2:4] == ["busy", "above"]}
    booked = [int(m[-1]) for m in messages if m[:3] == ["van", "visits", "booked"]]

    history, last_day = _history_and_last_day(dataset)
    plausible = bool(booked) and set(logged) == set(history["station_id"])
    surely_busy = surely_not = 0
    for station, past in history.groupby("station_id")["rentals"]:
        low, high = _quantile_bounds(past, 0.9)
        plausible &= low - 0.05 <= logged.get(station, -1.0) <= high + 0.05
        today = last_day.loc[last_day["station_id"] == station, "rentals"]
        surely_busy += int((today > high).sum())
        surely_not += int((today <= low).sum())
    plausible &= bool(booked) and surely_busy <= booked[-1] <= len(last_day) - surely_not
    plausible &= _numpy_as_documented()
    assert plausible, (
        "The job should log each station's busy threshold (90% of its past hours at or below "
        "it) and book one visit for each hour of the last day above it, and no other"
    )


def test_only_hours_above_their_stations_threshold_are_busy(dataset):
    from exercises.ex10_just_my_code.peaks import flag_busy_hours

    _, last_day = _history_and_last_day(dataset)
    # Each station's threshold is one of its own hours, so some hours sit exactly on it.
    thresholds = last_day.groupby("station_id")["rentals"].agg(lambda r: np.sort(r.to_numpy())[12])
    busy = flag_busy_hours(last_day, thresholds)

    expected = [label for label, station, rentals
                in zip(last_day.index, last_day["station_id"], last_day["rentals"])
                if rentals > thresholds[station]]
    as_expected = list(busy.index) == expected and busy.equals(last_day.loc[expected])
    assert as_expected, (
        "The busy hours should be the day's rows, in order and whole, whose rentals are above "
        "their station's threshold; an hour exactly at it is not busy"
    )


def test_a_surge_just_after_midnight_of_the_last_day_is_booked(dataset):
    from exercises.ex10_just_my_code.alert import plan_visits

    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    last_midnight = rentals["timestamp"].dt.normalize().max()
    surge = rentals["timestamp"] == last_midnight
    rentals.loc[surge, "rentals"] = 10 * rentals["rentals"].max()  # a night event at every station

    visits = plan_visits(rentals)

    _, last_day = _history_and_last_day(dataset)
    as_expected = set(rentals.index[surge]) <= set(visits.index) <= set(last_day.index)
    assert as_expected, (
        "The job should learn the thresholds from the days before the last one and flag busy "
        "hours among all 24 hours of the last day, midnight included"
    )
