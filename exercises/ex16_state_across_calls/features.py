"""From the rentals feed to the table the demand model learns from."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exercises.ex16_state_across_calls.config import DATA_DIR, FEATURES, TARGET


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    return pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])


def feature_table(rentals: pd.DataFrame) -> pd.DataFrame:
    """One row per station and hour: the timestamp, the model's features and the rentals."""
    stamp = rentals["timestamp"]
    table = pd.DataFrame({
        "timestamp": stamp,
        "station_id": rentals["station_id"].astype(int),
        "hour": stamp.dt.hour,
        "off_day": ((stamp.dt.day_of_week >= 5) | (rentals["holiday"] == 1)).astype(int),
        "temp_c": rentals["temp_c"].astype(float),
        "rain": (rentals["weather"] == "rain").astype(int),
        TARGET: rentals[TARGET],
    })
    return table[["timestamp", *FEATURES, TARGET]]
