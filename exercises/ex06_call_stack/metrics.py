"""Metrics for hourly rental forecasts, in scikit-learn's order: truth first."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def mean_absolute_error(actual: ArrayLike, predicted: ArrayLike) -> float:
    """Rentals per hour the forecast misses by, on average."""
    return float(np.mean(np.abs(np.asarray(predicted) - np.asarray(actual))))


def bias(actual: ArrayLike, predicted: ArrayLike) -> float:
    """Mean signed error: above zero, the forecast sends more bikes than riders take."""
    errors = np.asarray(predicted, dtype=float) - np.asarray(actual, dtype=float)
    return float(errors.mean())


def score(actual: ArrayLike, predicted: ArrayLike) -> dict[str, float]:
    """Every metric the weekly model report shows."""
    return {"mae": mean_absolute_error(actual, predicted), "bias": bias(actual, predicted)}
