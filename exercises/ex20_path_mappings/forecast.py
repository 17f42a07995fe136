"""Turn a request from the mobile app into a forecast."""

from __future__ import annotations

from .training import HOURS_PER_DAY, DemandModel

FIELDS = ("station_id", "hour")


def parse_request(payload: object) -> tuple[int, int]:
    """The station and hour of a request body such as {"station_id": 101, "hour": 8}."""
    if not isinstance(payload, dict) or set(payload) != set(FIELDS):
        raise ValueError(f"the request body must be a JSON object with {', '.join(FIELDS)}")
    station_id, hour = int(payload["station_id"]), int(payload["hour"])
    if not 0 <= hour < HOURS_PER_DAY:
        raise ValueError(f"no hour {hour} in a day")
    return station_id, hour


def forecast(model: DemandModel, station_id: int, hour: int) -> float:
    """Expected rentals at ``station_id`` in ``hour``, to one decimal."""
    profile = model.profiles.get(station_id, model.network)
    return round(profile[hour], 1)
