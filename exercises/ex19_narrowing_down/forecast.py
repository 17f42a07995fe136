"""Forecast each station's hourly rentals after the training week, and report the error.

Trains on the first week of the export, forecasts every hour after it, and
prints the mean absolute error of each station and of all of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from . import settings
from .features import build_features
from .loading import clip_glitches, load_rentals
from .model import predict, train


def training_rows(rentals: pd.DataFrame, days: int = settings.TRAIN_DAYS) -> pd.Series:
    """True for the rows of the first ``days`` days of the export."""
    first = rentals["timestamp"].min().normalize()
    return rentals["timestamp"] < first + pd.Timedelta(days=days)


def errors(path: Path = settings.DATA) -> pd.Series:
    """Mean absolute error (rides per hour) of each station, then of all of them."""
    rentals = clip_glitches(load_rentals(path))
    features = build_features(rentals)
    learn = training_rows(rentals)
    model = train(features[learn], rentals.loc[learn, settings.TARGET])
    scored = rentals.loc[~learn]
    miss = pd.Series(np.abs(predict(model, features[~learn]) - scored[settings.TARGET]),
                     index=scored.index)
    by_station = miss.groupby(scored["station_id"]).mean()
    return pd.concat([by_station, pd.Series({"all": miss.mean()})])


def evaluate(path: Path = settings.DATA) -> float:
    """The mean absolute error over every station and forecast hour."""
    return float(errors(path)["all"])


def main(path: Path = settings.DATA) -> None:
    report = errors(path)
    print(f"Forecast error after the first {settings.TRAIN_DAYS} days ({Path(path).name}):")
    for station, error in report.drop("all").items():
        print(f"  station {station}: {error:.2f} rides per hour")
    print(f"  all stations: {report['all']:.2f} rides per hour")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else settings.DATA)
