"""Weekly dock-pressure report for the rebalancing planner.

Run it with the configuration "03 · Conditional breakpoint" (or
``python -m exercises.ex03_conditional_breakpoint.report``). One station's
figures come out unusable. Start in ``pressure.py``: the loop in
``smoothed_pressure`` runs once per station and hour, 672 times in all, so
a plain breakpoint there is no help; give it a condition.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exercises.ex03_conditional_breakpoint.pressure import smoothed_pressure

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"


def load_rentals(path: Path = DATA_PATH) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["timestamp"])


def main(path: Path = DATA_PATH) -> None:
    rentals = load_rentals(path)
    rentals["pressure"] = smoothed_pressure(rentals)
    summary = rentals.groupby("station_id")["pressure"].agg(["mean", "max", "last"])
    print("Smoothed dock pressure (rentals per docked bike)")
    print(summary.round(2).to_string())
    busiest = summary["mean"].idxmax()
    print(f"Send the first van to station {busiest}.")


if __name__ == "__main__":
    main()
