"""Mini-batch stochastic gradient descent for a linear demand model.

The production trainer streams batches from the feature store and never holds
the whole table in memory, which is why the model is fitted by SGD and not by
a closed-form solver.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SGDConfig:
    learning_rate: float = 0.1
    decay: float = 0.8  # the learning rate is multiplied by this after every epoch
    epochs: int = 25
    batch_size: int = 32
    seed: int = 0


@dataclass
class LinearModel:
    weights: np.ndarray
    bias: float

    def predict(self, features: np.ndarray) -> np.ndarray:
        return features @ self.weights + self.bias


def mean_squared_error(model: LinearModel, features: np.ndarray, target: np.ndarray) -> float:
    return float(np.mean((model.predict(features) - target) ** 2))


def train_linear_sgd(features: np.ndarray, target: np.ndarray,
                     config: SGDConfig = SGDConfig()) -> tuple[LinearModel, list[float]]:
    """Fit ``target ~ features`` by mini-batch SGD on the squared error.

    Each epoch visits every row once, in a fresh random order; the learning
    rate starts at ``config.learning_rate`` and decays once per epoch. Returns
    the model and the training loss (MSE) after each epoch.
    """
    rng = np.random.default_rng(config.seed)
    model = LinearModel(weights=np.zeros(features.shape[1]), bias=0.0)
    lr = config.learning_rate
    losses: list[float] = []
    for epoch in range(1, config.epochs + 1):
        order = rng.permutation(len(target))
        for start in range(0, len(order), config.batch_size):
            batch = order[start:start + config.batch_size]
            error = model.predict(features[batch]) - target[batch]
            model.weights -= lr * features[batch].T @ error / len(batch)
            model.bias -= lr * float(error.mean())
            lr *= config.decay
        losses.append(mean_squared_error(model, features, target))
        logger.debug("epoch %d: training MSE %.2f", epoch, losses[-1])
    return model, losses
