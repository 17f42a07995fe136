"""Rentals per free bike, by station: the chapter's pdb example.

From the repository root: python -m pdb docs/snippets/utilisation.py
"""

import pandas as pd


def rentals_per_free_bike(rows: pd.DataFrame) -> pd.Series:
    """Rentals divided by the bikes left in the dock, hour by hour."""
    return rows["rentals"] / rows["bikes_available"]


def main() -> None:
    rentals = pd.read_csv("data/rentals.csv", parse_dates=["timestamp"])
    ratio = rentals_per_free_bike(rentals)
    summary = ratio.groupby(rentals["station_id"]).mean()
    print(summary.round(2))


if __name__ == "__main__":
    main()
