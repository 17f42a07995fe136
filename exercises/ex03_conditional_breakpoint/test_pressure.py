"""Check: the smoothed pressure stays a usable number for every station and hour."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"


def _reference_levels(rides: list[int], bikes: list[int], smoothing: float) -> list[float]:
    """The documented update, for hours that all have bikes docked."""
    levels: list[float] = []
    for ride, bike in zip(rides, bikes, strict=True):
        ratio = ride / bike
        levels.append(ratio if not levels else smoothing * ratio + (1 - smoothing) * levels[-1])
    return levels


def _hours(station_id: int, rides: list[int], bikes: list[int]) -> pd.DataFrame:
    return pd.DataFrame({
        "timestamp": pd.date_range("2024-09-02", periods=len(rides), freq="h"),
        "station_id": station_id,
        "rentals": rides,
        "bikes_available": bikes,
    })


def test_every_hour_of_the_week_has_a_usable_pressure():
    from exercises.ex03_conditional_breakpoint.pressure import smoothed_pressure

    rentals = pd.read_csv(DATA_PATH, parse_dates=["timestamp"])
    pressure = smoothed_pressure(rentals)

    assert pressure.index.equals(rentals.index), "There should be one pressure per input row"
    unusable = int((~np.isfinite(pressure.to_numpy())).sum())
    assert unusable == 0, (
        f"Every hour should have a finite pressure; {unusable} of {len(rentals)} do not"
    )
    assert (pressure <= rentals["rentals"].max()).all(), (
        "A pressure should never exceed the largest number of rentals in an hour"
    )


def test_an_empty_dock_in_any_hour_does_not_break_the_level():
    from exercises.ex03_conditional_breakpoint.pressure import smoothed_pressure

    rentals = pd.concat([
        _hours(7, rides=[4, 9, 12, 3, 2], bikes=[10, 5, 0, 6, 8]),
        _hours(8, rides=[1, 2, 3, 4, 5], bikes=[0, 4, 4, 4, 4]),
    ], ignore_index=True)
    pressure = smoothed_pressure(rentals)

    assert np.isfinite(pressure.to_numpy()).all(), (
        "An hour with no bikes docked, at any station and time, should still leave every "
        f"smoothed level finite; got {pressure.round(2).tolist()}"
    )
    assert (pressure <= rentals["rentals"].max()).all(), (
        f"Levels should stay within the range of hourly rentals; got {pressure.tolist()}"
    )


def test_hours_with_bikes_docked_follow_the_definition():
    from exercises.ex03_conditional_breakpoint.pressure import smoothed_pressure

    rides, bikes = [4, 9, 12, 3, 2, 7], [10, 5, 4, 6, 8, 2]
    rentals = pd.concat([_hours(3, rides, bikes), _hours(4, bikes, rides)], ignore_index=True)
    pressure = smoothed_pressure(rentals, smoothing=0.3)

    expected = _reference_levels(rides, bikes, 0.3) + _reference_levels(bikes, rides, 0.3)
    assert pressure.tolist() == pytest.approx(expected), (
        "When every hour has bikes docked, the level should be the smoothed rentals per "
        "docked bike, per station and in time order"
    )
