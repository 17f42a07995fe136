"""Workday demand report: when do riders need bikes the most?

The operations team plans van rebalancing around this report. Run it with the
configuration "01 · Breakpoint" (or ``python -m exercises.ex01_breakpoint.report``).
The numbers it prints are hard to believe for a city of commuters. Start in
``loader.py``: put a breakpoint on the last line of ``load_rentals`` and look
at ``frame`` in the Variables panel.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from exercises.ex01_breakpoint.loader import DATA_PATH, load_rentals


def workday_profile(rentals: pd.DataFrame) -> pd.Series:
    """Mean rentals per hour of the day, over working days only."""
    workdays = rentals[rentals["workday"]]
    return workdays.groupby("hour")["rentals"].mean()


def main(path: Path = DATA_PATH) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    rentals = load_rentals(path)
    profile = workday_profile(rentals)
    busiest, quietest = profile.idxmax(), profile.idxmin()
    print(f"Busiest workday hour:  {busiest:02d}:00 ({profile[busiest]:.1f} rentals per station)")
    print(f"Quietest workday hour: {quietest:02d}:00 ({profile[quietest]:.1f} rentals per station)")
    docked = rentals.groupby("station_id")["bikes_available"].mean()
    for station_id, bikes in docked.items():
        print(f"Station {station_id}: {bikes:.1f} bikes docked on average")


if __name__ == "__main__":
    main()
