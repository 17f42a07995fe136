"""Check: the nightly backfill scores every row of the export once and reports what it published."""

import logging

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression

FEATURES = ["hour", "weekday", "temp_c", "humidity", "wind_kmh", "holiday"]


class RecordingModel(LinearRegression):
    """A linear model that remembers how many rows each call to ``predict`` received."""

    def predict(self, X):
        self.calls.append(len(X))
        return super().predict(X)


def _rentals(dataset) -> pd.DataFrame:
    rentals = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    return rentals.assign(hour=rentals["timestamp"].dt.hour,
                          weekday=rentals["timestamp"].dt.day_of_week)


def _drift(rows: pd.DataFrame, chunk: pd.DataFrame) -> float:
    """Largest shift of a feature's mean, in the opening rows' (population) deviations;
    a feature constant over the opening rows has a spread of 1."""
    mean, std = rows[FEATURES].mean(), rows[FEATURES].std(ddof=0)
    std[std == 0] = 1.0
    return float(((chunk[FEATURES].mean() - mean) / std).abs().max())


def _chunks(count: int, size: int) -> list[pd.DataFrame]:
    rng = np.random.default_rng(count * 31 + size)
    rows = count * size - (size // 2 if count > 1 else 0)  # a short last chunk
    frame = pd.DataFrame({
        "hour": rng.integers(0, 24, rows), "weekday": rng.integers(0, 7, rows),
        "temp_c": rng.normal(17, 4, rows).round(1), "humidity": rng.integers(20, 90, rows),
        "wind_kmh": rng.gamma(3, 4, rows).round(1), "holiday": np.zeros(rows, dtype=int),
    }, index=pd.RangeIndex(1000, 1000 + rows))
    frame.loc[frame.index[-size // 2:], "holiday"] = 1  # a holiday at the end of the stream
    return [frame.iloc[start:start + size] for start in range(0, rows, size)]


CASES = [(0, 3, True), (1, 3, True), (4, 3, True), (7, 3, False), (3, 1, True)]


@pytest.mark.parametrize(("count", "warmup", "as_generator"), CASES,
                         ids=[f"{c}-{w}-{'gen' if g else 'list'}" for c, w, g in CASES])
def test_every_chunk_comes_back_scored_once_in_order(count, warmup, as_generator):
    from exercises.ex11_pdb.scoring import score_stream

    chunks = _chunks(count, 40)
    rng = np.random.default_rng(5)
    model = RecordingModel().fit(_chunks(2, 40)[0][FEATURES], rng.normal(0, 6, 40))
    model.calls = []
    source = (chunk for chunk in chunks) if as_generator else chunks

    scored = list(score_stream(model, source, warmup))

    opening = pd.concat(chunks[:warmup]) if chunks else None
    same = len(scored) == len(chunks) and model.calls == [len(c) for c in chunks]
    for got, chunk in zip(scored, chunks, strict=False):
        forecast = np.maximum(LinearRegression.predict(model, chunk[FEATURES]), 0.0)
        same = (same and list(got.index) == list(chunk.index)
                and got[chunk.columns].equals(chunk)
                and np.allclose(got["predicted_rentals"].to_numpy(float), forecast)
                and np.allclose(got["drift"].to_numpy(float), _drift(opening, chunk)))
    assert same, (
        f"Given {count} chunk(s) and {warmup} opening chunk(s), every chunk should come back "
        "once, in order, as it came, with the model's forecast for each row (zero where "
        "the forecast is negative) and its drift from the opening chunks"
    )


def _expected_log(rentals: pd.DataFrame) -> list[str]:
    """What the backfill logs at INFO, computed from the whole table at once."""
    history = rentals[rentals["timestamp"] < rentals["timestamp"].min() + pd.Timedelta(days=7)]
    model = LinearRegression().fit(history[FEATURES], history["rentals"])
    forecast = np.maximum(model.predict(rentals[FEATURES]), 0.0)
    opening = rentals.iloc[:300]
    drifts = [_drift(opening, rentals.iloc[start:start + 100])
              for start in range(0, len(rentals), 100)]
    worst = int(np.argmax(drifts))
    return [f"scoring {len(rentals)} rows in chunks of 100",
            f"baseline from the first {len(opening)} rows",
            f"largest input drift: {drifts[worst]:.2f} (chunk {worst + 1})",
            f"mean predicted rentals per hour: {forecast.mean():.2f}"]


def test_the_backfill_publishes_every_hour_of_the_export(dataset, caplog):
    from exercises.ex11_pdb import score_batch

    caplog.set_level(logging.INFO)
    status = score_batch.main(dataset / "rentals.csv")

    logged = [record.getMessage() for record in caplog.records if record.levelno >= logging.INFO]
    as_expected = status == 0 and logged == _expected_log(_rentals(dataset))
    assert as_expected, (
        "The backfill should score the whole export in chunks of 100 rows, pass its sanity "
        "check and log, in order: the row count, the baseline's rows (the first three "
        "chunks), the largest input drift with its chunk, and the mean predicted rentals"
    )

