"""Check: every station-hour gets the part of the day the planners use, and the table says so."""

import csv
from collections import Counter
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

# The planners' parts of the day, hour by hour: [start, end) hours.
PLANNERS_PARTS = {
    **dict.fromkeys(range(0, 6), "night"),
    **dict.fromkeys(range(6, 10), "morning_peak"),
    **dict.fromkeys(range(10, 16), "midday"),
    **dict.fromkeys(range(16, 20), "evening_peak"),
    **dict.fromkeys(range(20, 24), "late"),
}


def _export(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _expected_columns(rows: list[dict[str, str]]) -> dict[str, list[float]]:
    """The feature table, column by column, built from the raw CSV rows."""
    stamps = [datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M") for row in rows]
    columns = {name: [float(row[name]) for row in rows]
               for name in ("temp_c", "humidity", "wind_kmh")}
    columns["off_day"] = [float(stamp.weekday() >= 5 or row["holiday"] == "1")
                          for stamp, row in zip(stamps, rows, strict=True)]
    for part in sorted(set(PLANNERS_PARTS.values())):
        columns[f"part_{part}"] = [float(PLANNERS_PARTS[s.hour] == part) for s in stamps]
    for weather in sorted({row["weather"] for row in rows}):
        columns[f"weather_{weather}"] = [float(row["weather"] == weather) for row in rows]
    return columns


def _pandas_as_documented() -> bool:
    """pandas' own binning still closes its bins on the right by default, as documented."""
    return pd.cut(pd.Series([0, 6]), bins=[0, 6, 10]).isna().tolist() == [True, False]


def test_each_hour_of_the_day_gets_its_part():
    from exercises.ex02_stepping.features import day_part

    hours = pd.Series(range(24))
    parts = day_part(hours).astype("object").tolist()
    each_in_its_part = parts == [PLANNERS_PARTS[hour] for hour in range(24)]
    each_in_its_part &= _pandas_as_documented()
    assert each_in_its_part, (
        "Each hour should fall in its part of the day: night 00-05, morning_peak 06-09, "
        "midday 10-15, evening_peak 16-19, late 20-23"
    )


def test_the_feature_table_holds_every_row_with_its_features(dataset):
    from exercises.ex02_stepping.build_table import load_rentals
    from exercises.ex02_stepping.features import build_features

    path = dataset / "rentals.csv"
    expected = _expected_columns(_export(path))
    table = build_features(load_rentals(path))

    assert set(table.columns) == set(expected), (
        "The table should have the weather measurements, an off-day flag, one column "
        "per part of the day and one per weather"
    )
    for name, values in expected.items():
        same = table[name].astype(float).tolist() == pytest.approx(values)
        assert same, (
            f"Column '{name}' should hold, row by row, the value the rentals export gives "
            "(each row in exactly one part of the day)"
        )
    assert all(pd.api.types.is_float_dtype(dtype) for dtype in table.dtypes), (
        "Every column of the model's input table should hold floats"
    )


def test_the_calendar_features_of_every_row(dataset):
    from exercises.ex02_stepping.build_table import load_rentals
    from exercises.ex02_stepping.features import add_calendar_features

    path = dataset / "rentals.csv"
    rows = _export(path)
    stamps = [datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M") for row in rows]
    calendar = add_calendar_features(load_rentals(path))

    expected = {
        "hour": [stamp.hour for stamp in stamps],
        "off_day": [stamp.weekday() >= 5 or row["holiday"] == "1"
                    for stamp, row in zip(stamps, rows, strict=True)],
        "day_part": [PLANNERS_PARTS[stamp.hour] for stamp in stamps],
        "rentals": [int(row["rentals"]) for row in rows],
    }
    same = all(name in calendar and calendar[name].astype(str).tolist() == list(map(str, values))
               for name, values in expected.items())
    assert same, (
        "Each row should keep its columns and gain its hour, its off-day flag (weekend or "
        "holiday) and its part of the day"
    )


def test_the_coverage_report_counts_each_part_of_the_day(dataset, capsys):
    from exercises.ex02_stepping import build_table

    path = dataset / "rentals.csv"
    rows = _export(path)
    build_table.main(path)

    printed = [line.split() for line in capsys.readouterr().out.splitlines()]
    per_part = Counter(PLANNERS_PARTS[int(row["timestamp"][11:13])] for row in rows)
    expected_parts = sorted([part, str(count), "rows"] for part, count in per_part.items())
    expected_columns = 4 + len(per_part) + len({row["weather"] for row in rows})
    as_expected = (
        printed[0] == ["Feature", "table:", str(len(rows)), "rows", "x", str(expected_columns),
                       "columns"]
        and sorted(printed[1:-1]) == expected_parts
        and printed[-1] == [str(len(rows)), "of", str(len(rows)), "rows", "have", "a", "part",
                            "of", "the", "day"]
    )
    assert as_expected, (
        "The job should print the table's shape, how many rows each part of the day holds "
        "(each hour in its planners' part) and that every row has a part of the day"
    )
