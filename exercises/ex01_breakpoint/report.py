"""Rides digest: what each station's riders did over the export's days.

The operations team plans van rounds and staffing from this digest. Run it with
the configuration "01 · Breakpoint" (or ``python -m exercises.ex01_breakpoint.report``).
Start where the readings are ready: set a breakpoint on the line of ``main``
that builds the digest, and look at ``readings`` in the Variables panel.
"""

from __future__ import annotations

import logging
from pathlib import Path

from exercises.ex01_breakpoint.digest import WARM_C, build_digest
from exercises.ex01_breakpoint.loader import DATA_PATH, load_readings


def main(path: Path = DATA_PATH) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    readings = load_readings(path)
    digest = build_digest(readings)
    for station in digest:
        print(f"Station {station.station_id}: {station.rides:,.0f} rides in {station.days} days "
              f"({station.rides_per_day:.1f} a day), busiest hour {station.busiest_hour:02d}:00")
        print(f"  rides per hour: {station.rides_per_warm_hour:.1f} when {WARM_C:.0f} °C or "
              f"warmer, {station.rides_per_cool_hour:.1f} when cooler")


if __name__ == "__main__":
    main()
