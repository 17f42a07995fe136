"""Which days a backtest keeps away from the model, and the rows of each side."""

from __future__ import annotations

import numpy as np
import pandas as pd


def holdout_days(daily: pd.DataFrame, count: int,
                 rng: np.random.Generator) -> list[pd.Timestamp]:
    """``count`` held-out days picked at random, in calendar order."""
    picked = rng.choice(daily["day"].to_numpy(), size=count, replace=False)
    return sorted(pd.Timestamp(day) for day in picked)


def split_by_day(rentals: pd.DataFrame,
                 held_out: list[pd.Timestamp]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The hours the model may learn from, and the hours of the held-out days."""
    on_held_out_day = rentals["timestamp"].dt.normalize().isin(held_out)
    return rentals[~on_held_out_day], rentals[on_held_out_day]
