"""Check: the monitor scores every hour of last week on the log(1 + rides) scale."""

import logging
import math
from pathlib import Path

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


def _assert_each_station_scores(report, expected: dict[int, float], week: str) -> None:
    for row in report.itertuples(index=False):
        want = expected[int(row.station_id)]
        assert row.rmsle == pytest.approx(want), (
            f"station {row.station_id}: {week} should score an RMSLE of {want:.3f}, "
            f"not {row.rmsle:.3f}"
        )
        assert bool(row.retrain) == (want > ALERT), (
            f"station {row.station_id}: retrain only when the RMSLE passes {ALERT}"
        )


def test_the_weekly_report_scores_each_station(dataset):
    from exercises.ex18_loud_numerics.monitor import weekly_report

    expected = _independent_report(dataset)

    report = weekly_report(dataset)

    assert sorted(report["station_id"].astype(int)) == sorted(expected), (
        f"The report should hold one row per station: {sorted(expected)}"
    )
    _assert_each_station_scores(report, expected, "last week's forecasts")


def test_rmsle_takes_compact_counts_and_skips_hours_without_a_reading_or_forecast():
    from exercises.ex18_loud_numerics.metrics import rmsle

    # Counts as a feature store keeps them (one byte each), and the same hours as JSON
    # lists where null marks an hour without a reading or without a forecast.
    actual = [0, 3, 17, 0, 9, 250]
    predicted = [1.5, 2.0, 15.25, 0.0, 12.0, 180.5]
    expected = _expected_rmsle(actual, predicted)
    assert rmsle(np.array(actual, dtype=np.uint8), np.array(predicted)) == pytest.approx(
        expected), "RMSLE should not depend on the integer type the counts are stored in"

    with_gaps = rmsle(actual[:2] + [None] + actual[3:], predicted[:4] + [None] + predicted[5:])
    kept = [0, 1, 3, 5]
    assert with_gaps == pytest.approx(
        _expected_rmsle([actual[i] for i in kept], [predicted[i] for i in kept])
    ), "An hour without a reading or without a forecast should be left out of the RMSLE"


def test_a_station_whose_demand_doubled_is_flagged(dataset, tmp_path):
    from exercises.ex18_loud_numerics.monitor import weekly_report

    rentals = pd.read_csv(dataset / "rentals.csv")
    when = pd.to_datetime(rentals["timestamp"])
    surge = (when >= when.max().normalize() - pd.Timedelta(days=6)) & (
        rentals["station_id"] == rentals["station_id"].min())
    rentals.loc[surge, "rentals"] *= 2
    rentals.to_csv(tmp_path / "rentals.csv", index=False)
    expected = _independent_report(tmp_path)

    report = weekly_report(tmp_path)

    _assert_each_station_scores(report, expected, "a week of doubled demand")


def test_the_monitor_prints_each_stations_score_and_logs_its_decision(
    capsys, caplog, monkeypatch
):
    from exercises.ex18_loud_numerics.monitor import main

    expected = _independent_report(Path(__file__).resolve().parents[2] / "data")
    monkeypatch.delenv("NUMERIC_ERRORS", raising=False)
    caplog.set_level(logging.INFO, logger="monitor")
    numpy_errors = np.geterr()
    try:
        main()  # reads the shipped data
    finally:
        np.seterr(**numpy_errors)

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["station_id", "rmsle", "retrain"], (
        "The monitor should print a table of station_id, rmsle and retrain"
    )
    rows = [line.split() for line in lines[1:]]
    assert [int(row[0]) for row in rows] == sorted(expected), (
        "The table should hold one line per station, with no row numbers"
    )
    for station, rmsle_text, retrain in rows:
        want = expected[int(station)]
        assert len(rmsle_text.partition(".")[2]) == 3, "RMSLE should be printed to 3 decimals"
        assert abs(float(rmsle_text) - want) < 0.0005 + 1e-9, (
            f"station {station}: the printed RMSLE should be {want:.3f}"
        )
        assert retrain == str(want > ALERT), (
            f"station {station}: retrain only when the RMSLE passes {ALERT}"
        )
    flagged = [str(station) for station, score in expected.items() if score > ALERT]
    decision = [r.getMessage() for r in caplog.records if r.name == "monitor"][-1]
    if flagged:
        assert all(station in decision for station in flagged), (
            "The monitor should log the stations to retrain"
        )
    else:
        assert decision.endswith("none"), "The monitor should log that no station needs a retrain"
