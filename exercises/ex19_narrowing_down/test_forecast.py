"""Check: the forecast report shows how far off each station's forecast is, as it should be."""

import re
from functools import cache
from types import MappingProxyType

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

TRAIN_DAYS = 7
ALPHA = 1.0


@pytest.fixture(autouse=True)
def one_blas_thread():
    """Small least-squares fits run many times slower when BLAS wakes a second thread on a busy
    machine; one thread gives the same fits. SciPy, which the regression uses, loads its own
    BLAS: imported first, so the limit covers it too."""
    import scipy.linalg  # noqa: F401

    with threadpool_limits(limits=1, user_api="blas"):
        yield


@cache
def _reference_errors(csv) -> MappingProxyType:
    """Each station's mean absolute error and the overall one, computed with numpy alone.

    The model: a ridge regression (intercept not penalised) on one indicator per station, day
    type (weekend or holiday, or work day) and hour; one per weather label and per station; the
    readings, the temperature clipped to -30..45 °C; and the feels-like temperature (0.1 °C
    colder per km/h of wind below 10 °C). Trained on the first week, scored on the days after.
    """
    raw = pd.read_csv(csv, dtype={"station_id": str})
    when = pd.to_datetime(raw["timestamp"])
    station = raw["station_id"].to_numpy()
    weather = raw["weather"].str.strip().str.lower().to_numpy()
    off = (when.dt.day_of_week.to_numpy() >= 5) | (raw["holiday"].to_numpy() == 1)
    slot = pd.factorize(pd.Series(station) + np.where(off, "/off/", "/work/")
                        + when.dt.hour.astype(str))[0]
    columns = [np.eye(slot.max() + 1)[slot]]
    columns += [weather == value for value in sorted(set(weather))]
    columns += [station == value for value in sorted(set(station))]
    temp = raw["temp_c"].to_numpy(dtype=float).clip(-30.0, 45.0)
    wind = raw["wind_kmh"].to_numpy(dtype=float)
    columns += [temp, raw["humidity"].to_numpy(dtype=float), wind,
                np.where(temp < 10.0, temp - 0.1 * wind, temp)]
    table = np.column_stack(columns).astype(float)
    rides = raw["rentals"].to_numpy(dtype=float)
    learn = (when < when.min().normalize() + pd.Timedelta(days=TRAIN_DAYS)).to_numpy()

    x, y = table[learn], rides[learn]
    x_mean, y_mean = x.mean(axis=0), y.mean()
    centred = x - x_mean
    weights = np.linalg.solve(centred.T @ centred + ALPHA * np.eye(x.shape[1]),
                              centred.T @ (y - y_mean))
    predicted = np.clip((table[~learn] - x_mean) @ weights + y_mean, 0.0, None)
    miss = np.abs(predicted - rides[~learn])
    scored = station[~learn]
    errors = {s: float(miss[scored == s].mean()) for s in sorted(set(scored))}
    errors["all"] = float(miss.mean())
    return MappingProxyType(errors)


REPORT_LINE = re.compile(r"^  (station (\S+)|all stations): (\d+\.\d\d) rides per hour$")


def _read_report(printed: str, csv) -> dict[str, float] | None:
    """The errors the report prints, or None when it is not laid out as a report."""
    lines = printed.splitlines()
    title = f"Forecast error after the first {TRAIN_DAYS} days ({csv.name}):"
    if not lines or lines[0] != title:
        return None
    shown = {}
    for line in lines[1:]:
        found = REPORT_LINE.match(line)
        if not found:
            return None
        shown[found[2] or "all"] = float(found[3])
    return shown


def _report_matches(printed: str, csv) -> bool:
    expected = _reference_errors(csv)
    shown = _read_report(printed, csv)
    return (shown is not None and list(shown) == list(expected)
            and all(abs(shown[key] - value) < 0.006 for key, value in expected.items()))


def test_the_report_shows_each_stations_forecast_error(dataset, capsys):
    from exercises.ex19_narrowing_down.forecast import main

    csv = dataset / "rentals.csv"
    main(csv)

    same = _report_matches(capsys.readouterr().out, csv)
    assert same, (
        "the report should print, for each station and then for all of them, the mean absolute "
        "error of a forecast that knows each station's hour of a work day or of a day off, the "
        "weather and the readings")


def test_the_report_follows_another_export_of_the_same_feed(dataset, tmp_path, capsys):
    from exercises.ex19_narrowing_down.forecast import main

    raw = pd.read_csv(dataset / "rentals.csv", dtype={"station_id": str})
    when = pd.to_datetime(raw["timestamp"])
    # Next year's calendar: the holiday falls on the second working day after the training
    # week; the export lists the hours in time order and writes the labels as the app does.
    days = when.dt.normalize()
    scored_working = sorted(set(days[(when.dt.day_of_week < 5)
                                     & (days >= days.min() + pd.Timedelta(days=TRAIN_DAYS))]))
    moved = raw.assign(holiday=(days == scored_working[1]).astype(int),
                       weather=raw["weather"].str.capitalize() + " ")
    # A sensor that glitches now and then: far too hot, then far too cold.
    glitches = moved.index[::9]
    moved.loc[glitches[::2], "temp_c"] = 61.5
    moved.loc[glitches[1::2], "temp_c"] = -47.0
    csv = tmp_path / "export.csv"
    moved.sort_values(["timestamp", "station_id"], kind="stable").to_csv(csv, index=False)

    main(csv)

    same = _report_matches(capsys.readouterr().out, csv)
    assert same, (
        "another export of the feed (its rows in time order, a holiday elsewhere, labels as the "
        "app writes them, temperature glitches outside -30 to 45 °C) should get the report of "
        "its own data")


def test_the_readings_reach_the_model_as_a_rider_feels_them(dataset, tmp_path):
    from exercises.ex19_narrowing_down.features import build_features
    from exercises.ex19_narrowing_down.loading import clip_glitches, load_rentals

    raw = pd.read_csv(dataset / "rentals.csv", dtype={"station_id": str})
    # A sensor that glitches now and then: far too hot, then far too cold.
    raw.loc[raw.index[::9][::2], "temp_c"] = 61.5
    raw.loc[raw.index[::9][1::2], "temp_c"] = -47.0
    raw.to_csv(tmp_path / "rentals.csv", index=False)

    table = build_features(clip_glitches(load_rentals(tmp_path / "rentals.csv")))

    temp = raw["temp_c"].clip(-30.0, 45.0)
    expected = pd.DataFrame({
        "timestamp": pd.to_datetime(raw["timestamp"]), "station_id": raw["station_id"],
        "temp_c": temp, "humidity": raw["humidity"], "wind_kmh": raw["wind_kmh"],
        "feels_like_c": temp - (0.1 * raw["wind_kmh"]).where(temp < 10.0, 0.0)})
    names = ["temp_c", "humidity", "wind_kmh", "feels_like_c"]
    keys = ["timestamp", "station_id"]
    same = len(table) == len(raw) and set(keys + names) <= set(table.columns)
    if same:
        got = table[keys + names].astype({"station_id": str}).merge(
            expected, on=keys, how="right", suffixes=("", "_expected"))
        same = all(np.allclose(got[name].to_numpy(dtype=float),
                               got[f"{name}_expected"].to_numpy(dtype=float))
                   for name in names)
    assert same, (
        "each row of the features should keep its readings, a temperature outside -30 to 45 °C "
        "counted as the nearest end of that range, and a feels-like temperature (feels_like_c) "
        "0.1 °C colder per km/h of wind below 10 °C")
