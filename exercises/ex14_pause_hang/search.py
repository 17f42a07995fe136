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
    pending = {(station.station_id, alpha): executor.submit(_evaluate, validator, station,
                                                           alpha, progress)
               for station in stations for alpha in alphas}
    choices = []
    for station in stations:
        errors = [(pending[station.station_id, alpha].result(), alpha) for alpha in alphas]
        error, alpha = min(errors, key=lambda pair: pair[0])
        choices.append(Choice(station.station_id, alpha, error))
    return choices
