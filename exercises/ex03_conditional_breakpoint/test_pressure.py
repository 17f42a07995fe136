"""Check: every station-hour gets a finite smoothed pressure; an empty dock counts as pressure."""

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

SMOOTHING = 0.3


def _hours_by_station(rentals: pd.DataFrame) -> dict[int, list[tuple[object, int, int]]]:
    """(row label, rides, docked bikes) of each station, in time order."""
    ordered = rentals.sort_values("timestamp", kind="stable")
    return {
        int(station): [(label, int(rides), int(bikes)) for label, rides, bikes in
                       zip(hours.index, hours["rentals"], hours["bikes_available"], strict=True)]
        for station, hours in ordered.groupby("station_id")
    }


def _floor_levels(hours: list[tuple[object, int, int]], smoothing: float) -> list[float]:
    """The smoothed level if an empty dock counted as a single bike left: the least
    pressure an empty dock can honestly add (fewer bikes never means less pressure)."""
    levels: list[float] = []
    for _, rides, bikes in hours:
        ratio = rides / max(bikes, 1)
        levels.append(ratio if not levels else smoothing * ratio + (1 - smoothing) * levels[-1])
    return levels


def _follows_the_smoothing(pressure: pd.Series, rentals: pd.DataFrame, smoothing: float) -> bool:
    """Every hour with bikes docked updates the station's level by the documented rule;
    an empty hour raises it at least as much as one bike left would."""
    ceiling = rentals["rentals"].max()
    for hours in _hours_by_station(rentals).values():
        previous = None
        for label, rides, bikes in hours:
            level = pressure[label]
            ratio = rides / max(bikes, 1)
            expected = ratio if previous is None else smoothing * ratio + (1 - smoothing) * previous
            if not math.isfinite(level) or level > ceiling + 1e-9:
                return False
            if bikes and level != pytest.approx(expected):
                return False
            if not bikes and level < expected - 1e-9:
                return False
            previous = level
    return True


def _read(path: Path) -> pd.DataFrame:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return pd.DataFrame({
        "timestamp": pd.to_datetime([row["timestamp"] for row in rows]),
        "station_id": [int(row["station_id"]) for row in rows],
        "rentals": [int(row["rentals"]) for row in rows],
        "bikes_available": [int(row["bikes_available"]) for row in rows],
    })


def test_every_station_hour_gets_a_usable_smoothed_pressure(dataset):
    from exercises.ex03_conditional_breakpoint.pressure import smoothed_pressure

    rentals = _read(dataset / "rentals.csv").sample(frac=1, random_state=3)  # any row order
    pressure = smoothed_pressure(rentals, smoothing=SMOOTHING)

    assert pressure.index.equals(rentals.index), "There should be one pressure per input row"
    usable = _follows_the_smoothing(pressure, rentals, SMOOTHING)
    assert usable, (
        "Each station's pressure should be finite every hour, follow the smoothed rentals per "
        "docked bike in time order, count an empty dock as at least as much pressure as one "
        "bike left, and stay within the range of hourly rentals"
    )


def test_an_empty_dock_at_any_station_and_hour_keeps_the_levels_usable():
    from exercises.ex03_conditional_breakpoint.pressure import smoothed_pressure

    stamps = pd.date_range("2024-11-05 06:00", periods=6, freq="h")
    rentals = pd.concat([
        pd.DataFrame({"timestamp": stamps, "station_id": 7,
                      "rentals": [4, 9, 12, 3, 2, 5], "bikes_available": [10, 5, 0, 6, 8, 0]}),
        pd.DataFrame({"timestamp": stamps, "station_id": 8,
                      "rentals": [6, 2, 3, 4, 5, 1], "bikes_available": [0, 4, 4, 0, 4, 4]}),
    ], ignore_index=True)
    pressure = smoothed_pressure(rentals, smoothing=0.5)

    usable = _follows_the_smoothing(pressure, rentals, 0.5)
    assert usable, (
        "An empty dock at any station, first hour or later, should leave every level finite "
        "and count as at least as much pressure as one bike left"
    )


def test_the_pressure_series_is_ready_to_join_even_without_rows():
    from exercises.ex03_conditional_breakpoint.pressure import smoothed_pressure

    stamps = pd.date_range("2024-11-05 06:00", periods=3, freq="h")
    rentals = pd.DataFrame({"timestamp": stamps, "station_id": 7, "rentals": [4, 9, 12],
                            "bikes_available": [10, 5, 6]})
    joined = rentals.join(smoothed_pressure(rentals))
    none = smoothed_pressure(rentals.iloc[:0])
    ready = ("pressure" in joined and none.empty and none.name == "pressure"
             and pd.api.types.is_float_dtype(none.dtype))
    assert ready, (
        "The pressure should come as a float Series named 'pressure', ready to join the "
        "rentals table, also for a table without rows"
    )


def test_the_report_ranks_stations_by_finite_pressure(dataset, capsys):
    from exercises.ex03_conditional_breakpoint import report

    report.main(dataset / "rentals.csv")
    lines = capsys.readouterr().out.splitlines()

    rentals = _read(dataset / "rentals.csv")
    printed = {int(line.split()[0]): [float(v) for v in line.split()[1:]]
               for line in lines if line.split() and line.split()[0].isdigit()}
    usable = set(printed) == set(rentals["station_id"])
    for station, hours in _hours_by_station(rentals).items():
        floor = pd.Series(_floor_levels(hours, SMOOTHING))
        expected = [floor.mean(), floor.max(), floor.iloc[-1]]
        values = printed.get(station, [math.inf] * 3)
        empty = any(bikes == 0 for _, _, bikes in hours)
        for got, least in zip(values, expected, strict=True):
            usable &= math.isfinite(got) and (
                got >= round(least, 2) - 0.011 if empty else got == pytest.approx(least, abs=0.006)
            )
    usable &= all(abs(got * 100 - round(got * 100)) < 1e-6
                  for values in printed.values() for got in values if math.isfinite(got))
    busiest = max(printed, key=lambda station: printed[station][0]) if printed else None
    usable &= lines[-1] == f"Send the first van to station {busiest}."
    assert usable, (
        "The report should give every station a finite mean, maximum and latest pressure, "
        "to two decimals, and send the first van to the station with the highest mean"
    )
