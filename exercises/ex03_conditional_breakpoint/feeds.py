"""Read the three exports the lock audit needs from one data folder.

``rentals.csv`` comes from the booking system (one row per station and hour),
``stations.csv`` from the asset register, and ``lock_counters.csv`` from the
dock controllers: each hour, every station reports ``releases_total``, the
running count of bikes its locks have released, starting with a reading for
the hour before the first booking hour.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def load_rentals(folder: Path = DATA_DIR) -> pd.DataFrame:
    rentals = pd.read_csv(folder / "rentals.csv", parse_dates=["timestamp"])
    return rentals[["timestamp", "station_id", "rentals"]]


def load_stations(folder: Path = DATA_DIR) -> pd.Series:
    """Station names by station id."""
    stations = pd.read_csv(folder / "stations.csv")
    return stations.set_index("station_id")["name"]


def load_lock_counters(folder: Path = DATA_DIR) -> pd.DataFrame:
    counters = pd.read_csv(folder / "lock_counters.csv", parse_dates=["timestamp"])
    missing = {"timestamp", "station_id", "releases_total"} - set(counters.columns)
    if missing:
        raise ValueError(f"lock_counters.csv lacks {sorted(missing)}")
    return counters
