"""Check: the digest counts each station's own rides, at its own hours, in warm and cool weather."""

import csv
import math
from collections import defaultdict
from datetime import datetime
from functools import cache
from pathlib import Path

FIELDS = ("timestamp", "station_id", "rentals", "temp_c")


@cache
def _export(path: Path) -> tuple[dict[str, object], ...]:
    """The export read by its own header, in station then time order."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [
            {"timestamp": datetime.fromisoformat(row["timestamp"]),
             "station_id": int(row["station_id"]),
             "rentals": int(row["rentals"]),
             "temp_c": float(row["temp_c"])}
            for row in csv.DictReader(handle)
        ]
    return tuple(sorted(rows, key=lambda row: (row["station_id"], row["timestamp"])))


def _expected_lines(rows) -> list[str]:
    lines = []
    for station in sorted({row["station_id"] for row in rows}):
        own = [row for row in rows if row["station_id"] == station]
        by_hour = defaultdict(list)
        for row in own:
            by_hour[row["timestamp"].hour].append(row["rentals"])
        means = {hour: sum(v) / len(v) for hour, v in by_hour.items()}
        busiest = min(hour for hour in means if means[hour] == max(means.values()))
        rides = sum(row["rentals"] for row in own)
        days = len({row["timestamp"].date() for row in own})
        warm = [row["rentals"] for row in own if row["temp_c"] >= 20]
        cool = [row["rentals"] for row in own if row["temp_c"] < 20]
        lines.append(f"Station {station}: {rides:,} rides in {days} days "
                     f"({rides / days:.1f} a day), busiest hour {busiest:02d}:00")
        warm_mean = sum(warm) / len(warm) if warm else 0.0
        cool_mean = sum(cool) / len(cool) if cool else 0.0
        lines.append(f"  rides per hour: {warm_mean:.1f} when 20 °C or warmer, "
                     f"{cool_mean:.1f} when cooler")
    return lines


def _as_exported(readings, rows) -> bool:
    if len(readings) != len(rows):
        return False
    for reading, row in zip(readings, rows, strict=True):
        if any(not hasattr(reading, name) for name in FIELDS):
            return False
        if (reading.timestamp != row["timestamp"] or reading.station_id != row["station_id"]
                or reading.rentals != row["rentals"]
                or not math.isclose(reading.temp_c, row["temp_c"], rel_tol=1e-9)):
            return False
    return True


def test_each_reading_holds_the_exports_values(dataset):
    from exercises.ex01_breakpoint.loader import load_readings

    path = dataset / "rentals.csv"
    readings = load_readings(path)
    same = _as_exported(readings, _export(path))
    assert same, (
        "Each reading should hold the time, station, rentals and temperature the export "
        "gives for that station-hour, in station then time order"
    )
    typed = all(
        isinstance(r.station_id, int) and not isinstance(r.station_id, bool)
        and isinstance(r.rentals, int) and not isinstance(r.rentals, bool)
        and isinstance(r.temp_c, float)
        for r in readings
    )
    assert typed, "Station ids and rentals should be whole numbers, temperatures floats"


def test_the_digest_reports_each_stations_rides(dataset, capsys):
    from exercises.ex01_breakpoint import report

    path = dataset / "rentals.csv"
    report.main(path)
    printed = capsys.readouterr().out.splitlines()
    as_expected = printed == _expected_lines(_export(path))
    assert as_expected, (
        "For each station the digest should print its rides, its days, its rides a day, the "
        "hour of the day with the most rides on average, and its rides per hour in warm "
        "and in cool hours, as the export records them"
    )


def test_an_export_in_another_column_order_gives_the_same_readings(dataset, tmp_path):
    """Releases of the docking system write the columns in another order: read by name."""
    order = ("rentals", "weather", "timestamp", "temp_c", "bikes_available", "station_id",
             "holiday", "wind_kmh")
    from exercises.ex01_breakpoint.loader import load_readings

    original = dataset / "rentals.csv"
    with original.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    export = tmp_path / "rentals.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=order, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    expected = _export(original)
    same = _as_exported(load_readings(export), expected)
    assert same, "An export with its columns in another order should give the same readings"


def test_a_season_without_warm_hours_reports_none_of_them(dataset, tmp_path, capsys):
    """An export holding only cool hours: warm hours show 0.0 rides."""
    from exercises.ex01_breakpoint import report

    with (dataset / "rentals.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    kept = [row for row in rows if float(row["temp_c"]) < 20]
    export = tmp_path / "rentals.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    report.main(export)
    printed = capsys.readouterr().out.splitlines()
    as_expected = printed == _expected_lines(_export(export))
    assert as_expected, (
        "With only cool hours in the export, the digest should report 0.0 rides per warm "
        "hour, and the rest as recorded"
    )
