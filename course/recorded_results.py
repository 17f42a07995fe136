"""The last verdict of each exercise, kept with a fingerprint of every file it depends on.

``python -m exercises progress`` and ``watch`` show a recorded verdict while
nothing it depends on has changed (the exercise's folder, the data, the course's
code, the interpreter), and grade again only the exercises whose files changed.
The file is a cache in ``.course/`` (git-ignored): unreadable, it is simply
rebuilt. In CI (``CI`` set) nothing recorded is trusted; everything is graded
afresh. Standard library only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from course import report, tamper
from course.bonus import answered_correctly
from course.catalog import ROOT, Exercise
from course.learner_state import STATE_DIR

RESULTS_FILE = STATE_DIR / "results.json"
SHARED_FOLDERS = ("course", "data")
SHARED_FILES = ("pyproject.toml", "exercises/__init__.py", "exercises/conftest.py")
SKIPPED_PARTS = frozenset({"__pycache__", ".ipynb_checkpoints"})


def _files_under(folder: Path) -> Iterable[Path]:
    return (
        path for path in sorted(folder.rglob("*"))
        if path.is_file() and not SKIPPED_PARTS & set(path.parts)
    )


def _digest(paths: Iterable[Path]) -> hashlib._Hash:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest


@cache
def _shared_fingerprint() -> str:
    shared = [path for folder in SHARED_FOLDERS for path in _files_under(ROOT / folder)]
    shared += [ROOT / name for name in SHARED_FILES if (ROOT / name).is_file()]
    digest = _digest(shared)
    digest.update(f"{sys.executable}\0{sys.version}\0{tamper.foreign_files()}".encode())
    return digest.hexdigest()


def fingerprint(exercise: Exercise) -> str:
    digest = _digest(_files_under(exercise.folder))
    digest.update(_shared_fingerprint().encode())
    return digest.hexdigest()


def _load() -> dict[str, dict]:
    try:
        data = json.loads(RESULTS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record(outcomes: Sequence[report.Outcome], fingerprints: dict[str, str] | None = None) -> None:
    """Keep the verdicts a run reached (not those it left "not graded"), each with the
    fingerprint its files had when grading began (``fingerprints``) or have now."""
    kept = [outcome for outcome in outcomes if outcome.graded or outcome.edited]
    if not kept:
        return
    fingerprints = fingerprints or {}
    data = _load()
    for outcome in kept:
        slug = outcome.exercise.slug
        data[slug] = {
            "fingerprint": fingerprints.get(slug) or fingerprint(outcome.exercise),
            **outcome.to_record(),
        }
    with contextlib.suppress(OSError):  # a read-only checkout still grades, just slower
        STATE_DIR.mkdir(parents=True, exist_ok=True)
        partial = RESULTS_FILE.with_suffix(".json.partial")
        partial.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(partial, RESULTS_FILE)


def split(
    exercises: Sequence[Exercise], answers: dict[str, dict]
) -> tuple[dict[str, report.Outcome], list[Exercise]]:
    """The exercises whose recorded verdict still holds (as outcomes), and the rest."""
    data = {} if os.environ.get("CI") else _load()
    fresh, stale = {}, []
    for exercise in exercises:
        entry = data.get(exercise.slug)
        if isinstance(entry, dict) and entry.get("fingerprint") == fingerprint(exercise):
            fresh[exercise.slug] = report.Outcome.from_record(
                exercise, entry, bonus=answered_correctly(exercise, answers)
            )
        else:
            stale.append(exercise)
    return fresh, stale
