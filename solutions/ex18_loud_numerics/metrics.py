"""Forecast-quality metrics for the weekly model monitor.

Rentals are counts with long quiet stretches and sharp peaks, so the monitor
scores forecasts on a log scale: a forecast of 3 for an hour of 1 ride costs
about as much as 30 for 10, instead of the peaks drowning everything else.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def log_errors(actual: ArrayLike, predicted: ArrayLike) -> np.ndarray:
    """Per-hour error on the log scale; a negative forecast counts as zero rides."""
    actual = np.asarray(actual, dtype=float)
    predicted = np.clip(np.asarray(predicted, dtype=float), 0.0, None)
    # np.log(0) is -inf: every hour without rides was silently dropped by rmsle()'s mask.
    # RMSLE is defined on log(1 + x), which log1p computes exactly, 0 included.
    return np.log1p(predicted) - np.log1p(actual)


def rmsle(actual: ArrayLike, predicted: ArrayLike) -> float:
    """Root mean squared log error over the hours that have a reading."""
    errors = log_errors(actual, predicted)
    scored = np.isfinite(errors)  # an hour without a reading (NaN) cannot be scored
    return float(np.sqrt(np.mean(errors[scored] ** 2)))
