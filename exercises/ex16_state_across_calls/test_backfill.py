"""Check: every day of the backfill gets the forecast the nightly job makes for it alone."""

import functools

import numpy as np
import pandas as pd
import pytest

SETTINGS = {"n_estimators": 15, "max_depth": 3, "learning_rate": 0.2, "subsample": 0.8,
            "random_state": 16}
DAYS = 7


@functools.cache
def _read(folder) -> pd.DataFrame:
    return pd.read_csv(folder / "rentals.csv", parse_dates=["timestamp"])


def _design(rentals: pd.DataFrame) -> np.ndarray:
    """Station, hour, off day (weekend or holiday), temperature, rain: in that order."""
    stamp = rentals["timestamp"]
    return np.column_stack([
        rentals["station_id"], stamp.dt.hour,
        (stamp.dt.day_of_week >= 5) | (rentals["holiday"] == 1),
        rentals["temp_c"], rentals["weather"] == "rain",
    ]).astype(float)


@functools.cache
def _expected_day(folder, day: pd.Timestamp) -> pd.DataFrame:
    """The job's forecast for ``day``: a model with the job's settings and seed, fitted on
    every hour before the day, for each station and hour of the day the feed holds."""
    from sklearn.ensemble import GradientBoostingRegressor

    rentals = _read(folder)
    before = (rentals["timestamp"] < day).to_numpy()
    during = ((rentals["timestamp"] >= day)
              & (rentals["timestamp"] < day + pd.Timedelta(days=1))).to_numpy()
    features = _design(rentals)
    model = GradientBoostingRegressor(**SETTINGS)
    model.fit(features[before], rentals["rentals"].to_numpy()[before])
    hours = rentals[during]
    return pd.DataFrame({
        "timestamp": hours["timestamp"].to_numpy(),
        "station_id": hours["station_id"].to_numpy(),
        "forecast": model.predict(features[during]).clip(min=0),
        "rentals": hours["rentals"].to_numpy(),
    })


def _last_days(folder, count: int = DAYS) -> list[pd.Timestamp]:
    last = _read(folder)["timestamp"].max().normalize()
    return [last - pd.Timedelta(days=n) for n in range(count - 1, -1, -1)]


def _assert_report(printed: str, expected: pd.DataFrame, what: str) -> None:
    lines = printed.splitlines()
    titled = bool(lines) and lines[0] == "Forecast and actual rentals per day and station"
    assert titled, f"{what}: the report should start with its title"
    stations = sorted(expected["station_id"].unique())
    day = expected["timestamp"].dt.normalize()
    for when in sorted(day.unique()):
        rows = expected[day == when]
        forecast = [float(rows.loc[rows["station_id"] == s, "forecast"].sum()) for s in stations]
        actual = [int(rows.loc[rows["station_id"] == s, "rentals"].sum()) for s in stations]
        line = next((row for row in lines if row.startswith(f"{when:%Y-%m-%d}")), "")
        shown = [float(value) for value in line.split()[1:]]
        same = (len(shown) == 2 * len(stations)
                and shown[:len(stations)] == pytest.approx(forecast, abs=0.051)
                and shown[len(stations):] == pytest.approx(actual))
        assert same, (
            f"{what}: the line for {when:%Y-%m-%d} should show each station's forecast total "
            f"{[round(v, 1) for v in forecast]}, then its actual total {actual}")
    mae = float(np.abs(expected["forecast"] - expected["rentals"]).mean())
    wanted = f"forecast MAE: {mae:.3f} rentals per hour"
    words = lines[-1].split() if lines else []
    same = (len(words) == 6 and words[:2] + words[3:] == ["forecast", "MAE:", "rentals", "per",
                                                          "hour"]
            and float(words[2]) == pytest.approx(mae, abs=0.0011))
    assert same, f"{what}: the report should end with the line {wanted!r}"


def test_the_backfill_report_shows_each_nights_own_forecast(dataset, capsys):
    from exercises.ex16_state_across_calls.backfill import main

    expected = pd.concat([_expected_day(dataset, day) for day in _last_days(dataset)],
                         ignore_index=True)
    main(dataset)
    _assert_report(capsys.readouterr().out, expected, "the backfill of the last seven days")


def test_a_night_gives_the_same_forecast_whatever_ran_before_it(dataset):
    from exercises.ex16_state_across_calls.features import feature_table, load_rentals
    from exercises.ex16_state_across_calls.nightly import forecast_day

    table = feature_table(load_rentals(dataset))
    days = _last_days(dataset)
    # Not in time order, and the same night twice: each replay depends on its own night only.
    for day in [days[5], days[1], days[5]]:
        got = forecast_day(table, day)
        expected = _expected_day(dataset, day)
        same = (len(got) == len(expected)
                and got["timestamp"].tolist() == expected["timestamp"].tolist()
                and got["station_id"].tolist() == expected["station_id"].tolist()
                and got["forecast"].tolist() == pytest.approx(expected["forecast"].tolist())
                and got["rentals"].tolist() == expected["rentals"].tolist())
        assert same, (f"the forecast for {day:%Y-%m-%d} should be the one its night's job makes "
                      "when replayed alone: a model with the job's settings and seed, fitted "
                      "on every hour before the day")


def test_replaying_one_night_reports_that_night_alone(dataset, capsys):
    from exercises.ex16_state_across_calls.backfill import main

    day = _last_days(dataset)[-1]
    main(dataset, f"{day:%Y-%m-%d}")
    _assert_report(capsys.readouterr().out, _expected_day(dataset, day),
                   f"the replay of the night before {day:%Y-%m-%d}")
