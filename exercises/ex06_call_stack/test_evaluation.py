"""Check: the weekly report scores every station's own forecast on the hold-out days."""

from functools import cache
from types import MappingProxyType

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

HOLDOUT_DAYS = 4


def _design(rows: pd.DataFrame) -> np.ndarray:
    """Intercept, hour of a working or an off day, cloudy, rain, temperature."""
    stamps = rows["timestamp"].dt
    off_day = ((stamps.day_of_week >= 5) | (rows["holiday"] == 1)).to_numpy()
    hour_of_kind = stamps.hour.to_numpy() + 24 * off_day
    columns = [np.ones(len(rows))]
    columns += [(hour_of_kind == k).astype(float) for k in range(48)]
    columns += [(rows["weather"] == w).to_numpy(dtype=float) for w in ("cloudy", "rain")]
    columns.append(rows["temp_c"].to_numpy(dtype=float))
    return np.column_stack(columns)


@pytest.fixture(autouse=True)
def one_blas_thread():
    """Least-squares fits this small run up to 15x slower when BLAS wakes a second thread on
    a busy machine; one thread gives the same fits. SciPy, which the report's models use,
    loads its own BLAS: imported first, so the limit covers it too."""
    import scipy.linalg  # noqa: F401

    with threadpool_limits(limits=1, user_api="blas"):
        yield


@cache
def _expected_scores(data_dir) -> MappingProxyType:
    """Each station's least-squares model, fitted on its past days and scored on its last days
    (computed once per dataset, read-only)."""
    rentals = pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])
    days = rentals["timestamp"].dt.normalize()
    holdout = days > days.max() - pd.Timedelta(days=HOLDOUT_DAYS)
    expected = {}
    for station_id in sorted(rentals["station_id"].unique()):
        own = rentals["station_id"] == station_id
        train, test = rentals[own & ~holdout], rentals[own & holdout]
        coefficients = np.linalg.lstsq(_design(train), train["rentals"], rcond=None)[0]
        errors = np.clip(_design(test) @ coefficients, 0, None) - test["rentals"].to_numpy()
        expected[int(station_id)] = (float(np.abs(errors).mean()), float(errors.mean()))
    return MappingProxyType(expected)


def test_each_station_is_scored_on_its_own_forecast(dataset):
    from exercises.ex06_call_stack import evaluate

    expected = _expected_scores(dataset)
    results = evaluate.run_evaluation(evaluate.load_rentals(dataset))

    assert sorted(results) == sorted(expected), "The report should score every station once"
    for station_id, (mae, bias) in expected.items():
        got = results[station_id]
        assert (got["mae"], got["bias"]) == pytest.approx((mae, bias), abs=1e-6), (
            "Each station's MAE and bias should be those of the forecasts the vans get for it, "
            f"over the last {HOLDOUT_DAYS} days"
        )


def test_the_printed_report_has_every_station_line(dataset, capsys):
    from exercises.ex06_call_stack import evaluate

    expected = _expected_scores(dataset)
    evaluate.main(["--data", str(dataset)])
    printed = capsys.readouterr().out.split()

    for station_id, (mae, bias) in expected.items():
        line = [str(station_id), f"{mae:.2f}", f"{bias:+.2f}"]
        found = any(printed[i:i + 3] == line for i in range(len(printed)))
        assert found, (
            "The printed report should have one line per station with the MAE and bias of the "
            "forecasts the vans get for it"
        )
