"""Check: the nightly job publishes one true row per station and day, whatever the export holds."""

import csv
import functools
import logging
import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

SHIPPED_REGISTRY = Path(__file__).with_name("station_registry.csv")
SHIPPED_DATA = Path(__file__).resolve().parents[2] / "data"  # what the job reads by default
FIELDS = ["station_id", "name", "district", "capacity", "valid_from", "valid_to"]


@functools.cache
def _read_feed(dataset) -> tuple[dict, ...]:
    with (dataset / "rentals.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["when"] = datetime.fromisoformat(row["timestamp"])
    return tuple(rows)


def _feed(dataset) -> list[dict]:
    """The dataset's readings as written, parsed once per run; each call gets its own rows."""
    return [dict(row) for row in _read_feed(dataset)]


def _stations(dataset) -> list[dict]:
    with (dataset / "stations.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _version(station, name, district, capacity, start, end) -> dict:
    return {"station_id": station, "name": name, "district": district, "capacity": capacity,
            "valid_from": start.isoformat(), "valid_to": end.isoformat() if end else ""}


def _registry_for(dataset) -> list[dict]:
    """A registry export for any dataset: each station has three versions, the second
    ending the day before the third starts and, for every station, the third opened on
    the day the second still claims (as the registry writes a change made that day).
    Docks shrink at one station and grow at the next, a station is renamed."""
    first = _feed(dataset)[0]["when"].date()
    versions = []
    for i, station in enumerate(_stations(dataset)):
        sid, name, district = int(station["station_id"]), station["name"], station["district"]
        docks = int(station["capacity"])
        change, overlap = first + timedelta(days=2 + i), first + timedelta(days=6 + 2 * i)
        renamed = f"{name} East" if i == 0 else name
        versions += [
            _version(sid, name, district, docks + 4, first - timedelta(days=500),
                     change - timedelta(days=1)),
            _version(sid, name, district, docks + 8 * (i % 2 == 0), change, overlap),
            _version(sid, renamed, district, docks + 6 * (i % 2 == 1), overlap, None),
        ]
    random.Random(len(versions)).shuffle(versions)  # the export comes in no order
    return versions


def _read_registry(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write_registry(versions: list[dict], folder: Path) -> Path:
    path = folder / "registry.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(versions)
    return path


def _in_force(versions: list[dict], station: int, day: date) -> dict:
    """The version a station had on ``day``: the latest one opened on or before it."""
    opened = [v for v in versions if int(v["station_id"]) == station
              and date.fromisoformat(v["valid_from"]) <= day]
    return max(opened, key=lambda v: v["valid_from"])


def _changed_days(versions: list[dict]) -> list[date]:
    """Days a station's new version opened while the one before it still claimed them."""
    return sorted({date.fromisoformat(new["valid_from"]) for new in versions for old in versions
                   if new["station_id"] == old["station_id"]
                   and new["valid_from"] == old["valid_to"]})


def _expected_days(feed: list[dict], versions: list[dict]) -> list[dict]:
    days = {}
    for row in feed:
        station, day = int(row["station_id"]), row["when"].date()
        docks = int(_in_force(versions, station, day)["capacity"])
        entry = days.setdefault((day, station), {"date": day, "station_id": station, "hours": 0,
                                                 "rides": 0, "docks": docks, "peak": 0.0})
        entry["hours"] += 1
        entry["rides"] += int(row["rentals"])
        entry["peak"] = max(entry["peak"], 1 - int(row["bikes_available"]) / docks)
    return [days[key] for key in sorted(days)]


def _registries(dataset, tmp_path) -> list[tuple[str, Path]]:
    """The shipped export (the one last night's run read) and one made for the dataset."""
    made = ("a registry export with changes", _write_registry(_registry_for(dataset), tmp_path))
    shipped = [("the shipped registry export", SHIPPED_REGISTRY)]
    feed = (dataset / "rentals.csv").read_bytes()
    is_shipped = feed == (SHIPPED_DATA / "rentals.csv").read_bytes()
    return (shipped if is_shipped else []) + [made]


def _report_lines(feed: list[dict], versions: list[dict]) -> tuple[list[str], list[str]]:
    """What a run prints, and what it logs, when it publishes."""
    expected = _expected_days(feed, versions)
    dates = {e["date"] for e in expected}
    logged = [f"{len(dates)} partitions, {len(feed)} readings, registry of {len(versions)} "
              "versions"]
    logged += [f"date={e['date']} station={e['station_id']} hours={e['hours']} "
               f"rides={e['rides']} docks={e['docks']} peak_occupancy={e['peak']:.2f}"
               for e in expected]
    busiest = max(expected, key=lambda e: e["rides"] / e["docks"])
    rides = sum(e["rides"] for e in expected)
    printed = [f"published {len(expected)} station-days, {rides} rides",
               f"busiest: station {busiest['station_id']} on {busiest['date']}, "
               f"{busiest['rides'] / busiest['docks']:.2f} rides per dock"]
    return printed, logged


def _main(args: list[str], capsys, caplog) -> tuple[int, list[str], list[str]]:
    from exercises.ex23_from_the_logs.nightly import main

    caplog.clear()
    capsys.readouterr()
    with caplog.at_level(logging.INFO, logger="nightly_features"):
        status = main(args)
    logged = [r.getMessage() for r in caplog.records if r.name == "nightly_features"]
    return status, capsys.readouterr().out.splitlines(), logged


def _assert_published(report: pd.DataFrame, expected: list[dict], what: str) -> None:
    keys = list(zip(report["date"], report["station_id"].astype(int), strict=True))
    same_rows = keys == [(e["date"], e["station_id"]) for e in expected]
    assert same_rows, f"{what}: one row per date and station, date by date"
    # The messages name no station or date: finding which one is the learner's work.
    for row, want in zip(report.itertuples(index=False), expected, strict=True):
        where = f"{what}, every station-day"
        counted = (row.hours, row.rides) == (want["hours"], want["rides"])
        assert counted, (f"{where}: each row should count that day's hourly readings and "
                         "rides once each")
        docks = row.docks == want["docks"]
        assert docks, f"{where}: each row should use the docks the station had that day"
        ratios = (row.rides_per_dock == pytest.approx(want["rides"] / want["docks"])
                  and row.peak_occupancy == pytest.approx(want["peak"]))
        assert ratios, f"{where}: rides per dock and peak occupancy should use those docks"


def test_the_nightly_run_publishes_each_station_day_once_with_that_days_docks(
        dataset, tmp_path, capsys, caplog, monkeypatch):
    from exercises.ex23_from_the_logs import nightly

    feed = _feed(dataset)
    built = nightly.run
    reports = []
    monkeypatch.setattr(nightly, "run", lambda *args: reports.append(built(*args)) or reports[-1])
    # The export last night's run read, on the shipped data; one made for the other data.
    for what, path in _registries(dataset, tmp_path)[:1]:
        versions = _read_registry(path)
        reports.clear()

        # Last night's run, as the scheduler starts it: the shipped feed and export.
        args = [] if path == SHIPPED_REGISTRY else ["--data", str(dataset), "--registry", str(path)]

        status, printed, logged = _main(args, capsys, caplog)

        want_printed, want_logged = _report_lines(feed, versions)
        published = status == 0 and printed == want_printed and len(reports) == 1
        assert published, (f"{what}: the job should publish every station-day and print "
                           "their count, the feed's rides and the busiest station-day")
        _assert_published(reports[0], _expected_days(feed, versions), what)
        same_log = logged == want_logged
        assert same_log, (f"{what}: the log should list each station-day with its hours, "
                          "rides, docks and peak occupancy")


def test_a_rerun_of_one_partition_publishes_that_day(dataset, tmp_path, capsys, caplog):
    feed = _feed(dataset)
    for what, path in _registries(dataset, tmp_path):
        versions = _read_registry(path)
        for day in _changed_days(versions) + [feed[0]["when"].date()]:
            rows = [row for row in feed if row["when"].date() == day]

            status, printed, logged = _main(["--data", str(dataset), "--registry", str(path),
                                             "--date", day.isoformat()], capsys, caplog)

            want_printed, want_logged = _report_lines(rows, versions)
            published = status == 0 and printed == want_printed and logged == want_logged
            assert published, (f"{what}, a rerun of one date: the job should publish that "
                               "day alone, log each station-day and print its summary")


def test_a_run_whose_features_miss_rides_publishes_nothing(dataset, tmp_path, capsys, caplog,
                                                           monkeypatch):
    from exercises.ex23_from_the_logs import nightly

    built = nightly.station_days
    monkeypatch.setattr(nightly, "station_days", lambda enriched: built(enriched).iloc[1:])
    path = _write_registry(_registry_for(dataset), tmp_path)

    first = _feed(dataset)[0]["when"].date().isoformat()

    status, printed, logged = _main(["--data", str(dataset), "--registry", str(path),
                                     "--date", first], capsys, caplog)

    refused = status == 1 and printed == [] and "nothing published" in logged[-1]
    assert refused, ("features that miss some of the feed's rides should end the run with "
                     "status 1, print nothing and log that nothing was published")


def test_each_reading_gets_its_stations_record_of_that_day(dataset, tmp_path):
    from exercises.ex23_from_the_logs.registry import attributes_in_force, load_registry

    feed = _feed(dataset)
    readings = pd.read_csv(dataset / "rentals.csv", parse_dates=["timestamp"])
    # Any slice of the feed, shuffled and labelled by another index.
    readings = readings.sample(frac=0.6, random_state=3)
    readings.index = pd.Index([f"r{n}" for n in range(len(readings))])
    versions = _registry_for(dataset)
    first = feed[0]["when"].date()
    # A record changed on the feed's very first day, the change made that day.
    opening = dict(_in_force(versions, int(feed[0]["station_id"]), first))
    versions.remove(_in_force(versions, int(feed[0]["station_id"]), first))
    versions += [{**opening, "valid_to": first.isoformat()},
                 {**opening, "capacity": int(opening["capacity"]) + 3, "district": "events",
                  "valid_from": first.isoformat()}]

    with_records = attributes_in_force(readings, load_registry(_write_registry(versions, tmp_path)))

    same_labels = with_records.index.equals(readings.index)
    assert same_labels, "one row per reading, in the readings' order, with their labels"
    for label, reading in zip(with_records.index, with_records.itertuples(), strict=True):
        version = _in_force(versions, int(reading.station_id), reading.timestamp.date())
        record = (reading.name, reading.district, int(reading.capacity))
        same = record == (version["name"], version["district"], int(version["capacity"]))
        assert same, ("each reading should carry its station's name, district and docks "
                      "of that day")

