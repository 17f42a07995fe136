"""Choose each station's ridge penalty by cross-validation."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial

from sklearn.linear_model import Ridge

from exercises.ex14_pause_hang.data import StationData
from exercises.ex14_pause_hang.monitor import Progress
from exercises.ex14_pause_hang.validation import CrossValidator

ALPHAS = (0.1, 1.0, 10.0)


@dataclass(frozen=True)
class Choice:
    station_id: int
    alpha: float
    error: float  # mean cross-validated MAE, rentals per hour


def _evaluate(validator: CrossValidator, station: StationData, alpha: float,
              progress: Progress) -> float:
    error = validator.score(partial(Ridge, alpha=alpha), station.x, station.y)
    progress.finished_one()
    return error


def tune(executor: Executor, stations: Sequence[StationData], progress: Progress,
         alphas: Sequence[float] = ALPHAS) -> list[Choice]:
    """For each station, the penalty with the lowest error (the first of equals)."""
    validator = CrossValidator(executor)
    progress.planned(len(stations) * len(alphas))
    choices = []
    for station in stations:
        # A candidate run on the pool waited there for its folds, queued on the same
        # pool behind the other candidates: every worker waited. Candidates are
        # evaluated here, one after another; their folds share the pool.
        errors = [(_evaluate(validator, station, alpha, progress), alpha) for alpha in alphas]
        error, alpha = min(errors, key=lambda pair: pair[0])
        choices.append(Choice(station.station_id, alpha, error))
    return choices
