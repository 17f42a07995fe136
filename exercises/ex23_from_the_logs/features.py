"""Daily features of each station, for the rebalancing model.

One row per station and date: how many hourly readings the day has, its rides,
the docks the station had that day, rides per dock, and the busiest hour's
share of docks holding no bike (the peak occupancy).
"""

from __future__ import annotations

import pandas as pd

COLUMNS = ["date", "station_id", "hours", "rides", "docks", "rides_per_dock", "peak_occupancy"]


def station_days(enriched: pd.DataFrame) -> pd.DataFrame:
    """Features of every station-day in ``enriched`` (readings with their station's docks)."""
    occupancy = 1 - enriched["bikes_available"] / enriched["capacity"]
    frame = enriched.assign(date=enriched["timestamp"].dt.date, occupancy=occupancy)
    days = frame.groupby(["date", "station_id"], as_index=False).agg(
        hours=("timestamp", "size"),
        rides=("rentals", "sum"),
        docks=("capacity", "max"),
        peak_occupancy=("occupancy", "max"),
    )
    days["rides_per_dock"] = days["rides"] / days["docks"]
    return days[COLUMNS]
