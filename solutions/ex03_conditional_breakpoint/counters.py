"""Turn the controllers' running counts into bikes released per station and hour."""

from __future__ import annotations

import pandas as pd


def hourly_releases(counters: pd.DataFrame) -> pd.DataFrame:
    """Bikes each station's locks released in each hour.

    Returns ``timestamp``, ``station_id`` and ``released`` (int), one row per
    station and hour that follows an earlier reading of the same station.
    """
    ordered = counters.sort_values(["station_id", "timestamp"])
    released = ordered.groupby("station_id")["releases_total"].diff()
    restarted = released < 0  # a controller that restarts counts again from zero
    released = released.mask(restarted, ordered["releases_total"])
    hours = ordered.assign(released=released).dropna()
    return hours[["timestamp", "station_id", "released"]].astype({"released": "int64"})


def releases_by_hour(rentals: pd.DataFrame, counters: pd.DataFrame) -> pd.DataFrame:
    """The booking system's rentals beside the locks' releases, station by station and hour."""
    releases = hourly_releases(counters)
    return rentals.merge(releases)
