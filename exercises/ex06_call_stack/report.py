"""Per-station scoring for the weekly model report."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression

from exercises.ex06_call_stack.metrics import score


@dataclass(frozen=True)
class StationModel:
    """A station's own demand model; it knows which station it was fitted for."""

    station_id: int
    regressor: LinearRegression

    def predict(self, features: np.ndarray) -> np.ndarray:
        return self.regressor.predict(features)


def evaluate_station(model: StationModel, rows: pd.DataFrame,
                     features: np.ndarray) -> dict[str, float]:
    """Score one station's hold-out hours; rentals are never negative."""
    predicted = np.clip(model.predict(features), 0.0, None)
    return score(rows["rentals"].to_numpy(dtype=float), predicted)


def format_report(results: dict[int, dict[str, float]]) -> str:
    lines = [f"{'station':>8} {'MAE':>6} {'bias':>6}"]
    for station_id, metrics in sorted(results.items()):
        lines.append(f"{station_id:>8} {metrics['mae']:>6.2f} {metrics['bias']:>+6.2f}")
    return "\n".join(lines)
