"""Tomorrow's demand forecast per station and hour, with a backtest of the last days.

Run it from the repository root:

    python -m exercises.ex10_just_my_code.plan
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from exercises.ex10_just_my_code.history import DATA, days_like, load_hours
from exercises.ex10_just_my_code.smoothing import Smoothing, last_day_profile, smoothed_profile

BACKTEST_DAYS = 3

logger = logging.getLogger("plan")


def forecast(hours: pd.DataFrame, date: pd.Timestamp,
             settings: Smoothing = Smoothing()) -> pd.Series:
    """Rentals expected at each (station_id, hour) of ``date``."""
    return smoothed_profile(days_like(hours, date), settings)


def backtest(hours: pd.DataFrame, days: int = BACKTEST_DAYS,
             settings: Smoothing = Smoothing()) -> pd.DataFrame:
    """Mean absolute error per station over the last ``days`` dates, each forecast
    from the days before it: the smoothed forecast and the last-day repeat."""
    errors = []
    for date in sorted(hours["date"].unique())[-days:]:
        actual = hours[hours["date"] == date].set_index(["station_id", "hour"])["rentals"]
        past = days_like(hours, date)
        errors.append(pd.DataFrame({
            "smoothed": (smoothed_profile(past, settings) - actual).abs(),
            "last_day": (last_day_profile(past) - actual).abs(),
        }))
    return pd.concat(errors).groupby(level="station_id").mean()


def main(path: Path = DATA) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    hours = load_hours(path)
    scores = backtest(hours)
    for station_id, row in scores.iterrows():
        logger.info("station %s: backtest MAE %.2f smoothed, %.2f last-day repeat",
                    station_id, row["smoothed"], row["last_day"])
    tomorrow = hours["date"].max() + pd.Timedelta(days=1)
    expected = forecast(hours, tomorrow)
    for station_id, profile in expected.groupby(level="station_id"):
        busiest = int(profile.droplevel("station_id").idxmax())
        logger.info("%s, station %s: %d rentals expected, busiest hour %02d:00",
                    tomorrow.date(), station_id, int(np.round(profile.sum())), busiest)


if __name__ == "__main__":
    main()
