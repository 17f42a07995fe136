"""Read the docking system's hourly export into a time-zone-aware table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exercises.ex02_stepping.clock import localize

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M"


def load_rentals(path: Path = DATA_PATH) -> pd.DataFrame:
    """One row per station and hour, in station then time order, with aware timestamps."""
    frame = pd.read_csv(path)
    naive = pd.to_datetime(frame["timestamp"], format=TIMESTAMP_FORMAT)
    frame["timestamp"] = localize(naive)
    return frame.sort_values(["station_id", "timestamp"], ignore_index=True)
