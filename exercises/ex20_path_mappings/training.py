"""Learn each station's typical day from the rental history.

The model is small on purpose: for every station, the mean number of rentals
in each hour of the day; and the same for the whole network, for the
dashboards that show the network as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
HOURS_PER_DAY = 24


@dataclass(frozen=True)
class DemandModel:
    """Typical rentals per hour of the day (index 0 is midnight to 1 am)."""

    profiles: dict[int, list[float]]  # by station id
    network: list[float]  # every station's rows together
    trained_on: str  # the last timestamp of the history, for the logs


def hourly_means(rentals: pd.DataFrame) -> list[float]:
    """The mean rentals of each hour of the day, as a list of 24 numbers."""
    means = rentals.groupby(rentals["timestamp"].dt.hour)["rentals"].mean()
    return [float(value) for value in means.reindex(range(HOURS_PER_DAY), fill_value=0.0)]


def train_model(data_dir: Path = DATA_DIR) -> DemandModel:
    rentals = pd.read_csv(Path(data_dir) / "rentals.csv", parse_dates=["timestamp"])
    profiles = {int(station): hourly_means(rows)
                for station, rows in rentals.groupby("station_id")}
    return DemandModel(profiles, hourly_means(rentals), str(rentals["timestamp"].max()))
