"""The linear demand model and its error measure."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class LinearModel:
    """Rentals predicted as ``features @ weights + bias``."""

    weights: np.ndarray
    bias: float

    @classmethod
    def zeros(cls, n_features: int) -> LinearModel:
        return cls(weights=np.zeros(n_features), bias=0.0)

    def predict(self, features: np.ndarray) -> np.ndarray:
        return features @ self.weights + self.bias


def mean_squared_error(model: LinearModel, features: np.ndarray, target: np.ndarray) -> float:
    return float(np.mean((model.predict(features) - target) ** 2))
