"""The self-grader as a pytest plugin: ``pytest exercises`` checks every exercise, then
shows the progress.

Whatever a learner's code does (a syntax error, an import of a deleted file, an
endless loop, a deleted check), it fails that exercise alone with a message
that says what to do, and the other exercises are still graded. What the
learner reads is written in :mod:`course.report` and :mod:`course.messages`;
this module only watches the run. ``exercises/conftest.py`` loads it for
``pytest exercises``; the isolated runs of ``python -m exercises`` load it with
``-p`` (:mod:`course.isolated_child`). It imports nothing heavy.

What a learner sees is honest and quiet:

- by default no traceback, per-test summary or warning (they point at the
  bug): each unsolved exercise gets one line, the first failing check's own
  words; ``-v`` or ``--tb=...`` brings pytest's detail back;
- an exercise whose check, data or shared file differs from
  ``course/manifest.json`` is "check edited: not counted", never solved, and so
  is every exercise when a file outside the exercises' own (a conftest.py, a
  pytest configuration, a sitecustomize module, ``PYTEST_ADDOPTS``) could
  change how the checks run (:mod:`course.tamper`);
- an exercise stops at its first failing check: that check's words settle the
  verdict, and the rest would only cost time (``-v`` runs them all);
- an exercise whose check this run did not run whole (``-x``, ``--lf``,
  ``--sw``, one test by its id, Ctrl-C) is "not graded in this run", neither
  solved nor failed; ``--co`` grades nothing.

Endless loops: each check gets the grader's own time limit
(:mod:`course.time_limit`), which fails the stuck check quietly and lets the
run go on; code that swallows the interruption ends the run after a grace
period, with the table so far. The limit stands down while a debugger is
attached, so pressing F5 on a check is never cut short. A ``--timeout`` given
by the learner hands the job to pytest-timeout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from course import learner_state, manifest, messages, recorded_results, report, tamper
from course import time_limit as limit
from course.bonus import answered_correctly
from course.catalog import ROOT, CatalogError, Exercise, all_exercises
from course.check_failures import expected_behaviour, explain, is_timeout, root_cause
from course.isolated_run import one_math_thread

PLUGIN_NAME = "exercise-grader"


@dataclass
class Tally:
    """What the run saw of one exercise."""

    collected: int = 0
    deselected: int = 0
    ran: int = 0
    failed: int = 0
    problem: str = ""
    expected: str = ""  # the first failing check's own words
    timed_out: bool = False

    @property
    def complete(self) -> bool:
        """Every test of the check ran (nothing deselected, nothing left when the run stopped)."""
        return self.collected > 0 and not self.deselected and self.ran >= self.collected


def _requested_paths(config: pytest.Config) -> list[tuple[Path, bool]]:
    """Each path pytest was given, and whether it names only some tests (``file::test``)."""
    base = config.invocation_params.dir
    return [((base / arg.split("::", 1)[0]).resolve(), "::" in arg) for arg in config.args]


def _requested_whole(exercise: Exercise, requested: list[tuple[Path, bool]]) -> bool:
    """The run was asked for every check of the exercise, not some tests of it."""
    whole = [path for path, some_tests in requested if not some_tests]
    if any(exercise.folder.is_relative_to(path) for path in whole):
        return True
    checks = {path.resolve() for path in exercise.folder.glob("test_*.py")}
    return bool(checks) and checks <= set(whole)


def _user_chose_timeout(config: pytest.Config) -> bool:
    if not config.pluginmanager.has_plugin("timeout"):  # pytest-timeout is not loaded
        return False
    return bool(
        config.getoption("timeout", None) is not None
        or os.environ.get("PYTEST_TIMEOUT")
        or config.getini("timeout")
    )


def _fail_unless_debugging() -> None:
    from pytest_timeout import is_debugging  # a dependency of the course, never a plugin here

    if not is_debugging():
        pytest.fail(f"{limit.FAILURE_PREFIX}{limit.check_seconds()}s) from the grader's timer.")


def check_edits(exercises: tuple[Exercise, ...], foreign: list[str]) -> dict[str, str]:
    """Per exercise, why its check does not count: a file it relies on differs from the course
    manifest, or something outside the exercises' files could change how checks run."""
    if foreign:
        return dict.fromkeys((e.slug for e in exercises), messages.tampered_message(foreign))
    entries = manifest.load()
    if entries is None:  # a fixture lab of the project's tests
        return {}
    edited = manifest.edited_files(entries, roles=(manifest.CHECK, manifest.SHARED))
    shipped = {manifest.exercise_of(path) for path in entries} - {None}
    moved = {found: shipped for shipped, found in manifest.renamed_folders(entries).items()}
    found = {}
    for exercise in exercises:
        if exercise.slug not in shipped:
            found[exercise.slug] = messages.unknown_folder_message(
                exercise, moved.get(exercise.slug)
            )
        elif paths := [
            path for path in edited if manifest.exercise_of(path) in {exercise.slug, None}
        ]:
            missing = [path for path in paths if not (ROOT / path).exists()]
            found[exercise.slug] = messages.edited_check_message(exercise, paths, missing)
    return found


def _selection(
    config: pytest.Config, exercises: tuple[Exercise, ...]
) -> tuple[list[Exercise], set[str]]:
    """The exercises this run was asked about, and those of them it was asked only some
    tests of (a node id, one of its check files): those are never graded whole."""
    requested = _requested_paths(config)
    selected = [
        exercise for exercise in exercises
        if any(exercise.folder.is_relative_to(path) or path.is_relative_to(exercise.folder)
               for path, _ in requested)
    ]
    partly = {e.slug for e in selected if not _requested_whole(e, requested)}
    return selected, partly


class RunTally:
    """The part of the plugin that counts, per exercise, what was collected, ran and failed."""

    def __init__(self, config: pytest.Config, exercises: tuple[Exercise, ...]) -> None:
        self.config = config
        self.by_slug = {exercise.slug: exercise for exercise in exercises}
        self.tallies = {exercise.slug: Tally() for exercise in exercises}

    def tally_for(self, nodeid: str) -> tuple[Exercise, Tally] | None:
        path = nodeid.split("::", 1)[0]
        if path.rsplit("/", 1)[-1] == manifest.REGRESSION_TEST:
            return None  # the learner's own test runs, but judges no exercise
        slug = next((part for part in path.split("/") if part in self.by_slug), None)
        return None if slug is None else (self.by_slug[slug], self.tallies[slug])

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """The learner's own regression tests run after every check: one that hangs or ends
        the process must not keep a check's verdict from being written."""
        items.sort(key=lambda item: item.path.name == manifest.REGRESSION_TEST)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        # From here on the tests import the learner's modules: a fix saved within the
        # second of the last grading, at the same size, would otherwise be judged by its
        # stale bytecode (.pyc records mtime and size). The checks' own bytecode, written
        # during collection, stays cached.
        sys.dont_write_bytecode = True
        for item in session.items:
            if found := self.tally_for(item.nodeid):
                found[1].collected += 1

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        for item in items:
            if found := self.tally_for(item.nodeid):
                found[1].deselected += 1

    def pytest_exception_interact(self, node, call, report) -> None:
        """A check file that cannot even be collected: say why, instead of pytest's traceback."""
        found = self.tally_for(report.nodeid)
        if not isinstance(report, pytest.CollectReport) or found is None:
            return
        exercise, tally = found
        message = explain(exercise, root_cause(call.excinfo.value), call.duration)
        if message:
            report.longrepr = message
        tally.problem = message or messages.broken_check_message(exercise)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed and (found := self.tally_for(report.nodeid)):
            found[1].failed += 1

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        found = self.tally_for(item.nodeid)
        if not found:
            return
        exercise, tally = found
        if tally.timed_out:
            pytest.skip(f"not run: an earlier check of {exercise.slug} timed out")
        # One failing check settles the verdict, and the table shows only the first one's
        # words: the rest would cost an unsolved lab seconds. -v asks to see them all.
        if tally.failed and self.config.option.verbose <= 0:
            pytest.skip(f"not run: an earlier check of {exercise.slug} failed")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        found = self.tally_for(item.nodeid)
        try:
            report = yield
        except TypeError:
            # pytest cannot format a traceback whose frame lost its line number, which a
            # time-out inside the import machinery can leave: fail the check, not the run.
            if found is None or call.excinfo is None:
                raise
            report = pytest.TestReport(
                item.nodeid, item.location, dict.fromkeys(item.keywords, 1), "failed",
                call.excinfo.exconly(), call.when,
                duration=call.duration, start=call.start, stop=call.stop,
            )
        if found and report.failed and call.excinfo is not None:
            exercise, tally = found
            message = explain(exercise, call.excinfo.value, call.duration)
            if message:
                report.longrepr = message
                tally.problem = tally.problem or message
                tally.timed_out = tally.timed_out or is_timeout(call.excinfo.value)
            elif not tally.expected:
                tally.expected = expected_behaviour(item, call.excinfo.value)
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if found := self.tally_for(report.nodeid):
            found[1].failed += report.failed
            found[1].ran += report.when == "teardown"


class Grader(RunTally):
    """Turns the tallies into one outcome per exercise, and shows them as a table."""

    def __init__(self, config: pytest.Config, exercises: tuple[Exercise, ...]) -> None:
        super().__init__(config, exercises)
        self.course_size = len(exercises)
        foreign = tamper.foreign_files() + tamper.foreign_options() + tamper.foreign_plugins(
            config.pluginmanager.get_plugins()
        )
        self.edits = check_edits(exercises, foreign)
        # --lf and --sw leave out checks that passed before: those exercises are shown as
        # not graded in this run, whereas -k or -m leave them out of the table.
        self.run_filtered = any(
            config.getoption(name, False) for name in ("lf", "stepwise", "stepwise_skip")
        )
        self.selected, self.partly_requested = _selection(config, exercises)
        self.timer_signal = None if _user_chose_timeout(config) else limit.TIMER_SIGNAL
        self.after_stuck: list[Callable[[], None]] = [self.write_summary]  # before a stuck end

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item):
        found = self.tally_for(item.nodeid)
        if self.timer_signal is None or found is None:
            return (yield)
        seconds = limit.check_seconds()
        with limit.interrupt_after(
            seconds, self.timer_signal, _fail_unless_debugging,
            on_stuck=lambda: self.end_stuck_run(found[0], seconds),
        ):
            return (yield)

    def end_stuck_run(self, exercise: Exercise, seconds: float) -> None:
        """Code that kept running through every interruption: fail its exercise, leave the
        rest not graded, show the table and end the process (a thread cannot stop it)."""
        from pytest_timeout import is_debugging

        if is_debugging():
            return
        tally = self.tallies[exercise.slug]
        tally.problem, tally.failed = messages.stuck_message(exercise, seconds), tally.failed + 1
        for action in self.after_stuck:
            action()
        sys.stdout.flush()
        os._exit(pytest.ExitCode.TESTS_FAILED)

    def outcome(self, exercise: Exercise, answers: dict[str, dict]) -> report.Outcome | None:
        tally = self.tallies[exercise.slug]
        bonus = answered_correctly(exercise, answers)
        if exercise.slug in self.edits:
            return report.Outcome(exercise, False, self.edits[exercise.slug], bonus, edited=True)
        if tally.collected == 0 and tally.deselected and not self.run_filtered:
            return None  # left out on purpose, e.g. with -k
        problem = tally.problem
        if not (problem or tally.collected or tally.failed or has_check_file(exercise)):
            problem = messages.missing_check_message(exercise)
        if problem or tally.failed:
            return report.Outcome(exercise, False, problem, bonus, tally.expected)
        if not tally.complete or exercise.slug in self.partly_requested:
            return report.Outcome(exercise, False, "", bonus, graded=False)
        return report.Outcome(exercise, True, "", bonus)

    def outcomes(self) -> list[report.Outcome]:
        """One outcome per exercise this run was asked to grade, in course order."""
        answers = learner_state.read_answers()
        found = (self.outcome(exercise, answers) for exercise in self.selected)
        return [outcome for outcome in found if outcome is not None]

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.config.option.collectonly:
            return
        outcomes = self.outcomes()
        recorded_results.record(outcomes)
        # A deleted or edited check fails no test, yet that exercise is not solved.
        if session.exitstatus == pytest.ExitCode.OK and any(
            not o.solved and (o.graded or o.edited) for o in outcomes
        ):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_terminal_summary(self, terminalreporter):
        # The outermost wrapper writes last: the table comes after pytest's short summary.
        yield
        if self.config.option.collectonly:
            terminalreporter.write_line("Collected only: no exercise was graded in this run.")
            return
        self.write_summary()

    def write_summary(self) -> None:
        outcomes = self.outcomes()
        if not outcomes:
            return
        capture = self.config.pluginmanager.get_plugin("capturemanager")
        if capture is not None:  # ended mid-test (a stuck run): the output is captured
            capture.suspend_global_capture(in_=True)
        write = self.config.pluginmanager.get_plugin("terminalreporter")
        symbols = report.symbols_for(getattr(sys.__stdout__, "encoding", None))
        write.write_sep("=", "your progress")
        for line in report.summary_lines(outcomes, self.course_size, symbols):
            write.write_line(line)


def has_check_file(exercise: Exercise) -> bool:
    return any(any(exercise.folder.glob(pattern)) for pattern in ("test_*.py", "*_test.py"))


def quiet_by_default(config: pytest.Config) -> None:
    """Unless the learner asks for detail (-v, --tb=...), print no traceback, no per-test
    summary and no warning: those locate the bug. The table says what each check expects."""
    if config.option.tbstyle != "auto":
        return
    if config.option.verbose > 0:
        config.option.tbstyle = "short"
        return
    config.option.tbstyle = "no"
    config.option.verbose = min(config.option.verbose, -1)
    config.option.reportchars = "N"
    config.option.disable_warnings = True


@pytest.hookimpl(tryfirst=True)  # before the terminal reporter reads the options
def pytest_configure(config: pytest.Config) -> None:
    try:
        exercises = all_exercises(require_files=False)
    except CatalogError as error:
        message = f"broken exercise metadata (a course author's bug): {error}"
        raise pytest.UsageError(message) from error
    # One exercise's broken check must not stop the others from being graded.
    config.option.continue_on_collection_errors = True
    # Before the checks import numpy: one BLAS thread, as in the isolated runs.
    for variable, value in one_math_thread().items():
        os.environ.setdefault(variable, value)
    quiet_by_default(config)
    try:
        grader = Grader(config, exercises)
    except manifest.ManifestError as error:
        raise pytest.UsageError(str(error)) from error
    config.pluginmanager.register(grader, PLUGIN_NAME)
