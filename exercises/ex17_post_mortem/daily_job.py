"""Nightly job: one row of daily features per station and date, for the demand model.

Run it from the repository root:

    python -m exercises.ex17_post_mortem.daily_job

To debug a crash, let pdb take over where the exception is raised:

    python -m pdb -c continue -m exercises.ex17_post_mortem.daily_job
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from exercises.ex17_post_mortem.calendar_days import build_calendar
from exercises.ex17_post_mortem.station_day import station_day_features

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

logger = logging.getLogger("daily_job")


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    return pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])


def build_features(rentals: pd.DataFrame) -> pd.DataFrame:
    """Daily features of every station-day partition, in station then date order."""
    holidays = set(rentals.loc[rentals["holiday"] == 1, "timestamp"].dt.date)
    calendar = build_calendar(rentals["timestamp"], holidays)
    dates = rentals["timestamp"].dt.date
    rows = []
    for (station_id, day), partition in rentals.groupby(["station_id", dates], sort=True):
        logger.debug("station %s, %s: %d hours", station_id, day, len(partition))
        rows.append(station_day_features(partition, calendar))
    return pd.DataFrame(rows)


def run(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    return build_features(load_rentals(data_dir))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    features = run()
    logger.info("built %d station-day rows", len(features))
    summary = features.groupby(["station_id", "day_off"])["rentals"].mean().round(1)
    print(summary.to_string())


if __name__ == "__main__":
    main()
