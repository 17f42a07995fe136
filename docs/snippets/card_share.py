"""Share of taxi trips paid by card, per zone: the chapter's pdb example.

From the repository root: python -m pdb docs/snippets/card_share.py
"""

import pandas as pd

TRIPS = pd.DataFrame({
    "zone": ["north", "north", "south", "south", "south", "east"],
    "payment": ["card", "cash", "card", "card", "cash", "card"],
    "fare": [12.5, 8.0, 23.0, 17.5, 9.5, 31.0],
})


def card_share(trips: pd.DataFrame) -> pd.Series:
    """Fraction of the trips paid by card, for each zone."""
    by_card = trips["payment"] == "Card"
    return by_card.groupby(trips["zone"]).mean()


def main() -> None:
    print(card_share(TRIPS).round(2))


if __name__ == "__main__":
    main()
