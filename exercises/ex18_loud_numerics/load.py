"""The hourly rentals export, one row per station and hour, with the kind of day."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"


def load_hours(path: Path = DATA) -> pd.DataFrame:
    """Date, station, hour of day, work day or day off, and rentals of each hour."""
    rentals = pd.read_csv(path, parse_dates=["timestamp"])
    stamp = rentals["timestamp"]
    return pd.DataFrame({
        "date": stamp.dt.normalize(),
        "station_id": rentals["station_id"],
        "hour": stamp.dt.hour,
        "day_off": (stamp.dt.day_of_week >= 5) | (rentals["holiday"] == 1),
        "rentals": rentals["rentals"],
    })


def split_last_day(hours: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The last date's hours, and the earlier days of the same kind as it."""
    last = hours["date"] == hours["date"].max()
    same_kind = hours["day_off"] == hours.loc[last, "day_off"].any()
    return hours[~last & same_kind], hours[last]
