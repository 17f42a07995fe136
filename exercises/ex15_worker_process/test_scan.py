"""Check: the scan scores every hour against its own station's baseline, however it runs."""

import os

import numpy as np
import pandas as pd
import pytest


def _rentals(folder) -> pd.DataFrame:
    return pd.read_csv(folder / "rentals.csv", parse_dates=["timestamp"])


def _expected(rentals: pd.DataFrame, days: int = 4) -> pd.DataFrame:
    """z = (rentals - mean) / std of the same station and hour of day before the scanned days."""
    start = rentals["timestamp"].max().normalize() - pd.Timedelta(days=days - 1)
    history = rentals[rentals["timestamp"] < start]
    usual = history.groupby(["station_id", history["timestamp"].dt.hour])["rentals"].agg(
        ["mean", "std"])
    recent = rentals[rentals["timestamp"] >= start]
    keys = pd.MultiIndex.from_arrays([recent["station_id"], recent["timestamp"].dt.hour])
    mean, std = usual["mean"].reindex(keys).to_numpy(), usual["std"].reindex(keys).to_numpy()
    expected = recent[["timestamp", "station_id", "rentals"]].assign(
        z=(recent["rentals"].to_numpy() - mean) / std)
    return expected.sort_values(["station_id", "timestamp"], ignore_index=True)


def _assert_scores(result: pd.DataFrame, expected: pd.DataFrame, what: str) -> None:
    got = result.sort_values(["station_id", "timestamp"], ignore_index=True)
    assert len(got) == len(expected), f"{what}: one row per station and scanned hour"
    assert got["timestamp"].tolist() == expected["timestamp"].tolist(), what
    assert got["station_id"].tolist() == expected["station_id"].tolist(), what
    assert got["z"].to_numpy() == pytest.approx(expected["z"].to_numpy()), (
        f"{what}: each hour's score should measure its rentals against the mean and spread "
        "of the same station and hour of day before the scanned days")
    flagged = np.abs(expected["z"].to_numpy()) > 3.0
    assert got["flagged"].tolist() == flagged.tolist(), (
        f"{what}: an hour is flagged when it is more than three spreads from its usual level")


@pytest.fixture
def no_fork(monkeypatch):
    """Run as on Windows, which has no fork()."""

    def refuse(*args, **kwargs):
        raise OSError("this check runs the scan without fork(), as on Windows")

    monkeypatch.setattr(os, "fork", refuse)


def test_every_hour_is_scored_against_its_own_baseline(dataset, no_fork):
    from exercises.ex15_worker_process import scan

    rentals = _rentals(dataset)
    _assert_scores(scan.scan(scan.load_rentals(dataset)), _expected(rentals),
                   "the scan of the last four days")


def test_a_scan_of_other_data_learns_its_own_baseline(no_fork):
    from exercises.ex15_worker_process.scan import scan

    # Three other stations, ten days, in another month, with their own levels.
    hours = pd.date_range("2025-03-01", periods=240, freq="h")
    random = np.random.default_rng(11)
    tables = [
        pd.DataFrame({"timestamp": hours, "station_id": station,
                      "rentals": random.poisson(level + 6 * (hours.hour == 8), len(hours))})
        for station, level in ((7, 3.0), (8, 20.0), (9, 45.0))
    ]
    rentals = pd.concat(tables, ignore_index=True)
    _assert_scores(scan(rentals, days=3), _expected(rentals, days=3), "a scan of another table")
