"""Helpers for tests that grade a copy of the lab as a learner would.

A copy holds what a fresh clone plus work in progress holds (git-tracked and
untracked-not-ignored files: no .venv, site/ or build/), and pytest runs in it
with this virtualenv's interpreter. A *pristine* copy has the course's original
of every file a learner edits laid over it (from ``course/manifest.json`` and
git): the lab as shipped, whatever a learner has solved in the working tree (so
the project's tests pass in a learner's fork too).
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from course import manifest
from course.catalog import ROOT, SOLUTIONS_DIR, Exercise
from course.git_history import HistoryError, original_bytes


def tracked_files(root: Path = ROOT) -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root, capture_output=True, check=True, text=True,
    ).stdout
    return [name for name in listing.split("\0") if name and (root / name).is_file()]


def copy_repository(destination: Path) -> Path:
    for name in tracked_files():
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return destination


def lay_originals(repo: Path) -> Path:
    """Make the copy ``repo`` the lab as shipped: the course's original of every file a
    learner edits, from the manifest and git. Checks, data and solutions stay as they are:
    a learner never changes them (the grader and the manifest test say so when one does),
    and an author's new check must be tested before `make manifest` records it."""
    entries = manifest.load(ROOT) or {}
    for path, entry in entries.items():
        target = repo / path
        if entry.role == manifest.EDIT and not (
            target.is_file() and manifest.matches(entry, target.read_bytes())
        ):
            target.write_bytes(original_bytes(ROOT / path))
    return repo


def pristine_repository(destination: Path) -> Path:
    """A copy of the repository with the lab exactly as the course ships it."""
    return lay_originals(copy_repository(destination))


def originals_out_of_reach() -> bool:
    """A shallow clone or a copy without git: a fork's solved files hide the originals."""
    found = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True
    )
    return found.returncode != 0 or found.stdout.strip() == "true"


def pristine_or_skip(destination: Path) -> Path:
    """A pristine copy; the test is skipped where git cannot hold the originals (a shallow
    clone, a ZIP), and fails where it should (an author's manifest names a blob never
    committed: run `make manifest`)."""
    try:
        return pristine_repository(destination)
    except HistoryError as error:
        if originals_out_of_reach():
            pytest.skip(f"the course's original files are not available here: {error}")
        raise


def lab_is_pristine(root: Path = ROOT) -> bool:
    """Every file a learner edits is the course's (as on the course's own repository)."""
    entries = manifest.load(root) or {}
    return not any(
        manifest.differs(entry, root) for entry in entries.values() if entry.role == manifest.EDIT
    )


_SHIPPED_LAB_LOCK = threading.Lock()


def shipped_lab() -> Path:
    """The lab as shipped: the repository itself when its lab is pristine, else a pristine
    copy made once per session (a learner's fork) and removed at exit. Debugger tests
    call it from several threads at once: they must all get the same copy."""
    with _SHIPPED_LAB_LOCK:
        return _shipped_lab()


@cache
def _shipped_lab() -> Path:
    if lab_is_pristine():
        return ROOT
    folder = Path(tempfile.mkdtemp(prefix="shipped-lab-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return pristine_or_skip(folder / "repo")


def shipped_file(exercise: Exercise, relative: str) -> Path:
    """A file of ``exercise`` as shipped (see :func:`shipped_lab`)."""
    return shipped_lab() / exercise.folder.relative_to(ROOT) / relative


def shipped_check(exercise: Exercise) -> Path:
    """The exercise's check as shipped: the file a learner has open to debug it."""
    return next((shipped_lab() / exercise.folder.relative_to(ROOT)).glob("test_*.py"))


def solution_files(slug: str) -> list[str]:
    """The fixed files of one exercise, relative to its folder."""
    folder = SOLUTIONS_DIR / slug
    if not folder.is_dir():
        return []
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def lay_solutions(repo: Path) -> Path:
    """Copy every solution over the exercise it fixes, inside ``repo``."""
    for folder in sorted(SOLUTIONS_DIR.iterdir()):
        for relative in solution_files(folder.name):
            shutil.copy2(folder / relative, repo / "exercises" / folder.name / relative)
    return repo


def run_pytest(repo: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=repo, capture_output=True, text=True, timeout=timeout,
    )


@dataclass(frozen=True)
class Case:
    """One test case of pytest's JUnit XML report."""

    exercise: str  # the exercise folder, e.g. ex03_conditional_breakpoint
    name: str
    verdict: str  # passed | failure | error | skipped
    message: str


def read_junit(report: Path) -> list[Case]:
    cases = []
    for case in ET.parse(report).getroot().iter("testcase"):
        found = (case.find(tag) for tag in ("failure", "error", "skipped"))
        problem = next((element for element in found if element is not None), None)
        cases.append(Case(
            exercise=[*case.get("classname", "").split("."), ""][1],
            name=case.get("name", ""),
            verdict="passed" if problem is None else problem.tag,
            message="" if problem is None else problem.get("message", ""),
        ))
    return cases


def cases_by_exercise(report: Path) -> dict[str, list[Case]]:
    grouped: dict[str, list[Case]] = {}
    for case in read_junit(report):
        grouped.setdefault(case.exercise, []).append(case)
    return grouped
