"""Read the docking system's hourly export into typed readings, one per station and hour."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

import pandas as pd

logger = logging.getLogger(__name__)

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M"


class Reading(NamedTuple):
    """One station-hour of the export: when, where, how many rides began, how warm it was."""

    timestamp: pd.Timestamp
    station_id: int
    rentals: int
    temp_c: float


# The export carries more columns than the digest needs: read only these, with
# the dtypes pandas infers for them.
COLUMNS = list(Reading._fields)


def read_export(path: Path) -> pd.DataFrame:
    """The columns the digest uses, with timestamps parsed, in station then time order."""
    frame = pd.read_csv(path, usecols=COLUMNS)
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], format=TIMESTAMP_FORMAT)
    return frame.sort_values(["station_id", "timestamp"], ignore_index=True)


def load_readings(path: Path = DATA_PATH) -> list[Reading]:
    """Every station-hour of the export as a ``Reading``."""
    frame = read_export(path)
    readings = [Reading(*row) for row in frame.itertuples(index=False, name=None)]
    logger.info("read %d station-hours from %s", len(readings), path.name)
    return readings
