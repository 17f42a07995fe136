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
    # The calendar's fields may be empty on a good reading (no crew that day):
    # only the feed's own fields make a reading complete.
    complete = plausible.dropna(subset=plausible.columns.difference(["crew_shift"]))
    logger.debug("kept %d of %d readings", len(complete), len(readings))
    return complete
