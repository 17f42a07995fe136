"""The models the planner serves: one demand model, retrained every night.

The serving API asks the registry for the current model; the nightly job
publishes each new fit with the last day it learnt from.
"""

from __future__ import annotations

import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.utils import check_random_state

from exercises.ex16_state_across_calls.config import MODEL_PARAMS, SEED


class ModelRegistry:
    def __init__(self, params: dict | None = None, seed: int = SEED) -> None:
        self.params = dict(MODEL_PARAMS if params is None else params)
        self.random_state = check_random_state(seed)
        self.current: GradientBoostingRegressor | None = None
        self.trained_through: pd.Timestamp | None = None

    def new_model(self) -> GradientBoostingRegressor:
        """An unfitted model with the registry's settings."""
        return GradientBoostingRegressor(**self.params, random_state=self.random_state)

    def publish(self, model: GradientBoostingRegressor, trained_through: pd.Timestamp) -> None:
        self.current = model
        self.trained_through = trained_through


registry = ModelRegistry()
