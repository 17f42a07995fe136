"""What the grader tells a learner: per-exercise outcomes, messages and the progress table.

``course/grader.py`` turns a pytest run into one :class:`Outcome` per
exercise; everything a learner reads about their progress is written here, once,
for both ``pytest exercises`` and ``python -m exercises progress``. Only the
standard library is imported at module level: the grader loads this module on
every run and must stay cheap.
"""

from __future__ import annotations

import _thread
import contextlib
import hashlib
import io
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from course.catalog import EXERCISES_DIR, Exercise

GRADER_PLUGIN_NAME = "exercise-grader"


@dataclass(frozen=True)
class Symbols:
    solved: str
    unsolved: str
    edited: str  # the check was edited: whatever it says, not counted
    not_graded: str  # this run did not run the whole check (-x, --lf, --sw, Ctrl-C)
    bonus: str
    dash: str
    bar_done: str
    bar_todo: str


FANCY = Symbols(solved="✔", unsolved="✘", edited="✎", not_graded="·", bonus="★", dash="—",
                bar_done="█", bar_todo="░")
PLAIN = Symbols(solved="[x]", unsolved="[ ]", edited="[!]", not_graded="[.]", bonus="*",
                dash="-", bar_done="#", bar_todo="-")


def symbols_for(encoding: str | None) -> Symbols:
    """The fancy marks where the console can print them (a Windows code page may not)."""
    try:
        "".join(vars(FANCY).values()).encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return PLAIN
    return FANCY


@dataclass(frozen=True)
class Outcome:
    """How one exercise fared in a grading run."""

    exercise: Exercise
    solved: bool
    problem: str = ""  # why the check could not judge the code, in the learner's words
    bonus: bool = False  # the optional debugger question was answered correctly
    expected: str = ""  # what the first failing check expects, in its own words
    graded: bool = True  # False: this run did not run the whole check
    edited: bool = False  # a file the check relies on differs from the course's

    def mark(self, symbols: Symbols) -> str:
        if self.edited:
            return symbols.edited
        if not self.graded:
            return symbols.not_graded
        return symbols.solved if self.solved else symbols.unsolved

    @property
    def note(self) -> str:
        """The line under the exercise's row: why it is not solved, or what is expected."""
        if not self.graded and not self.edited:
            return NOT_GRADED_MESSAGE
        return self.problem or ("" if self.solved else self.expected)


# --- messages for a check that could not judge the code -------------------------------


def repo_path(exercise: Exercise, relative: str) -> str:
    """A path as the learner types it from the repository root."""
    return f"exercises/{exercise.slug}/{relative}"


def _restore(exercise: Exercise, paths: Sequence[str]) -> str:
    if not set(paths) <= {repo_path(exercise, relative) for relative in exercise.edit}:
        return _restore_checks(exercise)
    return (
        f"`python -m exercises reset {exercise.number}` restores the original "
        "(yours is backed up first)"
    )


def syntax_error_message(exercise: Exercise, path: str, line: int | None, detail: str) -> str:
    where = f" at line {line}" if line else ""
    return f"{path} has a syntax error{where}: {detail}. Fix it, or {_restore(exercise, [path])}."


def missing_files_message(exercise: Exercise, missing: Sequence[str]) -> str:
    paths = [repo_path(exercise, relative) for relative in missing]
    verb = "is" if len(paths) == 1 else "are"
    return (
        f"{', '.join(paths)} {verb} missing (deleted or renamed?): "
        f"{_restore(exercise, paths)}."
    )


def import_error_message(exercise: Exercise, error: str) -> str:
    paths = [repo_path(exercise, relative) for relative in exercise.edit]
    return (
        f"{exercise.module} could not be imported: {error}. Check the imports and names "
        f"you changed, or {_restore(exercise, paths)}."
    )


def timeout_message(exercise: Exercise, seconds: float) -> str:
    return (
        f"the check of {exercise.slug} did not finish within {seconds:g} s: the code "
        "probably never ends (an endless loop?). Start its configuration with F5, press "
        "Pause and read the Call Stack to see where it is stuck."
    )


RESTORE_CHECKS = "python -m exercises restore-checks"


def _restore_checks(exercise: Exercise | None) -> str:
    target = f" {exercise.number}" if exercise else ""
    return f"`{RESTORE_CHECKS}{target}` puts the course's version back (yours is backed up first)"


def missing_check_message(exercise: Exercise) -> str:
    return f"its check file is missing: {_restore_checks(exercise)}."


def broken_check_message(exercise: Exercise) -> str:
    return f"its check file could not be loaded: {_restore_checks(exercise)}."


def _listed(paths: Sequence[str]) -> str:
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def edited_check_message(exercise: Exercise, paths: Sequence[str], missing: Sequence[str]) -> str:
    """``paths``: files the check relies on that differ from the course's (``missing``: gone)."""
    mine = all(path.startswith(f"exercises/{exercise.slug}/") for path in paths)
    changed = [path for path in paths if path not in missing]
    parts = []
    if changed:
        verb = "differs" if len(changed) == 1 else "differ"
        parts.append(f"{_listed(changed)} {verb} from the course's")
    if missing:
        parts.append(f"{_listed(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    return (
        f"check edited: not counted. {'; '.join(parts)}: "
        f"{_restore_checks(exercise if mine else None)}."
    )


def unknown_folder_message(exercise: Exercise, shipped_as: str | None) -> str:
    if shipped_as:
        return (
            f"check edited: not counted. The course ships this exercise as exercises/{shipped_as}/"
            f": rename exercises/{exercise.slug}/ back."
        )
    return (
        f"check edited: not counted. exercises/{exercise.slug}/ is not in course/manifest.json "
        "(course authors: run `make manifest`)."
    )


NOT_GRADED_MESSAGE = "not graded in this run"


# --- a time-out that leaves the run alive on Windows too ------------------------------


@contextlib.contextmanager
def interrupt_after(seconds: float, signum: int, on_timeout: Callable[[], None]) -> Iterator[None]:
    """Run ``on_timeout`` in the main thread if the block still runs after ``seconds``.

    ``on_timeout`` raises to end the block, and the process lives on. With
    ``SIGALRM`` (Linux, macOS) the kernel delivers a real signal, which also
    interrupts a wait on a lock or a queue. Elsewhere (Windows) a timer thread
    asks the interpreter to run the handler of ``signum`` in the main thread
    (``interrupt_main``), which stops a pure-Python loop but not a call stuck
    in C. Main thread only.
    """
    previous = signal.signal(signum, lambda *_: on_timeout())
    alarm = signum == getattr(signal, "SIGALRM", None)
    if alarm:
        signal.setitimer(signal.ITIMER_REAL, seconds)
    else:
        timer = threading.Timer(seconds, _thread.interrupt_main, args=(signum,))
        timer.daemon = True
        timer.start()
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
        else:
            timer.cancel()
        # A request already on its way now finds the previous handler and is dropped.
        signal.signal(signum, previous)


# --- the optional debugger question -----------------------------------------------------


_REPR_WRAPPER = re.compile(r"^[\w.]+\((?P<inner>.*)\)$")  # np.float64(20.9), array(0.009)


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
SHORT_ANSWER_WORDS = 3  # "45 rides", "about 0.5": the number is the answer


def answer_forms(answer: str) -> set[str]:
    """The answer as typed, as the value inside the repr the debugger shows, and as the
    one number inside a short answer; nothing for an empty one."""
    typed = answer.strip().lower()
    if not typed:
        return set()
    forms = {typed}
    if match := _REPR_WRAPPER.match(typed):
        forms.add(match["inner"].strip())
    numbers = _NUMBER.findall(typed)
    if len(numbers) == 1 and len(typed.split()) <= SHORT_ANSWER_WORDS:
        forms.add(numbers[0])
    return forms | {form.strip("'\"") for form in forms}


def answered_correctly(exercise: Exercise, answers: dict[str, dict]) -> bool:
    question = exercise.question
    entry = answers.get(exercise.short_name)
    if not question or not isinstance(entry, dict) or not isinstance(entry.get("answer"), str):
        return False
    salt = question.get("salt", "")
    return any(
        hashlib.sha256((salt + form).encode()).hexdigest() == question.get("sha256")
        for form in answer_forms(entry["answer"])
    )


# --- the progress table -----------------------------------------------------------------


def _one_line(markdown: str) -> str:
    return " ".join(markdown.split())


def _count_line(outcomes: Sequence[Outcome], course_size: int, symbols: Symbols) -> str:
    solved = sum(outcome.solved for outcome in outcomes)
    stars = sum(outcome.bonus for outcome in outcomes)
    if len(outcomes) == course_size:
        line = f"{solved}/{course_size} solved"
    else:
        line = (
            f"{solved}/{len(outcomes)} of the selected exercises solved "
            f"({course_size} in the course)"
        )
    if not_graded := sum(not outcome.graded for outcome in outcomes):
        line += f", {not_graded} {NOT_GRADED_MESSAGE}"
    if stars:
        line += f", {symbols.bonus} {stars} bonus"
    return line


def _next_steps(outcomes: Sequence[Outcome], course_size: int, symbols: Symbols) -> list[str]:
    pending = next((o for o in outcomes if not o.solved and (o.graded or o.edited)), None)
    if pending is None:
        if any(not outcome.graded for outcome in outcomes):
            return ["Every exercise this run graded is solved. "
                    "`pytest exercises` grades the whole lab."]
        if len(outcomes) == course_size:
            return ["Every exercise is solved. Well done!"]
        return ["All selected exercises are solved. `pytest exercises` grades the whole lab."]
    exercise = pending.exercise
    return [
        f"Next: {exercise.short_name} {symbols.dash} {exercise.title}",
        f"  First hint: {_one_line(exercise.hints[0])}",
        f'  Debug it: pick "{exercise.launch_name}" in Run and Debug and press F5.',
        f"  Grade just it: pytest exercises/{exercise.slug}",
    ]


def summary_lines(
    outcomes: Sequence[Outcome], course_size: int, symbols: Symbols = FANCY
) -> list[str]:
    """The learner's progress at a glance: one line per exercise (and one more saying what an
    unsolved one expects), the count, what to do next."""
    lines = []
    for outcome in outcomes:
        star = f" {symbols.bonus}" if outcome.bonus else ""
        lines.append(
            f"{outcome.mark(symbols)} {outcome.exercise.number:02d}  {outcome.exercise.title}{star}"
        )
        if outcome.note:
            lines.append(f"      {outcome.note}")
    return [*lines, "", _count_line(outcomes, course_size, symbols), "",
            *_next_steps(outcomes, course_size, symbols)]


def progress_bar(outcomes: Sequence[Outcome], symbols: Symbols = FANCY, width: int = 26) -> str:
    """A bar of solved exercises, e.g. ``[██████░░░░░░] 6/13 solved (46%)``."""
    solved = sum(outcome.solved for outcome in outcomes)
    total = len(outcomes) or 1
    done = round(width * solved / total)
    bar = symbols.bar_done * done + symbols.bar_todo * (width - done)
    return f"[{bar}] {solved}/{len(outcomes)} solved ({100 * solved // total}%)"


MARKDOWN_MARKS = Symbols(solved="✅", unsolved="❌", edited="⚠️", not_graded="➖", bonus="★",
                         dash="—", bar_done="█", bar_todo="░")


def markdown_summary(outcomes: Sequence[Outcome], course_size: int) -> str:
    """The same progress as a Markdown table, e.g. for a CI job summary."""
    rows = ["| | # | exercise | note |", "|---|---|---|---|"]
    for outcome in outcomes:
        star = " ★" if outcome.bonus else ""
        note = outcome.note.replace("|", "\\|")
        title = f"{outcome.exercise.title}{star}"
        rows.append(
            f"| {outcome.mark(MARKDOWN_MARKS)} | {outcome.exercise.number:02d} | {title} | {note} |"
        )
    tail = [_count_line(outcomes, course_size, FANCY), *_next_steps(outcomes, course_size, FANCY)]
    return "\n".join([*rows, "", *(f"{line}  " for line in tail)]) + "\n"


class _OutcomeRecorder:
    """A pytest plugin that picks up the grader's outcomes at the end of the session."""

    def __init__(self) -> None:
        self.outcomes: list[Outcome] | None = None
        self.course_size = 0

    def pytest_sessionfinish(self, session) -> None:
        grader = session.config.pluginmanager.get_plugin(GRADER_PLUGIN_NAME)
        if grader is not None:
            self.outcomes, self.course_size = grader.outcomes(), grader.course_size


def run_progress(markdown: bool = False) -> int:
    """Grade every exercise (``python -m exercises progress``): 0 all solved, 1 not yet."""
    import pytest  # only this command needs pytest; the grader is already inside it

    recorder = _OutcomeRecorder()
    args = [str(EXERCISES_DIR), "-q", "--tb=no", "-rN", "--no-header", "-p", "no:cacheprovider"]
    if not markdown:
        exit_code = pytest.main(args, plugins=[recorder])
        if recorder.outcomes is not None:
            print(progress_bar(recorder.outcomes, symbols_for(sys.stdout.encoding)))
    else:
        with contextlib.redirect_stdout(io.StringIO()):
            exit_code = pytest.main(args, plugins=[recorder])
        if recorder.outcomes is not None:
            sys.stdout.write(f"`{progress_bar(recorder.outcomes)}`\n\n")
            sys.stdout.write(markdown_summary(recorder.outcomes, recorder.course_size))
    if recorder.outcomes is None:  # the grader never ran: a usage or internal error
        return int(exit_code) or 2
    return 0 if all(outcome.solved for outcome in recorder.outcomes) else 1
