"""Train next-hour demand on recent demand and weather, and validate it.

Run it with the configuration "04 · Logpoint" (or
``python -m exercises.ex04_logpoint.train``). The validation score is far
better than a model this simple should reach. Start in ``features.py``: add a
logpoint (not a breakpoint) in the loop of ``add_recent_demand`` that prints,
for each hour, the hour's rentals next to the window the feature is built from.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exercises.ex04_logpoint.features import add_recent_demand

DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
FEATURES = ["recent_mean", "temp_c", "humidity"]
VALIDATION_DAYS = 4  # the last days of the table, kept out of training


def load_rentals(path: Path = DATA_PATH) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["timestamp"])


def validate(table: pd.DataFrame) -> None:
    """Fit on all but the last ``VALIDATION_DAYS`` days and print the scores on those."""
    # Imported here: scikit-learn (and SciPy with it) takes about a second to
    # import, and building the features before this step does not need it.
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_absolute_error, r2_score

    first_day = table["timestamp"].max().normalize() - pd.Timedelta(days=VALIDATION_DAYS - 1)
    validation = table["timestamp"] >= first_day
    train, test = table[~validation], table[validation]
    model = LinearRegression().fit(train[FEATURES], train["rentals"])
    predicted = model.predict(test[FEATURES])
    naive = test.groupby("station_id")["rentals"].shift(1).dropna()
    print(f"Validation R²:  {r2_score(test['rentals'], predicted):.3f}")
    print(f"Validation MAE: {mean_absolute_error(test['rentals'], predicted):.2f} rentals/h")
    print(f"Naive 'same as last hour' MAE: "
          f"{mean_absolute_error(test.loc[naive.index, 'rentals'], naive):.2f} rentals/h")


def main(path: Path = DATA_PATH) -> None:
    validate(add_recent_demand(load_rentals(path)).dropna(subset=FEATURES))


if __name__ == "__main__":
    main()
