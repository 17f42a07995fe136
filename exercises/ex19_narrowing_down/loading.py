"""Load the rentals export and make sure it is usable before anything learns from it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import settings

REQUIRED = [*settings.KEYS, *settings.SENSORS, "weather", "holiday", settings.TARGET]


class ExportError(ValueError):
    """The export cannot be used as it is."""


def load_rentals(path: Path) -> pd.DataFrame:
    """One row per station-hour, each station's hours in time order; station ids are codes."""
    rentals = pd.read_csv(path, parse_dates=["timestamp"], dtype={"station_id": str})
    missing = sorted(set(REQUIRED) - set(rentals.columns))
    if missing:
        raise ExportError(f"the export has no column {', '.join(missing)}")
    twice = int(rentals.duplicated(settings.KEYS).sum())
    if twice:
        raise ExportError(f"{twice} station-hours appear more than once")
    rentals["weather"] = rentals["weather"].str.strip().str.lower()
    return rentals.sort_values(settings.KEYS, ignore_index=True)


def clip_glitches(rentals: pd.DataFrame) -> pd.DataFrame:
    """A temperature outside the plausible range counts as the nearest end of it."""
    return rentals.assign(temp_c=rentals["temp_c"].clip(*settings.TEMP_RANGE_C))
