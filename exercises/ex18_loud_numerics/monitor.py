"""Weekly model monitor: score last week's demand forecasts, flag the stations to retrain.

Run it from the repository root:

    python -m exercises.ex18_loud_numerics.monitor

The forecast is the demand profile of the week before: each station's mean
rentals for that hour of a work day or a day off. A station whose RMSLE passes
ALERT_RMSLE is flagged for retraining.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pandas as pd

from exercises.ex18_loud_numerics.metrics import rmsle

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
ALERT_RMSLE = 0.6  # signed off when the model shipped, at 0.55 on its validation week
WEEK = pd.Timedelta(days=7)

logger = logging.getLogger("monitor")


def load_rentals(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    rentals = pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])
    day_off = (rentals["timestamp"].dt.day_of_week >= 5) | (rentals["holiday"] == 1)
    return rentals.assign(hour=rentals["timestamp"].dt.hour, day_off=day_off)


def forecast_last_week(rentals: pd.DataFrame) -> pd.DataFrame:
    """The last seven days, each hour with the profile forecast of the days before."""
    cutoff = rentals["timestamp"].max().normalize() + pd.Timedelta(days=1) - WEEK
    history = rentals[rentals["timestamp"] < cutoff]
    last_week = rentals[rentals["timestamp"] >= cutoff]
    keys = ["station_id", "hour", "day_off"]
    profile = history.groupby(keys)["rentals"].mean().rename("forecast")
    return last_week.join(profile, on=keys)


def weekly_report(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """RMSLE of last week's forecasts per station, and whether it asks for a retrain."""
    scored = forecast_last_week(load_rentals(data_dir))
    rows = [
        {"station_id": station_id,
         "rmsle": rmsle(hours["rentals"].to_numpy(), hours["forecast"].to_numpy())}
        for station_id, hours in scored.groupby("station_id")
    ]
    report = pd.DataFrame(rows)
    return report.assign(retrain=report["rmsle"] > ALERT_RMSLE)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # numpy's floating-point warnings flooded the nightly logs, so the job runs
    # with them off; NUMERIC_ERRORS=warn or =raise brings them back.
    np.seterr(all=os.environ.get("NUMERIC_ERRORS", "ignore"))
    report = weekly_report()
    print(report.to_string(index=False, float_format="%.3f"))
    flagged = report.loc[report["retrain"], "station_id"].tolist()
    logger.info("stations to retrain: %s", flagged or "none")


if __name__ == "__main__":
    main()
