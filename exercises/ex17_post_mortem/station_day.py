"""Daily features of one station: what the demand model learns a day from.

Called once per station-day partition by the nightly job; the day-level
context (day off, trend) comes from the shared calendar table.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

MORNING = range(7, 10)  # 07:00 to 09:59
EVENING = range(16, 20)  # 16:00 to 19:59


def station_day_features(
    partition: pd.DataFrame, calendar: Mapping[date, Mapping[str, int]]
) -> dict[str, object]:
    """One row of features for the rentals of one station on one date."""
    day = partition["timestamp"].iloc[0].date()
    context = calendar[day]
    hours = partition["timestamp"].dt.hour
    rentals = partition["rentals"]
    total = int(rentals.sum())
    return {
        "station_id": int(partition["station_id"].iloc[0]),
        "date": day,
        "rentals": total,
        "morning_share": float(rentals[hours.isin(MORNING)].sum() / max(total, 1)),
        "evening_share": float(rentals[hours.isin(EVENING)].sum() / max(total, 1)),
        "mean_temp_c": float(partition["temp_c"].mean()),
        "rain_hours": int((partition["weather"] == "rain").sum()),
        **context,
    }
