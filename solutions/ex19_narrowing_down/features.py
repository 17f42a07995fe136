"""Features of the hourly demand model, shared by training and serving.

One row of features per station-hour: the hour of a work day or of a day off
(commute peaks only happen on work days), the weather, the station, and the
sensor readings.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SENSORS = ["temp_c", "humidity", "wind_kmh"]
WEATHER_EFFECTS = ["cloudy", "rain"]  # "clear" is the baseline
TEMP_RANGE_C = (-30.0, 45.0)  # outside it, the reading is a sensor glitch


def load_rentals(path: Path) -> pd.DataFrame:
    """The rentals table; station ids stay text, they are codes rather than numbers."""
    # dtype=str read every column as text: holiday held the text "1", day_off()'s `== 1`
    # never matched it and every holiday was a work day. Only the station ids are codes.
    return pd.read_csv(path, parse_dates=["timestamp"], dtype={"station_id": str})


def day_off(rentals: pd.DataFrame) -> pd.Series:
    """True on weekends and public holidays, when there is no commute."""
    return (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)


def hour_of_day_type(rentals: pd.DataFrame) -> pd.DataFrame:
    """One column per hour of a work day and per hour of a day off."""
    hour = rentals["timestamp"].dt.hour
    off = day_off(rentals)
    columns = {}
    for h in range(24):
        columns[f"work_h{h:02d}"] = (hour == h) & ~off
        columns[f"off_h{h:02d}"] = (hour == h) & off
    return pd.DataFrame(columns, index=rentals.index).astype(float)


def feels_like(rentals: pd.DataFrame) -> pd.Series:
    """Wind chill lowers how warm a ride feels; only below 10 °C."""
    temp = rentals["temp_c"].clip(*TEMP_RANGE_C)
    # 0.1 °C colder per km/h of wind: a rough fit of the wind-chill table
    chill = 0.1 * rentals["wind_kmh"] * (temp < 10)
    return temp - chill


def build_features(rentals: pd.DataFrame) -> pd.DataFrame:
    """The model's input, one row per row of ``rentals``, in the same order."""
    weather = {
        f"weather_{name}": (rentals["weather"].str.lower() == name).astype(float)
        for name in WEATHER_EFFECTS
    }
    sensors = rentals[SENSORS].assign(temp_c=rentals["temp_c"].clip(*TEMP_RANGE_C))
    stations = pd.get_dummies(rentals["station_id"], prefix="station", dtype=float)
    return pd.concat(
        [hour_of_day_type(rentals), pd.DataFrame(weather), stations, sensors,
         feels_like(rentals).rename("feels_like_c")],
        axis=1,
    ).astype(np.float64)
