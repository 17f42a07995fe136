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

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression

from exercises.ex06_call_stack.report import StationModel, evaluate_station, format_report

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
HOLDOUT_DAYS = 4  # the most recent whole days are held out
WEATHER = ("cloudy", "rain")  # "clear" is the reference

logger = logging.getLogger(__name__)


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    return pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])


def split_by_time(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train on the past, hold out the last ``HOLDOUT_DAYS`` days: never the reverse."""
    first_holdout_day = frame["timestamp"].max().normalize() - pd.Timedelta(days=HOLDOUT_DAYS - 1)
    recent = frame["timestamp"] >= first_holdout_day
    return frame[~recent], frame[recent]


def feature_matrix(frame: pd.DataFrame) -> np.ndarray:
    """One-hot hour of a working day or of an off day, weather flags and temperature."""
    stamps = frame["timestamp"].dt
    off_day = ((stamps.day_of_week >= 5) | (frame["holiday"] == 1)).to_numpy()
    hour_of_kind = np.eye(48)[stamps.hour.to_numpy() + 24 * off_day]
    weather = np.stack([frame["weather"] == w for w in WEATHER], axis=1)
    return np.hstack([hour_of_kind, weather, frame[["temp_c"]].to_numpy()]).astype(float)


def fit_station_model(station_id: int, rows: pd.DataFrame) -> StationModel:
    regressor = LinearRegression().fit(feature_matrix(rows), rows["rentals"])
    return StationModel(station_id, regressor)


def run_evaluation(frame: pd.DataFrame) -> dict[int, dict[str, float]]:
    """Fit one model per station on the training days, score each on the hold-out days."""
    train, holdout = split_by_time(frame)
    models: dict[int, StationModel] = {}
    for station_id, rows in train.groupby("station_id"):
        model = fit_station_model(int(station_id), rows)
        models[model.station_id] = model
        logger.info("station %s: model fitted on %d hours", station_id, len(rows))
    results: dict[int, dict[str, float]] = {}
    for station_id, rows in holdout.groupby("station_id"):
        results[int(station_id)] = evaluate_station(model, rows, feature_matrix(rows))
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder with rentals.csv")
    data_dir = parser.parse_args(argv).data
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    print(format_report(run_evaluation(load_rentals(data_dir))))


if __name__ == "__main__":
    main()
