"""Check: every training row keeps its own target, and the model learns from it."""

import numpy as np

MEASUREMENTS = ["temp_c", "humidity", "wind_kmh"]


def _rows(values: np.ndarray) -> np.ndarray:
    """The rows of a 2-D array in a canonical order, to compare as multisets."""
    return values[np.lexsort(values.T[::-1])]


def test_each_row_keeps_its_own_rentals_whatever_the_index():
    from exercises.ex07_debug_console import features

    frame = features.load_rentals().sample(frac=1, random_state=7)

    table = features.build_training_table(frame)

    assert len(table) == len(frame), "the table should have one row per station-hour"
    measured = [next(c for c in table.columns if c.endswith(name)) for name in MEASUREMENTS]
    got = table[[*measured, features.TARGET]].to_numpy(dtype=float)
    expected = frame[[*MEASUREMENTS, "rentals"]].to_numpy(dtype=float)
    rows_match = np.array_equal(_rows(got), _rows(expected))
    assert rows_match, (
        "each row of the training table should carry the rentals of the same "
        "station-hour as its features, whatever the index of the input frame"
    )


def test_model_explains_most_of_the_holdout_demand():
    from exercises.ex07_debug_console import train

    metrics = train.train_and_evaluate()

    assert metrics["r2"] > 0.6, (
        "on the four hold-out days the model should explain most of the variation "
        f"in demand (R² above 0.6); it scored {metrics['r2']:.3f}"
    )
