"""Day-ahead forecast backfill for the rebalancing planner.

For each of the last seven days, every station gets a forecast of its 24
hourly rentals: its hourly profile over the week before that day. The report
puts each day's forecast total next to what really happened. Run it with the
configuration "16 · State across calls" (or
``python -m exercises.ex16_state_across_calls.forecast``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exercises.ex16_state_across_calls.profiles import hourly_profile

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
BACKFILL_DAYS = 7
HOURS = range(24)


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    return pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])


def forecast_day(rentals: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """One row per station and hour of ``day``: the forecast rentals."""
    frames = []
    for station_id in sorted(rentals["station_id"].unique()):
        profile = hourly_profile(rentals, int(station_id), day)
        frames.append(pd.DataFrame({
            "timestamp": day + pd.to_timedelta(list(HOURS), unit="h"),
            "station_id": int(station_id),
            # An hour never seen in the window had no rentals.
            "forecast": profile.reindex(HOURS, fill_value=0.0).to_numpy(dtype=float),
        }))
    return pd.concat(frames, ignore_index=True)


def backfill(rentals: pd.DataFrame, days: int = BACKFILL_DAYS) -> pd.DataFrame:
    """Forecasts for the last ``days`` days next to the rentals that happened."""
    last_day = rentals["timestamp"].max().normalize()
    first_day = last_day - pd.Timedelta(days=days - 1)
    forecasts = pd.concat(
        [forecast_day(rentals, day) for day in pd.date_range(first_day, last_day, freq="D")],
        ignore_index=True,
    )
    actual = rentals[["timestamp", "station_id", "rentals"]]
    return forecasts.merge(actual, on=["timestamp", "station_id"], how="left")


def daily_report(result: pd.DataFrame) -> pd.DataFrame:
    day = result["timestamp"].dt.date.rename("day")
    totals = result.groupby([day, "station_id"])[["forecast", "rentals"]].sum()
    return totals.unstack("station_id").round(1)


def main(data_dir: Path = DATA_DIR) -> None:
    print("Forecast and actual rentals per day and station")
    print(daily_report(backfill(load_rentals(data_dir))).to_string())


if __name__ == "__main__":
    main()
