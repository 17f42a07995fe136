"""Watch mode, driven as a learner would: save a fix, read the verdict, ask a hint, stop."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from course import watch
from course.catalog import all_exercises
from tests.lab import pristine_or_skip, solution_files

FIRST, SECOND = all_exercises()[:2]


class Learner:
    """``python -m exercises watch`` in a copy of the lab, read line by line."""

    def __init__(self, repo: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "exercises", "watch", *args], cwd=repo, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        pytest.fail(f"never saw {text!r}; saw:\n" + "\n".join(self.seen))

    def type(self, line: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def quit(self) -> None:
        """Type q, as the prompt says, and see watch end cleanly."""
        self.type("q")
        self.wait_for("Stopped watching.")
        assert self.process.wait(timeout=30) == 0

    def __enter__(self) -> Learner:
        return self

    def __exit__(self, *_exc) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return pristine_or_skip(tmp_path / "course")


@pytest.mark.parametrize("noticed_by", ["polling", "watchfiles"])
def test_a_saved_fix_is_graded_and_the_next_exercise_comes_up(repo: Path, noticed_by: str):
    if noticed_by == "watchfiles":
        pytest.importorskip("watchfiles", reason="watchfiles is in requirements.lock")
    with Learner(repo, *(["--poll"] if noticed_by == "polling" else [])) as learner:
        learner.wait_for(f"Now: {FIRST.short_name}")
        learner.wait_for(f"(noticing saves by {noticed_by})")
        learner.wait_for("Watching")
        time.sleep(watch.POLL_SECONDS * 2)  # the first snapshot is taken
        for relative in solution_files(FIRST.slug):
            fixed = repo / "solutions" / FIRST.slug / relative
            shutil.copy(fixed, repo / "exercises" / FIRST.slug / relative)
        learner.wait_for(f"changed: grading {FIRST.short_name}")
        learner.wait_for(f"{FIRST.short_name} is solved!")
        learner.wait_for(f"Now: {SECOND.short_name}")
        learner.type("h")
        learner.wait_for(f"Hint 1/{len(SECOND.hints)} for {SECOND.short_name}")
        if os.name == "posix":  # Ctrl+C in a terminal sends SIGINT to the foreground process
            learner.process.send_signal(signal.SIGINT)
            learner.wait_for("Stopped watching.")
            assert learner.process.wait(timeout=30) == 0
        else:
            learner.quit()
        assert not any("Traceback" in line for line in learner.seen)


def test_a_wrong_edit_keeps_the_exercise_and_says_so(repo: Path):
    with Learner(repo, "--poll") as learner:
        learner.wait_for("Watching")
        time.sleep(watch.POLL_SECONDS * 2)
        edited = repo / "exercises" / FIRST.slug / FIRST.edit[0]
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text + "\n# still looking\n", encoding="utf-8")
        learner.wait_for(f"changed: grading {FIRST.short_name}")
        learner.wait_for("Watching")
        assert not any("is solved" in line for line in learner.seen)
        learner.quit()


def test_only_the_files_a_learner_edits_are_watched(tmp_path: Path):
    assert watch.is_watched(tmp_path / "features.py")
    assert watch.is_watched(tmp_path / "analysis.ipynb")
    assert not watch.is_watched(tmp_path / "__pycache__" / "features.cpython-312.pyc")
    assert not watch.is_watched(tmp_path / "__pycache__" / "x.py")
    assert not watch.is_watched(tmp_path / "exercise.toml")


@pytest.mark.skipif(os.name != "posix", reason="Ctrl+C is sent as SIGINT")
def test_ctrl_c_while_it_grades_the_lab_stops_it_at_once(repo: Path):
    with Learner(repo, "--poll") as learner:
        learner.wait_for("Finding where you are")
        time.sleep(0.5)  # the first grading has begun: nothing is recorded in a fresh copy
        stopped_at = time.monotonic()
        learner.process.send_signal(signal.SIGINT)
        learner.wait_for("Stopped watching.", seconds=30)
        assert learner.process.wait(timeout=30) == 0
        # Bounded, not fast: before, the grading swallowed Ctrl+C and ran to its end.
        assert time.monotonic() - stopped_at < 20
        assert not any("Traceback" in line for line in learner.seen)


def test_a_leftover_breakpoint_is_named_and_watching_goes_on(repo: Path):
    with Learner(repo, "--poll") as learner:
        learner.wait_for("Watching")
        time.sleep(watch.POLL_SECONDS * 2)
        edited = repo / "exercises" / FIRST.slug / solution_files(FIRST.slug)[0]
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("\ndef ", "\ndef _stop():\n    breakpoint()\n\n\n_stop()\n"
                                       "\n\ndef ", 1), encoding="utf-8")
        learner.wait_for(f"changed: grading {FIRST.short_name}")
        learner.wait_for("leftover breakpoint()", seconds=90)
        learner.wait_for("Watching")
        learner.quit()
