"""Train the linear demand model with SGD and compare it with the best possible fit.

Run it with the configuration "05 · Watch" (or
``python -m exercises.ex05_watch.train``). The training loss stops improving
long before it reaches the least-squares optimum printed below it. Start in
``sgd.py``: put a breakpoint on the first line of the epoch loop of
``train_linear_sgd`` and add the values that should change from one epoch to
the next to the Watch panel.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from exercises.ex05_watch.sgd import LinearModel, SGDConfig, mean_squared_error, train_linear_sgd

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"


def design_matrix(rentals: pd.DataFrame) -> np.ndarray:
    """Standardised weather, calendar and station features: SGD needs comparable scales."""
    hour = rentals["timestamp"].dt.hour
    stations = pd.get_dummies(rentals["station_id"], prefix="station", drop_first=True)
    columns = pd.DataFrame({
        "temp_c": rentals["temp_c"],
        "humidity": rentals["humidity"],
        "rain": (rentals["weather"] == "rain").astype(float),
        "off_day": ((rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)),
        "hour_sin": np.sin(2 * np.pi * hour / 24),
        "hour_cos": np.cos(2 * np.pi * hour / 24),
    }).join(stations).astype(float)
    return ((columns - columns.mean()) / columns.std()).to_numpy()


def least_squares(features: np.ndarray, target: np.ndarray) -> LinearModel:
    """The exact minimiser of the squared error, as a yardstick for SGD."""
    with_bias = np.column_stack([features, np.ones(len(features))])
    solution, *_ = np.linalg.lstsq(with_bias, target, rcond=None)
    return LinearModel(weights=solution[:-1], bias=float(solution[-1]))


def main(path: Path = DATA_PATH) -> None:
    rentals = pd.read_csv(path, parse_dates=["timestamp"])
    features, target = design_matrix(rentals), rentals["rentals"].to_numpy(dtype=float)
    _, losses = train_linear_sgd(features, target, SGDConfig())
    for epoch in (1, 2, 5, 10, len(losses)):
        print(f"epoch {epoch:>2}: training MSE {losses[epoch - 1]:.2f}")
    best = mean_squared_error(least_squares(features, target), features, target)
    print(f"least-squares optimum: training MSE {best:.2f}")


if __name__ == "__main__":
    main()
