"""Inputs of the van plan: the hourly rentals of every station and the van roster."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One row per station-hour, with the hour of the day the roster is matched on."""
    rentals = pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"],
                          usecols=["timestamp", "station_id", "rentals"])
    return rentals.assign(hour=rentals["timestamp"].dt.hour)


def load_roster(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The operations roster: each van shift's name, start and end time of day, depot."""
    return pd.read_csv(Path(data_dir) / "shifts.csv", dtype=str)


def station_names(data_dir: Path = DATA_DIR) -> dict[int, str]:
    stations = pd.read_csv(Path(data_dir) / "stations.csv")
    return dict(zip(stations["station_id"].astype(int), stations["name"]))
