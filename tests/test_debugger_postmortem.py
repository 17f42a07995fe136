"""The terminal procedures of the post-mortem, loud-numerics and bisect exercises.

Each test runs the command the exercise page shows and types the debugger
commands a learner would, then checks that what they read reveals the bug
(and, with the solution laid over a copy, no longer happens).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from course.catalog import ROOT, find
from tests.dap import documented_command, run_typed
from tests.lab import lay_solutions

POST_MORTEM = find("ex17")


@pytest.fixture(scope="module")
def solved(make_repo_copy: Callable[[str], Path]) -> Path:
    return lay_solutions(make_repo_copy("solved-terminal"))


def test_post_mortem_stops_in_the_crashed_frame_with_its_data() -> None:
    command = documented_command(POST_MORTEM, "python -m pdb -c continue")
    output = run_typed(command, ["p day", "p len(calendar)", "u", "p station_id, day",
                                 "q", "q"], ROOT)
    assert "Entering post mortem debugging" in output, output[-3000:]
    crashed = f"{POST_MORTEM.debug.file}({POST_MORTEM.debug.line})station_day_features()"
    assert crashed in output, output[-3000:]
    prompts = output.split("(Pdb) ")
    # After the first prompt: the answers to the typed commands, in order.
    assert prompts[1].strip() == POST_MORTEM.debug.buggy, prompts[1:3]
    assert prompts[2].strip() == "13", "the calendar should miss one of the 14 dates"
    assert "build_features()" in prompts[3], "`u` should reach the loop over partitions"
    assert prompts[4].strip() == f"(101, {POST_MORTEM.debug.buggy})", prompts[4]


def test_with_the_fix_the_job_runs_to_its_end_under_pdb(solved: Path) -> None:
    command = documented_command(POST_MORTEM, "python -m pdb -c continue")
    output = run_typed(command, ["q"], solved)
    assert "Entering post mortem debugging" not in output, output[-3000:]
    assert "The program finished and will be restarted" in output, output[-3000:]
