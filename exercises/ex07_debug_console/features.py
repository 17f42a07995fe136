"""Turn raw station-hours into the table the demand model trains on."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
TARGET = "rentals"
CATEGORICAL = ["day_type_hour", "weather", "station_id"]
NUMERIC = ["temp_c", "humidity", "wind_kmh"]

logger = logging.getLogger(__name__)


def load_rentals(path: Path = DATA) -> pd.DataFrame:
    """Read the hourly log in time order, both stations interleaved."""
    frame = pd.read_csv(path, parse_dates=["timestamp"])
    return frame.sort_values(["timestamp", "station_id"])


def add_calendar_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Riders keep different hours on work days and days off: encode both."""
    day_off = (frame["timestamp"].dt.day_of_week >= 5) | (frame["holiday"] == 1)
    return frame.assign(day_type_hour=frame["timestamp"].dt.hour + 24 * day_off)


def make_encoder(station_ids: list[int]) -> ColumnTransformer:
    """One-hot the categories, pass the measurements through unchanged.

    Categories are listed up front, not learnt from a slice of the log, so the
    encoder gives the same columns for any slice and cannot leak.
    """
    categories = [list(range(48)), ["clear", "cloudy", "rain"], station_ids]
    return ColumnTransformer(
        [
            ("categories", OneHotEncoder(categories=categories), CATEGORICAL),
            ("measurements", "passthrough", NUMERIC),
        ],
        sparse_threshold=0,
    )


def build_training_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Encoded features plus the target: one row per station-hour of ``frame``."""
    with_calendar = add_calendar_columns(frame)
    encoder = make_encoder(sorted(frame["station_id"].unique()))
    encoded = encoder.fit_transform(with_calendar)
    table = pd.DataFrame(encoded, columns=encoder.get_feature_names_out())
    table[TARGET] = with_calendar[TARGET]
    logger.info("training table: %d rows, %d features", len(table), encoded.shape[1])
    return table
