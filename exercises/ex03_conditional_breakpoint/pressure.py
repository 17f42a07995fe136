"""Dock pressure: how hard riders pull on the bikes a station still holds.

Pressure is the hour's rentals per docked bike. Raw hourly pressure jumps
around, so the rebalancing planner uses an exponentially smoothed level per
station, updated hour by hour exactly as the live planner updates it.
"""

from __future__ import annotations

import logging

import pandas as pd

logger = logging.getLogger(__name__)

SMOOTHING = 0.3  # weight of the newest hour in the smoothed level


def smoothed_pressure(rentals: pd.DataFrame, smoothing: float = SMOOTHING) -> pd.Series:
    """Smoothed rentals-per-docked-bike level for every row, per station, in time order.

    Returns a Series aligned with ``rentals.index``.
    """
    levels: dict[object, float] = {}
    keep = 1 - smoothing  # weight of the level so far
    ratio = rentals["rentals"] / rentals["bikes_available"]  # rentals per docked bike
    ordered = rentals.assign(ratio=ratio).sort_values("timestamp")
    for station_id, station in ordered.groupby("station_id", sort=True):
        level: float | None = None
        for hour in station.itertuples():
            level = hour.ratio if level is None else smoothing * hour.ratio + keep * level
            levels[hour.Index] = level
        logger.debug("station %s: final pressure %.2f", station_id, level)
    return pd.Series(levels, name="pressure", dtype=float).reindex(rentals.index)
