"""Materialise the demand model's feature table before it goes to the feature store.

Run it with the configuration "02 · Stepping" (or
``python -m exercises.ex02_stepping.build_table``). Before the table is
written, the job prints a profile of it that the planners check against what
they know of the city's riders. Start here: put a breakpoint on the line of
``main`` that calls ``build_features``, step over it, then into it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exercises.ex02_stepping.features import build_features
from exercises.ex02_stepping.loader import DATA_PATH, load_rentals


def busiest_hour(features: pd.DataFrame) -> tuple[int, float]:
    """The hour of the day with the most rentals per station on average, and that mean."""
    profile = features.groupby("hour")["rentals"].mean()
    return int(profile.idxmax()), float(profile.max())


def print_profile(features: pd.DataFrame) -> None:
    workdays, off_days = features[~features["off_day"]], features[features["off_day"]]
    for label, rows in (("workday", workdays), ("off-day", off_days)):
        hour, rentals = busiest_hour(rows)
        print(f"Busiest {label} hour: {hour:02d}:00 ({rentals:.1f} rentals per station)")
    share = workdays.loc[workdays["commute"], "rentals"].sum() / workdays["rentals"].sum()
    print(f"Commute hours hold {share:.0%} of workday rentals")


def main(path: Path = DATA_PATH) -> None:
    rentals = load_rentals(path)
    features = build_features(rentals)
    print(f"Feature table: {features.shape[0]} rows x {features.shape[1]} columns")
    print_profile(features)


if __name__ == "__main__":
    main()
