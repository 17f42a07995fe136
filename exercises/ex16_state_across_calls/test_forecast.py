"""Check: every day's forecast is built from the week before that day, whatever ran before."""

import functools

import numpy as np
import pandas as pd
import pytest

WEEK = pd.Timedelta(days=7)


@functools.cache
def _read_rentals(folder) -> pd.DataFrame:
    return pd.read_csv(folder / "rentals.csv", parse_dates=["timestamp"])


def _rentals(folder) -> pd.DataFrame:
    """The dataset's rentals, read once per run; each test gets a table of its own."""
    return _read_rentals(folder).copy()


def _expected_days(rentals: pd.DataFrame, days: list[pd.Timestamp]) -> pd.DataFrame:
    """For each of ``days`` in turn, one row per station and hour of the day: the station's
    mean rentals at that hour over the seven days before the day (0 for an hour never seen)."""
    stations = np.sort(rentals["station_id"].unique())
    slots = len(stations) * 24
    # Each reading's slot in the day's table: its station's place, then its hour.
    slot = (np.searchsorted(stations, rentals["station_id"].to_numpy()) * 24
            + rentals["timestamp"].dt.hour.to_numpy())
    counts = rentals["rentals"].to_numpy(dtype=float)
    frames = []
    for day in days:
        week = ((rentals["timestamp"] >= day - WEEK) & (rentals["timestamp"] < day)).to_numpy()
        total = np.bincount(slot[week], weights=counts[week], minlength=slots)
        seen = np.bincount(slot[week], minlength=slots)
        frames.append(pd.DataFrame({
            "timestamp": day + pd.to_timedelta(np.tile(np.arange(24), len(stations)), unit="h"),
            "station_id": np.repeat(stations, 24),
            "forecast": np.divide(total, seen, out=np.zeros(slots), where=seen > 0),
        }))
    return pd.concat(frames, ignore_index=True)


def _last_days(rentals: pd.DataFrame, count: int) -> list[pd.Timestamp]:
    last = rentals["timestamp"].max().normalize()
    return [last - pd.Timedelta(days=n) for n in range(count - 1, -1, -1)]


def _assert_same(got: pd.DataFrame, expected: pd.DataFrame, what: str) -> None:
    assert len(got) == len(expected), f"{what}: expected {len(expected)} rows, got {len(got)}"
    assert got.index.equals(pd.RangeIndex(len(expected))), (
        f"{what}: rows numbered 0, 1, 2, ... like any fresh table")
    assert got["timestamp"].tolist() == expected["timestamp"].tolist(), (
        f"{what}: one row per station and hour of the day, station by station")
    assert got["station_id"].tolist() == expected["station_id"].tolist(), what
    assert got["forecast"].tolist() == pytest.approx(expected["forecast"].tolist()), (
        f"{what}: each hour's forecast should be the station's mean rentals at that hour "
        "over the seven days before the forecast day")


def test_each_day_is_forecast_from_the_week_before_it(dataset):
    from exercises.ex16_state_across_calls.forecast import forecast_day

    rentals = _rentals(dataset)
    days = _last_days(rentals, 4)
    first = rentals["timestamp"].min().normalize()  # nothing before it: no rentals expected
    # Any order, and the same day twice: each answer depends on its own day only.
    for day in [days[2], days[0], first, days[3], days[1], days[2]]:
        _assert_same(forecast_day(rentals, day), _expected_days(rentals, [day]),
                     f"forecast for {day:%Y-%m-%d}")


def test_the_backfill_report_holds_each_days_own_forecast(dataset):
    from exercises.ex16_state_across_calls.forecast import backfill, load_rentals

    rentals = _rentals(dataset)
    expected = _expected_days(rentals, _last_days(rentals, 7))
    actual = expected.merge(rentals, on=["timestamp", "station_id"], how="left")
    for _ in range(2):  # a second backfill in the same process, as a scheduler runs it
        result = backfill(load_rentals(dataset))
        _assert_same(result[["timestamp", "station_id", "forecast"]], expected,
                     "the backfill of the last seven days")
        assert result["rentals"].tolist() == actual["rentals"].tolist(), (
            "each forecast row should sit next to the rentals of the same station and hour")


def test_the_report_shows_each_days_forecast_total(dataset, capsys):
    from exercises.ex16_state_across_calls.forecast import main

    rentals = _rentals(dataset)
    main(dataset)
    report = capsys.readouterr().out
    for day in _last_days(rentals, 7):
        expected = _expected_days(rentals, [day]).groupby("station_id")["forecast"].sum()
        happened = rentals[rentals["timestamp"].dt.normalize() == day].groupby("station_id")[
            "rentals"].sum()
        line = next((row for row in report.splitlines() if row.startswith(f"{day:%Y-%m-%d}")), "")
        shown = [float(value) for value in line.split()[1:]]
        count = len(expected)
        assert len(shown) == 2 * count, (
            f"the report's line for {day:%Y-%m-%d} should show each station's forecast total, "
            f"then its actual total; the line reads {line!r}")
        assert all(round(value, 1) == value for value in shown), (
            f"the report's totals for {day:%Y-%m-%d} should be shown to one decimal; "
            f"the line reads {line!r}")
        assert shown[:count] == pytest.approx(expected.tolist(), abs=0.051), (
            f"the report's forecast totals for {day:%Y-%m-%d} should be "
            f"{expected.round(1).tolist()}; the line reads {line!r}")
        assert shown[count:] == pytest.approx(happened.tolist()), (
            f"the report's actual totals for {day:%Y-%m-%d} should be "
            f"{happened.tolist()}; the line reads {line!r}")


def test_a_later_table_gets_forecasts_of_its_own(dataset):
    from exercises.ex16_state_across_calls.forecast import forecast_day

    rentals = _rentals(dataset)
    day = _last_days(rentals, 1)[0]
    forecast_day(rentals, day)
    # The same stations a week later, with twice the riders: a new table, new profiles.
    later = rentals.assign(timestamp=rentals["timestamp"] + pd.Timedelta(days=7),
                           rentals=rentals["rentals"] * 2)
    later_day = day + pd.Timedelta(days=7)
    _assert_same(forecast_day(later, later_day), _expected_days(later, [later_day]),
                 "a forecast from a later rentals table")


def test_an_hour_missing_from_the_feed_keeps_its_forecast_row(dataset):
    from exercises.ex16_state_across_calls.forecast import backfill

    rentals = _rentals(dataset)
    last = _last_days(rentals, 1)[0]
    station = rentals["station_id"].min()
    gap = ((rentals["timestamp"] == last + pd.Timedelta(hours=12))
           & (rentals["station_id"] == station))
    with_gap = rentals[~gap].reset_index(drop=True)
    result = backfill(with_gap)
    expected = _expected_days(with_gap, _last_days(rentals, 7))
    _assert_same(result[["timestamp", "station_id", "forecast"]], expected,
                 "the backfill of a table with one hour missing")
    actual = expected.merge(with_gap, on=["timestamp", "station_id"], how="left")
    assert result["rentals"].tolist() == pytest.approx(actual["rentals"].tolist(), nan_ok=True), (
        "an hour with no rentals row should still be forecast, with no actual rentals next to it")


def test_profiles_asked_in_any_order_each_cover_their_own_week(dataset):
    from exercises.ex16_state_across_calls.profiles import hourly_profile

    rentals = _rentals(dataset)
    stations = sorted(int(s) for s in rentals["station_id"].unique())
    days = _last_days(rentals, 3)
    asks = [(station, day) for station in stations for day in days]
    expected = dict(zip(days, (_expected_days(rentals, [day]) for day in days), strict=True))
    # Not station by station as the backfill asks, and each ask once more later on.
    order = np.random.default_rng(16).permutation(len(asks)).tolist()
    for station, day in [asks[i] for i in order + order[::-1]]:
        profile = hourly_profile(rentals, station, day)
        hours = profile.reindex(range(24), fill_value=0.0).fillna(0.0).tolist()
        wanted = expected[day].loc[expected[day]["station_id"] == station, "forecast"]
        same = hours == pytest.approx(wanted.tolist())
        assert same, (f"station {station}'s hourly profile for {day:%Y-%m-%d} should be its "
                      "mean rentals per hour over the seven days before that day, whichever "
                      "stations and days were asked for before")


def test_a_corrected_table_gets_forecasts_from_its_own_rentals(dataset):
    from exercises.ex16_state_across_calls.forecast import forecast_day

    rentals = _rentals(dataset)
    day = _last_days(rentals, 1)[0]
    forecast_day(rentals, day)
    # The feed sends the same hours again with corrected counts: the same day, a new table.
    corrected = rentals.assign(rentals=rentals["rentals"] * 2 + rentals["station_id"] % 3)
    _assert_same(forecast_day(corrected, day), _expected_days(corrected, [day]),
                 "a forecast from a corrected rentals table")
    _assert_same(forecast_day(rentals, day), _expected_days(rentals, [day]),
                 "a forecast from the first table again")
    recent = rentals[rentals["timestamp"] >= day - pd.Timedelta(days=3)]
    _assert_same(forecast_day(recent, day), _expected_days(recent, [day]),
                 "a forecast from the table's last three days only")
