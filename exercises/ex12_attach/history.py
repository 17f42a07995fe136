"""The rental history the model server learns from when it starts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
CONDITIONS = ("clear", "cloudy", "rain")


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Every hourly record of ``rentals.csv``, with its hour of the day."""
    rentals = pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])
    return rentals.assign(hour=rentals["timestamp"].dt.hour)


def load_stations(data_dir: Path = DATA_DIR) -> list[int]:
    """The stations the app lists, in the order of ``stations.csv``."""
    return [int(s) for s in pd.read_csv(Path(data_dir) / "stations.csv")["station_id"]]


def last_days(rentals: pd.DataFrame, days: int) -> pd.DataFrame:
    """The records of the last ``days`` days on the clock before the newest record."""
    start = rentals["timestamp"].max() - pd.Timedelta(days=days)
    return rentals[rentals["timestamp"] > start]


def yesterday(rentals: pd.DataFrame) -> pd.DataFrame:
    """Each station's records of the newest calendar day in the history, hour by hour."""
    day = rentals["timestamp"].dt.normalize()
    latest = rentals[day == day.max()]
    return latest.sort_values(["station_id", "timestamp"], ignore_index=True)
