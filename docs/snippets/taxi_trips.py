"""The taxi-trip frame behind the chapter's 'Inspecting data' console session.

From the repository root: python docs/snippets/taxi_trips.py
prints the answers shown in the chapter.
"""

import numpy as np
import pandas as pd


def make_trips(n: int = 1000, seed: int = 11) -> pd.DataFrame:
    """Trips as an export delivers them, with the faults a real export has."""
    rng = np.random.default_rng(seed)
    distance = rng.gamma(2.0, 2.5, size=n).round(1)
    distance[rng.choice(n, size=12, replace=False)] = np.nan  # GPS lost
    distance[[40, 41]] = [-1.0, 412.0]  # a sentinel and a runaway odometer
    fare = (2.5 + 1.8 * np.nan_to_num(distance, nan=3.0)).clip(2.5, 188.0).round(1)
    tip = np.where(rng.random(n) < 0.6, (fare * 0.1).round(1).astype(str), "none")
    return pd.DataFrame({
        "pickup_at": pd.date_range("2025-03-01", periods=n, freq="17min"),
        "zone": rng.choice(["north", "south", "east", "west"], size=n),
        "distance_km": distance,
        "fare": fare,
        "tip": pd.Series(tip, dtype=object),
    })


if __name__ == "__main__":
    trips = make_trips()
    print(trips.shape)
    print(trips.dtypes)
    print(trips.isna().sum().loc[lambda s: s > 0])
    print(trips[["distance_km", "fare"]].describe().loc[["min", "max"]])
