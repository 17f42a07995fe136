"""Write ``.github/workflows/classroom.yml``: GitHub Classroom autograding, two tests per exercise.

GitHub Classroom grades an assignment with a workflow of this shape: one
``autograding-command-grader`` step per test, whose command passes or fails
and earns ``max-score`` points, then ``autograding-grading-reporter`` adding
them up for the teacher's dashboard. Each exercise has two tests, both run by
the course's own grader: the fix (``python -m exercises check N``), so
Classroom and a learner's ``pytest exercises`` always agree, and the student's
own regression test (``check N --regression``: it fails on the shipped code and
passes on the fix). Run ``python -m tools.classroom
--write`` after adding an exercise; ``tests/test_classroom.py`` checks the file.

The reporter posts the points as a notice, then marks its step failed when any
test failed (``core.setFailed`` in its ``src/main.js``): with every push of a
lab that is unsolved by design, the run would be red until the last exercise.
``continue-on-error`` keeps the points and turns that into a green run; a last
step still fails the run when a test could not be graded at all (the command
grader's "error": a time-out or a missing command), which is never the
learner's progress.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import sys
from dataclasses import dataclass

from course.catalog import ROOT, Exercise, all_exercises

WORKFLOW = ROOT / ".github" / "workflows" / "classroom.yml"
POINTS = 10  # per solved exercise; edit the workflow's max-score to weigh them otherwise
TEST_POINTS = 5  # per regression test of the student's own that catches the exercise's bug
MINUTES = 3  # the command grader's time-out for one test


@dataclass(frozen=True)
class Test:
    """One autograding test: an exercise's fix, or the student's regression test for it."""

    exercise: Exercise
    regression: bool = False

    @property
    def id(self) -> str:
        return f"{self.exercise.short_name}_test" if self.regression else self.exercise.short_name

    @property
    def name(self) -> str:
        title = self.exercise.title.replace('"', "'")
        mark = " (your regression test)" if self.regression else ""
        return f"{self.exercise.short_name}: {title}{mark}"

    @property
    def command(self) -> str:
        flag = " --regression" if self.regression else ""
        return f"python -m exercises check {self.exercise.number}{flag}"

    @property
    def points(self) -> int:
        return TEST_POINTS if self.regression else POINTS


def autograding_tests(exercises: list[Exercise]) -> list[Test]:
    return [Test(e, regression) for e in exercises for regression in (False, True)]


def total_points(exercises: list[Exercise]) -> int:
    """What the reporter's "Points n/total" notice and Classroom show as the maximum."""
    return sum(test.points for test in autograding_tests(exercises))


def points_notice(arguments: str) -> str:
    """The teaching page's ``<!-- classroom-points: SOLVED -->``: the reporter's notice for a
    student who solved that many exercises, with the total derived from the catalogue."""
    if not arguments.strip().isdigit():
        raise ValueError("expected <!-- classroom-points: N --> (N exercises solved)")
    solved, exercises = int(arguments), list(all_exercises())
    return (f"`Points {solved * POINTS}/{total_points(exercises)}`: {solved} exercises solved"
            f" and no regression test yet, out of {len(exercises)} exercises × {POINTS} points"
            f" for the fix + {TEST_POINTS} for a regression test that catches the bug")


HEADER = """\
# GitHub Classroom autograding (written by `python -m tools.classroom --write`).
# Each exercise is one test worth max-score points, graded by the course's own
# grader; the reporter sends the total to the classroom. It runs only in the
# repositories Classroom makes for students: not in a fork (grade.yml grades
# those) and not in a template repository (the course and a teacher's starter).
name: Autograding Tests

on:
  push:
  workflow_dispatch:
  repository_dispatch:

permissions:
  checks: write
  actions: read
  contents: read

jobs:
  run-autograding-tests:
    # The reporter annotates the check run of this name with the points.
    name: Autograding Tests
    if: >-
      github.actor != 'github-classroom[bot]'
      && !github.event.repository.fork
      && !github.event.repository.is_template
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
          cache-dependency-path: requirements.lock
      - name: Install the learner's pinned packages
        run: python -m pip install --no-compile -r requirements.lock
"""


def step(test: Test) -> str:
    return f"""\
      - name: "{test.name}"
        id: {test.id}
        uses: classroom-resources/autograding-command-grader@v1
        with:
          test-name: "{test.name}"
          command: {test.command}
          timeout: {MINUTES}
          max-score: {test.points}
"""


def reporter(tests: list[Test]) -> str:
    env = "".join(
        f'          {test.id.upper()}_RESULTS: "${{{{ steps.{test.id}.outputs.result }}}}"\n'
        for test in tests
    )
    runners = ",".join(test.id for test in tests)
    return f"""\
      - name: Autograding Reporter
        id: reporter
        if: always()
        # Unsolved exercises are progress, not a broken run: keep the points, stay green.
        continue-on-error: true
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
{env}        with:
          runners: {runners}
      - name: Fail only if a test could not be graded (time-out, no result)
        if: always()
        env:
          STEPS: ${{{{ toJSON(steps) }}}}
        run: python -m tools.classroom --check-results
"""


def status(step: dict) -> str:
    """The command grader's verdict in a step's outputs: pass, fail, error, or missing."""
    try:
        encoded = step["outputs"]["result"]
        return json.loads(base64.b64decode(encoded, validate=True))["status"]
    except (KeyError, TypeError, ValueError, binascii.Error):
        return "missing"


def ungraded(steps: dict, exercises: list[Exercise]) -> list[str]:
    """Tests without a pass or fail (``steps`` is the workflow's ``toJSON(steps)``)."""
    return [
        test.id for test in autograding_tests(exercises)
        if status(steps.get(test.id, {})) not in ("pass", "fail")
    ]


def check_results(exercises: list[Exercise]) -> int:
    missing = ungraded(json.loads(os.environ.get("STEPS", "{}")), exercises)
    if missing:
        print(f"::error::not graded (a time-out or no result): {', '.join(missing)}")
        return 1
    print(f"{len(exercises)} exercises graded; unsolved ones are progress, not a failure")
    return 0


def render(exercises: list[Exercise]) -> str:
    tests = autograding_tests(exercises)
    return HEADER + "".join(step(test) for test in tests) + reporter(tests)


def main(argv: list[str]) -> int:
    exercises = list(all_exercises())
    if "--check-results" in argv:
        return check_results(exercises)
    text = render(exercises)
    if "--write" in argv:
        WORKFLOW.write_text(text, encoding="utf-8")
        print(f"wrote {WORKFLOW.relative_to(ROOT)}")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
