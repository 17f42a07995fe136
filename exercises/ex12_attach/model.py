"""The demand model: a station's typical hours, scaled for the weather."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from exercises.ex12_attach.history import (
    CONDITIONS,
    DATA_DIR,
    last_days,
    load_rentals,
    load_stations,
)
from exercises.ex12_attach.profiles import StationProfiles

RECENT_DAYS = 7
HORIZON = 3  # the app shows the requested hour and the two after it


@dataclass(frozen=True)
class WeatherFactors:
    """How many riders each kind of weather brings, relative to a typical hour."""

    factors: dict[str, float]

    @classmethod
    def fit(cls, recent: pd.DataFrame, typical: pd.Series) -> WeatherFactors:
        """Rentals over typical rentals in the hours of each weather (1.0 if never seen)."""
        ridden = recent.groupby("weather")["rentals"].sum()
        expected = typical.groupby(recent["weather"]).sum()
        ratio = (ridden / expected).reindex(CONDITIONS).fillna(1.0)
        return cls({weather: float(value) for weather, value in ratio.items()})

    def __getitem__(self, weather: str) -> float:
        return self.factors[weather]


@dataclass(frozen=True)
class DemandModel:
    profiles: StationProfiles
    weather: WeatherFactors

    def forecast(self, station_id: int, hour: int, weather: str) -> np.ndarray:
        """Rentals expected at ``hour`` and the next hours of the same day."""
        rentals = np.asarray(self.profiles.ahead(station_id, hour, HORIZON), dtype=float)
        rentals *= self.weather[weather]
        return rentals


def train_model(data_dir: Path = DATA_DIR) -> DemandModel:
    """Learn the typical hours and the weather factors from the last days of history."""
    recent = last_days(load_rentals(data_dir), RECENT_DAYS)
    profiles = StationProfiles.fit(recent, load_stations(data_dir))
    typical = recent.groupby(["station_id", "hour"])["rentals"].transform("mean")
    return DemandModel(profiles, WeatherFactors.fit(recent, typical))
