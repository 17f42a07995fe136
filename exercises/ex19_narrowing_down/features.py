"""The model's input, one row per station-hour: the calendar, the weather and the readings."""

from __future__ import annotations

import pandas as pd

from . import settings


def is_day_off(rentals: pd.DataFrame) -> pd.Series:
    """Weekends and public holidays (holiday = 1), when nobody rides to work."""
    weekend = rentals["timestamp"].dt.day_of_week >= 5
    return weekend | rentals["holiday"].astype(bool)


def commute_profile(rentals: pd.DataFrame) -> pd.DataFrame:
    """One column per station, day type and hour of the day: each station's daily rhythm."""
    day_type = is_day_off(rentals).map({True: "off", False: "work"})
    hour = rentals["timestamp"].dt.strftime("%H")
    return pd.get_dummies(rentals["station_id"] + "_" + day_type + "_" + hour, prefix="at")


def feels_like(rentals: pd.DataFrame) -> pd.Series:
    """The temperature a rider feels: wind makes the cold colder."""
    chill = settings.WIND_CHILL_PER_KMH * rentals["wind_kmh"]
    cold = rentals["temp_c"] < settings.WIND_CHILL_BELOW_C
    return (rentals["temp_c"] - chill.where(cold, 0.0)).rename("feels_like_c")


def build_features(rentals: pd.DataFrame) -> pd.DataFrame:
    """The keys and labels as loaded, then the calendar and the readings, row for row."""
    return pd.concat(
        [rentals[[*settings.KEYS, "weather"]], commute_profile(rentals),
         rentals[settings.SENSORS], feels_like(rentals)],
        axis=1,
    )
