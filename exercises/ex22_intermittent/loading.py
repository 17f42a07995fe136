"""The hourly rentals export, and the same rentals summed per calendar day."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One row per station and hour, as the export writes it."""
    return pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])


def daily_totals(rentals: pd.DataFrame) -> pd.DataFrame:
    """The daily rentals table (columns station_id, day, rentals)."""
    day = rentals["timestamp"].dt.normalize().rename("day")
    totals = rentals.groupby(["station_id", day])["rentals"].sum()
    return totals.reset_index()
