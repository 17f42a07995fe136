"""How unusual each hour is for its station: the scoring step of the scan.

A station's usual level for an hour of the day, and its usual spread, come
from the weeks before the scan (the baseline). An hour scores its distance
from that level in spreads (a z-score): about 0 is ordinary, beyond 3 is
rare.
"""

from __future__ import annotations

import numpy as np

# (station_id, hour of day) -> (mean rentals, standard deviation), set by set_baseline().
_baseline: dict[tuple[int, int], tuple[float, float]] = {}
# Level and spread of a typical station-hour over the whole network, as the
# planners quote it.
NETWORK_LEVEL = (12.0, 6.0)


def set_baseline(baseline: dict[tuple[int, int], tuple[float, float]]) -> None:
    _baseline.clear()
    _baseline.update(baseline)


def score_station(shard: tuple[int, np.ndarray, np.ndarray]) -> tuple[int, np.ndarray]:
    """Z-scores of one station's hours; ``shard`` is (station_id, hours of day, rentals)."""
    station_id, hours, rentals = shard
    scores = np.empty(len(rentals))
    for row, (hour, count) in enumerate(zip(hours, rentals, strict=True)):
        mean, spread = _baseline.get((station_id, int(hour)), NETWORK_LEVEL)
        scores[row] = (count - mean) / spread
    return station_id, scores
