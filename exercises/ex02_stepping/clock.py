"""Time-zone handling shared by the pipeline: the docking system's clock and the feature store's."""

from __future__ import annotations

import pandas as pd

CITY_TZ = "Europe/Amsterdam"  # where the stations are, and the clock their export is written in


def localize(naive: pd.Series) -> pd.Series:
    """Attach the city's zone to the export's naive timestamps."""
    return naive.dt.tz_localize(CITY_TZ)


def to_utc(stamps: pd.Series) -> pd.Series:
    """The same instants in UTC, as the feature store keys its rows."""
    return stamps.dt.tz_convert("UTC")


def wall_clock(stamps: pd.Series, zone: str | None = None) -> pd.Series:
    """Naive timestamps showing the clock time of each instant, for calendar columns."""
    return stamps.dt.tz_convert(zone).dt.tz_localize(None)
