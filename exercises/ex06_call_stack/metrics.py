"""Metrics for probability forecasts, in scikit-learn's order: truth first."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

# Keeps log() finite when a model is certain: a standard guard in log loss.
EPSILON = 1e-15


def brier_score(y_true: ArrayLike, y_prob: ArrayLike) -> float:
    """Mean squared gap between the predicted probability and what happened."""
    y_true = np.asarray(y_true, dtype=float)
    y_prob = np.asarray(y_prob, dtype=float)
    return float(np.mean((y_prob - y_true) ** 2))


def log_loss(y_true: ArrayLike, y_prob: ArrayLike) -> float:
    """Binary cross-entropy: how surprised the model is by the real outcomes.

    A model that always answers 0.5 scores about 0.69; lower is better.
    """
    y_true = np.asarray(y_true, dtype=float)
    y_prob = np.clip(np.asarray(y_prob, dtype=float), EPSILON, 1 - EPSILON)
    losses = y_true * np.log(y_prob) + (1 - y_true) * np.log(1 - y_prob)
    return float(-losses.mean())


def score(y_true: ArrayLike, y_prob: ArrayLike) -> dict[str, float]:
    """Every metric the weekly model report shows."""
    return {"brier": brier_score(y_true, y_prob), "log_loss": log_loss(y_true, y_prob)}
