"""Mini-batch SGD with momentum, as the streaming trainer runs it.

The trainer never holds the whole table, so the model is fitted batch by batch
and not by a closed-form solver.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from exercises.ex05_watch.model import LinearModel


def batches(n_rows: int, batch_size: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Row numbers of each mini-batch of one epoch, in a fresh random order."""
    order = rng.permutation(n_rows)
    for start in range(0, n_rows, batch_size):
        yield order[start:start + batch_size]


@dataclass
class MomentumSGD:
    """Gradient steps on the squared error with heavy-ball momentum."""

    learning_rate: float
    momentum: float
    velocity: np.ndarray | None = None
    bias_velocity: float = 0.0

    def step(self, model: LinearModel, features: np.ndarray, target: np.ndarray) -> None:
        error = model.predict(features) - target
        gradient = features.T @ error / len(target)
        if self.velocity is None:
            self.velocity = np.zeros_like(gradient)
        self.velocity = self.momentum * self.velocity + gradient
        self.bias_velocity = self.momentum * self.bias_velocity + float(error.mean())
        model.weights -= self.learning_rate * self.velocity
        model.bias -= self.learning_rate * self.bias_velocity
