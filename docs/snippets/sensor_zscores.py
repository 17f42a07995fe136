"""A nightly job that dies on its last check: the chapter's post-mortem example.

From the repository root: python -m pdb -c continue docs/snippets/sensor_zscores.py
"""

import numpy as np


def load_temperatures() -> np.ndarray:
    """Two days of hourly readings from one sensor (°C)."""
    readings = np.random.default_rng(3).normal(21.0, 2.0, size=48)
    readings[30] = -999.0  # what the sensor firmware writes when a reading fails
    return readings


def zscores(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / values.std()


def check(scores: np.ndarray) -> None:
    worst = np.abs(scores).max()
    if worst > 6:
        raise ValueError(f"z-score out of range: {worst:.1f}")


def main() -> None:
    temperatures = load_temperatures()
    scores = zscores(temperatures)
    check(scores)
    print("published", len(scores), "scores")


if __name__ == "__main__":
    main()
