"""Train the demand model with early stopping and evaluate the model it ships.

Run it with the configuration "05 · Watch" (or
``python -m exercises.ex05_watch.train``). It prints the validation error of
each epoch, the best epoch, and the validation error of the model it ships.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from exercises.ex05_watch.early_stopping import EarlyStopping
from exercises.ex05_watch.features import design_matrix, split_by_time
from exercises.ex05_watch.model import LinearModel, mean_squared_error
from exercises.ex05_watch.optim import MomentumSGD, batches

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"


@dataclass(frozen=True)
class TrainingConfig:
    learning_rate: float = 0.02
    momentum: float = 0.9
    batch_size: int = 16
    max_epochs: int = 40
    patience: int = 3
    validation_days: int = 3
    seed: int = 0


def train(train_x: np.ndarray, train_y: np.ndarray, valid_x: np.ndarray, valid_y: np.ndarray,
          config: TrainingConfig = TrainingConfig()) -> tuple[LinearModel, list[float]]:
    """Fit by mini-batch SGD; return the best model on validation and each epoch's error."""
    rng = np.random.default_rng(config.seed)
    model = LinearModel.zeros(train_x.shape[1])
    optimiser = MomentumSGD(config.learning_rate, config.momentum)
    stopper = EarlyStopping(config.patience)
    history: list[float] = []
    for epoch in range(1, config.max_epochs + 1):
        for rows in batches(len(train_y), config.batch_size, rng):
            optimiser.step(model, train_x[rows], train_y[rows])
        history.append(mean_squared_error(model, valid_x, valid_y))
        if stopper.update(epoch, model, history[-1]):
            break
    return stopper.best, history


def main(path: Path = DATA_PATH, config: TrainingConfig = TrainingConfig()) -> None:
    rentals = pd.read_csv(path, parse_dates=["timestamp"])
    train_rows, valid_rows = split_by_time(rentals, config.validation_days)
    train_x, valid_x = design_matrix(train_rows, valid_rows)
    train_y = train_rows["rentals"].to_numpy()
    valid_y = valid_rows["rentals"].to_numpy()
    model, history = train(train_x, train_y, valid_x, valid_y, config)
    for epoch, loss in enumerate(history, start=1):
        print(f"epoch {epoch:>2}: validation MSE {loss:.2f}")
    best = int(np.argmin(history)) + 1
    print(f"best epoch: {best}")
    print(f"shipped model: validation MSE {mean_squared_error(model, valid_x, valid_y):.2f}")


if __name__ == "__main__":
    main()
