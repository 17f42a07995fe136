"""What the nightly job reads: the hourly feed and the operator's service calendar."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def load_readings(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The hourly readings of every station, as the feed exports them."""
    return pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])


def load_calendar(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One row per date: its day type and the rebalancing crew's shift."""
    calendar = pd.read_csv(data_dir / "service_calendar.csv", parse_dates=["date"])
    return calendar.assign(date=calendar["date"].dt.date)


def with_service_calendar(readings: pd.DataFrame, calendar: pd.DataFrame) -> pd.DataFrame:
    """Each reading with its date and that date's service calendar entry."""
    dated = readings.assign(date=readings["timestamp"].dt.date)
    return dated.merge(calendar, on="date", how="left", validate="many_to_one")


def partitions(readings: pd.DataFrame) -> list[tuple[int, object]]:
    """The station-day partitions the feed delivered, station by station, in date order."""
    keys = zip(readings["station_id"], readings["timestamp"].dt.date, strict=True)
    return sorted({(int(station), day) for station, day in keys})
