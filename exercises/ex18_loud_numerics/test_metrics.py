"""Check: the monitor scores every hour of last week on the log(1 + rides) scale."""

import math

import numpy as np
import pandas as pd
import pytest

ALERT = 0.6  # the retrain limit the model was signed off with
# The monitor runs with numpy's floating-point warnings off, and so does its check.
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def _expected_rmsle(actual, predicted) -> float:
    squares = [
        (math.log(1 + max(float(p), 0.0)) - math.log(1 + float(a))) ** 2
        for a, p in zip(actual, predicted, strict=True)
    ]
    return math.sqrt(sum(squares) / len(squares))


@pytest.mark.parametrize(
    ("actual", "predicted"),
    [
        ([0, 0, 3], [0, 0, 3]),
        ([0, 1, 10, 4], [2, 0, 12, 4]),
        ([0, 5, 0, 20], [0.4, 6.5, 1.2, 15.0]),
        ([3, 0, 8], [-1.0, 0.5, 8.0]),
    ],
)
def test_rmsle_scores_every_hour_including_quiet_ones(actual, predicted):
    from exercises.ex18_loud_numerics.metrics import rmsle

    expected = _expected_rmsle(actual, predicted)

    got = rmsle(np.array(actual), np.array(predicted))

    assert got == pytest.approx(expected), (
        f"RMSLE of forecasts {predicted} for rides {actual} should be {expected:.4f}, "
        f"every hour counted"
    )


def _independent_report(dataset) -> dict[int, float]:
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    when = rentals["timestamp"]
    rentals["key"] = list(zip(rentals["station_id"], when.dt.hour,
                              (when.dt.day_of_week >= 5) | (rentals["holiday"] == 1),
                              strict=True))
    first_scored_day = when.max().normalize() - pd.Timedelta(days=6)
    before, week = rentals[when < first_scored_day], rentals[when >= first_scored_day]
    profile = before.groupby("key")["rentals"].mean()
    return {
        int(station): _expected_rmsle(hours["rentals"], hours["key"].map(profile))
        for station, hours in week.groupby("station_id")
    }


def test_the_weekly_report_scores_each_station(dataset):
    from exercises.ex18_loud_numerics.monitor import weekly_report

    expected = _independent_report(dataset)

    report = weekly_report(dataset)

    assert sorted(report["station_id"].astype(int)) == sorted(expected), (
        f"The report should hold one row per station: {sorted(expected)}"
    )
    for row in report.itertuples(index=False):
        want = expected[int(row.station_id)]
        assert row.rmsle == pytest.approx(want), (
            f"station {row.station_id}: last week's forecasts should score an RMSLE of "
            f"{want:.3f}, not {row.rmsle:.3f}"
        )
        assert bool(row.retrain) == (want > ALERT), (
            f"station {row.station_id}: retrain only when the RMSLE passes {ALERT}"
        )
