"""Nightly backfill: score every hour of the rentals table with the demand model.

Run it in a terminal, under pdb, and let pdb catch the failure for you:

    python -m pdb -m exercises.ex11_pdb.score_batch

Type ``c`` to run. When the job fails, pdb stops in post-mortem mode at the
line that raised: start there (``ll``, ``p``, ``pp``, ``u``, ``w``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
from sklearn.linear_model import LinearRegression

from exercises.ex11_pdb.batching import score_in_chunks

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
FEATURES = ["hour", "temp_c", "humidity", "wind_kmh", "holiday"]
CHUNK_ROWS = 100
TRAIN_DAYS = 7

logger = logging.getLogger("score_batch")


def load_rentals(path: Path = DATA) -> pd.DataFrame:
    """The rentals table with an ``hour`` column derived from the timestamp."""
    rentals = pd.read_csv(path, parse_dates=["timestamp"])
    return rentals.assign(hour=rentals["timestamp"].dt.hour)


def train_model(rentals: pd.DataFrame) -> LinearRegression:
    """Fit the demand model on the first ``TRAIN_DAYS`` days of history."""
    cutoff = rentals["timestamp"].min() + pd.Timedelta(days=TRAIN_DAYS)
    history = rentals[rentals["timestamp"] < cutoff]
    return LinearRegression().fit(history[FEATURES], history["rentals"])


def main(path: Path = DATA) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    batch = load_rentals(path)
    model = train_model(batch)
    logger.info("scoring %d rows in chunks of %d", len(batch), CHUNK_ROWS)
    scored = score_in_chunks(model, batch, FEATURES, CHUNK_ROWS)
    # The dashboard joins predictions back by row: a count mismatch would
    # silently shift every prediction onto the wrong hour.
    if len(scored) != len(batch):
        raise RuntimeError(f"scored {len(scored)} rows, expected {len(batch)}")
    logger.info("mean predicted rentals per hour: %.2f", scored["predicted_rentals"].mean())


if __name__ == "__main__":
    main()
