"""One line for the learner about a check that failed, never pytest's comparison of values.

A failed assertion is reported in the check's own words (its message, else what
the test checks); a failure the fix cannot be judged through (a syntax error, a
missing file, a time-out, a leftover breakpoint) gets a message that says what
to do. None of them shows the values the check compared: those locate the bug.
"""

from __future__ import annotations

from bdb import BdbQuit
from pathlib import Path

import pytest

from course import messages, time_limit
from course.catalog import ROOT, Exercise

MESSAGE_WIDTH = 160  # characters of a failing check's message shown in the table


class LeftoverBreakpoint(Exception):
    """A ``breakpoint()`` ran where no one can answer the debugger's prompt."""


def shown_path(filename: str | None) -> str:
    """A file as the learner types it: relative to the repository root when inside it."""
    if not filename:
        return "a file"
    try:
        return Path(filename).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return filename


def root_cause(error: BaseException) -> BaseException:
    """pytest wraps an import failure during collection; the learner needs what is inside."""
    while isinstance(error, pytest.Collector.CollectError) and error.__cause__ is not None:
        error = error.__cause__
    return error


def is_timeout(error: BaseException) -> bool:
    return isinstance(error, pytest.fail.Exception) and str(error).startswith(
        time_limit.FAILURE_PREFIX
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
        return messages.syntax_error_message(
            exercise, shown_path(error.filename), error.lineno, error.msg
        )
    if isinstance(error, ImportError):
        missing = [relative for relative in exercise.edit if not exercise.path(relative).exists()]
        if missing:
            return messages.missing_files_message(exercise, missing)
        return messages.import_error_message(exercise, str(error))
    if is_timeout(error):
        return messages.timeout_message(exercise, round(seconds))
    if isinstance(error, LeftoverBreakpoint):
        return messages.leftover_breakpoint_message(exercise, str(error))
    if isinstance(error, BdbQuit):
        return messages.leftover_breakpoint_message(exercise, "")
    return None
