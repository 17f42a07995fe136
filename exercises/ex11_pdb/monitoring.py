"""Input drift: how far each chunk's features move from those the job opened with."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class Baseline:
    """Mean and spread of each feature over the opening rows of the run."""

    mean: pd.Series
    std: pd.Series
    rows: int

    @classmethod
    def from_chunks(cls, chunks: Iterable[pd.DataFrame], features: Sequence[str]) -> Baseline:
        rows = pd.concat([chunk[list(features)] for chunk in chunks])
        spread = rows.std(ddof=0).replace(0.0, 1.0)
        return cls(mean=rows.mean(), std=spread, rows=len(rows))

    def drift(self, chunk: pd.DataFrame) -> float:
        """The largest shift of a feature's chunk mean, in baseline standard deviations."""
        shift = (chunk[self.mean.index].mean() - self.mean) / self.std
        return float(np.abs(shift).max())
