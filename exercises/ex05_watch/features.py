"""Features of the demand model and the time-based validation split."""

from __future__ import annotations

import numpy as np
import pandas as pd


def split_by_time(rentals: pd.DataFrame, validation_days: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train on everything before the last ``validation_days`` days, validate on those days."""
    cutoff = rentals["timestamp"].max().normalize() - pd.Timedelta(days=validation_days - 1)
    later = rentals["timestamp"] >= cutoff
    return rentals[~later], rentals[later]


def _raw_features(rentals: pd.DataFrame, stations: list[int]) -> pd.DataFrame:
    stamp = rentals["timestamp"]
    angle = 2 * np.pi * stamp.dt.hour / 24
    columns = {
        "temp_c": rentals["temp_c"],
        "humidity": rentals["humidity"],
        "rain": rentals["weather"] == "rain",
        "off_day": (stamp.dt.day_of_week >= 5) | (rentals["holiday"] == 1),
        "hour_sin": np.sin(angle),
        "hour_cos": np.cos(angle),
        "hour_sin2": np.sin(2 * angle),
        "hour_cos2": np.cos(2 * angle),
    }
    columns |= {f"station_{s}": rentals["station_id"] == s for s in stations[1:]}
    return pd.DataFrame(columns).astype(float)


def design_matrix(train: pd.DataFrame, valid: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Both sets' features, standardised with the training set's mean and spread."""
    stations = sorted(train["station_id"].unique())
    train_x, valid_x = _raw_features(train, stations), _raw_features(valid, stations)
    mean, spread = train_x.mean(), train_x.std()
    return ((train_x - mean) / spread).to_numpy(), ((valid_x - mean) / spread).to_numpy()
