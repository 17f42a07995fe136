"""Weekly evaluation of the per-station demand models.

Stations differ too much for one model, so each has its own model of hourly
rentals. Every week this job refits them on the past and scores each one on
the last days, for the report the operations team reads on Monday. Run it
with the launch configuration "06 · Call stack" or
``python -m exercises.ex06_call_stack.evaluate [--data FOLDER]``.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pandas as pd

from exercises.ex06_call_stack.features import with_calendar
from exercises.ex06_call_stack.models import fit_models
from exercises.ex06_call_stack.report import evaluate_station, format_report

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
HOLDOUT_DAYS = 4  # the most recent whole days are held out

logger = logging.getLogger(__name__)


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    rentals = pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])
    return with_calendar(rentals)


def station_names(data_dir: Path = DATA_DIR) -> dict[int, str]:
    stations = pd.read_csv(Path(data_dir) / "stations.csv")
    return dict(zip(stations["station_id"].astype(int), stations["name"]))


def split_by_time(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train on the past, hold out the last ``HOLDOUT_DAYS`` days: never the reverse."""
    first_holdout_day = frame["timestamp"].max().normalize() - pd.Timedelta(days=HOLDOUT_DAYS - 1)
    recent = frame["timestamp"] >= first_holdout_day
    return frame[~recent], frame[recent]


def run_evaluation(frame: pd.DataFrame) -> dict[int, dict[str, float]]:
    """Fit one model per station on the training days, score each on the hold-out days."""
    train, holdout = split_by_time(frame)
    models = fit_models(train)
    results: dict[int, dict[str, float]] = {}
    for station_id, rows in holdout.groupby("station_id"):
        results[int(station_id)] = evaluate_station(models[int(station_id)], rows)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder with rentals.csv")
    data_dir = parser.parse_args(argv).data
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    print(format_report(run_evaluation(load_rentals(data_dir)), station_names(data_dir)))


if __name__ == "__main__":
    main()
