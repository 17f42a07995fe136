"""Check: a busy threshold at level 0.9 sits above 90 % of a station's past hours."""

import numpy as np
import pandas as pd
import pytest


@pytest.mark.parametrize("level", [0.5, 0.9])
def test_threshold_leaves_the_requested_share_of_hours_below(level):
    from exercises.ex10_just_my_code.peaks import busy_threshold

    history = pd.Series(np.arange(101, dtype=float))
    threshold = busy_threshold(history, level)

    assert threshold == pytest.approx(100 * level), (
        f"For hourly rentals 0, 1, ..., 100 and level {level}, the threshold should leave "
        f"{level:.0%} of the hours at or below it ({100 * level:g} rentals/hour), "
        f"got {threshold:g}"
    )


def test_each_station_gets_its_own_threshold():
    from exercises.ex10_just_my_code import alert
    from exercises.ex10_just_my_code.peaks import busy_thresholds

    rentals = pd.read_csv(alert.DATA, parse_dates=["timestamp"])
    history, _today = alert.split_last_day(rentals)
    thresholds = busy_thresholds(history, 0.9)

    for station_id, past in history.groupby("station_id")["rentals"]:
        share_below = (past <= thresholds[station_id]).mean()
        assert 0.85 <= share_below < 0.95, (
            f"Station {station_id}: about 90% of past hours should be at or below its busy "
            f"threshold, but {share_below:.0%} are (threshold {thresholds[station_id]:g})"
        )
