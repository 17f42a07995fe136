"""Share of rainy hours per station: the chapter's pdb example.

From the repository root: python -m pdb docs/snippets/rainy_share.py
"""

import pandas as pd


def rainy_share(rentals: pd.DataFrame) -> pd.Series:
    """Fraction of the hours with rain, for each station."""
    rainy = rentals["weather"] == "Rain"
    return rainy.groupby(rentals["station_id"]).mean()


def main() -> None:
    rentals = pd.read_csv("data/rentals.csv", parse_dates=["timestamp"])
    print(rainy_share(rentals).round(2))


if __name__ == "__main__":
    main()
