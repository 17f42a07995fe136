"""The test `git bisect run` asks of each commit: does its features.py still forecast well?

It trains the demand model on the first week of the shipped data with the
``features.py`` it is given (by default the one in the current folder, that is
the commit git checked out), and scores the second week. Exit status, as
``git bisect run`` reads it: 0 good, 1 bad, 125 this commit cannot be tested.

    python exercises/ex19_narrowing_down/check_metric.py [path/to/features.py]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge

DATA = Path(__file__).resolve().parents[2] / "data" / "rentals.csv"
MAE_LIMIT = 3.8  # rides per hour; release v1.0 scored 3.46 on the second week
GOOD, BAD, UNTESTABLE = 0, 1, 125


def load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("features_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def second_week_mae(features: ModuleType, data: Path = DATA) -> float:
    rentals = features.load_rentals(data)
    table = features.build_features(rentals).to_numpy()
    rides = rentals["rentals"].to_numpy(dtype=float)
    first_week = (rentals["timestamp"] < rentals["timestamp"].min() + pd.Timedelta(days=7))
    train = first_week.to_numpy()
    model = Ridge(alpha=1.0).fit(table[train], rides[train])
    predicted = model.predict(table[~train]).clip(min=0)
    return float(np.mean(np.abs(predicted - rides[~train])))


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else Path.cwd() / "features.py"
    try:
        features = load_module(path)
    except (OSError, SyntaxError, ImportError, NameError) as error:
        print(f"cannot test this commit, {path} does not load: {error!r}")
        return UNTESTABLE
    mae = second_week_mae(features)
    print(f"mean absolute error on the second week: {mae:.2f} rides per hour "
          f"(limit {MAE_LIMIT})")
    return GOOD if mae <= MAE_LIMIT else BAD


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
