"""Check: the backfill scores every row of the table exactly once."""

import pandas as pd
import pytest


def _rows_seen(chunks: list[pd.DataFrame]) -> list[int]:
    return [label for chunk in chunks for label in chunk.index]


def test_chunks_cover_every_row_exactly_once():
    from exercises.ex11_pdb.batching import iter_chunks

    frame = pd.DataFrame({"rentals": range(250)})
    chunks = list(iter_chunks(frame, 100))

    assert _rows_seen(chunks) == list(frame.index), (
        "Chained together, the chunks should hold each row of the table once, in order: "
        f"250 rows went in, {len(_rows_seen(chunks))} came out"
    )
    assert all(len(chunk) <= 100 for chunk in chunks), (
        f"No chunk should hold more than 100 rows; got sizes {[len(c) for c in chunks]}"
    )


def test_backfill_scores_each_hour_once():
    from exercises.ex11_pdb import score_batch
    from exercises.ex11_pdb.batching import score_in_chunks

    rentals = score_batch.load_rentals()
    model = score_batch.train_model(rentals)
    scored = score_in_chunks(model, rentals, score_batch.FEATURES, score_batch.CHUNK_ROWS)

    assert list(scored.index) == list(rentals.index), (
        f"The backfill should return one scored row per input row, in order: "
        f"{len(rentals)} in, {len(scored)} out"
    )
    expected = model.predict(rentals[score_batch.FEATURES]).clip(min=0)
    assert scored["predicted_rentals"].to_numpy() == pytest.approx(expected), (
        "Each row should carry the prediction the model makes for that row"
    )
