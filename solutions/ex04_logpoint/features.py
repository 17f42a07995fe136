"""Recent-demand feature, shared by training and the live prediction service.

The service predicts next hour's rentals from what it has already seen, so the
feature is computed from a station's history exactly as the service sees it:
one call per hour, over the hours before that hour.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WINDOW_HOURS = 2


def recent_rentals(stamps: np.ndarray, rentals: np.ndarray, now: np.datetime64,
                   hours: int = WINDOW_HOURS) -> np.ndarray:
    """Rentals of the ``hours`` hours before ``now``, oldest first.

    ``stamps`` is the station's sorted timestamps and ``rentals`` its counts;
    early in the history the window holds fewer hours, or none.
    """
    end = int(np.searchsorted(stamps, now, side="left"))  # "right" let in the hour of `now`
    return rentals[max(end - hours, 0):end]


def add_recent_demand(rentals: pd.DataFrame) -> pd.DataFrame:
    """Add ``recent_mean``: each station's mean rentals over its previous hours.

    Rows without any earlier hour get NaN.
    """
    recent_mean = pd.Series(np.nan, index=rentals.index)
    for _, station in rentals.sort_values("timestamp").groupby("station_id"):
        stamps = station["timestamp"].to_numpy()
        counts = station["rentals"].to_numpy()
        means = np.full(len(stamps), np.nan)
        for i, now in enumerate(stamps):
            window = recent_rentals(stamps, counts, now)
            if window.size:
                means[i] = window.mean()
        recent_mean[station.index] = means
    return rentals.assign(recent_mean=recent_mean)
