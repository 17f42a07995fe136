"""Regenerate the course dataset: hourly bike rentals for two city stations.

The numbers are synthetic but shaped like the real thing (commute peaks,
weekend leisure, rain keeps riders home), and the same seed always writes the
same bytes, so every learner debugs the same rows. Run it with
``python data/make_dataset.py``; a test checks the committed CSVs match.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent
SEED = 20240601
START = np.datetime64("2024-06-03T00:00")  # a Monday
DAYS = 14
HOLIDAYS = {np.datetime64("2024-06-10", "D")}  # a bank holiday Monday
STATIONS = [
    # station_id, name, district, capacity
    (101, "Harbour Gate", "waterfront", 24),
    (202, "University Square", "campus", 36),
]
WEATHER = ("clear", "cloudy", "rain")


def _hourly_profile(hour: int, weekend_or_holiday: bool) -> float:
    """Expected share of riders in a given hour: commute peaks on workdays."""
    if weekend_or_holiday:
        return float(np.exp(-((hour - 14) ** 2) / 18))
    morning = np.exp(-((hour - 8) ** 2) / 3)
    evening = np.exp(-((hour - 18) ** 2) / 4)
    return float(0.15 + morning + 0.9 * evening)


def build_rows(rng: np.random.Generator) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    hours = DAYS * 24
    weather_by_hour = rng.choice(len(WEATHER), size=hours, p=[0.55, 0.3, 0.15])
    for station_id, _name, _district, capacity in STATIONS:
        popularity = 1.0 if station_id == 101 else 1.6
        for h in range(hours):
            stamp = START + np.timedelta64(h, "h")
            day = stamp.astype("datetime64[D]")
            weekday = int((day.astype(int) - 4) % 7)  # 1970-01-01 was a Thursday
            hour = h % 24
            off_day = weekday >= 5 or day in HOLIDAYS
            temp = 17 + 6 * np.sin((hour - 9) / 24 * 2 * np.pi) + rng.normal(0, 1.2)
            weather = WEATHER[weather_by_hour[h]]
            rain_factor = {"clear": 1.0, "cloudy": 0.85, "rain": 0.35}[weather]
            mean = 22 * popularity * _hourly_profile(hour, off_day) * rain_factor
            mean *= 1 + 0.03 * (temp - 17)
            rentals = int(rng.poisson(max(mean, 0.2)))
            humid_mean = 62 if weather == "rain" else 48
            available = int(np.clip(capacity - rentals // 2 + rng.integers(-3, 4), 1, capacity))
            rows.append(
                {
                    "timestamp": str(stamp).replace("T", " "),
                    "station_id": station_id,
                    "temp_c": round(float(temp), 1),
                    "humidity": int(np.clip(rng.normal(humid_mean, 9), 15, 99)),
                    "wind_kmh": round(float(abs(rng.normal(12, 6))), 1),
                    "weather": weather,
                    "holiday": int(day in HOLIDAYS),
                    "bikes_available": available,
                    "rentals": rentals,
                }
            )
    # One evening rush empties University Square completely: the station
    # reports zero bikes, a real edge case that ratio features must survive.
    rush = next(
        r for r in rows if r["station_id"] == 202 and r["timestamp"] == "2024-06-12 18:00"
    )
    rush["bikes_available"] = 0
    return rows


def write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write rentals.csv and stations.csv.")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder to write into")
    out = parser.parse_args().out
    rng = np.random.default_rng(SEED)
    write_csv(out / "rentals.csv", build_rows(rng))
    stations = [
        {"station_id": s, "name": n, "district": d, "capacity": c} for s, n, d, c in STATIONS
    ]
    write_csv(out / "stations.csv", stations)


if __name__ == "__main__":
    main()
