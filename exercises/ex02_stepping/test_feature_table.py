"""Check: each station-hour gets the calendar its riders live by, and the profile says so."""

import csv
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

CITY = ZoneInfo("Europe/Amsterdam")  # the stations' city: the export is its clock time
COMMUTE = {7, 8, 9, 16, 17, 18, 19}
WEATHER = ("clear", "cloudy", "rain")


@cache
def _export(path: Path) -> tuple[dict[str, object], ...]:
    """The export's rows with their calendar, read as the city's clock shows them."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle),
                      key=lambda row: (int(row["station_id"]), row["timestamp"]))
    table = []
    for row in rows:
        local = datetime.fromisoformat(row["timestamp"])
        off_day = local.weekday() >= 5 or row["holiday"] == "1"
        table.append({
            "station_id": int(row["station_id"]),
            "event_time": local.replace(tzinfo=CITY).astimezone(UTC),
            "hour": local.hour,
            "day_of_week": local.weekday(),
            "off_day": off_day,
            "commute": not off_day and local.hour in COMMUTE,
            "temp_c": float(row["temp_c"]),
            "humidity": float(row["humidity"]),
            "wind_kmh": float(row["wind_kmh"]),
            **{f"weather_{kind}": float(row["weather"] == kind) for kind in WEATHER},
            "rentals": int(row["rentals"]),
        })
    return tuple(table)


def _rows_match(table: pd.DataFrame, expected) -> bool:
    if list(table.columns) != list(expected[0]) or len(table) != len(expected):
        return False
    stamps = table["event_time"]
    if not isinstance(stamps.dtype, pd.DatetimeTZDtype):
        return False
    instants = pd.DatetimeIndex([row["event_time"] for row in expected])
    if not (pd.DatetimeIndex(stamps).tz_convert("UTC") == instants).all():
        return False
    for name in expected[0]:
        if name == "event_time":
            continue
        wanted = np.array([row[name] for row in expected], dtype=float)
        values = table[name].to_numpy(dtype=float)
        if not np.allclose(values, wanted, rtol=1e-9, atol=1e-12):
            return False
    return True


def _expected_profile(rows) -> list[str]:
    def busiest(selected):
        by_hour = {}
        for row in selected:
            by_hour.setdefault(row["hour"], []).append(row["rentals"])
        means = {hour: sum(v) / len(v) for hour, v in sorted(by_hour.items())}
        hour = max(means, key=means.get)
        return hour, means[hour]

    workdays = [row for row in rows if not row["off_day"]]
    lines = [f"Feature table: {len(rows)} rows x {len(rows[0])} columns"]
    for label, selected in (("workday", workdays), ("off-day", [r for r in rows if r["off_day"]])):
        hour, mean = busiest(selected)
        lines.append(f"Busiest {label} hour: {hour:02d}:00 ({mean:.1f} rentals per station)")
    commuting = sum(r["rentals"] for r in workdays if r["commute"])
    share = commuting / sum(r["rentals"] for r in workdays)
    lines.append(f"Commute hours hold {share:.0%} of workday rentals")
    return lines


def _winter_copy(original: Path, folder: Path) -> Path:
    """The export's dry hours moved back by whole weeks into January (the city's winter
    clock)."""
    with original.open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["weather"] != "rain"]
    first = min(datetime.fromisoformat(row["timestamp"]) for row in rows)
    weeks = (first - datetime(first.year, 1, 8)).days // 7
    for row in rows:
        stamp = datetime.fromisoformat(row["timestamp"]) - timedelta(weeks=weeks)
        row["timestamp"] = stamp.strftime("%Y-%m-%d %H:%M")
    export = folder / "rentals.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return export


def test_each_station_hour_gets_its_local_calendar(dataset):
    from exercises.ex02_stepping.features import build_features
    from exercises.ex02_stepping.loader import load_rentals

    path = dataset / "rentals.csv"
    table = build_features(load_rentals(path))
    same = _rows_match(table, _export(path))
    assert same, (
        "Each row should hold its station, its instant in UTC, the hour, weekday, off-day "
        "and commute flags riders see on the city's clocks, its weather and its rentals"
    )
    typed = _kinds_match(table)
    assert typed, (
        "Ids, hours, weekdays and rentals should be integers, the off-day and commute flags "
        "booleans, the measurements and weather columns floats"
    )


def _kinds_match(table: pd.DataFrame) -> bool:
    kinds = pd.api.types
    return (all(kinds.is_integer_dtype(table[name]) for name in ("station_id", "hour",
                                                                   "day_of_week", "rentals"))
            and all(kinds.is_bool_dtype(table[name]) for name in ("off_day", "commute"))
            and all(kinds.is_float_dtype(table[name]) for name in table
                    if name.startswith("weather_") or name in ("temp_c", "humidity", "wind_kmh")))


def test_a_dry_january_export_gets_its_local_calendar_and_every_weather_column(dataset,
                                                                               tmp_path):
    """The same export moved into winter, without its rainy hours: the city's January
    clocks, and the same columns whatever weather the export holds."""
    from exercises.ex02_stepping.features import build_features
    from exercises.ex02_stepping.loader import load_rentals

    path = _winter_copy(dataset / "rentals.csv", tmp_path)
    table = build_features(load_rentals(path))
    same = _rows_match(table, _export(path)) and _kinds_match(table)
    assert same, (
        "An export written in January, without a rainy hour, should get row by row the "
        "calendar the city's clocks show in January, and every weather column (all zeros "
        "for the weather it never saw)"
    )


def test_any_selection_of_rows_keeps_its_labels_and_calendar(dataset):
    from exercises.ex02_stepping.features import build_features
    from exercises.ex02_stepping.loader import load_rentals

    path = dataset / "rentals.csv"
    rentals = load_rentals(path)
    picked = rentals.sample(frac=0.25, random_state=3)
    table = build_features(picked)
    expected = _export(path)
    positions = [rentals.index.get_loc(label) for label in picked.index]
    same = (table.index.tolist() == picked.index.tolist()
            and _rows_match(table.reset_index(drop=True), [expected[i] for i in positions]))
    assert same, (
        "A selection of rows in any order should come back with the same labels, in the "
        "same order, each with its own calendar"
    )


def test_the_job_prints_the_profile_riders_live_by(dataset, capsys):
    from exercises.ex02_stepping import build_table

    path = dataset / "rentals.csv"
    build_table.main(path)
    printed = capsys.readouterr().out.splitlines()
    as_expected = printed == _expected_profile(_export(path))
    assert as_expected, (
        "The job should print the table's shape, the busiest workday and off-day hours on "
        "the city's clocks with their mean rentals, and the commute hours' share of "
        "workday rentals"
    )
