"""The course command: ``python -m exercises progress | check | watch | hint | hints | ...``.

A thin layer over the grader (``pytest exercises``) and git. Anything that
changes or reveals files asks first, and does nothing without a terminal to
ask on.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from course import catalog, grading, learner_state
from course.git_history import HistoryError, original_text

OK, NOT_DONE, USAGE = 0, 1, 2


def confirm(question: str) -> bool:
    """Ask a yes/no question; without an interactive terminal the answer is no."""
    if not sys.stdin.isatty():
        print("This needs a confirmation, and there is no terminal to ask on: nothing was changed.")
        print("Run the command again in an interactive terminal.")
        return False
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes"}


def show_hint(exercise: catalog.Exercise) -> int:
    level, text = learner_state.next_hint(exercise)
    print(f"Hint {level}/{len(exercise.hints)} for {exercise.slug}: {exercise.title}\n")
    print(text)
    if level == len(exercise.hints):
        print("\nThat was the last hint. The solution is one step away: "
              f"python -m exercises solution {exercise.number}")
    return OK


def show_seen_hints(exercise: catalog.Exercise) -> int:
    seen = learner_state.seen_hints(exercise)
    if not seen:
        print(f"No hint of {exercise.slug} seen yet: python -m exercises hint {exercise.number}")
        return OK
    for level, text in enumerate(seen, start=1):
        print(f"Hint {level}/{len(exercise.hints)}: {text}\n")
    return OK


def check(exercise: catalog.Exercise) -> int:
    """Grade one exercise, from any folder and in any shell (no glob to expand)."""
    import pytest  # only this command needs pytest

    return int(pytest.main([str(exercise.folder)]))


def current_exercise(cwd: Path) -> catalog.Exercise:
    """The exercise whose folder holds ``cwd``, for ``check`` typed inside it."""
    for exercise in catalog.all_exercises(require_files=False):
        if cwd.resolve().is_relative_to(exercise.folder.resolve()):
            return exercise
    raise LookupError("Name an exercise (e.g. python -m exercises check 3), or run it inside one.")


def reset(exercise: catalog.Exercise) -> int:
    files = [exercise.path(relative) for relative in exercise.edit]
    names = ", ".join(exercise.edit)
    question = f"Restore {names} of {exercise.slug} to the original? Your version is backed up."
    if not confirm(question):
        print("Nothing was reset.")
        return NOT_DONE
    try:
        originals = {file: original_text(file) for file in files}
    except HistoryError as error:
        print(f"Cannot reset: {error}")
        return NOT_DONE
    backup = learner_state.back_up(files, exercise)
    for file, text in originals.items():
        file.write_text(text, encoding="utf-8", newline="")
    print(f"Restored {names}. Your previous version is in {backup.relative_to(catalog.ROOT)}.")
    return OK


def show_solution(exercise: catalog.Exercise) -> int:
    question = f"Show the reference fix for {exercise.slug}? Finding it yourself teaches more."
    if not confirm(question):
        print("Nothing was shown.")
        return NOT_DONE
    for relative in exercise.edit:
        mine = exercise.path(relative)
        reference = exercise.solution_path(relative)
        if not reference.exists():
            continue
        yours = mine.read_text(encoding="utf-8") if mine.exists() else ""
        diff = difflib.unified_diff(
            yours.splitlines(keepends=True),
            reference.read_text(encoding="utf-8").splitlines(keepends=True),
            fromfile=f"yours/{exercise.slug}/{relative}",
            tofile=f"solution/{exercise.slug}/{relative}",
        )
        sys.stdout.writelines(diff)
    return OK


def record_answer(exercise: catalog.Exercise, answer: str) -> int:
    if not exercise.question:
        print(f"{exercise.slug} has no bonus question.")
        return NOT_DONE
    if not answer.strip():
        print("The answer is empty: type what the debugger showed, quoted if it has spaces.")
        return USAGE
    if grading.answered_correctly(exercise, learner_state.read_answers()) and (
        not grading.answered_correctly(exercise, {exercise.short_name: {"answer": answer}})
    ):
        print("Not quite, but you answered this one correctly before: your star stays.")
        return NOT_DONE
    learner_state.save_answer(exercise, answer)
    if grading.answered_correctly(exercise, learner_state.read_answers()):
        print("Correct! The progress table now shows a bonus star for this exercise.")
        print(f"Commit {learner_state.ANSWERS_FILE.relative_to(catalog.ROOT).as_posix()} "
              "to see it in your fork's job summary too.")
        return OK
    print("Not quite. Your answer is saved; pause at the breakpoint and look again.")
    return NOT_DONE


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(
        prog="python -m exercises",
        description="Your companion for the debugging lab.",
        epilog="Name an exercise as 3, 03, ex03 or its folder name.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    progress_parser = commands.add_parser(
        "progress", help="grade every exercise and show where you stand"
    )
    progress_parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    commands.add_parser(
        "check", help="grade one exercise (the one whose folder you are in, if none is named)"
    ).add_argument("exercise", nargs="?")
    commands.add_parser(
        "watch", help="grade the current exercise on every save; h + Enter for a hint"
    ).add_argument("--poll", action="store_true", help="check file times instead of events")
    for name, text in (
        ("hint", "show the next hint you have not seen yet"),
        ("hints", "show again the hints you have seen"),
        ("reset", "restore an exercise's files to the original (asks first, keeps a backup)"),
        ("solution", "show the reference fix as a diff (asks first)"),
    ):
        commands.add_parser(name, help=text).add_argument("exercise")
    answer_parser = commands.add_parser(
        "answer", help="answer an exercise's bonus question (what the debugger showed you)"
    )
    answer_parser.add_argument("exercise")
    answer_parser.add_argument("text", help="your answer, quoted if it has spaces")
    return parser, commands.choices


def main(argv: Sequence[str] | None = None) -> int:
    parser, subcommands = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # the subcommand's usage, not the top-level one, says what it accepts
        subcommands[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "progress":
        return grading.run_progress(markdown=args.markdown)
    if args.command == "watch":
        from course.watch import watch

        return watch(force_polling=args.poll)
    try:
        if args.command == "check" and args.exercise is None:
            exercise = current_exercise(Path.cwd())
        else:
            exercise = catalog.find(args.exercise)
    except LookupError as error:
        print(error, file=sys.stderr)
        return USAGE
    if args.command == "answer":
        return record_answer(exercise, args.text)
    action = {
        "check": check, "hint": show_hint, "hints": show_seen_hints,
        "reset": reset, "solution": show_solution,
    }[args.command]
    return action(exercise)
