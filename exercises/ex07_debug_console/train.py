"""Nightly training job for the hourly demand model.

Run it with the launch configuration "07 · Debug Console" (or
``python -m exercises.ex07_debug_console.train``). The model trains without a
warning, yet on the hold-out days it does worse than predicting their average.
Start in ``build_training_table()`` in ``features.py``: pause at its last line
and question the table with the Debug Console.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error

from exercises.ex07_debug_console.features import DATA, TARGET, build_training_table, load_rentals

HOLDOUT_DAYS = 4

logger = logging.getLogger(__name__)


def train_and_evaluate(path: Path = DATA) -> dict[str, float]:
    """Fit on all but the last four days; report R² and MAE on those days."""
    frame = load_rentals(path)
    table = build_training_table(frame)
    # Calendar days, not a count of rows: an hour missing from the log must not move the
    # split. The hold-out rows are the log's rows from the last four dates.
    first_day = frame["timestamp"].max().normalize() - pd.Timedelta(days=HOLDOUT_DAYS - 1)
    recent = frame.index[frame["timestamp"] >= first_day]
    holdout, train = table.loc[recent], table.drop(index=recent)
    model = Ridge(alpha=1.0).fit(train.drop(columns=TARGET), train[TARGET])
    predicted = model.predict(holdout.drop(columns=TARGET))
    return {
        "r2": float(model.score(holdout.drop(columns=TARGET), holdout[TARGET])),
        "mae": float(mean_absolute_error(holdout[TARGET], predicted)),
    }


def main(path: Path = DATA) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    metrics = train_and_evaluate(path)
    print(f"hold-out R² {metrics['r2']:.3f}, MAE {metrics['mae']:.2f} rentals/hour")


if __name__ == "__main__":
    main()
