"""Load the hourly rentals export into a typed, analysis-ready DataFrame."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

logger = logging.getLogger(__name__)

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"

# The export's header spelling has changed between releases of the docking
# system, so the job names the columns itself, in the export's column order.
SCHEMA: dict[str, str] = {
    "timestamp": "string",
    "station_id": "int64",
    "temp_c": "float64",
    "humidity": "int64",
    "wind_kmh": "float64",
    "weather": "category",
    "holiday": "int64",
    "bikes_available": "int64",  # the export's order: before rentals (names go by position)
    "rentals": "int64",
}
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M"


def read_export(path: Path) -> pd.DataFrame:
    """Read the raw export with our own column names and dtypes."""
    return pd.read_csv(path, header=0, names=list(SCHEMA), dtype=SCHEMA)


def add_calendar_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Parse the timestamp and derive the calendar columns the reports group by."""
    timestamp = pd.to_datetime(frame["timestamp"], format=TIMESTAMP_FORMAT)
    return frame.assign(
        timestamp=timestamp,
        hour=timestamp.dt.hour,
        workday=(timestamp.dt.day_of_week < 5) & (frame["holiday"] == 0),
    )


def load_rentals(path: Path = DATA_PATH) -> pd.DataFrame:
    """The rentals table: one row per station and hour, sorted by time."""
    frame = add_calendar_columns(read_export(path))
    frame = frame.sort_values(["timestamp", "station_id"], ignore_index=True)
    logger.info("loaded %d rows from %s", len(frame), path.name)
    return frame
