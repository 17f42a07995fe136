"""The demand model's feature table: calendar, weather and the target, keyed for the store."""

from __future__ import annotations

import pandas as pd

from exercises.ex02_stepping.clock import to_utc, wall_clock

WEATHER = ("clear", "cloudy", "rain")
MEASUREMENTS = ["temp_c", "humidity", "wind_kmh"]
COMMUTE_HOURS = frozenset({7, 8, 9, 16, 17, 18, 19})


def calendar_features(stamps: pd.Series, holiday: pd.Series) -> pd.DataFrame:
    """Hour, day of the week, off-day and commute flags, as riders' calendars show them."""
    local = wall_clock(stamps)
    hour = local.dt.hour
    day_of_week = local.dt.day_of_week
    off_day = (day_of_week >= 5) | (holiday == 1)
    commute = ~off_day & hour.isin(COMMUTE_HOURS)
    return pd.DataFrame(
        {"hour": hour, "day_of_week": day_of_week, "off_day": off_day, "commute": commute}
    )


def weather_features(weather: pd.Series) -> pd.DataFrame:
    """One 0/1 column per kind of weather, the same columns whatever the data holds."""
    kinds = pd.Categorical(weather, categories=WEATHER)
    return pd.get_dummies(kinds, prefix="weather", dtype=float).set_axis(weather.index)


def build_features(rentals: pd.DataFrame) -> pd.DataFrame:
    """One row per station-hour: its keys, features and target, in the rentals' row order."""
    keys = pd.DataFrame(
        {"station_id": rentals["station_id"], "event_time": to_utc(rentals["timestamp"])}
    )
    return pd.concat(
        [
            keys,
            calendar_features(rentals["timestamp"], rentals["holiday"]),
            rentals[MEASUREMENTS].astype(float),
            weather_features(rentals["weather"]),
            rentals["rentals"],
        ],
        axis=1,
    )
