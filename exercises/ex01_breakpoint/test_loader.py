"""Check: the loaded table holds the export's values, and the demand report is built from them."""

import csv
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from statistics import mean
from types import MappingProxyType

import numpy as np
import pytest

NUMERIC_COLUMNS = ("station_id", "temp_c", "humidity", "wind_kmh", "holiday",
                   "bikes_available", "rentals")


@cache
def _export_rows(path: Path) -> tuple[Mapping[str, object], ...]:
    """The export read by its own header, in time then station order, with calendar fields
    (read once per file, read-only)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [
            {**{name: float(row[name]) for name in NUMERIC_COLUMNS},
             "timestamp": datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M"),
             "weather": row["weather"]}
            for row in csv.DictReader(handle)
        ]
    for row in rows:
        row["hour"] = row["timestamp"].hour
        row["workday"] = row["timestamp"].weekday() < 5 and row["holiday"] == 0
    rows.sort(key=lambda row: (row["timestamp"], row["station_id"]))
    return tuple(MappingProxyType(row) for row in rows)


def _expected_report(rows: tuple[Mapping[str, object], ...]) -> list[str]:
    by_hour: dict[int, list[float]] = {}
    for row in rows:
        if row["workday"]:
            by_hour.setdefault(row["hour"], []).append(row["rentals"])
    profile = {hour: mean(values) for hour, values in by_hour.items()}
    busiest, quietest = max(profile, key=profile.get), min(profile, key=profile.get)
    lines = [
        f"Busiest workday hour:  {busiest:02d}:00 ({profile[busiest]:.1f} rentals per station)",
        f"Quietest workday hour: {quietest:02d}:00 ({profile[quietest]:.1f} rentals per station)",
    ]
    for station in sorted({row["station_id"] for row in rows}):
        docked = mean(row["bikes_available"] for row in rows if row["station_id"] == station)
        lines.append(f"Station {station:.0f}: {docked:.1f} bikes docked on average")
    return lines


def _close(actual, expected) -> bool:
    """pytest.approx's default test, element by element and vectorised: equal, or within
    1e-6 of the expected value relatively (1e-12 absolutely)."""
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    if actual.shape != expected.shape:
        return False
    tolerance = np.maximum(1e-6 * np.abs(expected), 1e-12)
    with np.errstate(invalid="ignore"):  # inf - inf: NaN, not close, as approx says
        return bool(np.all((actual == expected) | (np.abs(actual - expected) <= tolerance)))


def _numeric_columns_match(loaded, expected: tuple[Mapping[str, object], ...]) -> bool:
    return all(
        _close(loaded[name].astype(float), [row[name] for row in expected])
        for name in (*NUMERIC_COLUMNS, "hour")
    )


def test_every_row_and_column_holds_the_export_values(dataset):
    from exercises.ex01_breakpoint.loader import load_rentals

    path = dataset / "rentals.csv"
    expected = _export_rows(path)
    loaded = load_rentals(path)

    assert len(loaded) == len(expected), "The table should hold one row per row of the export"
    assert _numeric_columns_match(loaded, expected), (
        "Every numeric column should hold the export's values of the column of the same "
        "name, row by row, in time order"
    )
    assert loaded.index.tolist() == list(range(len(expected))), (
        "Rows should be labelled 0, 1, 2, ... in time order"
    )
    stamps = [stamp.to_pydatetime() for stamp in loaded["timestamp"]]
    assert stamps == [row["timestamp"] for row in expected], (
        "Timestamps should be the export's, in time order"
    )
    weather = loaded["weather"].astype(str).tolist()
    assert weather == [row["weather"] for row in expected], (
        "Column 'weather' should hold the export's weather, row by row"
    )
    workdays = loaded["workday"].tolist()
    assert workdays == [row["workday"] for row in expected], (
        "Weekdays that are not holidays should be workdays, and no other day"
    )


def test_the_report_shows_the_exports_demand_and_docked_bikes(dataset, capsys):
    from exercises.ex01_breakpoint import report

    path = dataset / "rentals.csv"
    report.main(path)

    printed = capsys.readouterr().out.splitlines()
    as_expected = printed == _expected_report(_export_rows(path))
    assert as_expected, (
        "The report should name the busiest and quietest workday hours by mean rentals, "
        "and each station's mean docked bikes, as the export records them"
    )


def test_each_column_has_the_type_the_analyses_use(dataset):
    from pandas.api import types

    from exercises.ex01_breakpoint.loader import load_rentals

    loaded = load_rentals(dataset / "rentals.csv")
    kinds = {
        **dict.fromkeys(("station_id", "humidity", "holiday", "bikes_available", "rentals",
                         "hour"), types.is_integer_dtype),
        **dict.fromkeys(("temp_c", "wind_kmh"), types.is_float_dtype),
        "timestamp": types.is_datetime64_dtype,
        "weather": lambda dtype: isinstance(dtype, types.CategoricalDtype),
        "workday": types.is_bool_dtype,
    }
    typed = all(name in loaded and is_kind(loaded[name].dtype) for name, is_kind in kinds.items())
    assert typed, (
        "Counts, ids and flags should be integers, measurements floats, the timestamp a "
        "datetime, the weather a category and the workday flag a boolean"
    )


def test_an_export_with_another_header_spelling_loads_the_same_values(dataset, tmp_path):
    from exercises.ex01_breakpoint.loader import load_rentals

    original = dataset / "rentals.csv"
    header, *body = original.read_text(encoding="utf-8").splitlines(keepends=True)
    renamed = tmp_path / "rentals.csv"  # an older release spelled every column differently
    renamed.write_text("Time,Station,Temp C,Humidity %,Wind km/h,Conditions,Bank holiday,"
                       "Bikes docked,Rides\n" + "".join(body), encoding="utf-8")

    expected = _export_rows(original)
    loaded = load_rentals(renamed)
    same = len(loaded) == len(expected) and _numeric_columns_match(loaded, expected)
    assert same, (
        "An export whose header spells the columns another way should load the same "
        "values, column by column"
    )


@pytest.mark.parametrize("readings", [None, 1], ids=["every-reading", "one-reading"])
def test_each_column_loads_as_exported_whatever_its_values(dataset, tmp_path, readings):
    """A busy station can rent out more bikes in an hour than it holds docked: each column
    holds what the export wrote under its name, however the numbers compare."""
    header, *body = (dataset / "rentals.csv").read_text(encoding="utf-8").splitlines()
    names = header.split(",")
    docked, rides = names.index("bikes_available"), names.index("rentals")
    exchanged = []
    for line in body[:readings]:
        fields = line.split(",")
        fields[docked], fields[rides] = fields[rides], fields[docked]
        exchanged.append(",".join(fields))
    export = tmp_path / "rentals.csv"
    export.write_text("\n".join([header, *exchanged]) + "\n", encoding="utf-8")

    from exercises.ex01_breakpoint.loader import load_rentals

    expected = _export_rows(export)
    loaded = load_rentals(export)
    same = len(loaded) == len(expected) and _numeric_columns_match(loaded, expected)
    assert same, (
        "An export of a station busier than its docks, or of a single reading, should load "
        "each column's values as the export gives them"
    )
