"""The course command: ``python -m exercises progress | check | watch | hint | hints | debrief |
reset | solution | answer | restore-checks``.

A thin layer over the grader (``pytest exercises``), the course manifest and
git. Anything that changes or reveals files asks first (``--yes`` answers for
shells without a terminal), and nothing is overwritten without a backup.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from course import catalog, isolated_run, learner_state, manifest, progress
from course.bonus import answered_correctly
from course.git_history import HistoryError, original_bytes

OK, NOT_DONE, USAGE = 0, 1, 2


def confirm(question: str, yes: bool = False) -> bool:
    """Ask a yes/no question (``yes``: already answered); without a terminal the answer is no."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print("This needs a confirmation, and there is no terminal to ask on: nothing was changed.")
        print("Run the command again in an interactive terminal, or add --yes.")
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


def check(exercise: catalog.Exercise, regression_only: bool = False) -> int:
    """Grade one exercise afresh, from any folder and in any shell (no glob to expand).
    ``regression_only``: the exit status says whether the learner's own test earns its mark
    (a separate score in the Classroom), not whether the exercise is solved."""
    outcomes = progress.grade_afresh([exercise])
    progress.show(outcomes, len(catalog.all_exercises(require_files=False)))
    if regression_only:
        if outcomes[0].test_mark is None:
            print(f"No regression test yet: write exercises/{exercise.slug}/"
                  f"{manifest.REGRESSION_TEST}, a test that fails on the shipped code and "
                  "passes on your fix.")
        return OK if outcomes[0].test_mark else NOT_DONE
    if outcomes[0].solved and exercise.debrief:
        print(f"\nHow this bug happens, and where it hides in real systems: "
              f"python -m exercises debrief {exercise.number}")
    return OK if outcomes[0].solved else NOT_DONE


def show_debrief(exercise: catalog.Exercise) -> int:
    """The exercise's debrief, once it is solved (a recorded verdict that still holds, or a
    fresh grading): it explains the bug, so it waits until the learner has found it."""
    if not exercise.debrief:
        print(f"{exercise.slug} has no debrief.")
        return NOT_DONE
    (outcome,) = progress.current([exercise])
    if not outcome.solved:
        print(f"{exercise.short_name} is not solved yet, so its debrief stays closed: it explains "
              f"the bug. Grade it with: python -m exercises check {exercise.number}")
        return NOT_DONE
    print(f"Debrief of {exercise.short_name}: {exercise.title}\n")
    print(exercise.debrief)
    return OK


def show_progress(markdown: bool = False) -> int:
    """Every exercise: recorded verdicts that still hold, the changed ones graded again."""
    exercises = catalog.all_exercises(require_files=False)
    outcomes = progress.current(exercises)
    progress.show(outcomes, len(exercises), markdown)
    return OK if all(outcome.solved for outcome in outcomes) else NOT_DONE


def current_exercise(cwd: Path) -> catalog.Exercise:
    """The exercise whose folder holds ``cwd``, for ``check`` typed inside it."""
    for exercise in catalog.all_exercises(require_files=False):
        if cwd.resolve().is_relative_to(exercise.folder.resolve()):
            return exercise
    raise LookupError("Name an exercise (e.g. python -m exercises check 3), or run it inside one.")


def originals_of(paths: list[Path], entries: dict) -> dict[Path, bytes | None]:
    """Each file's original; None for a file the course never shipped (to be removed)."""
    return {
        path: original_bytes(path)
        if path.resolve().relative_to(catalog.ROOT).as_posix() in entries else None
        for path in paths
    }


def restore(originals: dict[Path, bytes | None], backup_name: str) -> int:
    """Back the files up, then put the originals in their place (None: remove the file)."""
    backup = learner_state.back_up(list(originals), backup_name)
    for file, data in originals.items():
        shown = file.relative_to(catalog.ROOT).as_posix()
        if data is None:
            file.unlink(missing_ok=True)
            print(f"removed {shown} (the course has no such file)")
        else:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
            print(f"restored {shown}")
    print(f"Your previous version is in {backup.relative_to(catalog.ROOT).as_posix()}.")
    return OK


def reset(exercise: catalog.Exercise, yes: bool = False) -> int:
    files = [exercise.path(relative) for relative in exercise.edit]
    names = ", ".join(exercise.edit)
    question = f"Restore {names} of {exercise.slug} to the original? Your version is backed up."
    if not confirm(question, yes):
        print("Nothing was reset.")
        return NOT_DONE
    try:
        originals = {file: original_bytes(file) for file in files}
    except HistoryError as error:
        print(f"Cannot reset: {error}")
        return NOT_DONE
    return restore(originals, exercise.slug)


def restore_checks(exercise: catalog.Exercise | None, yes: bool = False) -> int:
    """Put back every check file, exercise.toml, data or shared fixture that differs from the
    course's (one exercise's and the shared ones, or all); the learner's fixes stay."""
    entries = manifest.load()
    if entries is None:
        print(f"Nothing to compare with: {manifest.MANIFEST_NAME} is missing.")
        return NOT_DONE
    edited = [
        path for path in manifest.edited_files(entries, roles=(manifest.CHECK, manifest.SHARED))
        if exercise is None or manifest.exercise_of(path) in {None, exercise.slug}
    ]
    if not edited:
        print("Every check is as the course ships it: nothing to restore.")
        for line in progress.folder_advice():
            print(line)
        return OK
    print("These files differ from the course's (or were added):", *edited, sep="\n  ")
    if not confirm("Restore them? Your versions are backed up first.", yes):
        print("Nothing was restored.")
        return NOT_DONE
    try:
        originals = originals_of([catalog.ROOT / path for path in edited], entries)
    except HistoryError as error:
        print(f"Nothing was restored: {error}")
        return NOT_DONE
    return restore(originals, exercise.slug if exercise else "checks")


def show_solution(exercise: catalog.Exercise, yes: bool = False) -> int:
    question = f"Show the reference fix for {exercise.slug}? Finding it yourself teaches more."
    if not confirm(question, yes):
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
    if answered_correctly(exercise, learner_state.read_answers()) and (
        not answered_correctly(exercise, {exercise.short_name: {"answer": answer}})
    ):
        print("Not quite, but you answered this one correctly before: your star stays.")
        return NOT_DONE
    learner_state.save_answer(exercise, answer)
    if answered_correctly(exercise, learner_state.read_answers()):
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
    check_parser = commands.add_parser(
        "check", help="grade one exercise (the one whose folder you are in, if none is named)"
    )
    check_parser.add_argument("exercise", nargs="?")
    check_parser.add_argument(
        "--regression", action="store_true",
        help="exit 0 only if your test_regression.py catches the bug (fails on the shipped "
             "code, passes on your fix)",
    )
    commands.add_parser(
        "watch", help="grade the current exercise on every save; h + Enter for a hint"
    ).add_argument("--poll", action="store_true", help="check file times instead of events")
    commands.add_parser("hint", help="show the next hint you have not seen yet").add_argument(
        "exercise"
    )
    commands.add_parser("hints", help="show again the hints you have seen").add_argument(
        "exercise"
    )
    commands.add_parser(
        "debrief", help="once an exercise is solved: how its bug happens and how to prevent it"
    ).add_argument("exercise")
    for name, text in (
        ("reset", "restore an exercise's files to the original (asks first, keeps a backup)"),
        ("solution", "show the reference fix as a diff (asks first)"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("exercise")
        command.add_argument("--yes", action="store_true", help="do not ask (no terminal)")
    checks_parser = commands.add_parser(
        "restore-checks",
        help="put back check files and data that differ from the course's (keeps a backup)",
    )
    checks_parser.add_argument("exercise", nargs="?", help="only this exercise's (and shared)")
    checks_parser.add_argument("--yes", action="store_true", help="do not ask (no terminal)")
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
    try:
        return run(args)
    except isolated_run.GradingError as error:
        print(f"The grader itself failed (a course bug, please report it):\n{error}",
              file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return NOT_DONE


def run(args: argparse.Namespace) -> int:
    if args.command == "progress":
        return show_progress(markdown=args.markdown)
    if args.command == "watch":
        from course.watch import watch

        return watch(force_polling=args.poll)
    try:
        named = getattr(args, "exercise", None)
        if args.command == "check" and named is None:
            exercise = current_exercise(Path.cwd())
        else:
            exercise = catalog.find(named) if named else None
    except LookupError as error:
        print(error, file=sys.stderr)
        return USAGE
    if args.command == "restore-checks":
        try:
            return restore_checks(exercise, args.yes)
        except manifest.ManifestError as error:
            print(error)
            return NOT_DONE
    if args.command == "answer":
        return record_answer(exercise, args.text)
    if args.command == "check":
        return check(exercise, args.regression)
    simple = {"hint": show_hint, "hints": show_seen_hints, "debrief": show_debrief}
    if args.command in simple:
        return simple[args.command](exercise)
    action = {"reset": reset, "solution": show_solution}[args.command]
    return action(exercise, args.yes)
