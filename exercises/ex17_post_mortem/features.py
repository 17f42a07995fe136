"""One row of daily features per station-day partition, for the demand model."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date


def feature_row(
    daily: Mapping[tuple[int, date], Mapping[str, object]], station_id: int, day: date
) -> dict[str, object]:
    """The features of one station on one date."""
    totals = daily[(station_id, day)]
    rides = int(totals["rides"])
    return {
        "station_id": station_id,
        "date": day,
        "rides": rides,
        "peak_share": float(totals["peak_rides"]) / rides if rides else 0.0,
        "mean_temp_c": float(totals["mean_temp_c"]),
        "rain_hours": int(totals["rain_hours"]),
        "day_off": int(totals["day_type"] != "workday"),
        "early_crew": int(totals["early_crew"]),
    }
