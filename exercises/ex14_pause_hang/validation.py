"""Time-series cross-validation: each fold trains on the past and scores the hours after it."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor

import numpy as np
from sklearn.model_selection import TimeSeriesSplit

N_SPLITS = 4


def fold_error(make_model: Callable, x: np.ndarray, y: np.ndarray,
               train: np.ndarray, test: np.ndarray) -> float:
    """Mean absolute error on ``test`` of a model fitted on ``train``."""
    model = make_model().fit(x[train], y[train])
    return float(np.mean(np.abs(model.predict(x[test]) - y[test])))


class CrossValidator:
    """Scores a model by expanding-window folds."""

    def __init__(self, executor: Executor, n_splits: int = N_SPLITS) -> None:
        self._executor = executor
        self._splitter = TimeSeriesSplit(n_splits=n_splits)

    def score(self, make_model: Callable, x: np.ndarray, y: np.ndarray) -> float:
        """The mean of the folds' errors, rows taken in the order given (oldest first)."""
        folds = [self._executor.submit(fold_error, make_model, x, y, train, test)
                 for train, test in self._splitter.split(x)]
        return float(np.mean([fold.result() for fold in folds]))
