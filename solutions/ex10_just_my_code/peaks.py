"""Busy-hour thresholds: when is a station busy enough to need the van?

An hour counts as busy at a station when its rentals beat most of that
station's history. ``BUSY_LEVEL`` says how much of it: 0.9 means an hour is
busy when it is above 90 % of the past hours.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

BUSY_LEVEL = 0.9


def busy_threshold(rentals: pd.Series, level: float = BUSY_LEVEL) -> float:
    """Rentals per hour above which an hour is busy, given a station's history.

    ``level`` is the share of past hours that stay at or below the threshold,
    between 0 and 1.
    """
    history = rentals.dropna().to_numpy()
    if history.size == 0:
        raise ValueError("cannot set a busy threshold without any history")
    threshold = np.quantile(history, level)  # np.percentile wants 0-100, level is 0-1
    return float(threshold)


def busy_thresholds(history: pd.DataFrame, level: float = BUSY_LEVEL) -> pd.Series:
    """One busy threshold per station, indexed by ``station_id``."""
    thresholds = history.groupby("station_id")["rentals"].agg(busy_threshold, level=level)
    logger.debug("busy thresholds: %s", thresholds.to_dict())
    return thresholds


def flag_busy_hours(day: pd.DataFrame, thresholds: pd.Series) -> pd.DataFrame:
    """The rows of ``day`` whose rentals exceed their station's threshold."""
    limit = day["station_id"].map(thresholds)
    return day[day["rentals"] > limit]
