"""The lock audit: hours in which riders booked more bikes than the locks released.

A rider books a rental and the dock's lock releases the bike. When a lock jams,
the booking goes through but the bike stays docked: the rider walks away, and
the station's count of released bikes falls short of its rentals for that hour.
Releases beyond the rentals are bikes taken out without a booking (staff taking
one for repair, or a theft).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class StationAudit:
    station_id: int
    rented: int = 0
    short_hours: int = 0
    riders_without_bike: int = 0
    unbooked_releases: int = 0

    def add_hour(self, rented: int, released: int) -> None:
        self.rented += rented
        missing = rented - released
        if missing > 0:
            self.short_hours += 1
            self.riders_without_bike += missing
        else:
            self.unbooked_releases -= missing


def audit_locks(hours: pd.DataFrame) -> dict[int, StationAudit]:
    """One audit per station, built hour by hour in time order, as the live monitor runs it."""
    audits: dict[int, StationAudit] = {}
    for hour in hours.sort_values("timestamp").itertuples():
        audit = audits.setdefault(hour.station_id, StationAudit(hour.station_id))
        audit.add_hour(hour.rentals, hour.released)
    return dict(sorted(audits.items()))
