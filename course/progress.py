"""Where a learner stands: recorded verdicts that still hold, fresh ones for the rest.

``python -m exercises progress`` reads :mod:`course.recorded_results` and grades
again, in an isolated child (:mod:`course.isolated_run`), only the exercises
whose files changed since; ``check`` always grades afresh; ``watch`` finds the
first unsolved exercise the same way, stopping at the first one it meets.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Sequence

from course import isolated_run, learner_state, manifest, recorded_results, regression, report
from course.bonus import answered_correctly
from course.catalog import Exercise

Listener = Callable[[report.Outcome], None]


def grade_afresh(exercises: Sequence[Exercise], on_outcome: Listener | None = None):
    """Grade in an isolated child, record the verdicts, and add the bonus stars."""
    answers = learner_state.read_answers()
    fingerprints = {e.slug: recorded_results.fingerprint(e) for e in exercises}
    graded = []

    def reached(outcome: report.Outcome) -> None:
        outcome = dataclasses.replace(
            outcome, bonus=answered_correctly(outcome.exercise, answers), **_test_mark(outcome)
        )
        graded.append(outcome)
        recorded_results.record([outcome], fingerprints)
        if on_outcome is not None:
            on_outcome(outcome)

    isolated_run.grade(exercises, reached)
    return graded


def _test_mark(outcome: report.Outcome) -> dict:
    """The fields of the learner's regression-test mark, judged once the exercise is solved."""
    if not regression.has_test(outcome.exercise):
        return {}
    if not outcome.solved:
        mark = regression.Mark(False, "judged once the exercise is solved (it must pass on "
                                      "your fix and fail on the shipped code)")
    else:
        mark = regression.judge(outcome.exercise)
    return {"test_mark": mark.earned, "test_note": mark.note}


def current(exercises: Sequence[Exercise], on_outcome: Listener | None = None):
    """Every exercise's outcome: recorded where it still holds, graded afresh elsewhere."""
    fresh, stale = recorded_results.split(exercises, learner_state.read_answers())
    graded = {o.exercise.slug: o for o in grade_afresh(stale, on_outcome)} if stale else {}
    return [fresh.get(e.slug) or graded[e.slug] for e in exercises]


class _Found(Exception):
    """Not an error: stops grading once the first unsolved exercise is found."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise


def first_unsolved(exercises: Sequence[Exercise], on_outcome: Listener) -> Exercise | None:
    """The first exercise in course order that is not solved, grading (in order) only the
    stale ones before the first recorded unsolved one, and stopping as soon as it is found."""
    fresh, stale = recorded_results.split(exercises, learner_state.read_answers())
    stale_slugs = {exercise.slug for exercise in stale}
    to_grade = []
    for exercise in exercises:
        if exercise.slug not in stale_slugs:
            if not fresh[exercise.slug].solved:
                break
            continue
        to_grade.append(exercise)

    def stop_if_unsolved(outcome: report.Outcome) -> None:
        on_outcome(outcome)
        if not outcome.solved:
            raise _Found(outcome.exercise)

    try:
        if to_grade:
            grade_afresh(to_grade, stop_if_unsolved)
    except _Found as found:
        return found.exercise
    return next((e for e in exercises if e.slug in fresh and not fresh[e.slug].solved), None)


def folder_advice() -> list[str]:
    """A line for each exercise folder not where the course ships it (renamed, missing)."""
    try:
        entries = manifest.load()
    except manifest.ManifestError:
        return []
    return list(manifest.folder_advice(entries).values()) if entries else []


def show(outcomes: Sequence[report.Outcome], course_size: int, markdown: bool = False) -> None:
    for line in folder_advice():
        print(line)
    if markdown:
        sys.stdout.write(f"`{report.progress_bar(outcomes)}`\n\n")
        sys.stdout.write(report.markdown_summary(outcomes, course_size))
        return
    symbols = report.symbols_for(sys.stdout.encoding)
    for line in report.summary_lines(outcomes, course_size, symbols):
        print(line)
    if len(outcomes) == course_size:
        print("\n" + report.progress_bar(outcomes, symbols))
