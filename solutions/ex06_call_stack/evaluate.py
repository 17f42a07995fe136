"""Weekly evaluation job for the rush-hour alert model.

The model gives, for each station and hour, the probability of a rush (at
least ``RUSH_RENTALS`` rentals), so that operations can send a rebalancing van
in time. Run it with the launch configuration "06 · Call stack" (or
``python -m exercises.ex06_call_stack.evaluate``): the Brier score looks
healthy, yet the log loss says the model is far worse than a coin flip.
Start with a breakpoint in ``log_loss()`` in ``metrics.py`` and use the Call
Stack panel to see who handed it those numbers.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from exercises.ex06_call_stack.report import evaluate_station, format_report

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
HOLDOUT_START = pd.Timestamp("2024-06-13")  # the last four days
RUSH_RENTALS = 15
WEATHER = ("clear", "cloudy", "rain")

logger = logging.getLogger(__name__)


def load_rentals(path: Path = DATA) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["timestamp"])


def split_by_time(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train on the past, hold out the most recent days: never the reverse."""
    recent = frame["timestamp"] >= HOLDOUT_START
    return frame[~recent], frame[recent]


def feature_matrix(frame: pd.DataFrame) -> np.ndarray:
    """One-hot hour, weekend, weather and station flags."""
    hour = np.eye(24)[frame["timestamp"].dt.hour]
    weekend = (frame["timestamp"].dt.day_of_week >= 5).to_numpy()[:, None]
    weather = np.stack([frame["weather"] == w for w in WEATHER], axis=1)
    station = (frame["station_id"] == 202).to_numpy()[:, None]
    return np.hstack([hour, weekend, weather, station]).astype(float)


def rush_hours(frame: pd.DataFrame) -> pd.Series:
    """The label: 1 when the hour had a rush of rentals, else 0."""
    return (frame["rentals"] >= RUSH_RENTALS).astype(int)


def fit_model(train: pd.DataFrame) -> LogisticRegression:
    model = LogisticRegression(solver="newton-cholesky")  # exact and fast on a small table
    return model.fit(feature_matrix(train), rush_hours(train))


def run_evaluation(frame: pd.DataFrame) -> dict[int, dict[str, float]]:
    """Fit on the training days and score every station on the hold-out days."""
    train, holdout = split_by_time(frame)
    model = fit_model(train)
    rush_probability = pd.Series(
        model.predict_proba(feature_matrix(holdout))[:, 1], index=holdout.index
    )
    logger.info("trained on %d hours, scoring %d", len(train), len(holdout))
    results: dict[int, dict[str, float]] = {}
    for station_id in sorted(holdout["station_id"].unique()):
        # evaluate_station() takes the probabilities first, then the outcomes;
        # passing them the other way round scored the labels against the forecast.
        results[int(station_id)] = evaluate_station(
            rush_probability, rush_hours(holdout), holdout["station_id"], station_id
        )
    return results


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    print(format_report(run_evaluation(load_rentals())))


if __name__ == "__main__":
    main()
