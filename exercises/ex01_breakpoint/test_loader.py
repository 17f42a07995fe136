"""Check: every column of the loaded table holds the values of the export's column of that name."""

import csv
from pathlib import Path

import pytest

NUMERIC_COLUMNS = ("station_id", "temp_c", "humidity", "wind_kmh", "holiday",
                   "bikes_available", "rentals")


def _export_columns(path: Path) -> dict[str, list[float]]:
    """The export read by its own header, independently of the code under test."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {name: [float(row[name]) for row in rows] for name in NUMERIC_COLUMNS}


def _write_small_export(path: Path) -> None:
    path.write_text(
        "timestamp,station_id,temp_c,humidity,wind_kmh,weather,holiday,bikes_available,rentals\n"
        "2024-07-01 08:00,7,21.5,40,9.0,clear,0,3,31\n"
        "2024-07-01 09:00,7,22.0,42,8.5,cloudy,0,11,17\n"
        "2024-07-06 14:00,7,25.1,38,4.2,rain,0,19,5\n",
        encoding="utf-8",
    )


def test_loaded_columns_match_the_export():
    from exercises.ex01_breakpoint.loader import DATA_PATH, load_rentals

    expected = _export_columns(DATA_PATH)
    loaded = load_rentals(DATA_PATH).sort_values(["station_id", "timestamp"])
    for name in NUMERIC_COLUMNS:
        assert loaded[name].astype(float).tolist() == pytest.approx(expected[name]), (
            f"Column '{name}' of the loaded table should hold the values of the export's "
            f"'{name}' column (first rows: export {expected[name][:3]}, "
            f"loaded {loaded[name].tolist()[:3]})"
        )


def test_any_export_loads_with_its_values(tmp_path):
    from exercises.ex01_breakpoint.loader import load_rentals

    path = tmp_path / "export.csv"
    _write_small_export(path)
    loaded = load_rentals(path)

    assert loaded["rentals"].tolist() == [31, 17, 5], (
        "Rentals of a small export should come back as written in its 'rentals' column"
    )
    assert loaded["bikes_available"].tolist() == [3, 11, 19], (
        "Docked bikes of a small export should come back as written in its "
        "'bikes_available' column"
    )
    assert loaded["workday"].tolist() == [True, True, False], (
        "Monday rows are workdays and Saturday rows are not"
    )
