"""Each station's training rows: features and hourly rentals, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
WEATHER = ("clear", "cloudy", "rain")


@dataclass(frozen=True)
class StationData:
    station_id: int
    x: np.ndarray  # one row of features per hour
    y: np.ndarray  # rentals in that hour


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    return pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])


def features(rows: pd.DataFrame) -> np.ndarray:
    """One-hot hour of day and weather, the holiday flag and the temperature in tens of °C."""
    hour = np.eye(24)[rows["timestamp"].dt.hour.to_numpy()]
    weather = np.stack([(rows["weather"] == w).to_numpy() for w in WEATHER], axis=1)
    extra = np.stack([rows["holiday"].to_numpy(), rows["temp_c"].to_numpy() / 10], axis=1)
    return np.hstack([hour, weather, extra]).astype(float)


def by_station(rentals: pd.DataFrame) -> list[StationData]:
    """One training set per station, its hours in time order, stations by id."""
    ordered = rentals.sort_values(["station_id", "timestamp"], ignore_index=True)
    return [
        StationData(int(station_id), features(rows), rows["rentals"].to_numpy(dtype=float))
        for station_id, rows in ordered.groupby("station_id", sort=True)
    ]
