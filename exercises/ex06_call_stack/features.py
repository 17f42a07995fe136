"""Model inputs: what the station sensors report and where the hour falls in the week.

The feature sets are versioned with the model registry: a model is always
refitted and served with the feature set it was registered with.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

FEATURE_SETS = {
    "v2": {"sensors": ["temp_c", "humidity", "wind_kmh"], "calendar": ["hour", "day_kind"]},
    "v3": {
        "sensors": ["temp_c", "humidity", "wind_kmh", "bikes_available"],
        "calendar": ["hour", "day_kind"],
    },
}
CURRENT = "v3"


@dataclass(frozen=True)
class FeatureSet:
    """The columns a model reads and how they are prepared before the regression."""

    version: str
    sensors: tuple[str, ...]
    calendar: tuple[str, ...]
    prepare: ColumnTransformer

    @property
    def columns(self) -> list[str]:
        return [*self.sensors, *self.calendar]


@cache
def feature_set(version: str = CURRENT) -> FeatureSet:
    """The registered feature set ``version``: sensor readings on one scale, calendar one-hot."""
    spec = FEATURE_SETS[version]
    sensors, calendar = tuple(spec["sensors"]), tuple(spec["calendar"])
    prepare = ColumnTransformer(
        [
            ("sensors", StandardScaler(), list(sensors)),
            ("calendar", OneHotEncoder(handle_unknown="ignore", sparse_output=False),
             list(calendar)),
        ]
    )
    return FeatureSet(version, sensors, calendar, prepare)


def with_calendar(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the hour of the day and the kind of day (a work day, or a weekend or holiday)."""
    stamps = frame["timestamp"].dt
    off = (stamps.day_of_week >= 5) | (frame["holiday"] == 1)
    return frame.assign(hour=stamps.hour, day_kind=off.map({True: "off", False: "work"}))
