"""Check: each hour's recent demand uses only its station's earlier hours; validation shows it."""

import numpy as np
import pandas as pd
import pytest

WINDOW = 2  # hours of history the service averages
FEATURES = ["recent_mean", "temp_c", "humidity"]


def _read(dataset) -> pd.DataFrame:
    return pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])


def _expected_recent_mean(rentals: pd.DataFrame) -> pd.Series:
    """Mean rentals of the station's previous hours (at most WINDOW), NaN without any."""
    ordered = rentals.sort_values("timestamp", kind="stable")
    previous = ordered.groupby("station_id")["rentals"].shift(1)
    recent = previous.groupby(ordered["station_id"]).rolling(WINDOW, min_periods=1).mean()
    return recent.droplevel(0).reindex(rentals.index)


def test_every_hour_averages_only_earlier_hours_of_its_station(dataset):
    from exercises.ex04_logpoint.features import add_recent_demand

    rentals = _read(dataset).sample(frac=1, random_state=11)  # stations and hours shuffled
    got = add_recent_demand(rentals)["recent_mean"]

    same = np.allclose(got.to_numpy(float), _expected_recent_mean(rentals).to_numpy(float),
                       equal_nan=True)
    same &= int(np.searchsorted([1, 2, 3], 2, side="right")) == 2  # NumPy as documented
    assert same, (
        f"Each row's recent_mean should be the mean rentals of the same station's previous "
        f"{WINDOW} hours (fewer at the start, NaN for a station's first hour), whatever the "
        "row order"
    )


def test_the_hour_being_predicted_does_not_change_its_own_feature():
    from exercises.ex04_logpoint.features import add_recent_demand

    stamps = pd.date_range("2024-11-04 06:00", periods=8, freq="h")
    rides = [3, 8, 21, 30, 17, 9, 6, 4]
    before = add_recent_demand(pd.DataFrame({"timestamp": stamps, "station_id": 5,
                                             "rentals": rides}))["recent_mean"]
    surged = [*rides[:5], 400, *rides[6:]]
    after = add_recent_demand(pd.DataFrame({"timestamp": stamps, "station_id": 5,
                                            "rentals": surged}))["recent_mean"]

    own_unchanged = after[5] == pytest.approx(before[5], nan_ok=True)
    assert own_unchanged, "An hour's recent demand should not depend on that hour's own rentals"
    next_sees_it = after[6] != pytest.approx(before[6])
    assert next_sees_it, "The hour right after a surge should see the surge in its recent demand"


def _expected_scores(rentals: pd.DataFrame) -> tuple[float, float, float]:
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_absolute_error, r2_score

    table = rentals.assign(recent_mean=_expected_recent_mean(rentals)).dropna(subset=FEATURES)
    first_day = table["timestamp"].max().normalize() - pd.Timedelta(days=3)
    validation = table["timestamp"] >= first_day
    train, test = table[~validation], table[validation]
    predicted = LinearRegression().fit(train[FEATURES], train["rentals"]).predict(test[FEATURES])
    naive = test.groupby("station_id")["rentals"].shift(1).dropna()
    return (r2_score(test["rentals"], predicted), mean_absolute_error(test["rentals"], predicted),
            mean_absolute_error(test.loc[naive.index, "rentals"], naive))


def test_validation_scores_the_model_on_features_it_could_have_known(dataset, capsys):
    from exercises.ex04_logpoint import train

    train.main(dataset / "rentals.csv")
    printed = [float(line.split()[-2 if "MAE" in line else -1])
               for line in capsys.readouterr().out.splitlines()]

    r2, mae, naive = _expected_scores(_read(dataset))
    same = printed == pytest.approx([r2, mae, naive], abs=0.006)
    assert same, (
        "Validation on the last four days should report R², MAE and the naive MAE of a model "
        "whose recent demand only uses each station's earlier hours"
    )


def test_validation_keeps_hours_missing_only_what_the_model_does_not_use(dataset, tmp_path,
                                                                          capsys):
    from exercises.ex04_logpoint import train

    rentals = _read(dataset)
    gaps = rentals.index % 5 == 2  # the wind sensor and weather feed dropped out now and then
    rentals.loc[gaps, "wind_kmh"] = np.nan
    rentals["weather"] = rentals["weather"].where(~gaps)
    path = tmp_path / "rentals.csv"
    rentals.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M")

    train.main(path)
    printed = [float(line.split()[-2 if "MAE" in line else -1])
               for line in capsys.readouterr().out.splitlines()]
    same = printed == pytest.approx(list(_expected_scores(_read(tmp_path))), abs=0.006)
    assert same, (
        "Validation should train and score on every hour that has the model's features, "
        "even when a column the model does not use is missing"
    )
