"""Settings shared by the nightly retraining job and its backfill."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# The columns the demand model sees, in this order.
FEATURES = ["station_id", "hour", "off_day", "temp_c", "rain"]
TARGET = "rentals"

# Gradient boosting settings, as tuned for the planner.
MODEL_PARAMS = {
    "n_estimators": 15,
    "max_depth": 3,
    "learning_rate": 0.2,
    "subsample": 0.8,
}
SEED = 16

BACKFILL_DAYS = 7
