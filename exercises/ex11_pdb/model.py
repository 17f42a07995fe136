"""The demand model the backfill scores with."""

from __future__ import annotations

import pandas as pd
from sklearn.linear_model import Ridge

FEATURES = ["hour", "weekday", "temp_c", "humidity", "wind_kmh", "holiday"]


def train_model(history: pd.DataFrame) -> Ridge:
    """Fit hourly rentals on the features, with a little shrinkage."""
    return Ridge(alpha=1.0).fit(history[FEATURES], history["rentals"])


def predict_rentals(model: Ridge, chunk: pd.DataFrame) -> pd.Series:
    """Forecast rentals for each row of ``chunk``: never below zero."""
    forecast = model.predict(chunk[FEATURES]).clip(min=0)
    return pd.Series(forecast, index=chunk.index, name="predicted_rentals")
