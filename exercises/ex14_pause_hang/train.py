"""Streaming training of the hourly demand model, with early stopping.

The model learns from the training days in time order, six hours per batch,
and is scored on the held-out last days after every batch; training stops
when the validation error has not improved for ``PATIENCE`` batches. Run it
with the configuration "14 · Pause on a hang" (or
``python -m exercises.ex14_pause_hang.train``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from exercises.ex14_pause_hang.loader import Prefetcher

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
VALIDATION_DAYS = 3
BATCH_HOURS = 6
PATIENCE = 3
MIN_IMPROVEMENT = 0.01  # rentals per hour
WEATHER = ("clear", "cloudy", "rain")


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    rentals = pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])
    return rentals.sort_values(["timestamp", "station_id"], ignore_index=True)


def features(rows: pd.DataFrame) -> np.ndarray:
    """One-hot hour of day and weather, the holiday flag and the temperature in tens of °C."""
    hour = np.eye(24)[rows["timestamp"].dt.hour.to_numpy()]
    weather = np.stack([(rows["weather"] == w).to_numpy() for w in WEATHER], axis=1)
    extra = np.stack([rows["holiday"].to_numpy(), rows["temp_c"].to_numpy() / 10], axis=1)
    return np.hstack([hour, weather, extra]).astype(float)


def batches(train: pd.DataFrame) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(features, rentals) for each block of ``BATCH_HOURS`` hours, oldest first."""
    block = train["timestamp"].dt.floor(f"{BATCH_HOURS}h")
    for _, rows in train.groupby(block, sort=True):
        yield features(rows), rows["rentals"].to_numpy(dtype=float)


def fit(rentals: pd.DataFrame, patience: int = PATIENCE):
    """Train until validation stops improving; return the best model, its error and batch."""
    from sklearn.linear_model import SGDRegressor

    cutoff = rentals["timestamp"].max().normalize() - pd.Timedelta(days=VALIDATION_DAYS - 1)
    train, valid = rentals[rentals["timestamp"] < cutoff], rentals[rentals["timestamp"] >= cutoff]
    x_valid, y_valid = features(valid), valid["rentals"].to_numpy(dtype=float)
    model = SGDRegressor(learning_rate="constant", eta0=0.01, shuffle=False, random_state=0)
    best = (None, np.inf, 0)
    with Prefetcher(batches(train)) as stream:
        for number, (x, y) in enumerate(stream, start=1):
            model.partial_fit(x, y)
            error = float(np.mean(np.abs(model.predict(x_valid) - y_valid)))
            print(f"batch {number:3d}: validation MAE {error:6.2f}", flush=True)
            if error < best[1] - MIN_IMPROVEMENT:
                best = (copy.deepcopy(model), error, number)
            elif number - best[2] >= patience:
                print(f"no improvement for {patience} batches: stopping early", flush=True)
                break
    return best


def main(data_dir: Path = DATA_DIR) -> None:
    _, error, number = fit(load_rentals(data_dir))
    print(f"best model: batch {number}, validation MAE {error:.2f} rentals per hour")


if __name__ == "__main__":
    main()
