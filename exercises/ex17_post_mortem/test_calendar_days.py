"""Check: the nightly job builds one correct row of daily features per station and date."""

from datetime import date, timedelta
from pathlib import Path

import pandas as pd


def _rentals(dataset) -> pd.DataFrame:
    return pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])


def _expected_days(rentals: pd.DataFrame) -> list[date]:
    return sorted(set(rentals["timestamp"].dt.date))


def _day_off(day: date, holidays: set[date]) -> int:
    return int(day.weekday() in (5, 6) or day in holidays)


def test_the_calendar_holds_each_date_of_the_data_once(dataset):
    from exercises.ex17_post_mortem.calendar_days import build_calendar

    rentals = _rentals(dataset)
    holidays = set(rentals.loc[rentals["holiday"] == 1, "timestamp"].dt.date)

    calendar = build_calendar(rentals["timestamp"], holidays)

    days = _expected_days(rentals)
    assert list(calendar) == days, (
        f"The calendar should hold every date of the data once, in order, "
        f"from {days[0]} to {days[-1]}"
    )
    for index, day in enumerate(days):
        expected = {
            "day_index": index,
            "day_off": _day_off(day, holidays),
            "day_off_tomorrow": _day_off(day + timedelta(days=1), holidays),
        }
        assert calendar[day] == expected, f"{day}: expected {expected}, got {calendar[day]}"


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
        assert row.day_index == days.index(row.date), (
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
