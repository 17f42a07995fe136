"""Check: the backfill scores every row of the table exactly once, in chunks of bounded size."""

import logging

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression

FEATURES = ["hour", "temp_c", "humidity", "wind_kmh", "holiday"]


class RecordingModel(LinearRegression):
    """A linear model that remembers how many rows each call to ``predict`` received."""

    def predict(self, features):
        self.calls.append(len(features))
        return super().predict(features)


def _covers_each_row_once(chunks: list[pd.DataFrame], frame: pd.DataFrame, size: int) -> bool:
    labels = [label for chunk in chunks for label in chunk.index]
    return labels == list(frame.index) and all(0 < len(chunk) <= size for chunk in chunks)


@pytest.mark.parametrize("rows", [1, 99, 100, 101, 250])
@pytest.mark.parametrize("size", [1, 7, 100])
def test_chunks_hold_each_row_once_in_order(rows, size):
    from exercises.ex11_pdb.batching import iter_chunks

    frame = pd.DataFrame({"rentals": np.arange(rows) % 13})
    covered = _covers_each_row_once(list(iter_chunks(frame, size)), frame, size)
    assert covered, (
        f"Chained together, the chunks of a {rows}-row table should hold each row once, in "
        f"order, with at most {size} row{'s' if size > 1 else ''} per chunk"
    )


def _history_model(rentals: pd.DataFrame) -> LinearRegression:
    """The demand model fitted on the first seven days, as the job documents it."""
    history = rentals[rentals["timestamp"] < rentals["timestamp"].min() + pd.Timedelta(days=7)]
    model = RecordingModel().fit(history[FEATURES], history["rentals"])
    model.calls = []
    return model


def _rentals(dataset) -> pd.DataFrame:
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    return rentals.assign(hour=rentals["timestamp"].dt.hour)


def test_each_hour_is_scored_once_with_its_own_prediction(dataset):
    from exercises.ex11_pdb.batching import score_in_chunks

    rentals = _rentals(dataset)
    model = _history_model(rentals)
    scored = score_in_chunks(model, rentals, FEATURES, 100)

    expected = LinearRegression.predict(model, rentals[FEATURES]).clip(min=0)
    as_expected = (list(scored.index) == list(rentals.index)
                   and np.allclose(scored["predicted_rentals"].to_numpy(float), expected)
                   and sum(model.calls) == len(rentals) and max(model.calls) <= 100)
    assert as_expected, (
        "The backfill should feed the model at most 100 rows at a time, each row once, and "
        "return every input row once, in order, with the model's prediction for that row"
    )


def test_a_forecast_below_zero_is_served_as_zero(dataset):
    from exercises.ex11_pdb.batching import score_in_chunks

    rentals = _rentals(dataset)
    # A model of the demand above the average: many of its forecasts are below zero.
    model = RecordingModel().fit(rentals[FEATURES], rentals["rentals"] - rentals["rentals"].mean())
    model.calls = []
    scored = score_in_chunks(model, rentals, FEATURES, 100)

    raw = LinearRegression.predict(model, rentals[FEATURES])
    as_expected = (raw < 0).any() and list(scored.index) == list(rentals.index) and np.allclose(
        scored["predicted_rentals"].to_numpy(float), np.maximum(raw, 0.0))
    assert as_expected, (
        "Predicted rentals should never be negative: each row gets the model's forecast, "
        "or zero where the forecast is below zero"
    )


def test_the_job_passes_its_sanity_check_and_reports_the_mean(dataset, caplog):
    from exercises.ex11_pdb import score_batch

    caplog.set_level(logging.INFO)
    score_batch.main(dataset / "rentals.csv")
    messages = [record.getMessage() for record in caplog.records]
    reported = [message for message in messages if "mean predicted" in message]

    rentals = _rentals(dataset)
    model = _history_model(rentals)
    mean = LinearRegression.predict(model, rentals[FEATURES]).clip(min=0).mean()
    as_expected = (f"scoring {len(rentals)} rows in chunks of 100" in messages
                   and bool(reported) and reported[-1].endswith(f"{mean:.2f}"))
    assert as_expected, (
        "The job should say it scores the whole table in chunks of 100 rows, score it, and "
        "report the mean predicted rentals per hour over every row"
    )
