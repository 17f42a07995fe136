"""The demand profile: each station's usual rentals per hour, on work days and days off."""

from __future__ import annotations

import numpy as np
import pandas as pd

KEYS = ["station_id", "hour", "day_off"]


def _calendar(rentals: pd.DataFrame) -> pd.DataFrame:
    stamp = rentals["timestamp"]
    day_off = (stamp.dt.day_of_week >= 5) | (rentals["holiday"] == 1)
    return pd.DataFrame({"station_id": rentals["station_id"], "hour": stamp.dt.hour,
                         "day_off": day_off})


def fit_profile(train: pd.DataFrame) -> pd.Series:
    """Mean rentals per station, hour of day and kind of day over the training hours."""
    return train["rentals"].groupby([_calendar(train)[key] for key in KEYS]).mean()


def forecast(profile: pd.Series, hours: pd.DataFrame) -> np.ndarray:
    """The profile's value for each row of ``hours``, in row order."""
    keys = pd.MultiIndex.from_frame(_calendar(hours)[KEYS])
    return profile.reindex(keys).to_numpy()
