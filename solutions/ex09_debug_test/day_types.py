"""Work days versus days off: the hourly demand profile staffing is planned from.

Riders commute on work days (peaks around 8:00 and 18:00) and ride for
leisure on weekends and public holidays (one broad afternoon peak), so the
operations team plans vans from two separate hourly profiles.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
WORK_DAY, DAY_OFF = "work day", "day off"
WEEKEND_DAYS = (5, 6)  # pandas numbers Monday 0, so Saturday is 5 and Sunday 6

logger = logging.getLogger(__name__)


def load_rentals(path: Path = DATA) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["timestamp"])


def day_type(frame: pd.DataFrame) -> pd.Series:
    """``"day off"`` on weekends and public holidays, ``"work day"`` otherwise."""
    weekend = frame["timestamp"].dt.day_of_week.isin(WEEKEND_DAYS)
    day_off = weekend | frame["holiday"].astype(bool)
    return day_off.map({True: DAY_OFF, False: WORK_DAY}).rename("day_type")


def hourly_profile(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean rentals per hour of the day (rows) for each day type (columns)."""
    profile = (
        frame.assign(day_type=day_type(frame), hour=frame["timestamp"].dt.hour)
        .groupby(["hour", "day_type"])["rentals"]
        .mean()
        .unstack("day_type")
    )
    logger.info("profile built from %d station-hours", len(frame))
    return profile[[WORK_DAY, DAY_OFF]]


def main(path: Path = DATA) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    print(hourly_profile(load_rentals(path)).round(1).to_string())


if __name__ == "__main__":
    main()
