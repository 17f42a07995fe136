"""Check: the scan scores every hour against its own station's baseline, however it runs."""

import multiprocessing.spawn
import os

import numpy as np
import pandas as pd
import pytest

# The level the job documents for a station new to the network: 12 rentals, spread 6.
NETWORK_MEAN, NETWORK_SPREAD = 12.0, 6.0


def _rentals(folder) -> pd.DataFrame:
    return pd.read_csv(folder / "rentals.csv", parse_dates=["timestamp"])


def _expected(rentals: pd.DataFrame, days: int = 4) -> pd.DataFrame:
    """z = (rentals - mean) / std of the same station and hour of day before the scanned days."""
    start = rentals["timestamp"].max().normalize() - pd.Timedelta(days=days - 1)
    history = rentals[rentals["timestamp"] < start]
    usual = history.groupby(["station_id", history["timestamp"].dt.hour])["rentals"].agg(
        ["mean", "std"])
    recent = rentals[rentals["timestamp"] >= start]
    keys = pd.MultiIndex.from_arrays([recent["station_id"], recent["timestamp"].dt.hour])
    mean, std = usual["mean"].reindex(keys).to_numpy(), usual["std"].reindex(keys).to_numpy()
    # A station with no history yet is scored against the network's typical station-hour.
    new = ~keys.isin(usual.index)
    mean, std = np.where(new, NETWORK_MEAN, mean), np.where(new, NETWORK_SPREAD, std)
    spread = np.where(std == 0, 1.0, std)  # an hour that never varied: one rental is one spread
    expected = recent[["timestamp", "station_id", "rentals"]].assign(
        z=(recent["rentals"].to_numpy() - mean) / spread)
    expected = expected.sort_values(["station_id", "timestamp"], ignore_index=True)
    return expected.assign(flagged=expected["z"].abs() > 3.0)


def _assert_scores(result: pd.DataFrame, expected: pd.DataFrame, what: str) -> None:
    got = result.sort_values(["station_id", "timestamp"], ignore_index=True)
    assert len(got) == len(expected), f"{what}: one row per station and scanned hour"
    assert got["timestamp"].tolist() == expected["timestamp"].tolist(), what
    assert got["station_id"].tolist() == expected["station_id"].tolist(), what
    assert got["z"].to_numpy() == pytest.approx(expected["z"].to_numpy()), (
        f"{what}: each hour's score should measure its rentals against the mean and spread "
        "of the same station and hour of day before the scanned days")
    assert got["flagged"].tolist() == expected["flagged"].tolist(), (
        f"{what}: an hour is flagged when it is more than three spreads from its usual level")


@pytest.fixture
def no_fork(monkeypatch):
    """Run as on Windows, which has no fork()."""

    def refuse(*args, **kwargs):
        raise OSError("this check runs the scan without fork(), as on Windows")

    monkeypatch.setattr(os, "fork", refuse)


# Run by each worker process before it takes work: it logs the station of every shard the
# worker scores, whichever way the job hands the shards out.
PROBE = """\
from exercises.ex15_worker_process import zscores

score = zscores.score_station


def score_and_log(shard):
    with open({log!r}, "a", encoding="utf-8") as log:
        log.write(f"{{shard[0]}}\\n")
    return score(shard)


zscores.score_station = score_and_log
"""


@pytest.fixture
def scored_in_workers(monkeypatch, tmp_path):
    """The stations scored by worker processes, read once the scan has run.

    A "spawn" worker first runs the parent's main script as ``__mp_main__`` (the
    preparation data of CPython's multiprocessing.spawn): here, the probe above.
    """
    log, probe = tmp_path / "scored.log", tmp_path / "probe.py"
    probe.write_text(PROBE.format(log=str(log)), encoding="utf-8")
    prepare = multiprocessing.spawn.get_preparation_data

    def with_probe(name):
        data = prepare(name)
        data.pop("init_main_from_name", None)
        return data | {"init_main_from_path": str(probe)}

    monkeypatch.setattr(multiprocessing.spawn, "get_preparation_data", with_probe)

    def stations() -> set[int]:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return {int(station) for station in lines}

    return stations


def _assert_in_workers(scored: set[int], stations, what: str) -> None:
    every = scored == {int(station) for station in stations}
    assert every, (f"{what}: every station should be scored by the job's worker processes, "
                   "not by the job itself")


def test_every_hour_is_scored_against_its_own_baseline(dataset, no_fork, scored_in_workers,
                                                       monkeypatch, capsys):
    from exercises.ex15_worker_process import scan

    # The nightly job itself runs; the whole table its scan returns is kept for the check.
    real_scan, tables = scan.scan, []

    def keep(*args, **kwargs):
        tables.append(real_scan(*args, **kwargs))
        return tables[-1]

    monkeypatch.setattr(scan, "scan", keep)
    scan.main(dataset)
    expected = _expected(_rentals(dataset))
    assert len(tables) == 1, "the job should scan the data once"
    _assert_scores(tables[0], expected, "the scan of the last four days")
    _assert_in_workers(scored_in_workers(), expected["station_id"].unique(),
                       "the scan of the last four days")

    flagged = expected[expected["flagged"]]
    report = (f"{len(flagged)} of {len(expected)} station-hours flagged as unusual\n"
              + flagged.round({"z": 1}).to_string(index=False) + "\n")
    assert capsys.readouterr().out == report, (
        "the job should print how many station-hours it flagged, then those hours by station "
        "and time with their rentals, z-score (to one decimal) and flag")


def test_a_scan_of_other_data_learns_its_own_baseline(no_fork, scored_in_workers):
    from exercises.ex15_worker_process.scan import scan

    # Three other stations, ten days, in another month, with their own levels, a quiet
    # one that saw no rider at night before the scanned days, then three, four and five.
    hours = pd.date_range("2025-03-01", periods=240, freq="h")
    random = np.random.default_rng(11)
    counts = {station: random.poisson(level + 6 * (hours.hour == 8), len(hours))
              for station, level in ((7, 3.0), (8, 20.0), (9, 45.0), (6, 0.0))}
    counts[6][(hours >= hours[-72]) & (hours.hour == 3)] = (3, 4, 5)
    rentals = pd.concat([pd.DataFrame({"timestamp": hours, "station_id": station,
                                       "rentals": rentals})
                         for station, rentals in counts.items()], ignore_index=True)
    # And a station that opened on the first scanned day: no history of its own yet.
    opened = hours[-72:]
    counts[5] = random.poisson(30.0, len(opened))
    rentals = pd.concat([rentals, pd.DataFrame({"timestamp": opened, "station_id": 5,
                                                "rentals": counts[5]})], ignore_index=True)
    # As another job hands it over: rows in no particular order, labelled as they were.
    shuffled = rentals.sample(frac=1.0, random_state=5)
    _assert_scores(scan(shuffled, days=3), _expected(rentals, days=3), "a scan of another table")
    _assert_in_workers(scored_in_workers(), counts, "a scan of another table")
