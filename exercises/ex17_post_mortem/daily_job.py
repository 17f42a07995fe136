"""Nightly job: one row of daily features per station and date, for the demand model.

Run it from the repository root:

    python -m exercises.ex17_post_mortem.daily_job

``--pdb`` opens pdb's post-mortem where a failure is raised, instead of
logging it and exiting.
"""

from __future__ import annotations

import argparse
import logging
import pdb
from pathlib import Path

import pandas as pd

from exercises.ex17_post_mortem.cleaning import clean_readings
from exercises.ex17_post_mortem.daily import daily_records
from exercises.ex17_post_mortem.features import feature_row
from exercises.ex17_post_mortem.loading import (
    DATA_DIR,
    load_calendar,
    load_readings,
    partitions,
    with_service_calendar,
)

logger = logging.getLogger("daily_job")


def build_features(feed: pd.DataFrame, calendar: pd.DataFrame) -> pd.DataFrame:
    """Features of every station-day partition the feed delivered, station by station."""
    readings = clean_readings(with_service_calendar(feed, calendar))
    daily = daily_records(readings)
    rows = []
    for station_id, day in partitions(feed):
        rows.append(feature_row(daily, station_id, day))
    return pd.DataFrame(rows)


def main(data_dir: Path = DATA_DIR, post_mortem: bool = False) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        features = build_features(load_readings(data_dir), load_calendar(data_dir))
    except Exception as error:
        if post_mortem:
            pdb.post_mortem(error.__traceback__)
        logger.error("job failed: %s: %s", type(error).__name__, error)
        return 1
    logger.info("built %d station-day rows", len(features))
    summary = features.groupby(["station_id", "day_off"])["rides"].mean().round(1)
    print(summary.to_string())
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder of the CSV files")
    parser.add_argument("--pdb", action="store_true", help="post-mortem on a failure")
    arguments = parser.parse_args()
    raise SystemExit(main(arguments.data, post_mortem=arguments.pdb))
