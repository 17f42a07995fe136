"""Weekly lock audit: where should the technician go?

Run it with the configuration "03 · Conditional breakpoint" (or
``python -m exercises.ex03_conditional_breakpoint.report``). It compares the
booking system's rentals with the bikes the locks released, station by station
and hour by hour, and sends the technician to the station whose locks left the
most riders without a bike.
"""

from __future__ import annotations

from pathlib import Path

from exercises.ex03_conditional_breakpoint.audit import audit_locks
from exercises.ex03_conditional_breakpoint.counters import releases_by_hour
from exercises.ex03_conditional_breakpoint.feeds import (
    DATA_DIR,
    load_lock_counters,
    load_rentals,
    load_stations,
)


def main(folder: Path = DATA_DIR) -> None:
    names = load_stations(folder)
    hours = releases_by_hour(load_rentals(folder), load_lock_counters(folder))
    audits = audit_locks(hours)
    print("Lock audit: rentals booked against bikes released")
    print(f"{'station':<20}{'rented':>8}{'short hours':>13}{'riders without a bike':>23}"
          f"{'released unbooked':>19}")
    for station_id, audit in audits.items():
        print(f"{names[station_id]:<20}{audit.rented:>8}{audit.short_hours:>13}"
              f"{audit.riders_without_bike:>23}{audit.unbooked_releases:>19}")
    worst = max(audits.values(), key=lambda audit: audit.riders_without_bike)
    if worst.riders_without_bike:
        print(f"Send the technician to {names[worst.station_id]}.")
    else:
        print("No station needs the technician.")


if __name__ == "__main__":
    main()
