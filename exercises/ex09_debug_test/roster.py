"""The van roster as a lookup: which shift covers each hour of the day."""

from __future__ import annotations

import logging

import pandas as pd

logger = logging.getLogger(__name__)


def shift_hours(roster: pd.DataFrame) -> pd.DataFrame:
    """One row per hour a shift covers: ``hour`` (0-23), ``shift`` and ``depot``."""
    starts = pd.to_datetime(roster["starts"], format="%H:%M")
    ends = pd.to_datetime(roster["ends"], format="%H:%M")
    covered = []
    for shift, depot, start, end in zip(roster["shift"], roster["depot"], starts, ends):
        for stamp in pd.date_range(start, end, freq="h", inclusive="left"):
            covered.append({"hour": stamp.hour, "shift": shift, "depot": depot})
    table = pd.DataFrame(covered, columns=["hour", "shift", "depot"])
    logger.info("roster: %d shifts", roster["shift"].nunique())
    return table.astype({"hour": "int64"})


def assign_shifts(rentals: pd.DataFrame, roster: pd.DataFrame) -> pd.DataFrame:
    """``rentals`` with the ``shift`` and ``depot`` that cover each row's hour."""
    table = shift_hours(roster)
    with_shifts = rentals.merge(table, on="hour", how="left", validate="many_to_one")
    logger.info("%d station-hours matched to the roster", len(with_shifts))
    return with_shifts
