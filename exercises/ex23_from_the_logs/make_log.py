"""Write the batch worker's log of the nightly feature run of 17 June 2024.

The job's own lines come from running the job on the shipped data, as the
worker did that night; the scheduler, storage, data-quality and worker lines
around them, and the clock, are made up from a fixed seed, so the same log
comes out every time. The committed ``nightly_features.log`` is its output:

    python -m exercises.ex23_from_the_logs.make_log > nightly_features.log
"""

from __future__ import annotations

import logging
import random
import re
import sys
from datetime import datetime, timedelta

from exercises.ex23_from_the_logs import nightly

RUN_ID = "nf-20240617-0200-7c41"
STARTED = datetime(2024, 6, 17, 2, 0, 0, 118000)
FEED = "s3://cityrides-feed/hourly"
FEATURES = "s3://cityrides-features/station_day/v3"
REGISTRY_SNAPSHOT = "s3://cityrides-assets/registry/stations/2024-06-16.csv"
STATION_LINE = re.compile(r"date=(?P<date>\S+) station=(?P<station>\d+) ")
SLOW_FETCH = "2024-06-09"  # a storage hiccup that night, retried


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _Log:
    """Lines with a clock that moves on by a random few milliseconds each time."""

    def __init__(self) -> None:
        self.random = random.Random(20240617)
        self.now = STARTED
        self.lines: list[str] = []

    def add(self, level: str, source: str, message: str, pause_ms: tuple[int, int] = (2, 60)):
        self.now += timedelta(milliseconds=self.random.randint(*pause_ms))
        stamp = self.now.isoformat(timespec="milliseconds")
        self.lines.append(f"{stamp}Z {level:<5} [{source}] {message}")

    def kib(self, low: float, high: float) -> str:
        return f"{self.random.uniform(low, high):.1f} KiB"


def _job_records() -> list[logging.LogRecord]:
    """What the job logs on the shipped data and registry, as the worker ran it."""
    capture = _Records()
    root = logging.getLogger()
    root.addHandler(capture)  # also keeps the job's basicConfig from printing
    root.setLevel(logging.INFO)
    try:
        status = nightly.main([])
    finally:
        root.removeHandler(capture)
    capture.records.append(logging.makeLogRecord({"levelname": "EXIT", "msg": str(status)}))
    return capture.records


def _ingest(log: _Log, day: str, stations: list[str]) -> None:
    """The task before on the same worker: yesterday's readings, hour by hour."""
    log.now -= timedelta(minutes=19, seconds=41)
    log.add("INFO", "scheduler", f"task rentals_ingest date={day} attempt 1/1 assigned to "
            "batch-worker-03")
    log.add("INFO", "ingest", f"polling docks API for {len(stations)} stations, {day}")
    for hour in range(24):
        log.add("INFO", "ingest", f"{day}T{hour:02d}:00 {len(stations)} readings "
                f"(api page 1/1, {log.random.randint(90, 400)} ms)", (900, 1600))
    log.add("INFO", "io", f"PUT {FEED}/date={day}/part-00000.csv ({24 * len(stations)} rows, "
            f"{log.kib(2.1, 2.6)})")
    log.add("INFO", "scheduler", f"task rentals_ingest date={day} succeeded")
    log.now = STARTED


def _preamble(log: _Log, first: str) -> None:
    log.add("INFO", "scheduler",
            f"task nightly_features run_id={RUN_ID} queued (schedule 0 2 * * *)")
    log.add("INFO", "scheduler", "upstream rentals_ingest: success")
    log.add("INFO", "scheduler", "upstream station_registry_export: success")
    log.add("INFO", "scheduler", f"task nightly_features run_id={RUN_ID} attempt 1/1 "
            "assigned to batch-worker-03", (400, 900))
    log.add("INFO", "worker", "pulling image registry.cityrides.internal/mlops/features:2024.06.2")
    log.add("INFO", "worker", "image up to date (sha256:5e0a1c9d77b2)", (800, 2000))
    log.add("INFO", "worker", "python 3.11.9, pandas 3.0.0, numpy 2.2.6; 2 vCPU, 4 GiB")
    log.add("INFO", "worker", f"env: FEED={FEED} REGISTRY={REGISTRY_SNAPSHOT}")
    log.add("INFO", "worker", f"env: OUTPUT={FEATURES} PUBLISH=on_reconciled")
    log.add("INFO", "io", f"GET {REGISTRY_SNAPSHOT} 200 ({log.kib(0.3, 0.5)}) in 41 ms")
    log.add("INFO", "io", f"LIST {FEED}/ from date={first}: 14 partitions")


def _partition_start(log: _Log, day: str, stations: list[str]) -> None:
    log.add("INFO", "runner", f"partition date={day}: start", (20, 90))
    source = f"{FEED}/date={day}/part-00000.csv"
    if day == SLOW_FETCH:
        log.add("WARN", "io", f"GET {source} 503 SlowDown; retry 1/5 in 800 ms", (40, 120))
        log.add("WARN", "io", f"GET {source} 503 SlowDown; retry 2/5 in 1600 ms", (800, 900))
    log.add("INFO", "io", f"GET {source} 200 ({log.kib(2.1, 2.6)}) in "
            f"{log.random.randint(28, 95)} ms", (30, 1700 if day == SLOW_FETCH else 120))
    log.add("INFO", "dq", f"date={day}: schema ok (9 columns), 0 nulls, 0 duplicate "
            "(station_id, timestamp)")
    for station in stations:
        log.add("INFO", "dq", f"date={day} station={station}: hourly readings 00:00-23:00, "
                "rentals >= 0, bikes_available >= 0")


def _partition_end(log: _Log, day: str, rows: int, partitions_done: int) -> None:
    log.add("INFO", "io", f"PUT {FEATURES}/_staging/{RUN_ID}/date={day}/part-00000.parquet "
            f"({rows} rows, {log.kib(3.0, 3.4)}) in {log.random.randint(35, 80)} ms")
    seconds = log.random.uniform(0.6, 1.4)
    log.add("INFO", "metrics", f"nightly_features.partition.seconds={seconds:.2f} date={day}")
    if partitions_done % 4 == 0:
        rss = 380 + 6 * partitions_done + log.random.randint(0, 9)
        log.add("INFO", "worker", f"heartbeat run_id={RUN_ID} rss={rss} MiB cpu="
                f"{log.random.randint(18, 46)}% partitions_done={partitions_done}")


def _ending(log: _Log, status: str) -> None:
    log.add("INFO", "io", f"staged output kept for 7 days: {FEATURES}/_staging/{RUN_ID}/")
    log.add("ERROR", "scheduler", f"task nightly_features run_id={RUN_ID} exited with status "
            f"{status}", (200, 400))
    log.add("INFO", "scheduler", "no retry left (retries=0)")
    log.add("INFO", "scheduler", "downstream rebalancing_train 2024-06-17: upstream_failed")
    log.add("INFO", "scheduler", "downstream rebalancing_plan 2024-06-17: upstream_failed")
    log.add("INFO", "alerting", f"paged #mlops-oncall: nightly_features failed ({RUN_ID})")


def build_log() -> str:
    records = _job_records()
    log = _Log()
    lines = [STATION_LINE.match(r.getMessage()) for r in records]
    days = sorted({line["date"] for line in lines if line})
    stations = sorted({line["station"] for line in lines if line})
    _ingest(log, days[-1], stations)
    _preamble(log, days[0])
    day, rows, done = None, 0, 0
    for record in records:
        message = record.getMessage()
        line = STATION_LINE.match(message)
        if record.levelname == "EXIT":
            _ending(log, message)
            continue
        if day is not None and (line is None or line["date"] != day):
            done += 1
            _partition_end(log, day, rows, done)
            day = None
        if line is not None and day is None:
            day, rows = line["date"], 0
            _partition_start(log, day, stations)
        rows += line is not None
        pause = (150, 400) if line is None else (120, 420)
        log.add(record.levelname, "job", message, pause)
    return "\n".join(log.lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(build_log())
