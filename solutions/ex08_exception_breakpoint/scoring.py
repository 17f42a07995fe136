"""Hourly demand model: the features, the training, and a fault-tolerant scorer.

Training and serving share ``feature_vector()`` so the model sees requests
exactly as it saw its training rows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sklearn.linear_model import Ridge

WEATHER_EFFECTS = ("cloudy", "rain")  # "clear" is the baseline

logger = logging.getLogger(__name__)


def feature_vector(record: Mapping[str, object], stations: Sequence[int]) -> np.ndarray:
    """Encode one station-hour: hour of a work day or a day off, weather, station, temperature.

    ``stations`` are the stations the model was trained on; another station
    gets no station effect.
    """
    # Training rows read "2024-06-03 00:00", the app sends ISO 8601 "2024-06-17T07:00:00";
    # the fixed strptime format rejected every request, so each got the fallback.
    when = datetime.fromisoformat(str(record["timestamp"]))
    slot = when.hour + (24 if when.weekday() >= 5 else 0)
    vector = np.zeros(48 + len(WEATHER_EFFECTS) + len(stations) + 1)
    vector[slot] = 1.0
    for offset, weather in enumerate(WEATHER_EFFECTS, start=48):
        vector[offset] = record["weather"] == weather
    station = int(record["station_id"])
    if station in stations:
        vector[48 + len(WEATHER_EFFECTS) + stations.index(station)] = 1.0
    vector[-1] = float(record["temp_c"])
    return vector


@dataclass
class DemandModel:
    regressor: Ridge
    stations: tuple[int, ...]
    fallback: dict[int, float]  # each station's average rentals per hour

    @classmethod
    def fit(cls, records: list[dict[str, object]]) -> DemandModel:
        station_ids = np.array([int(r["station_id"]) for r in records])
        stations = tuple(int(s) for s in np.unique(station_ids))
        features = np.stack([feature_vector(r, stations) for r in records])
        rentals = np.array([float(r["rentals"]) for r in records])
        fallback = {s: float(rentals[station_ids == s].mean()) for s in stations}
        return cls(Ridge(alpha=1.0).fit(features, rentals), stations, fallback)

    def predict_one(self, request: Mapping[str, object]) -> float:
        """Predicted rentals for one request; a malformed request gets the station average.

        A scoring service must answer every request, so one bad payload
        degrades to a sensible default instead of failing the whole batch.
        """
        try:
            features = feature_vector(request, self.stations)
        except (KeyError, ValueError, TypeError) as error:
            # A fallback is a degraded answer: log it where operators look, not at DEBUG.
            logger.warning("request %s is malformed (%r), serving its station's average",
                           request.get("request_id"), error)
            return self.fallback[int(request["station_id"])]
        return max(0.0, float(self.regressor.predict(features[None, :])[0]))

    def predict_batch(self, requests: Iterable[Mapping[str, object]]) -> list[float]:
        return [self.predict_one(request) for request in requests]
