"""Hourly rentals as day-by-day tables, one column per station and hour of the day."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
SATURDAY = 5


def load_hours(path: Path = DATA) -> pd.DataFrame:
    """One row per station and hour: its date, hour of day, kind of day and rentals."""
    rentals = pd.read_csv(path, parse_dates=["timestamp"])
    stamp = rentals["timestamp"]
    return pd.DataFrame({
        "date": stamp.dt.normalize(),
        "station_id": rentals["station_id"],
        "hour": stamp.dt.hour,
        "day_off": (stamp.dt.day_of_week >= SATURDAY) | (rentals["holiday"] == 1),
        "rentals": rentals["rentals"].astype(float),
    })


def is_day_off(hours: pd.DataFrame, date: pd.Timestamp) -> bool:
    """Whether ``date`` is a weekend day or, when the table holds it, a holiday."""
    recorded = hours.loc[hours["date"] == date, "day_off"]
    return bool(recorded.any()) if len(recorded) else date.day_of_week >= SATURDAY


def days_like(hours: pd.DataFrame, date: pd.Timestamp) -> pd.DataFrame:
    """The days before ``date`` of the same kind (work day or day off), oldest first.

    One row per date, one column per (station_id, hour).
    """
    same_kind = hours["day_off"] == is_day_off(hours, date)
    past = hours[(hours["date"] < date) & same_kind]
    table = past.pivot(index="date", columns=["station_id", "hour"], values="rentals")
    return table.sort_index()
