"""Check: the recent-demand feature only uses hours the service has already seen."""

import numpy as np
import pandas as pd
import pytest


def _station_hours(station_id: int, rides: list[int]) -> pd.DataFrame:
    return pd.DataFrame({
        "timestamp": pd.date_range("2024-09-02 06:00", periods=len(rides), freq="h"),
        "station_id": station_id,
        "rentals": rides,
    })


def test_the_hour_being_predicted_does_not_change_its_own_feature():
    from exercises.ex04_logpoint.features import add_recent_demand

    rides = [3, 8, 21, 30, 17, 9, 6, 4]
    before = add_recent_demand(_station_hours(1, rides))["recent_mean"]
    surge = 5
    rides[surge] = 400
    after = add_recent_demand(_station_hours(1, rides))["recent_mean"]

    assert after[surge] == pytest.approx(before[surge], nan_ok=True), (
        "An hour's recent demand should depend only on earlier hours: changing the rentals "
        f"of hour {surge} moved its own feature from {before[surge]} to {after[surge]}"
    )
    assert after[surge + 1] != pytest.approx(before[surge + 1]), (
        "The hour right after a surge should see the surge in its recent demand"
    )


def test_recent_mean_averages_the_previous_hours_of_the_same_station():
    from exercises.ex04_logpoint.features import WINDOW_HOURS, add_recent_demand

    rides_a, rides_b = [3, 8, 21, 30, 17, 9], [50, 60, 70, 80, 90, 100]
    hours = pd.concat([_station_hours(1, rides_a), _station_hours(2, rides_b)])
    hours = hours.sort_values("timestamp", ignore_index=True)  # stations interleaved
    recent = add_recent_demand(hours).set_index(["station_id", "timestamp"])["recent_mean"]

    for station_id, rides in ((1, rides_a), (2, rides_b)):
        got = recent.loc[station_id].to_numpy()
        expected = [float(np.mean(rides[max(i - WINDOW_HOURS, 0):i])) if i else np.nan
                    for i in range(len(rides))]
        assert got == pytest.approx(expected, nan_ok=True), (
            f"Station {station_id}: each hour's recent_mean should be the mean rentals of "
            f"that station's previous {WINDOW_HOURS} hours (NaN for its first hour); "
            f"expected {expected}, got {got.tolist()}"
        )
