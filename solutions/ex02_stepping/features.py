"""Calendar features for the hourly demand model."""

from __future__ import annotations

import pandas as pd

# Parts of the day the operations team plans around, as [start, end) hours:
# night 00-05, morning_peak 06-09, midday 10-15, evening_peak 16-19, late 20-23.
DAY_PART_EDGES = [0, 6, 10, 16, 20, 24]
DAY_PARTS = ["night", "morning_peak", "midday", "evening_peak", "late"]


def day_part(hours: pd.Series) -> pd.Series:
    """Name the part of the day each hour (0-23) falls in."""
    # pd.cut's default (start, end] bins dropped hour 0 and shifted every edge hour.
    return pd.cut(hours, bins=DAY_PART_EDGES, labels=DAY_PARTS, right=False)


def add_calendar_features(rentals: pd.DataFrame) -> pd.DataFrame:
    """Add hour, weekend/holiday flag and part of the day from the timestamp."""
    timestamp = rentals["timestamp"]
    hours = timestamp.dt.hour
    off_day = (timestamp.dt.day_of_week >= 5) | (rentals["holiday"] == 1)
    return rentals.assign(hour=hours, off_day=off_day, day_part=day_part(hours))


def build_features(rentals: pd.DataFrame) -> pd.DataFrame:
    """The model's input table: weather, calendar and one column per part of the day."""
    calendar = add_calendar_features(rentals)
    day_parts = pd.get_dummies(calendar["day_part"], prefix="part", dtype=float)
    weather = pd.get_dummies(calendar["weather"], prefix="weather", dtype=float)
    numeric = calendar[["temp_c", "humidity", "wind_kmh", "off_day"]].astype(float)
    return pd.concat([numeric, day_parts, weather], axis=1)
