"""Per-station figures of the rides digest, built from the loaded readings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from exercises.ex01_breakpoint.loader import Reading

WARM_C = 20.0  # the operations team's "warm hour": at least this many degrees


@dataclass(frozen=True)
class StationDigest:
    station_id: int
    days: int
    rides: int
    busiest_hour: int
    rides_per_warm_hour: float
    rides_per_cool_hour: float

    @property
    def rides_per_day(self) -> float:
        return self.rides / self.days


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def station_digest(station_id: int, readings: list[Reading]) -> StationDigest:
    """Totals, the hour of the day with the most rides on average, and warm vs cool hours."""
    by_hour: dict[int, list[int]] = defaultdict(list)
    warm, cool = [], []
    for reading in readings:
        by_hour[reading.timestamp.hour].append(reading.rentals)
        (warm if reading.temp_c >= WARM_C else cool).append(reading.rentals)
    busiest = max(sorted(by_hour), key=lambda hour: _mean(by_hour[hour]))
    return StationDigest(
        station_id=station_id,
        days=len({reading.timestamp.date() for reading in readings}),
        rides=sum(reading.rentals for reading in readings),
        busiest_hour=busiest,
        rides_per_warm_hour=_mean(warm),
        rides_per_cool_hour=_mean(cool),
    )


def build_digest(readings: Iterable[Reading]) -> list[StationDigest]:
    """One digest per station, in station order."""
    per_station: dict[int, list[Reading]] = defaultdict(list)
    for reading in readings:
        per_station[reading.station_id].append(reading)
    return [station_digest(station, per_station[station]) for station in sorted(per_station)]
