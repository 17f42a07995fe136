"""Each station's typical day: its mean rentals per hour of the day."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

HOURS_PER_DAY = 24


class StationProfiles:
    """A station-by-hour table of mean rentals, looked up by station id and hour."""

    def __init__(self, table: np.ndarray, stations: Sequence[int]) -> None:
        self._table = table
        self._row = {station: row for row, station in enumerate(stations)}

    @classmethod
    def fit(cls, recent: pd.DataFrame, stations: Sequence[int]) -> StationProfiles:
        """Mean rentals per station and hour; a station or hour without records counts 0."""
        means = recent.groupby(["station_id", "hour"])["rentals"].mean().unstack("hour")
        means = means.reindex(index=list(stations), columns=range(HOURS_PER_DAY))
        return cls(means.to_numpy(dtype=float, na_value=0.0), stations)

    def __contains__(self, station_id: int) -> bool:
        return station_id in self._row

    def ahead(self, station_id: int, hour: int, count: int) -> np.ndarray:
        """The typical rentals at ``hour`` and the hours after it, up to the end of the day."""
        return self._table[self._row[station_id], hour:hour + count]
