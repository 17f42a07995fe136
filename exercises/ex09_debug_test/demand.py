"""Daily demand per station and van shift, and the vans it takes to rebalance it."""

from __future__ import annotations

import math

import pandas as pd

BIKES_PER_VAN_SHIFT = 40  # one van moves about this many bikes in one shift


def shift_demand(with_shifts: pd.DataFrame) -> pd.DataFrame:
    """Mean rentals per day for each station and shift (index: station_id, shift)."""
    days = with_shifts["timestamp"].dt.normalize().nunique()
    totals = with_shifts.groupby(["station_id", "shift"])["rentals"].sum()
    return (totals / days).rename("rentals_per_day").to_frame()


def vans_needed(rentals_per_day: float) -> int:
    """Vans to send for one shift: enough to move half the bikes rented in it."""
    return math.ceil(rentals_per_day / 2 / BIKES_PER_VAN_SHIFT)


def station_plan(demand: pd.DataFrame) -> pd.DataFrame:
    """Per station: rentals per day, vans per day over its shifts, and its busiest shift."""
    per_shift = demand.assign(vans=demand["rentals_per_day"].map(vans_needed))
    grouped = per_shift.reset_index().groupby("station_id")
    return pd.DataFrame({
        "rentals_per_day": grouped["rentals_per_day"].sum(),
        "vans_per_day": grouped["vans"].sum(),
        "busiest_shift": grouped.apply(
            lambda rows: rows.loc[rows["rentals_per_day"].idxmax(), "shift"], include_groups=False
        ),
    })
