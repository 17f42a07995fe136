"""The GitHub Classroom autograding workflow grades every exercise, and the student's own
regression test for it, with the course's grader."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from course.catalog import ROOT, all_exercises
from tests.lab import solution_files
from tools import classroom

EXERCISES = all_exercises()
GRADER = "classroom-resources/autograding-command-grader@"
REPORTER = "classroom-resources/autograding-grading-reporter@"


@pytest.fixture(scope="module")
def job() -> dict:
    workflow = yaml.safe_load(classroom.WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return job


@pytest.fixture(scope="module")
def tests(job: dict) -> dict[str, dict]:
    """The autograding tests by step id, in the workflow's order."""
    return {step["id"]: step for step in job["steps"] if step.get("uses", "").startswith(GRADER)}


def test_the_workflow_is_what_the_generator_writes():
    """A new exercise needs `python -m tools.classroom --write`."""
    written = classroom.WORKFLOW.read_text(encoding="utf-8")
    assert written == classroom.render(list(EXERCISES)), "run: python -m tools.classroom --write"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.short_name)
@pytest.mark.parametrize(("suffix", "flag", "points"), [
    ("", "", classroom.POINTS), ("_test", " --regression", classroom.TEST_POINTS),
], ids=["fix", "regression-test"])
def test_each_exercise_is_two_tests_worth_points_graded_by_the_course(
    exercise, suffix, flag, points, tests
):
    step = tests.get(exercise.short_name + suffix)
    assert step is not None, "no autograding test for this exercise"
    settings = step["with"]
    assert settings["command"] == f"python -m exercises check {exercise.number}{flag}"
    assert settings["max-score"] == points > 0
    assert exercise.short_name in settings["test-name"]
    assert 0 < settings["timeout"] <= 10  # minutes


def test_nothing_but_the_exercises_is_graded(tests):
    names = [exercise.short_name for exercise in EXERCISES]
    assert list(tests) == [step for name in names for step in (name, f"{name}_test")]


def test_the_reporter_adds_up_every_test(job, tests):
    (reporter,) = [step for step in job["steps"] if step.get("uses", "").startswith(REPORTER)]
    assert reporter["with"]["runners"].split(",") == list(tests)
    for step_id in tests:
        assert reporter["env"][f"{step_id.upper()}_RESULTS"] == (
            f"${{{{ steps.{step_id}.outputs.result }}}}"
        )
    assert reporter.get("if") == "always()"


def test_unsolved_exercises_leave_the_run_green_with_the_points(job):
    """The reporter posts the points, then fails its step when any test failed: that step
    may fail, the run may not; the step after it fails the run only for an ungraded one."""
    steps = job["steps"]
    (index,) = [i for i, step in enumerate(steps) if step.get("uses", "").startswith(REPORTER)]
    assert steps[index].get("continue-on-error") is True
    after = steps[index + 1:]
    assert [step.get("run") for step in after] == ["python -m tools.classroom --check-results"]
    assert after[0]["if"] == "always()"
    assert after[0]["env"]["STEPS"] == "${{ toJSON(steps) }}"


def grader_output(status: str) -> dict:
    """A step's outputs as the command grader writes them (generateResult, base64 JSON)."""
    result = {"version": 1, "status": status, "max_score": 10,
              "tests": [{"name": "t", "status": status, "score": 10 if status == "pass" else 0}]}
    encoded = base64.b64encode(json.dumps(result, separators=(",", ":")).encode()).decode()
    return {"outputs": {"result": encoded}, "outcome": "success", "conclusion": "success"}


def check_results(steps: dict) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools.classroom", "--check-results"], cwd=ROOT, text=True,
        capture_output=True, env={"PATH": "", "STEPS": json.dumps(steps)}, timeout=60,
    )


def test_failed_exercises_pass_the_results_check_and_ungraded_ones_fail_it():
    first, second, *rest = [test.id for test in classroom.autograding_tests(list(EXERCISES))]
    progress = {first: grader_output("pass"), **{name: grader_output("fail") for name in rest}}
    steps = {**progress, second: grader_output("fail")}
    assert check_results(steps).returncode == 0
    timed_out = check_results({**progress, second: grader_output("error")})
    assert timed_out.returncode == 1
    assert second in timed_out.stdout
    skipped = check_results({**progress, second: {"outputs": {}, "outcome": "skipped"}})
    assert skipped.returncode == 1
    assert second in skipped.stdout


def test_the_teaching_page_shows_the_total_the_reporter_posts():
    """The page's example notice is a shortcode whose total comes from the catalogue."""
    page = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    (solved,) = re.findall(r"<!-- classroom-points: (\d+) -->", page)
    assert not re.search(r"Points \d+/\d+", page), "write the notice as the shortcode"
    notice = classroom.points_notice(solved)
    total = (classroom.POINTS + classroom.TEST_POINTS) * len(EXERCISES)
    assert notice.startswith(f"`Points {int(solved) * classroom.POINTS}/{total}`")
    assert f"out of {len(EXERCISES)} exercises" in notice
    assert f"{classroom.POINTS}.00/{classroom.POINTS}" in page
    with pytest.raises(ValueError, match="classroom-points"):
        classroom.points_notice("three")


def test_it_installs_the_learner_lock_and_stays_out_of_forks_and_templates(job):
    runs = " ".join(step.get("run", "") for step in job["steps"])
    assert "-r requirements.lock" in runs
    assert "!github.event.repository.fork" in job["if"]
    assert "!github.event.repository.is_template" in job["if"]


def test_the_command_passes_only_once_the_exercise_is_fixed(repo_copy: Path):
    first = EXERCISES[0]
    repo = repo_copy  # the lab as shipped, whatever state this clone's exercises are in
    command = [sys.executable, "-m", "exercises", "check", str(first.number)]

    def grade() -> int:
        return subprocess.run(command, cwd=repo, capture_output=True, timeout=120).returncode

    assert grade() == 1
    regression = [*command, "--regression"]
    assert subprocess.run(regression, cwd=repo, capture_output=True, timeout=120).returncode == 1
    for relative in solution_files(first.slug):
        fixed = repo / "solutions" / first.slug / relative
        (repo / "exercises" / first.slug / relative).write_bytes(fixed.read_bytes())
    assert grade() == 0
