"""Check: the lock audit counts, per station, the riders its locks really left without a bike."""

import csv
from pathlib import Path

import pytest


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _released(readings: list[tuple[str, int]]) -> dict[str, int]:
    """Bikes released each hour from one station's hourly running counts."""
    released, previous = {}, None
    for stamp, total in sorted(readings):
        if previous is not None:
            released[stamp] = total - (previous if previous <= total else 0)
        previous = total
    return released


def _expected_report(folder: Path) -> list[str]:
    names = {int(row["station_id"]): row["name"] for row in _rows(folder / "stations.csv")}
    readings: dict[int, list[tuple[str, int]]] = {}
    for row in _rows(folder / "lock_counters.csv"):
        readings.setdefault(int(row["station_id"]), []).append(
            (row["timestamp"], int(row["releases_total"])))
    released = {station: _released(hours) for station, hours in readings.items()}
    totals: dict[int, list[int]] = {}
    for row in _rows(folder / "rentals.csv"):
        station, rented = int(row["station_id"]), int(row["rentals"])
        short = rented - released.get(station, {}).get(row["timestamp"], 0)
        total = totals.setdefault(station, [0, 0, 0, 0])
        total[0] += rented
        total[1] += short > 0
        total[2] += max(short, 0)
        total[3] += max(-short, 0)
    lines = ["Lock audit: rentals booked against bikes released",
             f"{'station':<20}{'rented':>8}{'short hours':>13}{'riders without a bike':>23}"
             f"{'released unbooked':>19}"]
    lines += [f"{names[s]:<20}{t[0]:>8}{t[1]:>13}{t[2]:>23}{t[3]:>19}"
              for s, t in sorted(totals.items())]
    worst = max(sorted(totals), key=lambda station: totals[station][2])
    lines.append(f"Send the technician to {names[worst]}." if totals[worst][2]
                 else "No station needs the technician.")
    return lines


def _report(folder: Path, capsys) -> list[str]:
    from exercises.ex03_conditional_breakpoint import report

    report.main(folder)
    return capsys.readouterr().out.splitlines()


def test_the_audit_counts_the_riders_each_station_left_without_a_bike(dataset, capsys):
    printed = _report(dataset, capsys)
    same = printed == _expected_report(dataset)
    assert same, (
        "For every station the report should print the rentals booked, the hours in which the "
        "locks released fewer bikes than were rented, the riders left without a bike and the "
        "bikes released beyond the rentals, then send the technician to the station with the "
        "most riders left without a bike"
    )


def _write(folder: Path, name: str, header: list[str], rows: list[list[object]]) -> None:
    with (folder / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# Two stations, six hours; at 07:00 station 7's locks release three bikes fewer than rented.
RENTED = {7: [4, 9, 12, 3, 2, 5], 8: [6, 2, 3, 4, 5, 1]}
TOTALS = {7: [900, 904, 910, 12, 15, 17, 22], 8: [3000, 6, 8, 11, 15, 4, 5]}


@pytest.mark.parametrize("order", ["by-station", "by-hour", "newest-first"])
def test_any_station_and_hour_of_the_feed_is_counted_as_the_locks_saw_it(tmp_path, capsys,
                                                                         order):
    hours = [f"2024-11-05 {h:02d}:00" for h in range(5, 12)]
    rentals = [[hours[i + 1], station, rented] for station, counts in RENTED.items()
               for i, rented in enumerate(counts)]
    counters = [[hours[i], station, total] for station, totals in TOTALS.items()
                for i, total in enumerate(totals)]
    if order == "by-hour":
        rentals.sort(key=lambda row: row[0])
        counters.sort(key=lambda row: row[0])
    elif order == "newest-first":
        rentals.reverse()
        counters.reverse()
    _write(tmp_path, "rentals.csv", ["timestamp", "station_id", "rentals"], rentals)
    _write(tmp_path, "stations.csv", ["station_id", "name"], [[7, "Quay"], [8, "Mill Lane"]])
    _write(tmp_path, "lock_counters.csv", ["timestamp", "station_id", "releases_total"],
           counters)

    printed = _report(tmp_path, capsys)
    expected = _expected_report(tmp_path)
    same = printed == expected and expected[-1] == "Send the technician to Quay."
    assert same, (
        "Whatever the order of the exports, each hour should count the bikes the station's "
        "locks released in that hour, so that only hours with fewer releases than rentals "
        "count riders without a bike"
    )
