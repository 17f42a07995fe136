"""What each station's hours usually look like: a centre and a spread per hour of day.

Both are robust: one exceptional day (a festival, a closed road) in the history
must not widen what counts as usual.
"""

from __future__ import annotations

import pandas as pd

MAD_TO_SIGMA = 1.4826  # scales a median absolute deviation to a normal spread
ONE_RIDE = 1.0  # spread given to quiet hours, in rides


def usual_hours(history: pd.DataFrame) -> pd.DataFrame:
    """Per (station_id, hour): the median rentals and their spread, in rides."""
    keys = [history["station_id"], history["hour"]]
    by_hour = history["rentals"].groupby(keys)
    deviation = (history["rentals"] - by_hour.transform("median")).abs()
    usual = pd.DataFrame({
        "median": by_hour.median(),
        "spread": MAD_TO_SIGMA * deviation.groupby(keys).median(),
    })
    # The median absolute deviation is zero as soon as half the days share one
    # count, not only when every day does: floor every zero spread.
    no_spread = usual["spread"] == 0
    usual.loc[no_spread, "spread"] = ONE_RIDE
    return usual
