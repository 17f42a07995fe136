"""Score a large table in fixed-size chunks, so memory stays bounded.

The production table holds years of hourly rows per station; the scoring job
never loads more than one chunk of features into the model at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

import pandas as pd
from sklearn.linear_model import LinearRegression

logger = logging.getLogger(__name__)


def iter_chunks(frame: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    """Yield consecutive slices of ``frame`` holding at most ``size`` rows each.

    ``frame`` must carry a default ``RangeIndex`` (0, 1, 2, ...), as
    ``pd.read_csv`` returns it.
    """
    if size < 1:
        raise ValueError(f"chunk size must be positive, got {size}")
    for start in range(0, len(frame), size):
        yield frame.loc[start : start + size]


def score_in_chunks(
    model: LinearRegression,
    frame: pd.DataFrame,
    features: Sequence[str],
    size: int,
) -> pd.DataFrame:
    """Return ``frame`` with a ``predicted_rentals`` column, scored chunk by chunk."""
    scored_chunks = []
    for number, chunk in enumerate(iter_chunks(frame, size), start=1):
        predictions = model.predict(chunk[list(features)])
        scored_chunks.append(chunk.assign(predicted_rentals=predictions.clip(min=0)))
        logger.debug("chunk %d: scored %d rows", number, len(chunk))
    return pd.concat(scored_chunks)
