"""Settings of the hourly demand forecast: the data, the split and the model's knobs."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"

KEYS = ["timestamp", "station_id"]
LABELS = ["weather", "station_id"]  # one-hot encoded by the model
SENSORS = ["temp_c", "humidity", "wind_kmh"]
TARGET = "rentals"

TRAIN_DAYS = 7  # the first week trains the model, the days after it score it
TEMP_RANGE_C = (-30.0, 45.0)  # outside it, a reading is a sensor glitch
WIND_CHILL_BELOW_C = 10.0
WIND_CHILL_PER_KMH = 0.1  # a rough fit of the wind-chill table
RIDGE_ALPHA = 1.0
