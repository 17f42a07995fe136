"""The demand model the backfill scores with."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression

FEATURES = ["hour", "weekday", "temp_c", "humidity", "wind_kmh", "holiday"]


def train_model(history: pd.DataFrame) -> LinearRegression:
    """Fit hourly rentals on the features."""
    return LinearRegression().fit(history[FEATURES], history["rentals"])


def predict_rentals(model: LinearRegression, chunk: pd.DataFrame) -> np.ndarray:
    """Forecast rentals for each row of ``chunk``, in its order: never below zero."""
    return model.predict(chunk[FEATURES]).clip(min=0)
