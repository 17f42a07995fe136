"""ex23's worker log: what the shipped job writes, and an investigation it can carry.

The log in the exercise folder is generated (``make_log.py`` runs the job on
the shipped data and registry); it must be that output byte for byte, name the
partition that went wrong only in the lines before the failure, and read like
production output rather than a diagnosis.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from course.catalog import find
from tests.lab import shipped_lab

EXERCISE = find("ex23")
LOG_NAME = "nightly_features.log"
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO |WARN |ERROR) \[[a-z]+\] ")


@pytest.fixture(scope="module")
def log_lines() -> list[str]:
    return (EXERCISE.folder / LOG_NAME).read_text(encoding="utf-8").splitlines()


def test_the_committed_log_is_what_the_shipped_job_writes() -> None:
    lab = shipped_lab()
    written = subprocess.run(
        [sys.executable, "-m", f"{EXERCISE.module}.make_log"], cwd=lab, capture_output=True,
        text=True, timeout=120, check=True,
    ).stdout
    committed = lab / "exercises" / EXERCISE.slug / LOG_NAME
    assert written == committed.read_text(encoding="utf-8"), (
        f"{LOG_NAME} is stale: regenerate it with make_log.py on the shipped code")


def test_every_line_reads_like_production_output(log_lines: list[str]) -> None:
    assert 150 <= len(log_lines) <= 400
    odd = [line for line in log_lines if not STAMP.match(line)]
    assert not odd, f"lines without a timestamp, level and source: {odd[:3]}"
    stamps = [line[:24] for line in log_lines]
    assert stamps == sorted(stamps), "the clock only moves forward"


def test_the_failing_partition_shows_before_the_error_and_not_in_it(log_lines: list[str]):
    errors = [n for n, line in enumerate(log_lines) if " ERROR [job] " in line]
    assert len(errors) == 1, "one failure of the job itself"
    failure = log_lines[errors[0]]
    assert "date=" not in failure
    assert "station" not in failure
    job_lines = [line for line in log_lines[: errors[0]] if re.search(r"\[job\] date=", line)]
    unusual = [line for line in job_lines if "hours=24 " not in line]
    assert len(unusual) == 1, "exactly one station-day of the shipped run stands out"
    rerun = EXERCISE.debug.configuration["args"]
    assert rerun[0] == "--date"
    assert f"date={rerun[1]} " in unusual[0], "the DAP test reruns the partition that stands out"


def test_f5_asks_for_the_partition_instead_of_naming_it() -> None:
    """The configuration holds no date: the learner finds it in the log and types it."""
    from tools.launch_json import inputs

    assert EXERCISE.launch["args"] == ["--date", "${input:ex23PartitionDate}"]
    asked = {variable["id"]: variable for variable in inputs()}
    assert asked["ex23PartitionDate"]["type"] == "promptString"
    assert not re.search(r"\d{4}-\d\d-\d\d", json.dumps(EXERCISE.launch))


def test_the_log_names_neither_the_cause_nor_the_code(log_lines: list[str]) -> None:
    text = "\n".join(log_lines)
    for give_away in ("valid_from", "valid_to", "registry.py", "attributes_in_force",
                      "between", "overlap", "duplicate version", "Traceback"):
        assert give_away not in text, give_away
