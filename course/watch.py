"""``python -m exercises watch``: grade the current exercise every time a file of it is saved.

The current exercise is the first one not solved yet. Each save grades it again
in an isolated interpreter (:mod:`course.isolated_run`, so the learner's edited
module is imported anew) and prints the verdict; once it is solved, the next unsolved exercise
becomes the current one. Typing ``h`` + Enter shows the next unseen hint,
``q`` + Enter or Ctrl+C leaves.

Saves are noticed with watchfiles when it is installed (it is in
requirements.lock) and by polling file times otherwise, or with ``--poll``
(for folders where change events do not arrive, such as a Windows drive seen
from WSL). Nothing here needs signals or a POSIX terminal: typed lines are
read by a thread, so it works in PowerShell and cmd as in zsh.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from course import catalog, learner_state, progress, report

WATCHED_SUFFIXES = {".py", ".ipynb"}
POLL_SECONDS = 0.5


def is_watched(path: Path) -> bool:
    """A file the learner edits, not one the grading run writes (``__pycache__``)."""
    return path.suffix in WATCHED_SUFFIXES and "__pycache__" not in path.parts


def snapshot(folder: Path) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every watched file under ``folder``."""
    found = {}
    for path in folder.rglob("*"):
        if is_watched(path):
            with contextlib.suppress(OSError):  # deleted between listing and stat
                stat = path.stat()
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def poll_changes(folder: Path, stop: Callable[[], bool]) -> Iterator[set[Path]]:
    """Yield the changed files of ``folder`` (an empty set on every quiet poll)."""
    before = snapshot(folder)
    while not stop():
        time.sleep(POLL_SECONDS)
        after = snapshot(folder)
        changed = {path for path in before | after if before.get(path) != after.get(path)}
        before = after
        yield changed


def watchfiles_changes(folder: Path, stop: Callable[[], bool]) -> Iterator[set[Path]]:
    """The same from watchfiles' native events, waking up regularly to read typed lines."""
    import watchfiles

    for changes in watchfiles.watch(
        folder,
        watch_filter=lambda _change, path: is_watched(Path(path)),
        debounce=300,
        rust_timeout=int(POLL_SECONDS * 1000),
        yield_on_timeout=True,
        raise_interrupt=True,
    ):
        if stop():
            return
        yield {Path(path) for _change, path in changes}


Changes = Callable[[Path, Callable[[], bool]], Iterator[set[Path]]]


def change_source(force_polling: bool) -> tuple[str, Changes]:
    if not force_polling:
        try:
            import watchfiles  # noqa: F401  (only whether it is there)
        except ImportError:
            pass
        else:
            return "watchfiles", watchfiles_changes
    return "polling", poll_changes


def typed_lines() -> queue.Queue[str]:
    """Lines typed at the terminal, read by a daemon thread (none once stdin is closed)."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in sys.stdin:
            lines.put(line.strip().lower())

    threading.Thread(target=read, name="typed-lines", daemon=True).start()
    return lines


def grade(exercise: catalog.Exercise) -> bool:
    """Grade one exercise in an isolated interpreter, show its lines, return solved."""
    outcome = progress.grade_afresh([exercise])[0]
    symbols = report.symbols_for(sys.stdout.encoding)
    say(f"{outcome.mark(symbols)} {exercise.short_name}  {exercise.title}")
    if outcome.note:
        say(f"      {outcome.note}")
    return outcome.solved


def show_verdict(outcome: report.Outcome) -> None:
    symbols = report.symbols_for(sys.stdout.encoding)
    say(f"{outcome.mark(symbols)} {outcome.exercise.short_name}  {outcome.exercise.title}")


def say(line: str = "") -> None:
    print(line, flush=True)


def show_hint(exercise: catalog.Exercise) -> None:
    level, text = learner_state.next_hint(exercise)
    say(f"Hint {level}/{len(exercise.hints)} for {exercise.short_name}: {text}")


def introduce(exercise: catalog.Exercise) -> None:
    files = ", ".join(f"exercises/{exercise.slug}/{relative}" for relative in exercise.edit)
    say(f"Now: {exercise.short_name} {exercise.title}. Edit and save {files}.")


def prompt() -> None:
    say("Watching: save to grade again, h + Enter for a hint, q + Enter or Ctrl+C to stop.")


def watch(force_polling: bool = False) -> int:
    """Run until every exercise is solved (0) or the learner stops (0)."""
    say("Finding where you are (recorded verdicts, and a grading of what changed)...")
    exercises = catalog.all_exercises()
    try:
        current = progress.first_unsolved(exercises, show_verdict)
        if current is not None:
            current = follow(exercises, current, force_polling)
    except KeyboardInterrupt:
        say("Stopped watching.")
        return 0
    say("Every exercise is solved. Well done!" if current is None else "Stopped watching.")
    return 0


def follow(
    exercises: list[catalog.Exercise], current: catalog.Exercise, force_polling: bool
) -> catalog.Exercise | None:
    """Grade ``current`` on every save until it is solved, then the next unsolved one;
    return the exercise the learner stopped at (None: all solved)."""
    source_name, changes_in = change_source(force_polling)
    lines = typed_lines()
    stopped = False

    def stop() -> bool:
        return stopped

    while current is not None:
        introduce(current)
        say(f"(noticing saves by {source_name})")
        prompt()
        for changed in changes_in(current.folder, stop):
            while not lines.empty():
                typed = lines.get()
                if typed in {"q", "quit"}:
                    stopped = True
                elif typed.startswith("h"):
                    show_hint(current)
            if stopped:
                return current
            if not changed:
                continue
            names = ", ".join(sorted(path.name for path in changed))
            say(f"\n[{datetime.now():%H:%M:%S}] {names} changed: grading {current.short_name}")
            if grade(current):
                say(f"{current.short_name} is solved!")
                if current.debrief:
                    say(f"How this bug happens: python -m exercises debrief {current.number}")
                later = exercises[exercises.index(current) + 1:]
                current = progress.first_unsolved(later, show_verdict)
                break
            prompt()
        else:
            return current  # the change source ended (stopped)
    return None
