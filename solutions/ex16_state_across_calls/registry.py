"""The models the planner serves: one demand model, retrained every night.

The serving API asks the registry for the current model; the nightly job
publishes each new fit with the last day it learnt from.
"""

from __future__ import annotations

import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor

from exercises.ex16_state_across_calls.config import MODEL_PARAMS, SEED


class ModelRegistry:
    def __init__(self, params: dict | None = None, seed: int = SEED) -> None:
        self.params = dict(MODEL_PARAMS if params is None else params)
        self.seed = seed
        self.current: GradientBoostingRegressor | None = None
        self.trained_through: pd.Timestamp | None = None

    def new_model(self) -> GradientBoostingRegressor:
        """An unfitted model with the registry's settings."""
        # The seed itself, not one generator shared by every model: a shared generator
        # goes on from where last night's fit left it, so a night's model depended on
        # how many fits this process had made before it.
        return GradientBoostingRegressor(**self.params, random_state=self.seed)

    def publish(self, model: GradientBoostingRegressor, trained_through: pd.Timestamp) -> None:
        self.current = model
        self.trained_through = trained_through


registry = ModelRegistry()
