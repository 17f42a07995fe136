"""The learner's local course state, kept in ``.course/``: hints seen, bonus answers, backups.

The folder is git-ignored except ``answers.toml``: committing the bonus answers
lets a fork's "Grade my exercises" job show their stars, while hints seen and
backups stay on the learner's machine. Standard library
only: the grader reads the answers on every run.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from datetime import datetime
from pathlib import Path

from course.catalog import ROOT, Exercise

STATE_DIR = ROOT / ".course"
STATE_FILE = STATE_DIR / "state.json"
ANSWERS_FILE = STATE_DIR / "answers.toml"


def load() -> dict:
    if not STATE_FILE.exists():
        return {"hints_seen": {}}
    try:
        return json.loads(STATE_FILE.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        # A hand-edited or truncated file should not block the course.
        return {"hints_seen": {}}


def save(state: dict) -> None:
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    STATE_FILE.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def next_hint(exercise: Exercise) -> tuple[int, str]:
    """Return (1-based level, text) of the next unseen hint and remember it.

    Once every hint has been shown, the last (most explicit) one is repeated.
    """
    state = load()
    seen = state["hints_seen"].get(exercise.slug, 0)
    level = min(seen + 1, len(exercise.hints))
    state["hints_seen"][exercise.slug] = level
    save(state)
    return level, exercise.hints[level - 1]


def seen_hints(exercise: Exercise) -> list[str]:
    """The hints of ``exercise`` shown so far, gentlest first."""
    seen = load()["hints_seen"].get(exercise.slug, 0)
    return list(exercise.hints[:seen])


def read_answers(path: Path = ANSWERS_FILE) -> dict[str, dict]:
    """The learner's bonus answers, ``[ex03] answer = "..."``; unreadable means none."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def save_answer(exercise: Exercise, answer: str) -> None:
    """Record the learner's bonus answer in ``.course/answers.toml``, keeping the others."""
    answers = read_answers()
    answers[exercise.short_name] = {"answer": answer}
    # A JSON string literal is also a valid TOML basic string.
    lines = [
        f"[{key}]\nanswer = {json.dumps(str(entry.get('answer', '')))}\n"
        for key, entry in sorted(answers.items())
        if isinstance(entry, dict)
    ]
    ANSWERS_FILE.parent.mkdir(parents=True, exist_ok=True)
    ANSWERS_FILE.write_text("\n".join(lines), encoding="utf-8")


def back_up(files: list[Path], name: str) -> Path:
    """Copy the learner's current files to ``.course/backups/<name>/<time>/``, keeping their
    paths from the repository root, before anything overwrites or removes them."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = STATE_DIR / "backups" / name / stamp
    target.mkdir(parents=True)
    for file in files:
        if file.exists():
            copy = target / file.resolve().relative_to(ROOT)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, copy)
    return target
