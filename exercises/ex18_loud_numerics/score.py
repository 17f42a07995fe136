"""How unusual each hour of a day was, in spreads away from its usual count."""

from __future__ import annotations

import numpy as np
import pandas as pd

CAP = 10.0  # the pager shows scores up to 10: beyond that it is all "extreme"


def hour_scores(day: pd.DataFrame, usual: pd.DataFrame) -> pd.DataFrame:
    """The day's rows with their usual count and a signed score, capped at +/- CAP."""
    scored = day.join(usual[["median", "spread"]], on=["station_id", "hour"])
    rentals = scored["rentals"].to_numpy()
    centre = scored["median"].to_numpy()
    spread = scored["spread"].to_numpy()
    score = (rentals - centre) / spread
    return scored.assign(score=np.clip(score, -CAP, CAP))


def day_score(scores: pd.Series) -> float:
    """How unusual the day was as a whole: the mean size of its hours' scores."""
    return float(np.nanmean(np.abs(scores.to_numpy())))
