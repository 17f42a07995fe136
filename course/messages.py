"""What the grader says when a check could not judge the learner's code.

Each message says what the learner sees go wrong and what to do next, never
where the exercise's bug is. Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence

from course.catalog import Exercise


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




def leftover_breakpoint_message(exercise: Exercise, where: str) -> str:
    place = f" ({where})" if where else ""
    return (
        f"the check of {exercise.slug} stopped at a leftover breakpoint(){place} or "
        "pdb.set_trace(), and no one can answer the debugger here: remove it and grade again "
        "(to debug, use F5 or `pytest --pdb` in a terminal)."
    )


def stuck_message(exercise: Exercise, seconds: float) -> str:
    return (
        f"the check of {exercise.slug} did not finish within {seconds:g} s, and the code "
        "kept running when interrupted (a loop that catches every exception?). The run was "
        "ended here; start its configuration with F5 and press Pause to see where it is."
    )


def ended_early_message(exercise: Exercise, status: int | None) -> str:
    how = "ended" if status is None else f"ended with exit status {status}"
    return (
        f"the grading process {how} while the check of {exercise.slug} was running, so it "
        "was not seen to pass: something in the code stops Python itself (os._exit, a crash, "
        "a killed process)."
    )


def tampered_message(reasons: list[str]) -> str:
    return (
        f"not counted: {'; '.join(reasons)}. Only an exercise's own files may change a "
        "verdict: move or delete these, or `python -m exercises restore-checks`."
    )
