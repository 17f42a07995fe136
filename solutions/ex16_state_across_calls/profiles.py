"""Hourly demand profiles: the feature the day-ahead forecast is built on.

A station's profile is its mean rentals for each hour of the day over the
week before the day to forecast. Building one scans the whole rentals table,
and the forecaster asks for every station on every day, so a profile is kept
in memory once it is built.
"""

from __future__ import annotations

import pandas as pd

WINDOW = pd.Timedelta(days=7)

# Profiles built so far in this process, by (station, day), with the table they came from.
_profiles: dict = {}


def _build_profile(rentals: pd.DataFrame, station_id: int, day: pd.Timestamp) -> pd.Series:
    start = day - WINDOW
    in_window = (
        (rentals["station_id"] == station_id)
        & (rentals["timestamp"] >= start)
        & (rentals["timestamp"] < day)
    )
    week = rentals[in_window]
    return week.groupby(week["timestamp"].dt.hour)["rentals"].mean()


def hourly_profile(rentals: pd.DataFrame, station_id: int, day: pd.Timestamp) -> pd.Series:
    """Mean rentals per hour of day (0 to 23) at ``station_id`` over the week before ``day``."""
    # Keyed by the station alone, a profile built for one day was served for every
    # later day and for every other table: it depends on the day and the table too.
    key = (station_id, day)
    cached = _profiles.get(key)
    if cached is None or cached[0] is not rentals:
        _profiles[key] = (rentals, _build_profile(rentals, station_id, day))
    return _profiles[key][1]
