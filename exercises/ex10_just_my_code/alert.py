"""Plan tomorrow's rebalancing van from today's busy hours.

The job learns each station's busy-hour threshold from the past, flags the busy
hours of the last day and books one van visit per busy hour. Start in
``peaks.py``: put a breakpoint in ``busy_threshold`` and step *into* the
library call that computes the threshold (this needs ``justMyCode: false``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from exercises.ex10_just_my_code.peaks import busy_thresholds, flag_busy_hours

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"

logger = logging.getLogger("alert")


def split_last_day(rentals: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Past hours and the hours of the last calendar day in the table."""
    last_day = rentals["timestamp"].dt.normalize().max()
    is_last_day = rentals["timestamp"] >= last_day
    return rentals[~is_last_day], rentals[is_last_day]


def plan_visits(rentals: pd.DataFrame) -> pd.DataFrame:
    """Busy hours of the last day, one row per van visit to book."""
    history, today = split_last_day(rentals)
    thresholds = busy_thresholds(history)
    for station_id, threshold in thresholds.items():
        logger.info("station %s: busy above %.1f rentals/hour", station_id, threshold)
    return flag_busy_hours(today, thresholds)


def main(path: Path = DATA) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    rentals = pd.read_csv(path, parse_dates=["timestamp"])
    visits = plan_visits(rentals)
    per_station = visits.groupby("station_id").size()
    logger.info("van visits booked for tomorrow: %d", len(visits))
    for station_id, count in per_station.items():
        logger.info("  station %s: %d of 24 hours flagged busy", station_id, count)


if __name__ == "__main__":
    main()
