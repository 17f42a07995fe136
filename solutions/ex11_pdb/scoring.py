"""Score a stream of chunks with the model, watching the inputs drift as it goes."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator

import pandas as pd
from sklearn.base import RegressorMixin

from exercises.ex11_pdb.model import FEATURES, predict_rentals
from exercises.ex11_pdb.monitoring import Baseline

logger = logging.getLogger("score_batch")


def score_stream(
    model: RegressorMixin, chunks: Iterable[pd.DataFrame], warmup: int
) -> Iterator[pd.DataFrame]:
    """Yield each chunk with ``predicted_rentals`` and its ``drift`` from the opening chunks.

    The first ``warmup`` chunks are held back until the baseline is known, then
    every chunk is scored, in the order it came.
    """
    stream = iter(chunks)
    opening = []
    # zip() asks ``stream`` first, so its last call took one chunk past the
    # warm-up and dropped it: let ``islice`` stop the stream itself.
    for number, chunk in enumerate(itertools.islice(stream, warmup), start=1):
        logger.debug("opening chunk %d: %d rows", number, len(chunk))
        opening.append(chunk)
    if not opening:
        return
    baseline = Baseline.from_chunks(opening, FEATURES)
    logger.info("baseline from the first %d rows", baseline.rows)
    for chunk in itertools.chain(opening, stream):
        yield chunk.assign(predicted_rentals=predict_rentals(model, chunk),
                           drift=baseline.drift(chunk))
