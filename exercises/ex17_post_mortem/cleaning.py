"""Validation of the hourly readings before anything is aggregated."""

from __future__ import annotations

import logging

import pandas as pd

logger = logging.getLogger("daily_job")


def clean_readings(readings: pd.DataFrame) -> pd.DataFrame:
    """The readings the features may trust.

    A reading sent twice counts once; a reading the sensors could not have
    produced is a fault and is left out whole.
    """
    unique = readings.drop_duplicates()
    plausible = unique[unique["rentals"] >= 0]
    complete = plausible.dropna()
    logger.debug("kept %d of %d readings", len(complete), len(readings))
    return complete
