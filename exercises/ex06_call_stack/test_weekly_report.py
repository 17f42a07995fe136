"""Check: the weekly report scores every station's own forecast on the hold-out days."""

from functools import cache
from types import MappingProxyType

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

HOLDOUT_DAYS = 4
ALPHA = 1.0
SENSORS = ["temp_c", "humidity", "wind_kmh", "bikes_available"]


@pytest.fixture(autouse=True)
def one_blas_thread():
    """Least-squares fits this small run much slower when BLAS wakes a second thread on a
    busy machine; one thread gives the same fits. SciPy, which the report's models use,
    loads its own BLAS: imported first, so the limit covers it too."""
    import scipy.linalg  # noqa: F401

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _read(data_dir) -> pd.DataFrame:
    rentals = pd.read_csv(data_dir / "rentals.csv", parse_dates=["timestamp"])
    stamps = rentals["timestamp"].dt
    rentals["off"] = (stamps.day_of_week >= 5) | (rentals["holiday"] == 1)
    rentals["hour"] = stamps.hour
    return rentals


def _fit(train: pd.DataFrame):
    """A ridge regression on standardised sensor readings and one-hot hour and kind of day,
    with its own intercept; returns a function that forecasts other rows."""
    mean = train[SENSORS].mean().to_numpy()
    spread = train[SENSORS].std(ddof=0).to_numpy()

    def design(rows: pd.DataFrame) -> np.ndarray:
        hours = (rows["hour"].to_numpy()[:, None] == np.arange(24)).astype(float)
        kinds = np.column_stack([~rows["off"].to_numpy(), rows["off"].to_numpy()]).astype(float)
        return np.hstack([(rows[SENSORS].to_numpy(dtype=float) - mean) / spread, hours, kinds])

    x, y = design(train), train["rentals"].to_numpy(dtype=float)
    x_mean, y_mean = x.mean(axis=0), y.mean()
    xc = x - x_mean
    weights = np.linalg.solve(xc.T @ xc + ALPHA * np.eye(x.shape[1]), xc.T @ (y - y_mean))
    intercept = y_mean - x_mean @ weights
    return lambda rows: np.clip(design(rows) @ weights + intercept, 0.0, None)


@cache
def _expected(data_dir) -> MappingProxyType:
    """Per station: its hold-out rows' forecasts, MAE and bias (once per dataset, read-only)."""
    rentals = _read(data_dir)
    days = rentals["timestamp"].dt.normalize()
    holdout = days > days.max() - pd.Timedelta(days=HOLDOUT_DAYS)
    expected = {}
    for station_id in sorted(rentals["station_id"].unique()):
        own = rentals["station_id"] == station_id
        test = rentals[own & holdout]
        forecast = _fit(rentals[own & ~holdout])(test)
        errors = forecast - test["rentals"].to_numpy()
        expected[int(station_id)] = (forecast, float(np.abs(errors).mean()), float(errors.mean()))
    return MappingProxyType(expected)


def test_each_station_is_scored_on_its_own_forecast(dataset):
    from exercises.ex06_call_stack import evaluate

    expected = _expected(dataset)
    results = evaluate.run_evaluation(evaluate.load_rentals(dataset))

    every_station = sorted(results) == sorted(expected)
    assert every_station, "The report should score every station once"
    for station_id, (_, mae, bias) in expected.items():
        got = results[station_id]
        same = (got["mae"], got["bias"]) == pytest.approx((mae, bias), abs=1e-6)
        assert same, (
            "Each station's MAE and bias should be those of its own model's forecasts "
            f"over the last {HOLDOUT_DAYS} days"
        )


def test_every_fitted_model_forecasts_its_station_whatever_the_order(dataset):
    from exercises.ex06_call_stack import evaluate, models

    expected = _expected(dataset)
    train, holdout = evaluate.split_by_time(evaluate.load_rentals(dataset))
    fitted = models.fit_models(train)

    for station_id in sorted(expected, reverse=True) + sorted(expected):
        rows = holdout[holdout["station_id"] == station_id]
        same = np.allclose(fitted[station_id].forecast(rows), expected[station_id][0], atol=1e-6)
        assert same, (
            "Once all the stations' models are fitted, each one should forecast its own "
            "station's hours as it would alone, in any order they are asked"
        )


def test_the_printed_report_has_every_station_line(dataset, capsys):
    from exercises.ex06_call_stack import evaluate

    expected = _expected(dataset)
    names = pd.read_csv(dataset / "stations.csv").set_index("station_id")["name"]
    evaluate.main(["--data", str(dataset)])
    lines = [line.split() for line in capsys.readouterr().out.splitlines() if line.strip()]

    wanted = [["station", "name", "MAE", "bias"]] + [
        [str(station_id), *names[station_id].split(), f"{mae:.2f}", f"{bias:+.2f}"]
        for station_id, (_, mae, bias) in sorted(expected.items())
    ]
    same = lines == wanted
    assert same, (
        "The job should print a header, then one line per station in id order with its name, "
        "the MAE and the bias of its own model's forecasts"
    )
