"""One demand model per station: registered feature set, then a ridge regression."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline

from exercises.ex06_call_stack.features import CURRENT, FeatureSet, feature_set

ALPHA = 1.0

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StationModel:
    """A station's own demand model; it knows which station it was fitted for."""

    station_id: int
    features: FeatureSet
    pipeline: Pipeline

    def forecast(self, rows: pd.DataFrame) -> np.ndarray:
        """Rentals expected in each of ``rows``' hours; rentals are never negative."""
        predicted = self.pipeline.predict(rows[self.features.columns])
        return np.clip(predicted, 0.0, None)


def fit_station_model(station_id: int, rows: pd.DataFrame, version: str = CURRENT) -> StationModel:
    features = feature_set(version)
    # The feature set is cached and shared: its transformer is a template, so each
    # station's pipeline gets its own unfitted copy instead of refitting the shared one.
    pipeline = Pipeline([("prepare", clone(features.prepare)), ("regress", Ridge(alpha=ALPHA))])
    pipeline.fit(rows[features.columns], rows["rentals"])
    return StationModel(station_id, features, pipeline)


def fit_models(train: pd.DataFrame) -> dict[int, StationModel]:
    """Fit every station's model on its own training hours."""
    models: dict[int, StationModel] = {}
    for station_id, rows in train.groupby("station_id"):
        models[int(station_id)] = fit_station_model(int(station_id), rows)
        logger.info("station %s: model fitted on %d hours", station_id, len(rows))
    return models
