"""The nightly job: retrain on everything before the day, then forecast the day's hours."""

from __future__ import annotations

import pandas as pd

from exercises.ex16_state_across_calls.config import FEATURES, TARGET
from exercises.ex16_state_across_calls.registry import ModelRegistry, registry


def retrain(table: pd.DataFrame, day: pd.Timestamp, models: ModelRegistry = registry) -> None:
    """Fit a fresh model on every hour before ``day`` and publish it."""
    history = table[table["timestamp"] < day]
    model = models.new_model()
    model.fit(history[FEATURES], history[TARGET])
    models.publish(model, history["timestamp"].max())


def forecast_day(table: pd.DataFrame, day: pd.Timestamp,
                 models: ModelRegistry = registry) -> pd.DataFrame:
    """Retrain as the job does the night before ``day``; the forecast for each station and
    hour of ``day`` that the table holds, next to the rentals that happened."""
    retrain(table, day, models)
    hours = table[(table["timestamp"] >= day) & (table["timestamp"] < day + pd.Timedelta(days=1))]
    forecast = models.current.predict(hours[FEATURES]).clip(min=0)
    return pd.DataFrame({
        "timestamp": hours["timestamp"].to_numpy(),
        "station_id": hours["station_id"].to_numpy(),
        "forecast": forecast,
        "rentals": hours[TARGET].to_numpy(),
    })
