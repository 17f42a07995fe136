"""Daily aggregates per station: the table every partition's features come from."""

from __future__ import annotations

from datetime import date

import pandas as pd

PEAK_HOURS = (7, 8, 9, 16, 17, 18, 19)


def daily_records(readings: pd.DataFrame) -> dict[tuple[int, date], dict[str, object]]:
    """Aggregates of each station and date, keyed by ``(station_id, date)``."""
    hours = readings["timestamp"].dt.hour
    frame = readings.assign(
        peak_rentals=readings["rentals"].where(hours.isin(PEAK_HOURS), 0),
        rain=(readings["weather"] == "rain").astype(int),
        early_crew=(readings["crew_shift"] == "early").astype(int),
    )
    table = frame.groupby(["station_id", "date"]).agg(
        rides=("rentals", "sum"),
        peak_rides=("peak_rentals", "sum"),
        mean_temp_c=("temp_c", "mean"),
        rain_hours=("rain", "sum"),
        day_type=("day_type", "first"),
        early_crew=("early_crew", "max"),
    )
    return {(int(station), day): row for (station, day), row in table.to_dict("index").items()}
