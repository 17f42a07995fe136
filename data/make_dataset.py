"""Regenerate the course dataset: hourly bike rentals for two city stations.

The numbers are synthetic but shaped like the real thing (commute peaks,
weekend leisure, rain keeps riders home), and the same seed always writes the
same bytes, so every learner debugs the same rows. Run it with
``python data/make_dataset.py``; a test checks the committed CSVs match.

``--variant alternate`` writes a second dataset with other parameters (seed,
stations, dates, holiday, the empty dock moved). The exercise checks run on
both, so a fix tuned to the shipped rows does not pass.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Station:
    station_id: int
    name: str
    district: str
    capacity: int
    popularity: float  # scales the demand profile


@dataclass(frozen=True)
class Variant:
    """Everything that makes one dataset: the checks run on more than one."""

    seed: int
    start: str  # first hour, ISO
    days: int
    holidays: tuple[str, ...]
    stations: tuple[Station, ...]
    empty_dock: tuple[int, str]  # (station_id, timestamp) of the rush that empties a dock
    # weather_forecast.csv: hours before this one come from the met service's
    # legacy archive (day/month/year), later ones from its new API (ISO).
    forecast_cutover: str = ""
    forecast_gaps: tuple[str, ...] = ()  # hours the met service never sent


SHIPPED = Variant(
    seed=20240601,
    start="2024-06-03T00:00",  # a Monday
    days=14,
    holidays=("2024-06-10",),  # a bank holiday Monday
    stations=(
        Station(101, "Harbour Gate", "waterfront", 24, 1.0),
        Station(202, "University Square", "campus", 36, 1.6),
    ),
    empty_dock=(202, "2024-06-12 18:00"),
    forecast_cutover="2024-06-12 00:00",
    forecast_gaps=("2024-06-07 14:00", "2024-06-14 03:00", "2024-06-14 04:00"),
)
ALTERNATE = Variant(
    seed=7,
    start="2024-09-04T00:00",  # a Wednesday: weeks do not start on the first day
    days=16,
    holidays=("2024-09-13",),  # a Friday
    stations=(
        Station(101, "Harbour Gate", "waterfront", 24, 1.0),
        Station(303, "Market Hall", "centre", 30, 1.3),
        Station(404, "Riverside Park", "leisure", 18, 0.7),
    ),
    empty_dock=(101, "2024-09-10 08:00"),
    forecast_cutover="2024-09-11 00:00",
    forecast_gaps=("2024-09-05 22:00", "2024-09-16 11:00"),
)
VARIANTS = {"shipped": SHIPPED, "alternate": ALTERNATE}
# The operations team's van roster of each variant (shifts.csv): shift, starts, ends, depot.
ROSTERS = {
    SHIPPED: (("early", "06:00", "14:00", "North yard"), ("late", "14:00", "00:00", "North yard"),
              ("night", "00:00", "06:00", "Harbour depot")),
    ALTERNATE: (("morning", "05:00", "13:00", "Market depot"),
                ("evening", "13:00", "21:00", "Market depot"),
                ("night", "21:00", "05:00", "River yard")),
}
WEATHER = ("clear", "cloudy", "rain")


def _hourly_profile(hour: int, weekend_or_holiday: bool) -> float:
    """Expected share of riders in a given hour: commute peaks on workdays."""
    if weekend_or_holiday:
        return float(np.exp(-((hour - 14) ** 2) / 18))
    morning = np.exp(-((hour - 8) ** 2) / 3)
    evening = np.exp(-((hour - 18) ** 2) / 4)
    return float(0.15 + morning + 0.9 * evening)


def build_rows(variant: Variant, rng: np.random.Generator) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    start = np.datetime64(variant.start)
    holidays = {np.datetime64(day, "D") for day in variant.holidays}
    hours = variant.days * 24
    weather_by_hour = rng.choice(len(WEATHER), size=hours, p=[0.55, 0.3, 0.15])
    for station in variant.stations:
        for h in range(hours):
            stamp = start + np.timedelta64(h, "h")
            day = stamp.astype("datetime64[D]")
            weekday = int((day.astype(int) - 4) % 7)  # 1970-01-01 was a Thursday
            hour = int(str(stamp)[11:13])
            off_day = weekday >= 5 or day in holidays
            temp = 17 + 6 * np.sin((hour - 9) / 24 * 2 * np.pi) + rng.normal(0, 1.2)
            weather = WEATHER[weather_by_hour[h]]
            rain_factor = {"clear": 1.0, "cloudy": 0.85, "rain": 0.35}[weather]
            mean = 22 * station.popularity * _hourly_profile(hour, off_day) * rain_factor
            mean *= 1 + 0.03 * (temp - 17)
            rentals = int(rng.poisson(max(mean, 0.2)))
            humid_mean = 62 if weather == "rain" else 48
            capacity = station.capacity
            available = int(np.clip(capacity - rentals // 2 + rng.integers(-3, 4), 1, capacity))
            rows.append(
                {
                    "timestamp": str(stamp).replace("T", " "),
                    "station_id": station.station_id,
                    "temp_c": round(float(temp), 1),
                    "humidity": int(np.clip(rng.normal(humid_mean, 9), 15, 99)),
                    "wind_kmh": round(float(abs(rng.normal(12, 6))), 1),
                    "weather": weather,
                    "holiday": int(day in holidays),
                    "bikes_available": available,
                    "rentals": rentals,
                }
            )
    # One rush empties a station completely: it reports zero bikes, a real edge
    # case that ratio features must survive.
    station_id, timestamp = variant.empty_dock
    rush = next(
        r for r in rows if r["station_id"] == station_id and r["timestamp"] == timestamp
    )
    rush["bikes_available"] = 0
    return rows


def build_service_calendar(variant: Variant) -> list[dict[str, object]]:
    """The operator's calendar around the data: each date's type and the rebalancing
    crew's shift (early and late in alternate weeks)."""
    first = np.datetime64(variant.start, "D") - np.timedelta64(14, "D")
    holidays = {np.datetime64(day, "D") for day in variant.holidays}
    rows: list[dict[str, object]] = []
    for n in range(variant.days + 28):
        day = first + np.timedelta64(n, "D")
        weekday = int((day.astype(int) - 4) % 7)  # 1970-01-01 was a Thursday
        week = int((day.astype(int) - weekday + 3) // 7)  # weeks counted Monday to Sunday
        holiday = day in holidays
        rows.append({
            "date": str(day),
            "day_type": "holiday" if holiday else "weekend" if weekday >= 5 else "workday",
            "crew_shift": "" if holiday else ("early", "late")[week % 2],
        })
    return rows


def write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# The lock controllers' feed: each station's running count of bikes its locks
# released, reported every hour from the hour before the first one. Riders
# book a rental and the lock releases the bike; now and then staff take one out
# for repair. One controller restarts (its count starts again from zero) and
# one lock jams for an hour (two riders booked bikes it never released).
LOCK_EVENTS = {  # variant seed -> (restart, jam), each (station_id, timestamp)
    SHIPPED.seed: ((101, "2024-06-06 07:00"), (202, "2024-06-11 17:00")),
    ALTERNATE.seed: ((404, "2024-09-15 13:00"), (303, "2024-09-06 08:00")),
}


def lock_counter_rows(variant: Variant, rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Hourly ``releases_total`` per station, consistent with the rentals in ``rows``."""
    rng = np.random.default_rng(variant.seed + 1)
    restart, jam = LOCK_EVENTS[variant.seed]
    before = str(np.datetime64(variant.start) - np.timedelta64(1, "h")).replace("T", " ")
    counters: list[dict[str, object]] = []
    for station in variant.stations:
        total = int(rng.integers(2000, 9000))
        counters.append({"timestamp": before, "station_id": station.station_id,
                         "releases_total": total})
        for row in rows:
            if row["station_id"] != station.station_id:
                continue
            key = (row["station_id"], row["timestamp"])
            released = int(row["rentals"]) + int(rng.random() < 0.04)
            released = int(row["rentals"]) - 2 if key == jam else released
            total = released if key == restart else total + released
            counters.append({"timestamp": row["timestamp"], "station_id": station.station_id,
                             "releases_total": total})
    return counters


def forecast_rows(variant: Variant, rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The met service's day-ahead forecast for each hour: the city's temperature (the
    first station's reading) with a forecast error, and a chance of rain. Two exports
    glued together: the legacy archive writes dates day first, the new API in ISO."""
    rng = np.random.default_rng(variant.seed + 13)
    first = variant.stations[0].station_id
    out = []
    for row in rows:
        if row["station_id"] != first or row["timestamp"] in variant.forecast_gaps:
            continue
        stamp = str(row["timestamp"])
        rain = row["weather"] == "rain"
        chance = rng.uniform(0.2, 0.8) if rain else rng.uniform(0.0, 0.6)
        if stamp < variant.forecast_cutover:
            stamp = f"{stamp[8:10]}/{stamp[5:7]}/{stamp[:4]}{stamp[10:]}"
        out.append({
            "valid_time": stamp,
            "temp_c": round(float(row["temp_c"]) + float(rng.normal(0, 2.5)), 1),
            "rain_chance": round(float(chance), 2),
        })
    return out


def write_dataset(out: Path, variant: Variant = SHIPPED) -> Path:
    """Write the CSV files of one variant (rentals, stations, lock counters, service
    calendar, van shifts, weather forecast) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    rows = build_rows(variant, np.random.default_rng(variant.seed))
    write_csv(out / "rentals.csv", rows)
    write_csv(out / "lock_counters.csv", lock_counter_rows(variant, rows))
    write_csv(out / "weather_forecast.csv", forecast_rows(variant, rows))
    stations = [
        {"station_id": s.station_id, "name": s.name, "district": s.district,
         "capacity": s.capacity}
        for s in variant.stations
    ]
    write_csv(out / "stations.csv", stations)
    write_csv(out / "service_calendar.csv", build_service_calendar(variant))
    write_roster(out / "shifts.csv", variant)
    return out


def write_roster(path: Path, variant: Variant) -> None:
    """The van shifts as the operations team exports them, with times of day."""
    names = ("shift", "starts", "ends", "depot")
    write_csv(path, [dict(zip(names, shift, strict=True)) for shift in ROSTERS[variant]])


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the CSV files of one dataset.")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder to write into")
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="shipped")
    args = parser.parse_args()
    write_dataset(args.out, VARIANTS[args.variant])


if __name__ == "__main__":
    main()
