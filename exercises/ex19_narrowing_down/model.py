"""The demand model: the feature table, encoded, into a ridge regression."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder

from . import settings


def make_model(alpha: float = settings.RIDGE_ALPHA) -> Pipeline:
    """Numbers go in as they are, labels one-hot; the timestamp stays out."""
    encode = ColumnTransformer([
        ("numbers", "passthrough", make_column_selector(dtype_include="number")),
        ("labels", OneHotEncoder(), settings.LABELS),
    ])
    return make_pipeline(encode, Ridge(alpha=alpha))


def train(features: pd.DataFrame, rides: pd.Series) -> Pipeline:
    model = make_model()
    model.fit(features, rides)
    return model


def predict(model: Pipeline, features: pd.DataFrame) -> np.ndarray:
    """Rides per hour for each row of ``features``; never fewer than none."""
    return np.clip(model.predict(features), 0.0, None)
