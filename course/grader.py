"""The self-grader: ``pytest exercises`` checks every exercise, then shows the progress.

Whatever a learner's code does (a syntax error, an import of a deleted file, an
endless loop, a deleted check), it fails that exercise alone with a message
that says what to do, and the other exercises are still graded. The wording and
the progress table live in :mod:`course.grading`; this module only watches the
run. ``exercises/conftest.py`` loads it on every grading, so it imports nothing heavy.

What a learner sees is honest and quiet:

- by default no traceback, per-test summary or warning (they point at the
  bug): each unsolved exercise gets one line, the first failing check's own
  words; ``-v`` or ``--tb=...`` brings pytest's detail back;
- an exercise whose check, data or shared fixture differs from
  ``course/manifest.json`` is "check edited: not counted", never solved;
- an exercise whose check this run did not run whole (``-x``, ``--lf``,
  ``--sw``, one test by its id, Ctrl-C) is "not graded in this run", neither
  solved nor failed; ``--co`` grades nothing.

Endless loops: each check gets the grader's own time limit
(:func:`course.grading.interrupt_after`): a real ``SIGALRM`` on Linux and
macOS, a timer thread on Windows (where pytest-timeout could only end the
whole run). It fails the stuck check quietly (pytest-timeout would print every
thread's stack, which points at the bug) and the run goes on. The time-out
stands down while a debugger is attached, so pressing F5 on a check is never
cut short. A ``--timeout`` given by the learner hands the job to pytest-timeout.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from course import grading, learner_state, manifest
from course.catalog import ROOT, CatalogError, Exercise, all_exercises

# Every check runs in well under a second; ten is generous and still ends a hang soon.
TIMEOUT_SECONDS = 10.0
TIMEOUT_FAILURE_PREFIX = "Timeout (>"  # how pytest-timeout words its failure
# SIGALRM where the system has it, else Windows' SIGBREAK (see interrupt_after).
TIMER_SIGNAL = getattr(signal, "SIGALRM", None) or getattr(signal, "SIGBREAK", None)
MESSAGE_WIDTH = 160  # characters of a failing check's message shown in the table


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


def _shown_path(filename: str | None) -> str:
    """A file as the learner types it: relative to the repository root when inside it."""
    if not filename:
        return "a file"
    try:
        return Path(filename).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return filename


def _user_chose_timeout(config: pytest.Config) -> bool:
    return bool(
        config.getoption("timeout", None) is not None
        or os.environ.get("PYTEST_TIMEOUT")
        or config.getini("timeout")
    )


def _root_cause(error: BaseException) -> BaseException:
    """pytest wraps an import failure during collection; the learner needs what is inside."""
    while isinstance(error, pytest.Collector.CollectError) and error.__cause__ is not None:
        error = error.__cause__
    return error


def _fail_unless_debugging() -> None:
    from pytest_timeout import is_debugging  # loaded already, as a pytest plugin

    if not is_debugging():
        pytest.fail(f"{TIMEOUT_FAILURE_PREFIX}{TIMEOUT_SECONDS}s) from the grader's timer.")


def _is_timeout(error: BaseException) -> bool:
    return isinstance(error, pytest.fail.Exception) and str(error).startswith(
        TIMEOUT_FAILURE_PREFIX
    )


def _description(item: pytest.Item) -> str:
    """What a test checks, from its docstring or its name (both state behaviour)."""
    doc = (getattr(getattr(item, "obj", None), "__doc__", None) or "").strip()
    if doc:
        return doc.splitlines()[0]
    name = getattr(item, "originalname", item.name).removeprefix("test_")
    return name.replace("_", " ")


def expected_behaviour(item: pytest.Item, error: BaseException) -> str:
    """One line saying what the failing check expects: its assertion's message, else what
    the test checks. Never pytest's comparison of values, which can give the bug away."""
    message = ""
    if isinstance(error, AssertionError | pytest.fail.Exception):
        message = str(error).strip().split("\n", 1)[0].strip()
        if message.startswith("assert "):  # a bare assert: pytest's rewrite, not words
            message = ""
    if not message:
        message = _description(item)
        if not isinstance(error, AssertionError | pytest.fail.Exception):
            message += f" (the code raised {type(error).__name__})"
    return message if len(message) <= MESSAGE_WIDTH else message[: MESSAGE_WIDTH - 1] + "…"


def explain(exercise: Exercise, error: BaseException, seconds: float) -> str | None:
    """A short message for failures the learner's fix cannot be judged through, else None."""
    if isinstance(error, SyntaxError):
        return grading.syntax_error_message(
            exercise, _shown_path(error.filename), error.lineno, error.msg
        )
    if isinstance(error, ImportError):
        missing = [relative for relative in exercise.edit if not exercise.path(relative).exists()]
        if missing:
            return grading.missing_files_message(exercise, missing)
        return grading.import_error_message(exercise, str(error))
    if _is_timeout(error):
        return grading.timeout_message(exercise, round(seconds))
    return None


def check_edits(exercises: tuple[Exercise, ...], root: Path = ROOT) -> dict[str, str]:
    """Per exercise, why its check does not count: a file it relies on differs from the course
    manifest. Empty when there is no manifest (a fixture lab of the project's tests)."""
    entries = manifest.load(root)
    if entries is None:
        return {}
    edited = manifest.edited_files(entries, root, roles=(manifest.CHECK, manifest.SHARED))
    shipped = {manifest.exercise_of(path) for path in entries} - {None}
    messages = {}
    for exercise in exercises:
        if exercise.slug not in shipped:
            renamed = [slug for slug in shipped if slug.startswith(f"{exercise.short_name}_")]
            messages[exercise.slug] = grading.unknown_folder_message(
                exercise, renamed[0] if renamed else None
            )
        elif paths := [
            path for path in edited if manifest.exercise_of(path) in {exercise.slug, None}
        ]:
            missing = [path for path in paths if not (root / path).exists()]
            messages[exercise.slug] = grading.edited_check_message(exercise, paths, missing)
    return messages


def has_check_file(exercise: Exercise) -> bool:
    return any(any(exercise.folder.glob(pattern)) for pattern in ("test_*.py", "*_test.py"))


class Grader:
    """A pytest plugin that keeps a tally per exercise and turns it into outcomes."""

    def __init__(self, config: pytest.Config, exercises: tuple[Exercise, ...]) -> None:
        self.config = config
        self.course_size = len(exercises)
        self.edits = check_edits(exercises)
        # --lf and --sw leave out checks that passed before: those exercises are shown as
        # not graded in this run, whereas -k or -m leave them out of the table.
        self.run_filtered = bool(
            config.getoption("lf", False) or config.getoption("stepwise", False)
            or config.getoption("stepwise_skip", False)
        )
        self.by_slug = {exercise.slug: exercise for exercise in exercises}
        self.tallies = {exercise.slug: Tally() for exercise in exercises}
        requested = _requested_paths(config)
        self.selected = [
            exercise
            for exercise in exercises
            if any(
                exercise.folder.is_relative_to(path) or path.is_relative_to(exercise.folder)
                for path, _ in requested
            )
        ]
        # Some tests of an exercise (a node id, one of its check files) never grade it whole.
        self.partly_requested = {
            exercise.slug for exercise in self.selected
            if not _requested_whole(exercise, requested)
        }
        grader_timeout = not _user_chose_timeout(config)
        self.timer_signal = TIMER_SIGNAL if grader_timeout else None

    def exercise_for(self, nodeid: str) -> Exercise | None:
        path = nodeid.split("::", 1)[0]
        return next((self.by_slug[p] for p in path.split("/") if p in self.by_slug), None)

    def tally_for(self, nodeid: str) -> tuple[Exercise, Tally] | None:
        exercise = self.exercise_for(nodeid)
        return None if exercise is None else (exercise, self.tallies[exercise.slug])

    # --- collection -------------------------------------------------------------------

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for item in session.items:
            found = self.tally_for(item.nodeid)
            if found is None:
                continue
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
        message = explain(exercise, _root_cause(call.excinfo.value), call.duration)
        if message:
            report.longrepr = message
        tally.problem = message or grading.broken_check_message(exercise)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed and (found := self.tally_for(report.nodeid)):
            found[1].failed += 1

    # --- running ----------------------------------------------------------------------

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        found = self.tally_for(item.nodeid)
        if found and found[1].timed_out:
            pytest.skip(f"not run: an earlier check of {found[0].slug} timed out")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item):
        if self.timer_signal is None or self.tally_for(item.nodeid) is None:
            return (yield)
        with grading.interrupt_after(TIMEOUT_SECONDS, self.timer_signal, _fail_unless_debugging):
            return (yield)

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
                tally.timed_out = tally.timed_out or _is_timeout(call.excinfo.value)
            elif not tally.expected:
                tally.expected = expected_behaviour(item, call.excinfo.value)
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        found = self.tally_for(report.nodeid)
        if found is None:
            return
        tally = found[1]
        tally.failed += report.failed
        tally.ran += report.when == "teardown"

    # --- the verdict --------------------------------------------------------------------

    def outcome(self, exercise: Exercise, answers: dict[str, dict]) -> grading.Outcome | None:
        tally = self.tallies[exercise.slug]
        bonus = grading.answered_correctly(exercise, answers)
        if exercise.slug in self.edits:
            return grading.Outcome(exercise, False, self.edits[exercise.slug], bonus, edited=True)
        if tally.collected == 0 and tally.deselected and not self.run_filtered:
            return None  # left out on purpose, e.g. with -k
        problem = tally.problem
        if not problem and tally.collected == 0 and not tally.failed and not has_check_file(
            exercise
        ):
            problem = grading.missing_check_message(exercise)
        if problem or tally.failed:
            return grading.Outcome(exercise, False, problem, bonus, tally.expected)
        if not tally.complete or exercise.slug in self.partly_requested:
            return grading.Outcome(exercise, False, "", bonus, graded=False)
        return grading.Outcome(exercise, True, "", bonus)

    def outcomes(self) -> list[grading.Outcome]:
        """One outcome per exercise this run was asked to grade, in course order."""
        answers = learner_state.read_answers()
        found = (self.outcome(exercise, answers) for exercise in self.selected)
        return [outcome for outcome in found if outcome is not None]

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        # A deleted or edited check fails no test, yet that exercise is not solved.
        if self.config.option.collectonly or session.exitstatus != pytest.ExitCode.OK:
            return
        if any(not o.solved and (o.graded or o.edited) for o in self.outcomes()):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_terminal_summary(self, terminalreporter):
        # The outermost wrapper writes last: the table comes after pytest's short summary.
        yield
        if self.config.option.collectonly:
            terminalreporter.write_line("Collected only: no exercise was graded in this run.")
            return
        outcomes = self.outcomes()
        if not outcomes:
            return
        symbols = grading.symbols_for(getattr(sys.__stdout__, "encoding", None))
        terminalreporter.write_sep("=", "your progress")
        for line in grading.summary_lines(outcomes, self.course_size, symbols):
            terminalreporter.write_line(line)


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
    # A fix saved within the second of the last grading, at the same size, would
    # otherwise be judged by its stale bytecode (.pyc records mtime and size).
    sys.dont_write_bytecode = True
    quiet_by_default(config)
    try:
        grader = Grader(config, exercises)
    except manifest.ManifestError as error:
        raise pytest.UsageError(str(error)) from error
    config.pluginmanager.register(grader, grading.GRADER_PLUGIN_NAME)
