"""The terminal procedures of the post-mortem, loud-numerics and bisect exercises.

Each test runs the command the exercise page shows and types the debugger
commands a learner would, then checks that what they read reveals the bug
(and, with the solution laid over a copy, no longer happens).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from course.catalog import ROOT, find
from tests.dap import debug_session, documented_command, run_typed
from tests.lab import lay_solutions, shipped_file, shipped_lab
from tools.launch_json import LAUNCH_JSON, load_jsonc

POST_MORTEM = find("ex17")
LOUD_NUMERICS = find("ex18")
CONFIGURATIONS = {c["name"]: c for c in load_jsonc(LAUNCH_JSON)["configurations"]}
WAIT = 30.0


@pytest.fixture(scope="module")
def solved(make_repo_copy: Callable[[str], Path]) -> Path:
    return lay_solutions(make_repo_copy("solved-terminal"))


def test_post_mortem_stops_in_the_crashed_frame_with_its_data() -> None:
    command = documented_command(POST_MORTEM, "python -m exercises.ex17")
    output = run_typed(command, ["p day", "u", "p len(feed), len(readings)", "q"],
                       shipped_lab())
    crashed = f"{POST_MORTEM.debug.file}({POST_MORTEM.debug.line})feature_row()"
    assert crashed in output, output[-3000:]
    prompts = output.split("(Pdb) ")
    # After the first prompt: the answers to the typed commands, in order.
    assert prompts[1].strip() == POST_MORTEM.debug.buggy, prompts[1:3]
    assert "build_features()" in prompts[2], "`u` should reach the loop over partitions"
    assert prompts[3].strip() == "(672, 624)", "validation should have lost a day of readings"
    assert "job failed: KeyError" in prompts[4], "after `q` the job logs its failure"


def test_with_the_fix_the_job_runs_to_its_end_with_its_post_mortem_switch(solved: Path) -> None:
    command = documented_command(POST_MORTEM, "python -m exercises.ex17")
    output = run_typed(command, ["q"], solved)
    assert "(Pdb)" not in output, output[-3000:]
    assert "built 28 station-day rows" in output, output[-3000:]


def test_vs_code_uncaught_exceptions_alone_never_stop_where_the_job_failed() -> None:
    """The job logs its own failure, so the page has the learner tick Raised Exceptions:
    Uncaught Exceptions alone stops at most on the job's exit status."""
    with debug_session(CONFIGURATIONS[POST_MORTEM.launch_name], shipped_lab(),
                       exception_filters=["uncaught"]) as session:
        stop = session.wait_for_stop(WAIT)
    assert stop is None or Path(stop.top.path).name != POST_MORTEM.debug.file, stop.frames


def run_monitor(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    module = str(LOUD_NUMERICS.launch["module"])
    return subprocess.run([sys.executable, "-m", module], cwd=shipped_lab(), capture_output=True,
                          text=True, timeout=60, env=os.environ | env)


def test_the_monitor_is_silent_until_numeric_errors_are_made_loud() -> None:
    quiet = run_monitor({})
    assert quiet.returncode == 0, quiet.stderr
    assert LOUD_NUMERICS.debug.file not in quiet.stdout + quiet.stderr, quiet.stderr
    loud = run_monitor(dict(LOUD_NUMERICS.launch["env"]))
    assert "FloatingPointError" in loud.stderr, loud.stderr[-2000:]
    where = f'{LOUD_NUMERICS.debug.file}", line {LOUD_NUMERICS.debug.line}'
    assert where in loud.stderr, loud.stderr[-2000:]


def test_without_the_setting_raised_exceptions_never_stop() -> None:
    """The exception filter alone finds nothing: the bad value is made in silence."""
    configuration = dict(CONFIGURATIONS[LOUD_NUMERICS.launch_name])
    configuration.pop("env")
    filters = ["raised", "uncaught"]
    with debug_session(configuration, shipped_lab(), exception_filters=filters) as session:
        stop = session.wait_for_stop(WAIT)
    assert stop is None, f"stopped at {stop.top if stop else None}"


NARROWING = find("ex19")


def test_the_lab_copy_is_the_last_commit_of_the_history() -> None:
    from tools.ex19_history import program, versions

    for name, text in program(versions()[-1][1]).items():
        assert shipped_file(NARROWING, name).read_text(encoding="utf-8") == text, name


def test_the_bundle_holds_the_history_the_author_tool_writes(tmp_path) -> None:
    """Regenerate with `python -m tools.ex19_history --write` when this fails."""
    from exercises.ex19_narrowing_down.make_history import build
    from tools.ex19_history import versions

    folder = build(tmp_path)
    subjects = subprocess.run(["git", "log", "--reverse", "--format=%s", "main"], cwd=folder,
                              capture_output=True, text=True, check=True).stdout.splitlines()
    assert subjects == [message for message, _ in versions()]
    files = subprocess.run(["git", "ls-files"], cwd=folder, capture_output=True, text=True,
                           check=True).stdout.split()
    last = versions()[-1][1]
    assert sorted(files) == sorted(last)
    for path, text in last.items():
        assert (folder / path).read_text(encoding="utf-8") == text, path


def test_git_bisect_run_names_the_commit_that_broke_the_metric() -> None:
    from tools.ex19_history import BAD_CHANGE

    before = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    command = documented_command(NARROWING, "python -m exercises.ex19")
    printed = run_typed(command, [], shipped_lab())
    lines = [line.strip() for line in printed.splitlines()]
    folder = Path(lines[lines.index("") + 1])
    try:
        commands = [shlex.split(line) for line in lines if line.startswith("git bisect")]
        outputs = [subprocess.run(command, cwd=folder, capture_output=True, text=True,
                                  timeout=120) for command in commands]
        found = re.search(r"^([0-9a-f]{40}) is the first bad commit", outputs[1].stdout, re.M)
        assert found, outputs[1].stdout + outputs[1].stderr
        subject = subprocess.run(["git", "log", "-1", "--format=%s", found[1]], cwd=folder,
                                 capture_output=True, text=True, check=True).stdout.strip()
        assert subject == BAD_CHANGE
        assert outputs[2].returncode == 0, outputs[2].stderr
        # The commit that does not even import is skipped (exit 125), never judged bad.
        wip = subprocess.run(["git", "log", "--format=%H", "--grep=^WIP"], cwd=folder,
                             capture_output=True, text=True, check=True).stdout.split()
        subprocess.run(["git", "checkout", "--quiet", wip[0]], cwd=folder, check=True)
        untestable = subprocess.run(commands[1][3:], cwd=folder, capture_output=True)
        assert untestable.returncode == 125, untestable.stdout
    finally:
        shutil.rmtree(folder)
    after = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout
    assert after == before, "the course repository changed"
