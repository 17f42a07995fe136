"""Check: the nightly job builds one correct row of daily features per station and date."""

from datetime import date, timedelta

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
