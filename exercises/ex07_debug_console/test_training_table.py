"""Check: each training row keeps its station-hour's features and target; the job scores them."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

MEASUREMENTS = ["temp_c", "humidity", "wind_kmh"]
HOLDOUT_DAYS = 4


def _read(dataset) -> pd.DataFrame:
    return pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])


def _expected_table(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """One-hot hour-by-day-type, weather and station, the measurements, then the rentals,
    one row per row of ``frame`` in its order."""
    stamp = frame["timestamp"]
    day_off = (stamp.dt.day_of_week >= 5) | (frame["holiday"] == 1)
    slot = stamp.dt.hour.to_numpy() + 24 * day_off.to_numpy()
    columns = [slot == value for value in range(48)]
    columns += [frame["weather"].to_numpy() == w for w in ("clear", "cloudy", "rain")]
    columns += [frame["station_id"].to_numpy() == s for s in sorted(frame["station_id"].unique())]
    columns += [frame[name].to_numpy() for name in MEASUREMENTS]
    return np.column_stack(columns).astype(float), frame["rentals"].to_numpy(dtype=float)


def _holds_the_expected_rows(table: pd.DataFrame, frame: pd.DataFrame, target: str) -> bool:
    """Whether ``table`` is ``_expected_table(frame)``: features, then ``target``, each row
    under the label its station-hour has in ``frame``."""
    expected_x, expected_y = _expected_table(frame)
    got_x = table.drop(columns=target).to_numpy(dtype=float)
    got_y = table[target].to_numpy(dtype=float)
    return (got_x.shape == expected_x.shape and np.array_equal(got_x, expected_x)
            and np.array_equal(got_y, expected_y) and table.index.equals(frame.index))


def test_each_row_keeps_its_station_hours_features_and_rentals(dataset):
    from exercises.ex07_debug_console import features

    frame = _read(dataset).sample(frac=0.9, random_state=7)  # any order, any index labels
    table = features.build_training_table(frame)

    assert _holds_the_expected_rows(table, frame, features.TARGET), (
        "Row by row, in the order of the input frame and under the same row labels, the "
        "training table should hold that station-hour's encoded hour, weather and station, its "
        "measurements and its rentals"
    )


def test_a_slice_of_the_log_gets_the_same_columns_as_the_whole_log(dataset):
    from exercises.ex07_debug_console import features

    whole = _read(dataset)
    stamp = whole["timestamp"]
    work_day = (stamp.dt.day_of_week < 5) & (whole["holiday"] == 0)
    dry_work_days = whole[work_day & (whole["weather"] != "rain")]  # no day off, no rain
    table = features.build_training_table(dry_work_days)

    same = (list(table.columns) == list(features.build_training_table(whole).columns)
            and _holds_the_expected_rows(table, dry_work_days, features.TARGET))
    assert same, (
        "A slice of the log without some hours, weather or day types should get the same "
        "columns as the whole log, those categories' columns all zero"
    )


def test_the_columns_are_named_after_the_features(dataset):
    from exercises.ex07_debug_console import features

    frame = _read(dataset)
    table = features.build_training_table(frame)

    names = list(table.columns)
    named = (all(isinstance(name, str) for name in names) and len(set(names)) == len(names)
             and features.TARGET in names)
    for measurement in MEASUREMENTS:
        found = [name for name in names if str(name).endswith(measurement)]
        named &= len(found) == 1 and np.array_equal(table[found[0]].to_numpy(dtype=float),
                                                    frame[measurement].to_numpy(dtype=float))
    assert named, (
        "The training table's columns should be named after what they hold: one distinct name "
        "per feature, each measurement under its own name, and the target under its name"
    )

def _expected_scores(frame: pd.DataFrame) -> tuple[float, float]:
    from sklearn.linear_model import Ridge
    from sklearn.metrics import mean_absolute_error, r2_score

    ordered = frame.sort_values(["timestamp", "station_id"])
    x, y = _expected_table(ordered)
    holdout = (ordered["timestamp"] >= ordered["timestamp"].max().normalize()
               - pd.Timedelta(days=HOLDOUT_DAYS - 1)).to_numpy()
    predicted = Ridge(alpha=1.0).fit(x[~holdout], y[~holdout]).predict(x[holdout])
    return r2_score(y[holdout], predicted), mean_absolute_error(y[holdout], predicted)


def _assert_the_job_scores_the_last_four_days(path: Path, capsys) -> None:
    from exercises.ex07_debug_console import train

    train.main(path)
    words = capsys.readouterr().out.replace(",", " ").split()

    r2, mae = _expected_scores(pd.read_csv(path, parse_dates=["timestamp"]))
    printed = [float(words[words.index("R²") + 1]), float(words[words.index("MAE") + 1])]
    as_expected = (printed[0] == pytest.approx(r2, abs=6e-4)
                   and printed[1] == pytest.approx(mae, abs=6e-3) and r2 > 0.6)
    assert as_expected, (
        "Trained on all but the last four days, the model should explain most of the demand "
        "on those days (R² above 0.6), and the job should print its R² and MAE"
    )


def test_the_job_scores_the_last_four_days_of_every_station(dataset, capsys):
    _assert_the_job_scores_the_last_four_days(dataset / "rentals.csv", capsys)


def test_a_log_with_missing_hours_is_scored_on_its_last_four_calendar_days(dataset, tmp_path,
                                                                           capsys):
    log = _read(dataset)
    stamp, station = log["timestamp"], log["station_id"]
    lost_day = stamp.dt.normalize() == stamp.max().normalize() - pd.Timedelta(days=2)
    lost_hour = (station == station.min()) & (stamp == stamp.max() - pd.Timedelta(hours=70))
    path = tmp_path / "rentals.csv"
    log[~(lost_day | lost_hour)].to_csv(path, index=False, date_format="%Y-%m-%d %H:%M")

    _assert_the_job_scores_the_last_four_days(path, capsys)
