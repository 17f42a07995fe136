"""Check: the nightly job builds one correct row of daily features per station and date."""

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest


def _rentals(dataset) -> pd.DataFrame:
    return pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])


def _expected_days(rentals: pd.DataFrame) -> list[date]:
    """Every calendar date from the first reading's to the last one's, days without data too."""
    first, last = rentals["timestamp"].min().date(), rentals["timestamp"].max().date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _with_gap(rentals: pd.DataFrame) -> pd.DataFrame:
    """The feed lost a whole day in the middle of the history."""
    dates = sorted(set(rentals["timestamp"].dt.date))
    return rentals[rentals["timestamp"].dt.date != dates[len(dates) // 2]]


def _ending_at_midnight(rentals: pd.DataFrame) -> pd.DataFrame:
    """The last reading is the first hour of a day."""
    return rentals[rentals["timestamp"] <= rentals["timestamp"].max().normalize()]


def _single_reading(rentals: pd.DataFrame) -> pd.DataFrame:
    """One station-hour, late in a day."""
    return rentals[rentals["timestamp"].dt.hour == 22].tail(1)


IRREGULAR = {"a missing day": _with_gap, "a last reading at midnight": _ending_at_midnight,
             "a single reading": _single_reading}


def _day_off(day: date, holidays: set[date]) -> int:
    return int(day.weekday() in (5, 6) or day in holidays)


def _assert_calendar(rentals: pd.DataFrame, what: str) -> None:
    from exercises.ex17_post_mortem.calendar_days import build_calendar

    holidays = set(rentals.loc[rentals["holiday"] == 1, "timestamp"].dt.date)

    calendar = build_calendar(rentals["timestamp"], holidays)

    days = _expected_days(rentals)
    same_dates = list(calendar) == days
    assert same_dates, (
        f"{what}: the calendar should hold every calendar date once, in order, "
        f"from {days[0]} to {days[-1]} ({len(days)} dates)"
    )
    for index, day in enumerate(days):
        expected = {
            "day_index": index,
            "day_off": _day_off(day, holidays),
            "day_off_tomorrow": _day_off(day + timedelta(days=1), holidays),
        }
        same = calendar[day] == expected
        assert same, f"{what}, {day}: the calendar should hold {expected}"


def test_the_calendar_holds_each_date_of_the_data_once(dataset):
    _assert_calendar(_rentals(dataset), "the data")


@pytest.mark.parametrize("irregular", IRREGULAR)
def test_the_calendar_holds_every_date_of_irregular_data(dataset, irregular):
    _assert_calendar(IRREGULAR[irregular](_rentals(dataset)), f"data with {irregular}")


@pytest.mark.parametrize("irregular", IRREGULAR)
def test_the_job_builds_every_station_day_of_irregular_data(dataset, irregular):
    from exercises.ex17_post_mortem.daily_job import build_features

    rentals = IRREGULAR[irregular](_rentals(dataset))
    first = rentals["timestamp"].min().date()

    features = build_features(rentals)

    present = sorted({(int(s), t.date()) for s, t in zip(rentals["station_id"],
                                                         rentals["timestamp"], strict=True)})
    got = list(zip(features["station_id"].astype(int), features["date"], strict=True))
    same_rows = got == present
    assert same_rows, (f"data with {irregular}: the job should write one row per station and "
                       "date that has readings, station by station")
    trend = features["day_index"].tolist() == [(day - first).days for _, day in present]
    assert trend, (f"data with {irregular}: the trend feature should count calendar days from "
                   "the first date of the data, days without readings included")


def test_the_job_builds_every_station_day(dataset):
    from exercises.ex17_post_mortem.daily_job import run

    rentals = _rentals(dataset)
    days = _expected_days(rentals)
    holidays = set(rentals.loc[rentals["holiday"] == 1, "timestamp"].dt.date)

    features = run(dataset)

    stations = sorted(rentals["station_id"].unique())
    keys = [(int(s), d) for s in stations for d in days]
    got = list(zip(features["station_id"].astype(int), features["date"], strict=True))
    assert got == keys, (
        f"The job should write one row per station and date, in that order: "
        f"{len(keys)} expected, {len(got)} written"
    )
    totals = rentals.groupby(["station_id", rentals["timestamp"].dt.date])["rentals"].sum()
    for row in features.itertuples(index=False):
        assert row.rentals == totals[(row.station_id, row.date)], (
            f"station {row.station_id} on {row.date}: the row should total that day's rentals"
        )
        assert row.day_off == _day_off(row.date, holidays), (
            f"station {row.station_id} on {row.date}: wrong day-off flag"
        )
        assert row.day_off_tomorrow == _day_off(row.date + timedelta(days=1), holidays), (
            f"station {row.station_id} on {row.date}: wrong day-off flag for the next day"
        )
        assert row.day_index == (row.date - days[0]).days, (
            f"station {row.station_id} on {row.date}: the trend feature should count days "
            f"from the first date of the data"
        )


def test_the_rows_follow_station_then_date_whatever_order_the_hours_come_in(dataset):
    from exercises.ex17_post_mortem.daily_job import build_features

    rentals = _rentals(dataset)
    # A feed that lists every station's hour before moving to the next hour.
    by_hour = rentals.sort_values(["timestamp", "station_id"], ignore_index=True)

    features = build_features(by_hour)

    stations = sorted(rentals["station_id"].unique())
    keys = [(int(s), d) for s in stations for d in _expected_days(rentals)]
    got = list(zip(features["station_id"].astype(int), features["date"], strict=True))
    assert got == keys, "The job should write one row per station and date, station by station"


def test_the_job_prints_each_stations_mean_day_on_working_days_and_days_off(capsys):
    from exercises.ex17_post_mortem.daily_job import main

    shipped = Path(__file__).resolve().parents[2] / "data"  # where the job reads by default
    rentals = _rentals(shipped)
    holidays = set(rentals.loc[rentals["holiday"] == 1, "timestamp"].dt.date)
    totals = rentals.groupby(["station_id", rentals["timestamp"].dt.date])["rentals"].sum()
    expected = {}
    for (station, day), total in totals.items():
        expected.setdefault((int(station), _day_off(day, holidays)), []).append(total)

    main()

    shown, station = {}, None
    for line in capsys.readouterr().out.splitlines()[1:]:
        *keys, value = line.split()
        station = int(keys[0]) if len(keys) == 2 else station
        shown[(station, int(keys[-1]))] = float(value)
    assert sorted(shown) == sorted(expected), (
        "The job should print one line per station and day-off flag (0 or 1)"
    )
    for key, values in expected.items():
        mean = sum(values) / len(values)
        assert round(shown[key], 1) == shown[key], "The means should be printed to one decimal"
        assert abs(shown[key] - mean) < 0.051, (
            f"station {key[0]}, day off {key[1]}: the job should print the mean daily rentals, "
            f"{mean:.1f}"
        )
