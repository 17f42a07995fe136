"""The nightly feature job: daily station features for the rebalancing model.

It reads the hourly rentals feed and the station registry export, works
through the feed one date partition at a time, and checks before it publishes
that the features account for every ride of the feed. The runbook reruns one
partition with ``--date``:

    python -m exercises.ex23_from_the_logs.nightly --date YYYY-MM-DD

Last night's log is ``nightly_features.log`` in this folder.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from exercises.ex23_from_the_logs.features import station_days
from exercises.ex23_from_the_logs.registry import attributes_in_force, load_registry

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE.parents[1] / "data"
REGISTRY = HERE / "station_registry.csv"

logger = logging.getLogger("nightly_features")


class ReconciliationError(RuntimeError):
    """The features do not account for the rides of the feed: nothing is published."""


def load_feed(data_dir: Path) -> pd.DataFrame:
    return pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])


def run(data_dir: Path = DATA_DIR, registry_path: Path = REGISTRY,
        only: date | None = None) -> pd.DataFrame:
    """The features of every date partition of the feed (or of ``only``), reconciled."""
    feed = load_feed(data_dir)
    if only is not None:
        feed = feed[feed["timestamp"].dt.date == only]
    registry = load_registry(registry_path)
    partitions = feed.groupby(feed["timestamp"].dt.date)
    logger.info("%d partitions, %d readings, registry of %d versions",
                partitions.ngroups, len(feed), len(registry))
    results = []
    for day, readings in partitions:
        enriched = attributes_in_force(readings, registry)
        features = station_days(enriched)
        for row in features.itertuples(index=False):
            logger.info("date=%s station=%d hours=%d rides=%d docks=%d peak_occupancy=%.2f",
                        day, row.station_id, row.hours, row.rides, row.docks,
                        row.peak_occupancy)
        results.append(features)
    report = pd.concat(results, ignore_index=True)
    rides, expected = int(report["rides"].sum()), int(feed["rentals"].sum())
    if rides != expected:
        raise ReconciliationError(f"features hold {rides} rides, the feed {expected}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the daily station features.")
    parser.add_argument("--date", type=date.fromisoformat, help="rerun one partition")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder of rentals.csv")
    parser.add_argument("--registry", type=Path, default=REGISTRY, help="registry export")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        report = run(args.data, args.registry, args.date)
    except ReconciliationError as error:
        logger.error("reconciliation failed, nothing published: %s", error)
        return 1
    busiest = report.loc[report["rides_per_dock"].idxmax()]
    print(f"published {len(report)} station-days, {int(report['rides'].sum())} rides")
    print(f"busiest: station {busiest['station_id']} on {busiest['date']}, "
          f"{busiest['rides_per_dock']:.2f} rides per dock")
    return 0


if __name__ == "__main__":
    sys.exit(main())
