"""Check: weekends and holidays count as days off; the two hourly profiles are built from them."""

import csv
import re
from datetime import datetime
from statistics import mean

import numpy as np
import pandas as pd


def _days(first: str, count: int, holidays: tuple[str, ...] = ()) -> pd.DataFrame:
    """One noon row per day, in the shape of the rentals table."""
    timestamps = pd.date_range(first, periods=count, freq="D") + pd.Timedelta(hours=12)
    return pd.DataFrame({
        "timestamp": timestamps,
        "holiday": timestamps.normalize().isin(pd.to_datetime(list(holidays))).astype(int),
        "rentals": 1,
    })


def test_saturday_and_sunday_are_days_off():
    from exercises.ex09_debug_test.day_types import DAY_OFF, day_type

    week = _days("2025-03-03", 7)  # Monday to Sunday

    types = day_type(week)

    names = week["timestamp"].dt.day_name()
    weekend_only = set(names[(types == DAY_OFF).to_numpy()]) == {"Saturday", "Sunday"}
    assert weekend_only, "Exactly Saturday and Sunday of an ordinary week should be days off"


def test_a_public_holiday_is_a_day_off():
    from exercises.ex09_debug_test.day_types import DAY_OFF, WORK_DAY, day_type

    days = _days("2024-12-24", 3, holidays=("2024-12-25",))  # Tuesday to Thursday

    as_expected = day_type(days).tolist() == [WORK_DAY, DAY_OFF, WORK_DAY]
    assert as_expected, "A holiday midweek should be the only day off of those three days"


def _rows(dataset) -> list[dict[str, object]]:
    with (dataset / "rentals.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        when = datetime.strptime(str(row["timestamp"]), "%Y-%m-%d %H:%M")
        row["hour"], row["off"] = when.hour, when.weekday() >= 5 or row["holiday"] == "1"
    return rows


def test_every_row_of_the_data_gets_its_day_type(dataset):
    from exercises.ex09_debug_test.day_types import DAY_OFF, WORK_DAY, day_type, load_rentals

    types = day_type(load_rentals(dataset / "rentals.csv")).tolist()

    as_expected = types == [DAY_OFF if row["off"] else WORK_DAY for row in _rows(dataset)]
    assert as_expected, (
        "Every station-hour on a Saturday, a Sunday or a public holiday should be a day off, "
        "and every other one a work day"
    )


def test_the_profiles_average_each_hour_over_its_day_type(dataset):
    from exercises.ex09_debug_test.day_types import DAY_OFF, WORK_DAY, hourly_profile, load_rentals

    profile = hourly_profile(load_rentals(dataset / "rentals.csv"))

    rows = _rows(dataset)
    expected = [[mean(float(r["rentals"]) for r in rows if r["hour"] == hour and r["off"] == off)
                 for off in (False, True)] for hour in range(24)]
    as_expected = (list(profile.columns) == [WORK_DAY, DAY_OFF]
                   and list(profile.index) == list(range(24))
                   and np.allclose(profile.to_numpy(dtype=float), expected))
    assert as_expected, (
        "The profile should give, for each hour 0 to 23, the mean rentals over work days "
        "and over days off (weekends and holidays), in that column order"
    )


def test_the_job_prints_each_hours_two_means_to_one_decimal(dataset, capsys):
    from exercises.ex09_debug_test.day_types import main

    main(dataset / "rentals.csv")
    printed = {}
    for words in (line.split() for line in capsys.readouterr().out.splitlines()):
        if len(words) == 3 and words[0].isdigit():
            printed[int(words[0])] = words[1:]

    rows = _rows(dataset)
    as_expected = sorted(printed) == list(range(24))
    for hour, values in printed.items():
        for off, value in zip((False, True), values):
            mean_rentals = mean(float(r["rentals"]) for r in rows
                                if r["hour"] == hour and r["off"] == off)
            as_expected &= (re.fullmatch(r"-?\d+\.\d", value) is not None
                            and abs(float(value) - mean_rentals) <= 0.05 + 1e-9)
    assert as_expected, (
        "The job should print, for each hour 0 to 23, the mean rentals of work days and of "
        "days off, rounded to one decimal"
    )
