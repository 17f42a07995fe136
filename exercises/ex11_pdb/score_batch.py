"""Nightly backfill: score every hour of the rentals export with the demand model.

Run it in a terminal:

    python -m exercises.ex11_pdb.score_batch

It ends with a sanity check before anything is published; start from the
figures it logs there.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pandas as pd

from exercises.ex11_pdb.model import train_model
from exercises.ex11_pdb.scoring import score_stream
from exercises.ex11_pdb.source import DATA, count_rows, read_chunks, read_history

CHUNK_ROWS = 100
WARMUP_CHUNKS = 3
TRAIN_DAYS = 7

logger = logging.getLogger("score_batch")


def publish(scored: pd.DataFrame) -> None:
    """Report what the dashboard receives."""
    worst = scored.groupby("chunk")["drift"].first()
    logger.info("largest input drift: %.2f (chunk %d)", worst.max(), worst.idxmax())
    logger.info("mean predicted rentals per hour: %.2f", scored["predicted_rentals"].mean())


def main(path: Path = DATA) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    model = train_model(read_history(path, TRAIN_DAYS, CHUNK_ROWS))
    expected = count_rows(path)
    logger.info("scoring %d rows in chunks of %d", expected, CHUNK_ROWS)
    stream = score_stream(model, read_chunks(path, CHUNK_ROWS), WARMUP_CHUNKS)
    scored = pd.concat(
        [chunk.assign(chunk=number) for number, chunk in enumerate(stream, start=1)]
    )
    # The dashboard joins predictions back by row: a count mismatch would
    # leave hours without a forecast, or shift them onto the wrong hour.
    if len(scored) != expected:
        logger.error("scored %d rows, expected %d: nothing published", len(scored), expected)
        return 1
    publish(scored)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA))
