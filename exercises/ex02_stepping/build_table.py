"""Materialise the demand model's feature table before it goes to the feature store.

Run it with the configuration "02 · Stepping" (or
``python -m exercises.ex02_stepping.build_table``). The table builds without a
warning, but the coverage check it prints does not add up. Start here: put a
breakpoint on the line of ``main`` that calls ``build_features``, then step
over it and into it to see where the rows lose their part of the day.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exercises.ex02_stepping.features import build_features

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"


def load_rentals(path: Path = DATA_PATH) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["timestamp"])


def report_coverage(features: pd.DataFrame) -> None:
    """Print how many rows each part of the day holds: every row belongs to exactly one."""
    parts = features.filter(like="part_").sum().astype(int)
    for name, rows in parts.items():
        print(f"  {name.removeprefix('part_'):<13} {rows:>4} rows")
    print(f"  {parts.sum()} of {len(features)} rows have a part of the day")


def main(path: Path = DATA_PATH) -> None:
    rentals = load_rentals(path)
    features = build_features(rentals)
    print(f"Feature table: {features.shape[0]} rows x {features.shape[1]} columns")
    report_coverage(features)


if __name__ == "__main__":
    main()
