"""The team's helpers for next-hour demand models, shared by the analysis notebooks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

TARGET = "rentals"
KEYS = ["timestamp", "station_id"]


def load_rentals(data_dir: Path | str) -> pd.DataFrame:
    """One row per station and hour, station by station in time order: the keys, the
    calendar and weather inputs, and the rentals to predict."""
    raw = pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])
    raw = raw.sort_values(["station_id", "timestamp"], ignore_index=True)
    when = raw["timestamp"].dt
    return pd.DataFrame({
        "timestamp": raw["timestamp"],
        "station_id": raw["station_id"],
        "hour": when.hour,
        "off_day": (when.day_of_week >= 5) | (raw["holiday"] == 1),
        "temp_c": raw["temp_c"],
        "rain": raw["weather"] == "rain",
        TARGET: raw[TARGET],
    })


def recent_demand(frame: pd.DataFrame, hours: int) -> pd.Series:
    """Mean rentals of each row's station over its previous ``hours`` readings (the row's
    own hour is not known yet when it is predicted); NaN for a station's first reading."""
    by_station = frame.groupby("station_id")[TARGET]
    return by_station.transform(lambda past: past.shift().rolling(hours, min_periods=1).mean())


def with_recent_demand(frame: pd.DataFrame, hours: int) -> pd.DataFrame:
    """The model's table with recent demand over a window of ``hours`` readings as an
    input, in a column named after the window."""
    frame[f"demand_last_{hours}h"] = recent_demand(frame, hours)
    return frame


def feature_columns(frame: pd.DataFrame) -> list[str]:
    """The names of the model's input columns, in the table's order."""
    return [column for column in frame.columns if column not in (*KEYS, TARGET)]


def split_last_days(frame: pd.DataFrame, days: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every hour before the last ``days`` calendar days, and the hours of those days."""
    first_test_day = frame["timestamp"].max().normalize() - pd.Timedelta(days=days - 1)
    is_test = frame["timestamp"] >= first_test_day
    return frame[~is_test], frame[is_test]


def make_model() -> Pipeline:
    """Ridge regression on the hour of the day (one-hot) and every other input, standardised."""
    inputs = make_column_transformer(
        (OneHotEncoder(handle_unknown="ignore", sparse_output=False), ["hour"]),
        remainder=StandardScaler(),
    )
    return make_pipeline(inputs, Ridge(alpha=1.0))
