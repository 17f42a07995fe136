"""Where the backfill reads its rows: the hourly rentals export, a chunk at a time.

The production export holds years of hourly rows per station, far more than
the scoring server's memory, so nothing here loads the whole file at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"


def with_calendar_columns(readings: pd.DataFrame) -> pd.DataFrame:
    """Add the columns the model derives from the timestamp."""
    stamps = readings["timestamp"]
    return readings.assign(hour=stamps.dt.hour, weekday=stamps.dt.day_of_week)


def read_chunks(path: Path, size: int) -> Iterator[pd.DataFrame]:
    """The export's rows in file order, ``size`` rows per chunk (the last may hold fewer)."""
    with pd.read_csv(path, parse_dates=["timestamp"], chunksize=size) as reader:
        for chunk in reader:
            yield with_calendar_columns(chunk)


def count_rows(path: Path) -> int:
    """How many data rows the export holds, counted without parsing it."""
    with Path(path).open(encoding="utf-8") as handle:
        return sum(1 for line in handle if line.strip()) - 1


def read_history(path: Path, days: int, size: int) -> pd.DataFrame:
    """The first ``days`` days of the export, to train on: small enough to hold."""
    parts = []
    first = None
    for chunk in read_chunks(path, size):
        first = chunk["timestamp"].min() if first is None else first
        parts.append(chunk[chunk["timestamp"] < first + pd.Timedelta(days=days)])
    return pd.concat(parts)
