"""Smoothed demand profiles: recent days count more than older ones."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Smoothing:
    """How the forecast weighs the past days of the same kind.

    ``forgetting`` is the share of weight a day loses against the day after it:
    with 0.3 the newest day counts 1, the one before 0.7, then 0.49, and so on,
    the weights scaled to add up to one over the days there are.
    """

    forgetting: float = 0.3
    min_days: int = 1


def smoothed_profile(past: pd.DataFrame, settings: Smoothing = Smoothing()) -> pd.Series:
    """The weighted mean of each column of ``past`` (rows oldest first)."""
    window = past.ewm(settings.forgetting, min_periods=settings.min_days)
    return window.mean().iloc[-1]


def last_day_profile(past: pd.DataFrame) -> pd.Series:
    """The naive forecast: the newest day of the table repeated."""
    return past.iloc[-1]
