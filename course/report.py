"""The learner's progress as they read it: one outcome per exercise, the table and the bar.

Everything a learner reads about where they stand is written here, once, for
``pytest exercises``, ``python -m exercises check | progress | watch`` and the
forks' job summary. Standard library only: every grading run loads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from course.catalog import Exercise
from course.commands import grade_here

NOT_GRADED_MESSAGE = "not graded in this run"
RECORDED_FIELDS = {"solved": bool, "problem": str, "expected": str, "graded": bool, "edited": bool,
                   "test_mark": bool, "test_note": str}


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
    test_mark: str  # the learner's own regression test catches the bug


FANCY = Symbols(solved="✔", unsolved="✘", edited="✎", not_graded="·", bonus="★", dash="—",
                bar_done="█", bar_todo="░", test_mark="⚑")
PLAIN = Symbols(solved="[x]", unsolved="[ ]", edited="[!]", not_graded="[.]", bonus="*",
                dash="-", bar_done="#", bar_todo="-", test_mark="+test")


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
    # The learner's own test_regression.py: None when there is none, else whether it
    # fails on the shipped code and passes on the fix (test_note: why not).
    test_mark: bool | None = None
    test_note: str = ""

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

    def to_record(self) -> dict:
        """The outcome without its exercise and bonus, as a grading run records it."""
        return {key: getattr(self, key) for key in RECORDED_FIELDS}

    @classmethod
    def from_record(cls, exercise: Exercise, record: dict, bonus: bool = False) -> Outcome:
        """Back from a record; a field of the wrong type (a hand-edited file) is left out."""
        fields = {key: record[key] for key, kind in RECORDED_FIELDS.items()
                  if isinstance(record.get(key), kind)}
        return cls(exercise, bonus=bonus, **{"solved": False, **fields})


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
    if tests := sum(bool(outcome.test_mark) for outcome in outcomes):
        line += f", {symbols.test_mark} {tests} with your own test catching the bug"
    return line


def _title(outcome: Outcome, symbols: Symbols) -> str:
    """The exercise's title with its bonus star and regression-test mark, when earned."""
    marks = [symbols.bonus] * outcome.bonus + [symbols.test_mark] * bool(outcome.test_mark)
    return " ".join([outcome.exercise.title, *marks])


def _notes(outcome: Outcome) -> list[str]:
    """What the row's note lines say: the verdict's, then the regression test's."""
    notes = [outcome.note] if outcome.note else []
    if outcome.test_mark is False and outcome.test_note:
        notes.append(f"test_regression.py: {outcome.test_note}")
    return notes


def _next_steps(outcomes: Sequence[Outcome], course_size: int, symbols: Symbols) -> list[str]:
    pending = next((o for o in outcomes if not o.solved and (o.graded or o.edited)), None)
    if pending is None:
        if any(not outcome.graded for outcome in outcomes):
            return ["Every exercise this run graded is solved. "
                    f"`{grade_here()}` grades the whole lab."]
        if len(outcomes) == course_size:
            return ["Every exercise is solved. Well done!"]
        return [f"All selected exercises are solved. `{grade_here()}` grades the whole lab."]
    exercise = pending.exercise
    return [
        f"Next: {exercise.short_name} {symbols.dash} {exercise.title}",
        f"  First hint: {_one_line(exercise.hints[0])}",
        f"  Debug it: {how_to_debug(exercise)}",
        f"  Grade just it: {grade_here(exercise.folder)}",
    ]


def how_to_debug(exercise: Exercise) -> str:
    """Where the exercise's debugging starts: F5 in VS Code, or its page's own procedure."""
    if exercise.mode == "terminal":
        return "in a terminal, with pdb, following the steps on its page (no F5 here)."
    if exercise.mode == "notebook":
        return "open its notebook in VS Code and choose Debug Cell, as its page says."
    return f'pick "{exercise.launch_name}" in Run and Debug and press F5.'


def summary_lines(
    outcomes: Sequence[Outcome], course_size: int, symbols: Symbols = FANCY
) -> list[str]:
    """The learner's progress at a glance: one line per exercise (and one more saying what an
    unsolved one expects), the count, what to do next."""
    lines = []
    for outcome in outcomes:
        lines.append(
            f"{outcome.mark(symbols)} {outcome.exercise.number:02d}  {_title(outcome, symbols)}"
        )
        lines += [f"      {note}" for note in _notes(outcome)]
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
                         dash="—", bar_done="█", bar_todo="░", test_mark="⚑")


def markdown_summary(outcomes: Sequence[Outcome], course_size: int) -> str:
    """The same progress as a Markdown table, e.g. for a CI job summary."""
    rows = ["| | # | exercise | note |", "|---|---|---|---|"]
    for outcome in outcomes:
        note = "<br>".join(_notes(outcome)).replace("|", "\\|")
        title = _title(outcome, MARKDOWN_MARKS)
        rows.append(
            f"| {outcome.mark(MARKDOWN_MARKS)} | {outcome.exercise.number:02d} | {title} | {note} |"
        )
    tail = [_count_line(outcomes, course_size, FANCY), *_next_steps(outcomes, course_size, FANCY)]
    return "\n".join([*rows, "", *(f"{line}  " for line in tail)]) + "\n"


