"""Train the hourly demand model on calendar and weather features.

Run it with the configuration "02 · Stepping" (or
``python -m exercises.ex02_stepping.train``). The model trains and scores, but
the coverage line it prints does not add up. Start here: put a breakpoint on
the line of ``main`` that calls ``build_features``, then step over it and into
it to see where the rows lose their part of the day.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error

from exercises.ex02_stepping.features import build_features

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
VALIDATION_START = pd.Timestamp("2024-06-13")


def load_rentals(path: Path = DATA_PATH) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["timestamp"])


def report_coverage(features: pd.DataFrame) -> None:
    """Log how many rows each part of the day holds: every row belongs to exactly one."""
    parts = features.filter(like="part_").sum().astype(int)
    for name, rows in parts.items():
        print(f"  {name.removeprefix('part_'):<13} {rows:>4} rows")
    print(f"  {parts.sum()} of {len(features)} rows have a part of the day")


def main() -> None:
    rentals = load_rentals()
    features = build_features(rentals)
    report_coverage(features)
    train = (rentals["timestamp"] < VALIDATION_START).to_numpy()
    model = Ridge(alpha=1.0).fit(features[train], rentals["rentals"][train])
    predicted = model.predict(features[~train])
    error = mean_absolute_error(rentals["rentals"][~train], predicted)
    print(f"Validation MAE: {error:.2f} rentals per hour")


if __name__ == "__main__":
    main()
