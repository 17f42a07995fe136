"""Backfill of the nightly retraining job, for the planner's weekly review.

Replays the job for each of the last seven days, as it ran each night: the
model is retrained on every hour before the day and forecasts the day's hours.
The report puts each day's forecast total next to what happened, per station,
and ends with the forecast's mean absolute error. ``--day`` replays one night
only. Run it with the configuration "16 · State across calls" (or
``python -m exercises.ex16_state_across_calls.backfill``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from exercises.ex16_state_across_calls.config import BACKFILL_DAYS, DATA_DIR
from exercises.ex16_state_across_calls.features import feature_table, load_rentals
from exercises.ex16_state_across_calls.nightly import forecast_day


def backfill_days(table: pd.DataFrame, count: int = BACKFILL_DAYS) -> list[pd.Timestamp]:
    last = table["timestamp"].max().normalize()
    return list(pd.date_range(last - pd.Timedelta(days=count - 1), last, freq="D"))


def backfill(table: pd.DataFrame, days: list[pd.Timestamp]) -> pd.DataFrame:
    return pd.concat([forecast_day(table, day) for day in days], ignore_index=True)


def report(result: pd.DataFrame) -> str:
    day = result["timestamp"].dt.strftime("%Y-%m-%d").rename("day")
    totals = result.groupby([day, "station_id"])[["forecast", "rentals"]].sum()
    mae = (result["forecast"] - result["rentals"]).abs().mean()
    return (f"{totals.unstack('station_id').round(1).to_string()}\n"
            f"forecast MAE: {mae:.3f} rentals per hour")


def main(data_dir: Path = DATA_DIR, day: str | None = None) -> None:
    table = feature_table(load_rentals(data_dir))
    days = [pd.Timestamp(day)] if day else backfill_days(table)
    print("Forecast and actual rentals per day and station")
    print(report(backfill(table, days)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Replay the nightly retraining job.")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--day", help="replay the night before this day only (YYYY-MM-DD)")
    arguments = parser.parse_args()
    main(arguments.data_dir, arguments.day)
