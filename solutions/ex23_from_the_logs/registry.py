"""The station registry: each station's docks, name and district, as they were on a day.

The asset team keeps every station's record in the registry. When docks are
added or removed, or a station is renamed, the registry closes the old version
and opens a new one, in force from its ``valid_from``; the current version has
no ``valid_to``. The nightly export lists every version, in no particular order.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ATTRIBUTES = ["name", "district", "capacity"]


def load_registry(path: Path) -> pd.DataFrame:
    """Every version of every station's record, with dates as timestamps."""
    registry = pd.read_csv(path, parse_dates=["valid_from", "valid_to"])
    registry["valid_to"] = registry["valid_to"].fillna(pd.Timestamp.max.normalize())
    return registry


def attributes_in_force(readings: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    """The readings, each with its station's name, district and docks on the reading's date.

    One row per reading, in the readings' order and with their index.
    """
    day = readings["timestamp"].dt.normalize().rename("day")
    keyed = readings.assign(day=day, reading=range(len(readings)))
    joined = keyed.merge(registry, on="station_id")
    in_force = joined["day"].between(joined["valid_from"], joined["valid_to"])
    # On the day a record changes, the export may still count it in the old version's
    # days too: the version opened last on or before the day is the one in force.
    matched = joined[in_force].sort_values(["reading", "valid_from"])
    matched = matched.drop_duplicates("reading", keep="last")
    matched.index = readings.index[matched["reading"]]
    return matched[[*readings.columns, *ATTRIBUTES]]
